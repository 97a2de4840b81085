"""A Joint Programme's results framework (outcome → outputs → indicators) and the content of its
progress reports: a narrative and indicator values, in revisions of a scheduled report of the
reporting calendar (`poolfund.reporting`), whose status says where the report stands."""

from django.db import models
from django.utils.translation import gettext_lazy as _

MEASURE = {"max_digits": 20, "decimal_places": 4}


class Outcome(models.Model):
    programme = models.ForeignKey(
        "programmes.JointProgramme", on_delete=models.CASCADE, related_name="outcomes"
    )
    code = models.CharField(_("code"), max_length=20)
    statement = models.TextField(_("statement"))

    class Meta:
        ordering = ["programme", "code"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "code"], name="outcome_code_unique")
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.statement[:80]}"


class Output(models.Model):
    outcome = models.ForeignKey(Outcome, on_delete=models.CASCADE, related_name="outputs")
    code = models.CharField(_("code"), max_length=20)
    statement = models.TextField(_("statement"))

    class Meta:
        ordering = ["outcome", "code"]
        constraints = [
            models.UniqueConstraint(fields=["outcome", "code"], name="output_code_unique")
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.statement[:80]}"


class Indicator(models.Model):
    """What is measured, from its baseline to its target, in a unit, possibly broken down by
    sex, age and migratory status; tagged with the GCM objectives it serves."""

    output = models.ForeignKey(Output, on_delete=models.CASCADE, related_name="indicators")
    code = models.CharField(_("code"), max_length=20)
    description = models.TextField(_("description"))
    unit = models.CharField(_("unit"), max_length=60)
    baseline = models.DecimalField(_("baseline"), **MEASURE)
    target = models.DecimalField(_("target"), **MEASURE)
    disaggregations = models.JSONField(
        _("disaggregated by"), default=list, blank=True, help_text=_("e.g. ['sex', 'age']")
    )
    target_breakdown = models.JSONField(
        _("target broken down"),
        default=dict,
        blank=True,
        help_text=_('e.g. {"sex": {"female": 2500, "male": 2500}}; each adds up to the target.'),
    )
    objectives = models.ManyToManyField(
        "framework.Objective", related_name="indicators", blank=True
    )

    class Meta:
        ordering = ["output", "code"]
        constraints = [
            models.UniqueConstraint(fields=["output", "code"], name="indicator_code_unique")
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.description[:80]}"


class ProgressReport(models.Model):
    """One revision of a narrative report's content (annual progress or final narrative).

    The first revision is written while the report is due; it may change until the FMU accepts
    the report. After that a correction is a new revision (`start_revision`), and the accepted
    one keeps counting until the new one is accepted: the values that count are those of the
    revision with `accepted_at` set and `superseded_at` empty."""

    scheduled_report = models.ForeignKey(
        "reporting.ScheduledReport", on_delete=models.PROTECT, related_name="progress_revisions"
    )
    revision = models.PositiveSmallIntegerField(_("revision"), default=1)
    narrative = models.TextField(_("narrative"), blank=True)
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    superseded_at = models.DateTimeField(_("superseded at"), null=True, blank=True)

    class Meta:
        ordering = ["scheduled_report", "revision"]
        constraints = [
            models.UniqueConstraint(
                fields=["scheduled_report", "revision"], name="one_progress_revision_number"
            )
        ]

    def __str__(self) -> str:
        return f"{self.scheduled_report} (revision {self.revision})"

    @property
    def programme(self):
        return self.scheduled_report.programme

    @property
    def period_start(self):
        return self.scheduled_report.period_start

    @property
    def period_end(self):
        return self.scheduled_report.period_end

    @property
    def is_frozen(self) -> bool:
        """Accepted revisions never change."""
        return self.accepted_at is not None


class IndicatorValue(models.Model):
    """A value achieved by the end of a report's period: the total (empty breakdown) or one
    cell of a breakdown such as {"sex": "female", "age": "18-24"}."""

    report = models.ForeignKey(ProgressReport, on_delete=models.CASCADE, related_name="values")
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="values")
    value = models.DecimalField(_("value"), **MEASURE)
    breakdown = models.JSONField(_("breakdown"), default=dict, blank=True)

    class Meta:
        ordering = ["report", "indicator"]

    def __str__(self) -> str:
        return f"{self.indicator.code} = {self.value}"
