"""`AllocationRound` moves here from the programmes app (issue 24). The table keeps its name and
rows, so the database does not change: the model is created in the migration state only, the
foreign keys to it are re-pointed in the state only, and programmes' 0004 drops the old model
from the state. The round's content type moves with it, so the audit events and permissions
that name it keep pointing at it."""

from functools import partial

import django.db.models.deletion
from django.db import migrations, models


def move_content_type(apps, schema_editor, *, source, target):
    """Re-label the round's content type from app `source` to `target`, if there is one. A row
    for `target` may already exist (`ContentType.objects.get_for_model` creates it when the
    moved code runs before this migration has): it is dropped so the older row, which the
    audit events and permissions reference, takes its place."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    types = ContentType.objects.using(schema_editor.connection.alias)
    old = types.filter(app_label=source, model="allocationround")
    if old.exists():
        types.filter(app_label=target, model="allocationround").delete()
        old.update(app_label=target)


class Migration(migrations.Migration):
    dependencies = [
        ("allocation", "0001_round_policy_and_proposals"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("programmes", "0003_reporting_year"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="AllocationRound",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("name", models.CharField(max_length=120, unique=True, verbose_name="name")),
                        ("decided_on", models.DateField(blank=True, null=True, verbose_name="decided on")),
                        (
                            "envelope_usd",
                            models.DecimalField(
                                blank=True,
                                decimal_places=2,
                                max_digits=20,
                                null=True,
                                verbose_name="envelope (USD)",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "allocation round",
                        "verbose_name_plural": "allocation rounds",
                        "db_table": "programmes_allocationround",
                        "ordering": ["-decided_on", "name"],
                    },
                ),
                migrations.AlterField(
                    model_name="proposal",
                    name="allocation_round",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="proposals",
                        to="allocation.allocationround",
                    ),
                ),
                migrations.AlterField(
                    model_name="roundpolicy",
                    name="allocation_round",
                    field=models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="policy",
                        to="allocation.allocationround",
                    ),
                ),
            ],
        ),
        migrations.RunPython(
            partial(move_content_type, source="programmes", target="allocation"),
            partial(move_content_type, source="allocation", target="programmes"),
        ),
    ]
