"""Forms of the results pages: the framework's outcome, output and indicator, and a progress
report's entry (a narrative and, per indicator, the period's value and its breakdown)."""

from decimal import Decimal

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from poolfund.errors import DomainError
from poolfund.results.choices import GROUPS, Disaggregation
from poolfund.results.models import MEASURE, Indicator, Outcome, Output
from poolfund.results.selectors import ValueEntry
from poolfund.results.services import ReportedValue, save_progress

FORM_FIELDS = {"target_breakdown": "target"}
"""The services' field names the forms name otherwise (an indicator's target breakdown is
entered at its target)."""


def form_field(name: str) -> str:
    """The form field of a service's field name: `indicator-7` (the values of indicator 7) is
    the progress form's `total-7`."""
    if name.startswith("indicator-"):
        return "total-" + name.removeprefix("indicator-")
    return FORM_FIELDS.get(name, name)


def on_form(error: DomainError) -> DomainError:
    """The error with its fields named as the forms name them, for `show_domain_error`."""
    error.fields = {form_field(name): message for name, message in error.fields.items()}
    return error


def measure(label, **kwargs) -> forms.DecimalField:
    return forms.DecimalField(label=label, **MEASURE, **kwargs)


def cell_name(prefix: str, dimension: str, group: str) -> str:
    return f"{prefix}-{dimension}-{group}"


def add_breakdown_fields(form: forms.Form, prefix: str, dimensions, initial=None) -> None:
    """One optional number per group of each dimension, e.g. `target-sex-female`."""
    for dimension in dimensions:
        for group in GROUPS[dimension]:
            form.fields[cell_name(prefix, dimension, group.value)] = measure(
                f"{Disaggregation(dimension).label}: {group.label}",
                required=False,
                initial=((initial or {}).get(dimension) or {}).get(group.value),
            )


def breakdown_of(cleaned: dict, prefix: str, dimensions) -> dict[str, dict[str, Decimal]]:
    breakdown: dict[str, dict[str, Decimal]] = {}
    for dimension in dimensions:
        for group in GROUPS[dimension]:
            value = cleaned.get(cell_name(prefix, dimension, group.value))
            if value is not None:
                breakdown.setdefault(dimension, {})[group.value] = value
    return breakdown


class OutcomeForm(forms.Form):
    code = forms.CharField(label=_("Code"), max_length=20)
    statement = forms.CharField(label=_("Statement"), widget=forms.Textarea(attrs={"rows": 2}))


class OutputForm(OutcomeForm):
    outcome = forms.ModelChoiceField(label=_("Outcome"), queryset=Outcome.objects.none())

    def __init__(self, *args, programme, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["outcome"].queryset = Outcome.objects.filter(programme=programme)


class IndicatorForm(forms.Form):
    """The target's breakdown is optional; given, each dimension adds up to the target."""

    output = forms.ModelChoiceField(label=_("Output"), queryset=Output.objects.none())
    code = forms.CharField(label=_("Code"), max_length=20)
    description = forms.CharField(label=_("Description"), widget=forms.Textarea(attrs={"rows": 2}))
    unit = forms.CharField(label=_("Unit"), max_length=60, required=False)
    baseline = measure(_("Baseline"))
    target = measure(_("Target"))
    disaggregations = forms.MultipleChoiceField(
        label=_("Disaggregated by"),
        choices=Disaggregation.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    objectives = forms.CharField(
        label=_("GCM objectives"),
        required=False,
        help_text=_("The Compact's objective numbers, separated by commas, e.g. 7, 23."),
    )

    def __init__(self, *args, programme, indicator: Indicator | None = None, **kwargs) -> None:
        if indicator is not None:
            kwargs.setdefault(
                "initial",
                {
                    "output": indicator.output_id,
                    "code": indicator.code,
                    "description": indicator.description,
                    "unit": indicator.unit,
                    "baseline": indicator.baseline,
                    "target": indicator.target,
                    "disaggregations": indicator.disaggregations,
                    "objectives": ", ".join(
                        str(objective.number) for objective in indicator.objectives.all()
                    ),
                },
            )
        super().__init__(*args, **kwargs)
        self.fields["output"].queryset = Output.objects.filter(outcome__programme=programme)
        add_breakdown_fields(
            self, "target", Disaggregation.values, indicator.target_breakdown if indicator else None
        )

    def clean_objectives(self) -> list[int]:
        text = self.cleaned_data["objectives"].replace(";", ",")
        try:
            return [int(part) for part in text.split(",") if part.strip()]
        except ValueError:
            raise forms.ValidationError(_("Give objective numbers, e.g. 7, 23.")) from None

    def service_fields(self) -> dict:
        data = dict(self.cleaned_data)
        data["target_breakdown"] = breakdown_of(data, "target", Disaggregation.values)
        return {
            key: data[key]
            for key in (
                "code",
                "description",
                "unit",
                "baseline",
                "target",
                "disaggregations",
                "objectives",
                "target_breakdown",
            )
        }


class ProgressForm(forms.Form):
    """A narrative and, per indicator of the programme, the period's total and breakdown (an
    indicator left empty has no value for the period)."""

    narrative = forms.CharField(label=_("Narrative"), widget=forms.Textarea(attrs={"rows": 8}))

    def __init__(
        self, *args, indicators: list[Indicator], entries: dict[int, ValueEntry], **kwargs
    ) -> None:
        super().__init__(*args, **kwargs)
        self.indicators = indicators
        for indicator in indicators:
            entry = entries.get(indicator.pk)
            self.fields[f"total-{indicator.pk}"] = measure(
                format_lazy("{} · {}", indicator.code, _("Achieved by the end of the period")),
                required=False,
                initial=entry.total if entry else None,
            )
            add_breakdown_fields(
                self,
                f"i{indicator.pk}",
                indicator.disaggregations,
                entry.breakdown if entry else None,
            )

    def indicator_fields(self):
        """(indicator, total field, breakdown fields) for the template, one block each."""
        for indicator in self.indicators:
            prefix = f"i{indicator.pk}-"
            yield (
                indicator,
                self[f"total-{indicator.pk}"],
                [self[name] for name in self.fields if name.startswith(prefix)],
            )

    def clean(self) -> dict:
        cleaned = super().clean()
        for indicator in self.indicators:
            name = f"total-{indicator.pk}"
            breakdown = breakdown_of(cleaned, f"i{indicator.pk}", indicator.disaggregations)
            if cleaned.get(name) is None and name not in self.errors and breakdown:
                self.add_error(name, _("Give the total the breakdown adds up to."))
        return cleaned

    def values(self) -> list[ReportedValue]:
        reported = []
        for indicator in self.indicators:
            total = self.cleaned_data.get(f"total-{indicator.pk}")
            if total is not None:
                breakdown = breakdown_of(
                    self.cleaned_data, f"i{indicator.pk}", indicator.disaggregations
                )
                reported.append(ReportedValue(indicator, total, breakdown))
        return reported

    def perform(self, *, actor, report):
        try:
            return save_progress(
                actor=actor,
                report=report,
                narrative=self.cleaned_data["narrative"],
                values=self.values(),
            )
        except DomainError as error:
            on_form(error)
            raise
