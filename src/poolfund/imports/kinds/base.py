"""What every kind of spreadsheet import declares: its columns (the same as its export), its
natural key, how a row becomes a call of the app's own service, and its export.

A kind's `apply` takes one row (column name → cell) and returns what happened to it
(`Outcome`); it raises `RowError` for a cell it cannot read or a `DomainError` from the service
it calls. It never writes a model itself: donors, commitments and deposits go through
`poolfund.donors.services`, programmes and transfers through `poolfund.programmes.services`,
so the ledger, the rates and the rules are those of the forms and the API.
"""

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from django.utils.translation import gettext as _

from poolfund.api.tabular import flatten
from poolfund.imports.cells import CellError


class Outcome(StrEnum):
    CREATED = "created"
    UPDATED = "updated"
    UNCHANGED = "unchanged"
    REPLACED = "replaced"
    """A posted deposit whose money changed: reversed, and posted again as a new deposit."""


class RowError(Exception):
    """A row that cannot be imported: the column at fault (or "") and why."""

    def __init__(self, column: str, message: str) -> None:
        super().__init__(message)
        self.column = column
        self.message = message


@dataclass(frozen=True)
class Column:
    name: str
    help: str
    required: bool = False
    read_only: bool = False
    """Exported (computed from the other columns or the ledger) and ignored on import."""
    choices: Callable[[], list[str]] | None = None
    """The codes the template's data validation list offers."""
    example: str = ""


@dataclass(frozen=True)
class Applied:
    outcome: Outcome
    changes: dict[str, list[Any]] = field(default_factory=dict)
    """Column → [before, after] of an update or replacement."""


class Row:
    """One row's cells by column name, read with the `cells` readers; a cell that cannot be
    read raises `RowError` naming its column."""

    def __init__(self, number: int, values: dict[str, Any]) -> None:
        self.number = number
        self.values = values

    def read(self, column: str, reader: Callable[[Any], Any], *, required: bool = True) -> Any:
        cell = self.values.get(column)
        if required and (cell is None or (isinstance(cell, str) and not cell.strip())):
            raise RowError(column, _("This column is required."))
        try:
            return reader(cell)
        except CellError as error:
            raise RowError(column, error.message) from None


class Kind:
    slug: str = ""
    title: str = ""
    key: str = ""
    columns: tuple[Column, ...] = ()

    savepoint_per_row = True
    """`apply` writes, so each row runs in a savepoint and a bad row leaves nothing behind. A
    kind whose `apply` only checks a row and keeps it for `flush` to write needs none."""

    def header(self) -> list[str]:
        return [column.name for column in self.columns]

    def prepare(self) -> None:
        """Read once what the rows are compared with (existing records by key)."""

    def flush(self, *, actor) -> None:
        """Write what `apply` kept: called every `FLUSH_ROWS` rows of the engine, and at the
        end. Its rows were checked already, so an error here (a race with another writer) is
        no row's: it stops the import, which then writes nothing."""

    def apply(self, row: Row, *, actor) -> Applied:
        raise NotImplementedError

    def export_records(self) -> Iterator[dict[str, Any]]:
        """The kind's records as the serializer of its export gives them."""
        raise NotImplementedError

    def export_rows(self) -> Iterator[list[Any]]:
        names = self.header()
        for record in self.export_records():
            flat = flatten(record)
            yield [flat.get(name, "") for name in names]


def lookup(mapping: dict[str, Any], column: str, code: str, what: str) -> Any:
    """The record a code names, or a `RowError` saying no such code is known."""
    try:
        return mapping[code]
    except KeyError:
        raise RowError(
            column, _("No %(what)s has the code %(code)s.") % {"what": what, "code": code}
        ) from None


def differences(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    return {
        name: [before.get(name), value]
        for name, value in after.items()
        if str(before.get(name)) != str(value)
    }
