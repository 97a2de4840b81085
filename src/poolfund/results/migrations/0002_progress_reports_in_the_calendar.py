"""Progress reports become revisions of a scheduled report of the reporting calendar.

A progress report recorded before the calendar existed becomes the first revision of an annual
progress report over the same period, submitted when it was (it had no review then), due as the
calendar dates annual reports (30 April of the next year, the default setting)."""

import datetime

import django.db.models.deletion
from django.db import migrations, models


def into_the_calendar(apps, schema_editor):
    ProgressReport = apps.get_model("results", "ProgressReport")
    ScheduledReport = apps.get_model("reporting", "ScheduledReport")
    for progress in ProgressReport.objects.all():
        due_on = datetime.date(progress.period_end.year + 1, 4, 30)
        progress.scheduled_report = ScheduledReport.objects.create(
            programme_id=progress.programme_id,
            kind="annual-progress",
            period_start=progress.period_start,
            period_end=progress.period_end,
            calendar_due_on=due_on,
            due_on=due_on,
            status="submitted",
            submitted_at=progress.submitted_at,
        )
        progress.save(update_fields=["scheduled_report"])


class Migration(migrations.Migration):
    dependencies = [
        ("reporting", "0001_initial"),
        ("results", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="indicator",
            name="target_breakdown",
            field=models.JSONField(
                blank=True,
                default=dict,
                help_text='e.g. {"sex": {"female": 2500, "male": 2500}}; each adds up to the target.',
                verbose_name="target broken down",
            ),
        ),
        migrations.AddField(
            model_name="progressreport",
            name="accepted_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="accepted at"),
        ),
        migrations.AddField(
            model_name="progressreport",
            name="revision",
            field=models.PositiveSmallIntegerField(default=1, verbose_name="revision"),
        ),
        migrations.AddField(
            model_name="progressreport",
            name="scheduled_report",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="progress_revisions",
                to="reporting.scheduledreport",
            ),
        ),
        migrations.AddField(
            model_name="progressreport",
            name="superseded_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="superseded at"),
        ),
        migrations.RunPython(into_the_calendar, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="progressreport",
            name="scheduled_report",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="progress_revisions",
                to="reporting.scheduledreport",
            ),
        ),
        migrations.AlterModelOptions(
            name="progressreport",
            options={"ordering": ["scheduled_report", "revision"]},
        ),
        migrations.RemoveConstraint(
            model_name="progressreport",
            name="one_progress_report_per_period",
        ),
        migrations.RemoveField(model_name="progressreport", name="period_end"),
        migrations.RemoveField(model_name="progressreport", name="period_start"),
        migrations.RemoveField(model_name="progressreport", name="programme"),
        migrations.RemoveField(model_name="progressreport", name="submitted_at"),
        migrations.RemoveField(model_name="progressreport", name="submitted_by"),
        migrations.AlterField(
            model_name="progressreport",
            name="narrative",
            field=models.TextField(blank=True, verbose_name="narrative"),
        ),
        migrations.AddConstraint(
            model_name="progressreport",
            constraint=models.UniqueConstraint(
                fields=("scheduled_report", "revision"), name="one_progress_revision_number"
            ),
        ),
    ]
