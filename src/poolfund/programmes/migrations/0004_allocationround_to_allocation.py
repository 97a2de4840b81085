"""`AllocationRound` has moved to the allocation app (its 0002): the decisions' foreign key
points there and the old model leaves the migration state. The table, its rows and the
decisions' column stay as they are."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("allocation", "0002_allocationround_from_programmes"),
        ("programmes", "0003_reporting_year"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="steeringcommitteedecision",
                    name="allocation_round",
                    field=models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="decisions",
                        to="allocation.allocationround",
                    ),
                ),
                migrations.DeleteModel(name="AllocationRound"),
            ],
        ),
    ]
