"""Reading the query string of a page or an API call: a value a list cannot read is refused
(400, naming the parameter and why), never read as something else."""

from collections.abc import Callable, Mapping
from datetime import date
from typing import Any, TypeVar

import django_filters
from django import forms
from django.core.exceptions import BadRequest, ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy


class RefusedQuery(BadRequest):
    """Query parameters refused, each with its reason: the 400 page shows them, and the API
    answers them in its error shape, at their fields."""

    def __init__(self, reasons: Mapping[str, str]):
        self.reasons = dict(reasons)
        super().__init__(" ".join(f"{name}: {reason}" for name, reason in self.reasons.items()))


def named_day(query: Mapping[str, str], name: str) -> date | None:
    """The day the query names (YYYY-MM-DD), None when it names none. A value that is not a
    day is refused."""
    value = query.get(name, "")
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise RefusedQuery(
            {
                name: _("“%(value)s” is not a date of the form YYYY-MM-DD (%(name)s).")
                % {"value": value, "name": name}
            }
        ) from None


def day_in_query(query: Mapping[str, str], name: str) -> date:
    """The day the query names, today when it names none."""
    return named_day(query, name) or timezone.localdate()


def whole_number_in_query(
    query: Mapping[str, str], name: str, *, default: int, least: int, most: int | None = None
) -> int:
    """The whole number the query gives (`default` when it gives none), at most `most` if given; one
    that is not a whole number, or is below `least`, is refused."""
    value = query.get(name, "")
    if not value:
        return default
    try:
        number = int(value)
    except ValueError:
        number = None
    if number is None or number < least:
        raise RefusedQuery(
            {
                name: _("“%(value)s” is not a whole number of at least %(least)d.")
                % {"value": value, "least": least}
            }
        )
    return number if most is None else min(number, most)


FilterSetType = TypeVar("FilterSetType", bound=django_filters.FilterSet)


def checked(filterset: FilterSetType) -> FilterSetType:
    """The filterset, once its query is read: a value it refuses is a `RefusedQuery`."""
    if not filterset.is_valid():
        raise RefusedQuery({name: " ".join(reasons) for name, reasons in filterset.errors.items()})
    return filterset


def given_filters(filterset: django_filters.FilterSet) -> dict[str, str]:
    """The filters the query gives, as given (not the page): for the list's links and the
    address bar."""
    given = {name: filterset.data.get(name, "").strip() for name in filterset.filters}
    return {name: value for name, value in given.items() if value}


class NamedField(forms.CharField):
    """Text naming one thing (a code or a name), read as that thing by `find`."""

    def __init__(self, *, find: Callable[[str], Any], refusal: str, **kwargs):
        self.find = find
        self.refusal = refusal
        super().__init__(**kwargs)

    def clean(self, value):
        text = super().clean(value)
        if not text:
            return None
        found = self.find(text)
        if found is None:
            raise ValidationError(self.refusal % {"value": text}, code="unknown")
        return found


class NamedFilter(django_filters.CharFilter):
    """A filter on one thing named in the query; `find(text)` gives it, or None when nothing
    bears that name (then the query is refused with `refusal`, where %(value)s is the text)."""

    field_class = NamedField


YES = {"1", "true", "yes"}
NO = {"0", "false", "no"}


class TruthField(forms.Field):
    def clean(self, value):
        text = (value or "").strip().lower()
        if not text:
            return None
        if text in YES | NO:
            return text in YES
        raise ValidationError(
            gettext_lazy("%(value)s is neither true nor false."),
            code="invalid",
            params={"value": value},
        )


class TruthFilter(django_filters.BooleanFilter):
    """true or false (also 1/0, yes/no, in any case); anything else is refused."""

    field_class = TruthField
