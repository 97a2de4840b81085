"""The kinds of records a spreadsheet can bring in, by slug."""

from poolfund.imports.kinds.base import Kind
from poolfund.imports.kinds.commitments import CommitmentKind
from poolfund.imports.kinds.deposits import DepositKind
from poolfund.imports.kinds.donors import DonorKind
from poolfund.imports.kinds.expenditure import ExpenditureKind
from poolfund.imports.kinds.programmes import ProgrammeKind
from poolfund.imports.kinds.transfers import TransferKind

KINDS: dict[str, type[Kind]] = {
    kind.slug: kind
    for kind in (
        DonorKind,
        CommitmentKind,
        DepositKind,
        ProgrammeKind,
        TransferKind,
        ExpenditureKind,
    )
}
"""In the order a Fund brings its history in: each kind refers only to those before it."""


def kind_named(slug: str) -> Kind:
    try:
        return KINDS[slug]()
    except KeyError:
        raise LookupError(f"No spreadsheet import kind is called {slug!r}.") from None
