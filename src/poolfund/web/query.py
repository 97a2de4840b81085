"""Reading the query string of a page or an API call."""

from datetime import date

from django.core.exceptions import BadRequest
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext as _


def day_in_query(query: QueryDict, name: str) -> date:
    """The day the query names (YYYY-MM-DD), today when it names none. A value that is not a
    day is refused (400 with the reason), never read as today."""
    value = query.get(name, "")
    if not value:
        return timezone.localdate()
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise BadRequest(
            _("“%(value)s” is not a date of the form YYYY-MM-DD (%(name)s).")
            % {"value": value, "name": name}
        ) from None
