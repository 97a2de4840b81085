from django import forms
from django.utils.translation import gettext_lazy as _

from poolfund.knowledge.registry import SOURCES
from poolfund.knowledge.search import SearchFilters


class SearchForm(forms.Form):
    """The query and filters of a knowledge search, shared by the page and the API."""

    q = forms.CharField(label=_("Search"), required=False, max_length=500)
    country = forms.CharField(
        label=_("Country (ISO alpha-3)"), required=False, max_length=3, min_length=3
    )
    region = forms.CharField(label=_("Region (M49 code or name)"), required=False, max_length=100)
    objective = forms.IntegerField(label=_("GCM objective"), required=False, min_value=1)
    thematic_area = forms.IntegerField(label=_("Thematic area"), required=False, min_value=1)
    kind = forms.ChoiceField(label=_("Type"), required=False)
    year = forms.IntegerField(label=_("Year"), required=False, min_value=1900, max_value=2100)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", _("Any type"))] + [
            (kind, source.label) for kind, source in SOURCES.items()
        ]

    def filters(self) -> SearchFilters:
        data = self.cleaned_data
        return SearchFilters(
            country=(data["country"] or "").upper(),
            region=data["region"] or "",
            objective=data["objective"],
            thematic_area=data["thematic_area"],
            kind=data["kind"] or "",
            year=data["year"],
        )
