"""Reading one cell as text, an amount, a date, a yes/no or a list of codes.

The readings are documented in docs/imports.md:
- text is taken as written; the quote that PoolFund's exports put before text starting with
  = + - @ (so that a spreadsheet does not run it) is taken off again, and such text is stored
  as text, never evaluated;
- amounts may carry thousands separators in English (1,234,567.89) or Spanish (1.234.567,89)
  style, or spaces; when both a comma and a dot appear, the last one is the decimal mark. One
  separator followed by exactly three digits (1,000 or 1.000) is ambiguous and refused;
- dates are a date cell of the workbook, ISO 8601 (2024-03-31) or day first (31/03/2024,
  31.03.2024, 31-03-2024); month-first dates are refused where the day is over 12, and read as
  day-first otherwise (the UN style);
- lists are separated by semicolons.
"""

import re
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _

from poolfund.api.tabular import FORMULA_TRIGGERS, LIST_SEPARATOR

AMBIGUOUS_THOUSANDS = re.compile(r"^-?\d{1,3}[.,]\d{3}$")
DAY_FIRST = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[T ]00:00(?::00)?)?$")
TRUE_WORDS = {"true", "yes", "y", "1", "sí", "si", "verdadero", "x"}
FALSE_WORDS = {"false", "no", "n", "0", "falso", ""}


class CellError(ValueError):
    """A cell that cannot be read; `message` says why, in the person's language."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def text(cell: Any) -> str:
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    if isinstance(cell, datetime | date):
        return as_date(cell).isoformat()
    value = str(cell).strip()
    if value.startswith("'") and value[1:2] and value[1:].startswith(FORMULA_TRIGGERS):
        return value[1:]
    return value


def amount(cell: Any) -> Decimal:
    if isinstance(cell, bool):
        raise CellError(_("%(value)s is not an amount.") % {"value": cell})
    if isinstance(cell, int | Decimal):
        return Decimal(cell)
    if isinstance(cell, float):
        return Decimal(repr(cell))
    value = text(cell).replace("\u00a0", "").replace(" ", "").replace("'", "")
    if not value:
        raise CellError(_("An amount is required."))
    if AMBIGUOUS_THOUSANDS.match(value):
        raise CellError(
            _(
                "%(value)s is ambiguous: is it a thousand or one? Write it without a thousands "
                "separator or with the decimals (1000, 1,000.00 or 1.000,00)."
            )
            % {"value": value}
        )
    decimal_mark, thousands = _separators(value)
    whole, _mark, fraction = value.partition(decimal_mark) if decimal_mark else (value, "", "")
    groups = whole.lstrip("-").split(thousands) if thousands else [whole]
    if len(groups) > 1 and (
        not 1 <= len(groups[0]) <= 3 or any(len(group) != 3 for group in groups[1:])
    ):
        raise CellError(_("%(value)s is not an amount.") % {"value": value})
    try:
        return Decimal("".join(groups) + ("." + fraction if fraction else ""))
    except InvalidOperation:
        raise CellError(_("%(value)s is not an amount.") % {"value": value}) from None


def _separators(value: str) -> tuple[str, str]:
    """(decimal mark, thousands separator) of a written amount, "" where there is none."""
    if "," in value and "." in value:
        return (",", ".") if value.rfind(",") > value.rfind(".") else (".", ",")
    for mark in ",.":
        if value.count(mark) > 1:
            return "", mark
        if mark in value:
            return mark, ""
    return "", ""


def as_date(cell: Any) -> date:
    if isinstance(cell, datetime):
        if cell.time() != datetime.min.time():
            raise CellError(_("%(value)s has a time of day; give the date only.") % {"value": cell})
        return cell.date()
    if isinstance(cell, date):
        return cell
    value = text(cell)
    if not value:
        raise CellError(_("A date is required."))
    try:
        if match := ISO_DATE.match(value):
            year, month, day = (int(part) for part in match.groups())
            return date(year, month, day)
        if match := DAY_FIRST.match(value):
            day, month, year = (int(part) for part in match.groups())
            if month > 12 >= day:
                raise CellError(
                    _(
                        "%(value)s looks month first; dates are read day first "
                        "(31/03/2024) or as 2024-03-31."
                    )
                    % {"value": value}
                )
            return date(year, month, day)
    except ValueError as error:
        if isinstance(error, CellError):
            raise
        raise CellError(_("%(value)s is not a date.") % {"value": value}) from None
    raise CellError(
        _("%(value)s is not a date; write 2024-03-31 or 31/03/2024.") % {"value": value}
    )


def optional_date(cell: Any) -> date | None:
    return None if text(cell) == "" else as_date(cell)


def yes_no(cell: Any) -> bool:
    if isinstance(cell, bool):
        return cell
    value = text(cell).lower()
    if value in TRUE_WORDS:
        return True
    if value in FALSE_WORDS:
        return False
    raise CellError(_("%(value)s is neither true nor false.") % {"value": value})


def codes(cell: Any) -> list[str]:
    return [part.strip() for part in text(cell).split(LIST_SEPARATOR.strip()) if part.strip()]
