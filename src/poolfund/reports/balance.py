"""How far funding is from the even split across thematic areas (the 360-degree approach).

The measure is the share of the money that would have to move from over-funded to under-funded
areas for every area to hold the same share (1/K of the total, 20% with the GCM's five areas):

    imbalance = ½ · Σ |share_i - 1/K|

0 means perfectly even; the largest value, 1 - 1/K (80% with five areas), means all the money is
in one area. docs/reports.md works an example through.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class AreaFunding:
    """One thematic area's part of the total, beside the even share it would hold if balanced."""

    number: int
    amount: Decimal
    share: Decimal | None
    even_share: Decimal

    @property
    def gap(self) -> Decimal | None:
        """Share minus even share: positive when the area receives more than its even part."""
        return None if self.share is None else self.share - self.even_share


@dataclass(frozen=True)
class FundingBalance:
    areas: list[AreaFunding]
    total: Decimal
    even_share: Decimal
    imbalance: Decimal | None
    largest_possible_imbalance: Decimal


def funding_balance(amounts_by_area: Mapping[int, Decimal]) -> FundingBalance:
    """The imbalance of `amounts_by_area` (every area, including those with nothing).

    With no money at all, shares and the imbalance are undefined (None), not zero.
    """
    if not amounts_by_area:
        raise ValueError("A balance needs at least one thematic area.")
    area_count = len(amounts_by_area)
    even_share = Decimal(1) / area_count
    total = sum(amounts_by_area.values(), Decimal(0))
    areas = [
        AreaFunding(
            number=number,
            amount=Decimal(amount),
            share=Decimal(amount) / total if total else None,
            even_share=even_share,
        )
        for number, amount in sorted(amounts_by_area.items())
    ]
    imbalance = sum((abs(area.gap) for area in areas), Decimal(0)) / 2 if total else None
    return FundingBalance(
        areas=areas,
        total=total,
        even_share=even_share,
        imbalance=imbalance,
        largest_possible_imbalance=1 - even_share,
    )
