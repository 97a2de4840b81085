"""An IATI activity as plain data, whatever it was built from (a Joint Programme or an imported
external activity), so that one writer serves both and the round trip can be checked."""

import datetime
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")
HUNDRED = Decimal(100)


@dataclass(frozen=True)
class Org:
    name: str
    ref: str = ""
    org_type: str = ""
    role: str = ""


@dataclass(frozen=True)
class Share:
    """A recipient country or region, or a sector, with its percentage."""

    code: str
    percentage: Decimal | None = None
    vocabulary: str = ""
    vocabulary_uri: str = ""
    name: str = ""


@dataclass(frozen=True)
class Money:
    value: Decimal
    currency: str
    value_date: datetime.date


@dataclass(frozen=True)
class Budget:
    period_start: datetime.date
    period_end: datetime.date
    money: Money
    budget_type: str = "1"  # Original
    status: str = "2"  # Committed


@dataclass(frozen=True)
class Transaction:
    transaction_type: str
    date: datetime.date
    money: Money
    provider: Org | None = None
    receiver: Org | None = None
    description: str = ""


@dataclass(frozen=True)
class PlannedDisbursement:
    period_start: datetime.date
    period_end: datetime.date
    money: Money
    provider: Org | None = None
    receiver: Org | None = None
    disbursement_type: str = "1"  # BudgetType: Original


@dataclass(frozen=True)
class Disaggregated:
    """A part of a period's actual value, with the dimensions it is for (sex: female)."""

    value: str
    dimensions: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Period:
    start: datetime.date
    end: datetime.date
    target: str = ""
    actual: str = ""
    disaggregated: tuple[Disaggregated, ...] = ()  # parts of the actual value
    disaggregated_targets: tuple[Disaggregated, ...] = ()


@dataclass(frozen=True)
class Indicator:
    title: str
    measure: str = "1"  # Unit
    baseline_year: int | None = None
    baseline_value: str = ""
    periods: list[Period] = field(default_factory=list)


@dataclass(frozen=True)
class Result:
    result_type: str
    title: str
    indicators: list[Indicator]


@dataclass
class Activity:
    identifier: str
    reporting_org: Org
    title: str
    description: str
    status: str
    language: str = "en"
    default_currency: str = "USD"
    participating_orgs: list[Org] = field(default_factory=list)
    dates: dict[str, datetime.date] = field(default_factory=dict)  # ActivityDateType → date
    countries: list[Share] = field(default_factory=list)
    regions: list[Share] = field(default_factory=list)
    sectors: list[Share] = field(default_factory=list)
    default_finance_type: str = ""
    default_aid_type: str = ""
    budgets: list[Budget] = field(default_factory=list)
    planned_disbursements: list[PlannedDisbursement] = field(default_factory=list)
    transactions: list[Transaction] = field(default_factory=list)
    results: list[Result] = field(default_factory=list)


def even_percentages(count: int) -> list[Decimal]:
    """`count` shares of 100 to the cent that add up to exactly 100 (the first takes the
    rounding remainder): 3 → 33.34, 33.33, 33.33."""
    if count == 0:
        return []
    share = (HUNDRED / count).quantize(CENT, rounding=ROUND_HALF_UP)
    rest = [share] * (count - 1)
    return [HUNDRED - sum(rest, Decimal(0)), *rest]
