"""A Joint Programme's results framework (outcome → outputs → indicators) and the progress
reports that give indicator values and a narrative."""

from django.conf import settings
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
    programme = models.ForeignKey(
        "programmes.JointProgramme", on_delete=models.PROTECT, related_name="progress_reports"
    )
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    narrative = models.TextField(_("narrative"))
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField(_("submitted at"), auto_now_add=True)

    class Meta:
        ordering = ["programme", "period_end"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "period_end"], name="one_progress_report_per_period"
            )
        ]

    def __str__(self) -> str:
        return f"{self.programme.code} {self.period_start} to {self.period_end}"


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
