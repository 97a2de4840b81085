"""What participating organisations report having spent on a Joint Programme."""

from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext

from poolfund.accounts.models import User
from poolfund.accounts.policy import require
from poolfund.audit.choices import AuditAction
from poolfund.audit.services import record_event
from poolfund.ledger.currencies import FUND_CURRENCY, require_exact_amount
from poolfund.programmes.errors import BudgetRuleBroken, InvalidConceptNote
from poolfund.programmes.models import (
    ExpenditureReport,
    JointProgramme,
    ParticipatingOrganisation,
)
from poolfund.programmes.selectors import expenditure_by_organisation
from poolfund.programmes.services.budget_lines import locked_budget_line_with_room


@transaction.atomic
def record_expenditure(
    *,
    actor: User,
    programme: JointProgramme,
    organisation: ParticipatingOrganisation,
    period_start: date,
    period_end: date,
    amount_usd: Decimal,
) -> ExpenditureReport:
    """Record what an organisation spent on a programme over a period; its cumulative
    expenditure cannot exceed its share of the budget."""
    require(actor, "programmes.record_expenditure", (programme, organisation))
    if period_end < period_start:
        raise InvalidConceptNote(gettext("A reporting period ends after it starts."))
    require_exact_amount(amount_usd, FUND_CURRENCY)
    if amount_usd < 0:
        raise BudgetRuleBroken(gettext("Expenditure is zero or more."))
    locked_budget_line_with_room(
        programme,
        organisation,
        amount_usd,
        used_by_organisation=expenditure_by_organisation,
        refusal=lambda spent, line: (
            gettext(
                "%(organisation)s would report USD %(spent)s for %(code)s, more than its budget "
                "of USD %(budget)s."
            )
            % {
                "organisation": organisation,
                "spent": f"{spent + amount_usd:,.2f}",
                "code": programme.code,
                "budget": f"{line.total_usd:,.2f}",
            }
        ),
    )
    report = ExpenditureReport.objects.create(
        programme=programme,
        organisation=organisation,
        period_start=period_start,
        period_end=period_end,
        amount_usd=amount_usd,
        reported_by=actor,
    )
    record_event(actor=actor, action=AuditAction.CREATE, instance=report, reason="expenditure")
    return report
