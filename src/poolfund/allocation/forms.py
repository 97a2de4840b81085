from django import forms
from django.utils.translation import gettext_lazy as _

from poolfund.allocation.models import AllocationRound, RoundPolicy
from poolfund.allocation.services import POLICY_FIELDS, set_round_policy
from poolfund.programmes.choices import ConceptNoteState
from poolfund.programmes.models import ConceptNote


class RoundPolicyForm(forms.ModelForm):
    """The FMU's settings of a round; saving goes through `set_round_policy`."""

    class Meta:
        model = RoundPolicy
        fields = ("money_as_of", *POLICY_FIELDS, "must_include", "must_exclude")
        widgets = {"money_as_of": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        pipeline = ConceptNote.objects.filter(state=ConceptNoteState.IN_PIPELINE)
        for field in ("must_include", "must_exclude"):
            self.fields[field].queryset = pipeline
            self.fields[field].required = False
        self.fields["thematic_area_shares"].required = False

    def perform(self, *, actor, allocation_round: AllocationRound) -> RoundPolicy:
        data = dict(self.cleaned_data)
        return set_round_policy(
            actor=actor,
            allocation_round=allocation_round,
            money_as_of=data.pop("money_as_of"),
            must_include=data.pop("must_include"),
            must_exclude=data.pop("must_exclude"),
            reason="policy settings changed on the round page",
            **{field: default(field) if value is None else value for field, value in data.items()},
        )


class DecisionForm(forms.Form):
    """The Steering Committee's decision on the proposal for the pins posted with it; the
    service refuses an empty reason (its code is the API's), so the field is not required."""

    reason = forms.CharField(
        label=_("Reason (kept with every approval)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )


def default(field: str):
    return RoundPolicy._meta.get_field(field).get_default()
