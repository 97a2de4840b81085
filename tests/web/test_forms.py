import pytest
from django import forms

from poolfund.geo.models import Country
from poolfund.web.forms import limit_choices


class PlaceForm(forms.Form):
    country = forms.ModelChoiceField(queryset=Country.objects.all())
    note = forms.CharField()


@pytest.mark.django_db
def test_limit_choices_offers_only_the_records_given():
    form = PlaceForm()
    limit_choices(form, "country", Country.objects.filter(iso3="MEX"))
    assert [choice for choice, _label in form.fields["country"].choices if choice] == [
        Country.objects.get(iso3="MEX").pk
    ]


def test_limit_choices_refuses_a_field_that_is_no_choice_of_records():
    with pytest.raises(TypeError, match="'note' is not a choice of records"):
        limit_choices(PlaceForm(), "note", Country.objects.none())
