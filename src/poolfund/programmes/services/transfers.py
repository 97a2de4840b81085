"""Transfers of Fund cash to participating organisations for a Joint Programme."""

from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext

from poolfund.accounts.models import User
from poolfund.accounts.policy import require
from poolfund.audit.choices import AuditAction
from poolfund.audit.services import record_event
from poolfund.ledger.choices import AccountKind
from poolfund.ledger.models import LedgerAccount
from poolfund.ledger.services import account_for_party, fund_pool, transfer_from_pool
from poolfund.programmes.choices import JointProgrammeStatus
from poolfund.programmes.errors import IllegalTransition
from poolfund.programmes.models import (
    JointProgramme,
    ParticipatingOrganisation,
    ProgrammeTransfer,
)
from poolfund.programmes.selectors import (
    countries_covered,
    transferred_by_organisation,
)
from poolfund.programmes.services.budget_lines import locked_budget_line_with_room

TRANSFERABLE_STATUSES = (JointProgrammeStatus.ACTIVE, JointProgrammeStatus.NO_COST_EXTENSION)


def organisation_account(organisation: ParticipatingOrganisation) -> LedgerAccount:
    """The organisation's one `organisation-transfers` ledger account, keyed by its acronym."""
    return account_for_party(
        AccountKind.ORGANISATION_TRANSFERS, organisation.acronym, organisation.name
    )


@transaction.atomic
def transfer_to_organisation(
    *,
    actor: User,
    programme: JointProgramme,
    organisation: ParticipatingOrganisation,
    amount_usd: Decimal,
    occurred_on: date,
    pool: LedgerAccount | None = None,
    memo: str = "",
    idempotency_key: str | None = None,
) -> ProgrammeTransfer:
    """Transfer USD from a pool of Fund cash (the unearmarked pool unless named) to an
    organisation for a programme, as a ledger transaction. Refused beyond the organisation's
    approved share (its budget line is locked while checked) and, by the ledger, beyond what the
    pool holds or from a pool earmarked to another thematic area, or to a country or region the
    programme is not in (the ledger locks the pool). The programme's countries are those it
    names and the members of its regional bodies."""
    require(actor, "programmes.transfer_funds", programme)
    programme = JointProgramme.objects.select_for_update().get(pk=programme.pk)
    if programme.status not in TRANSFERABLE_STATUSES:
        raise IllegalTransition(
            gettext("%(code)s is %(status)s: the Fund transfers only to active programmes.")
            % {"code": programme.code, "status": programme.get_status_display().lower()}
        )
    locked_budget_line_with_room(
        programme,
        organisation,
        amount_usd,
        used_by_organisation=transferred_by_organisation,
        refusal=lambda already, line: (
            gettext(
                "%(organisation)s has received USD %(already)s of its USD %(budget)s for "
                "%(code)s; USD %(amount)s more would exceed the approved budget."
            )
            % {
                "organisation": organisation,
                "already": f"{already:,.2f}",
                "budget": f"{line.total_usd:,.2f}",
                "code": programme.code,
                "amount": f"{amount_usd:,.2f}",
            }
        ),
    )
    posted = transfer_from_pool(
        actor=actor,
        pool=pool or fund_pool(),
        to_account=organisation_account(organisation),
        amount=amount_usd,
        occurred_on=occurred_on,
        thematic_area=programme.thematic_area,
        countries=countries_covered(programme),
        memo=memo or f"{programme.code}: transfer to {organisation.acronym}",
        idempotency_key=idempotency_key,
    )
    link = ProgrammeTransfer.objects.create(
        programme=programme, organisation=organisation, transaction=posted
    )
    record_event(actor=actor, action=AuditAction.CREATE, instance=link, reason=posted.memo)
    return link
