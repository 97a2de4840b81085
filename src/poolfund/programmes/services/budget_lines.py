"""A Joint Programme's budget lines: how an amount is shared between organisations and
between direct and indirect cost, and whether a line has room for more."""

from collections.abc import Callable, Iterable, Mapping
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.utils.translation import gettext

from poolfund.programmes.errors import BudgetRuleBroken
from poolfund.programmes.models import (
    JointProgramme,
    ParticipatingOrganisation,
    ProgrammeBudgetLine,
)

CENT = Decimal("0.01")


def default_indirect_cost_rate() -> Decimal:
    return Decimal(str(getattr(settings, "POOLFUND_INDIRECT_COST_RATE", "0.07")))


def split_approved_amount(
    lines: Iterable[tuple[ParticipatingOrganisation, Decimal]], approved_usd: Decimal
) -> list[tuple[ParticipatingOrganisation, Decimal]]:
    """Share the approved amount in proportion to the requested split, to the cent; the
    rounding remainder goes to the largest share so the parts add up exactly."""
    lines = list(lines)
    requested = sum((amount for _organisation, amount in lines), Decimal("0"))
    shares = [
        (organisation, (approved_usd * amount / requested).quantize(CENT, ROUND_HALF_UP))
        for organisation, amount in lines
    ]
    remainder = approved_usd - sum(share for _organisation, share in shares)
    largest = max(range(len(shares)), key=lambda index: shares[index][1])
    organisation, share = shares[largest]
    shares[largest] = (organisation, share + remainder)
    return shares


def split_indirect_cost(total_usd: Decimal, rate: Decimal) -> tuple[Decimal, Decimal]:
    """(direct, indirect) of an amount that includes the indirect cost at `rate` of direct."""
    direct = (total_usd / (1 + rate)).quantize(CENT, ROUND_HALF_UP)
    return direct, total_usd - direct


def create_budget_lines(
    programme: JointProgramme,
    shares: Iterable[tuple[ParticipatingOrganisation, Decimal]],
    rate: Decimal,
) -> None:
    """The programme's budget line for each (organisation, share including the indirect cost
    at `rate`)."""
    lines = []
    for organisation, share in shares:
        direct, indirect = split_indirect_cost(share, rate)
        lines.append(
            ProgrammeBudgetLine(
                programme=programme,
                organisation=organisation,
                direct_cost_usd=direct,
                indirect_cost_usd=indirect,
            )
        )
    ProgrammeBudgetLine.objects.bulk_create(lines)


def locked_budget_line_with_room(
    programme: JointProgramme,
    organisation: ParticipatingOrganisation,
    amount_usd: Decimal,
    *,
    used_by_organisation: Callable[[JointProgramme], Mapping[int, Decimal]],
    refusal: Callable[[Decimal, ProgrammeBudgetLine], str],
) -> ProgrammeBudgetLine:
    """The organisation's share of the programme's budget, once `amount_usd` more of what
    `used_by_organisation` sums (transferred, spent) is known to fit in it. The line stays
    locked until the transaction ends, so two writers cannot both pass the check."""
    line = (
        ProgrammeBudgetLine.objects.select_for_update()
        .filter(programme=programme, organisation=organisation)
        .first()
    )
    if line is None:
        message = gettext("%(organisation)s has no share of %(code)s's budget.") % {
            "organisation": organisation,
            "code": programme.code,
        }
        raise BudgetRuleBroken(message, fields={"organisation": message})
    used = used_by_organisation(programme).get(organisation.pk, Decimal(0))
    if used + amount_usd > line.total_usd:
        message = refusal(used, line)
        raise BudgetRuleBroken(message, fields={"amount_usd": message})
    return line
