"""Closing a Joint Programme: operational closure (the work has ended), the return of unspent
balances to the Fund through the ledger, then financial closure (every report accepted, every
dollar spent or returned), which keeps the final figures."""

from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext

from poolfund.accounts.models import User
from poolfund.accounts.policy import require
from poolfund.audit.choices import AuditAction
from poolfund.audit.services import record_event, snapshot
from poolfund.errors import Conflict, DomainError
from poolfund.ledger.services import return_unspent_balance
from poolfund.programmes.calendar_link import reports_not_accepted
from poolfund.programmes.choices import JointProgrammeStatus
from poolfund.programmes.financial_reports import interest_reported
from poolfund.programmes.models import (
    JointProgramme,
    ParticipatingOrganisation,
    ProgrammeClosure,
    ProgrammeReturn,
)
from poolfund.programmes.revisions import OPEN_STATUSES, required_text
from poolfund.programmes.selectors import (
    expenditure_by_organisation,
    pools_that_funded,
    returned_by_organisation,
    transferred_by_organisation,
)
from poolfund.programmes.services.transfers import organisation_account


class ClosureRefused(Conflict):
    code = "closure_refused"


class InvalidReturn(DomainError):
    code = "invalid_return"


def locked(programme: JointProgramme) -> JointProgramme:
    return JointProgramme.objects.select_for_update().get(pk=programme.pk)


@transaction.atomic
def close_operationally(
    *, actor: User, programme: JointProgramme, closed_on: date, remarks: str
) -> ProgrammeClosure:
    """The programme's activities have ended (Fund Management Unit): no more transfers,
    revisions or extensions; the final reports fall due."""
    require(actor, "programmes.close_programme", programme)
    remarks = required_text(remarks, "remarks", gettext("Give remarks on the operational closure."))
    programme = locked(programme)
    if programme.status not in OPEN_STATUSES:
        raise ClosureRefused(
            gettext("%(code)s is %(status)s.")
            % {"code": programme.code, "status": programme.get_status_display().lower()}
        )
    if programme.starts_on is not None and closed_on < programme.starts_on:
        raise DomainError(
            gettext("%(code)s started on %(day)s; it cannot close before.")
            % {"code": programme.code, "day": programme.starts_on},
            fields={"closed_on": gettext("before the start")},
        )
    before = snapshot(programme)
    closure = ProgrammeClosure.objects.create(
        programme=programme,
        operationally_closed_on=closed_on,
        operational_reason=remarks,
        operationally_closed_by=actor,
    )
    programme.status = JointProgrammeStatus.OPERATIONALLY_CLOSED
    programme.save(update_fields=["status"])
    record_event(actor=actor, action=AuditAction.CREATE, instance=closure, reason=remarks)
    record_event(
        actor=actor,
        action=AuditAction.TRANSITION,
        instance=programme,
        before=before,
        reason=remarks,
    )
    return closure


def unspent_by_organisation(programme: JointProgramme) -> dict[int, Decimal]:
    """What each organisation holds of the programme's money: transferred, less reported as
    spent, less returned. Negative when it reported spending more than the Fund sent (the
    difference came from other sources)."""
    transferred = transferred_by_organisation(programme)
    spent = expenditure_by_organisation(programme)
    returned = returned_by_organisation(programme)
    return {
        line.organisation_id: transferred.get(line.organisation_id, Decimal(0))
        - spent.get(line.organisation_id, Decimal(0))
        - returned.get(line.organisation_id, Decimal(0))
        for line in programme.budget_lines.all()
    }


@transaction.atomic
def return_unspent(
    *,
    actor: User,
    programme: JointProgramme,
    organisation: ParticipatingOrganisation,
    amount_usd: Decimal,
    occurred_on: date,
) -> list[ProgrammeReturn]:
    """Post an organisation's unspent balance back to the Fund (Fund Management Unit), after
    operational closure: each dollar goes back to the pool it came from, so an earmark holds
    (the pool paid from last is repaid first), one ledger transaction per pool."""
    require(actor, "programmes.close_programme", programme)
    programme = locked(programme)
    if programme.status != JointProgrammeStatus.OPERATIONALLY_CLOSED:
        raise ClosureRefused(
            gettext("Unspent balances are returned once %(code)s is operationally closed.")
            % {"code": programme.code}
        )
    if amount_usd <= 0:
        raise InvalidReturn(gettext("A return is a positive amount."), fields={"amount_usd": "≤ 0"})
    unspent = unspent_by_organisation(programme).get(organisation.pk)
    if unspent is None:
        raise InvalidReturn(
            gettext("%(organisation)s has no share of %(code)s's budget.")
            % {"organisation": organisation, "code": programme.code},
            fields={"organisation": gettext("no share")},
        )
    if amount_usd > unspent:
        raise InvalidReturn(
            gettext(
                "%(organisation)s holds USD %(unspent)s of %(code)s's money unspent; it cannot "
                "return USD %(amount)s."
            )
            % {
                "organisation": organisation,
                "unspent": f"{max(unspent, Decimal(0)):,.2f}",
                "code": programme.code,
                "amount": f"{amount_usd:,.2f}",
            },
            fields={"amount_usd": gettext("more than the unspent balance")},
        )
    links = []
    left = amount_usd
    for share in pools_that_funded(programme, organisation):
        part = min(left, share.outstanding_usd)
        posted = return_unspent_balance(
            actor=actor,
            from_account=organisation_account(organisation),
            pool=share.pool,
            amount=part,
            occurred_on=occurred_on,
            memo=f"{programme.code}: unspent balance of {organisation.acronym} returned",
        )
        link = ProgrammeReturn.objects.create(
            programme=programme, organisation=organisation, transaction=posted
        )
        record_event(actor=actor, action=AuditAction.CREATE, instance=link, reason=posted.memo)
        links.append(link)
        left -= part
        if not left:
            break
    return links


@transaction.atomic
def close_financially(
    *, actor: User, programme: JointProgramme, closed_on: date, remarks: str
) -> ProgrammeClosure:
    """Close the programme's books (Fund Management Unit). Refused while a report is not
    accepted or some money is neither reported as spent nor returned; keeps the final
    transferred, returned, spent and interest figures and the final delivery rate
    (expenditure over transfers)."""
    require(actor, "programmes.close_programme", programme)
    remarks = required_text(remarks, "remarks", gettext("Give remarks on the financial closure."))
    programme = locked(programme)
    if programme.status != JointProgrammeStatus.OPERATIONALLY_CLOSED:
        raise ClosureRefused(
            gettext(
                "%(code)s is %(status)s: a programme is financially closed after its "
                "operational closure."
            )
            % {"code": programme.code, "status": programme.get_status_display().lower()}
        )
    pending = reports_not_accepted(programme)
    if pending:
        raise ClosureRefused(
            gettext(
                "%(code)s cannot be financially closed while reports are not accepted: %(reports)s."
            )
            % {"code": programme.code, "reports": "; ".join(pending)},
            fields={"reports": gettext("not all accepted")},
        )
    organisations = {
        line.organisation_id: line.organisation for line in programme.budget_lines.all()
    }
    unaccounted = {
        organisations[pk]: amount
        for pk, amount in unspent_by_organisation(programme).items()
        if amount > 0
    }
    if unaccounted:
        raise ClosureRefused(
            gettext("Money is unaccounted for: %(holders)s.")
            % {
                "holders": "; ".join(
                    gettext(
                        "%(organisation)s holds USD %(amount)s neither reported as spent nor "
                        "returned"
                    )
                    % {"organisation": organisation, "amount": f"{amount:,.2f}"}
                    for organisation, amount in sorted(unaccounted.items(), key=str)
                )
            },
            fields={"amount_usd": gettext("unaccounted for")},
        )
    closure = ProgrammeClosure.objects.select_for_update().get(programme=programme)
    before = snapshot(closure)
    transferred = sum(transferred_by_organisation(programme).values(), Decimal(0))
    spent = sum(expenditure_by_organisation(programme).values(), Decimal(0))
    closure.financially_closed_on = closed_on
    closure.financial_reason = remarks
    closure.financially_closed_by = actor
    closure.final_transferred_usd = transferred
    closure.final_returned_usd = sum(returned_by_organisation(programme).values(), Decimal(0))
    closure.final_expenditure_usd = spent
    closure.final_interest_usd = interest_reported(programme)
    closure.final_delivery_rate = (
        (spent / transferred).quantize(Decimal("0.0001")) if transferred else None
    )
    closure.save()
    programme_before = snapshot(programme)
    programme.status = JointProgrammeStatus.FINANCIALLY_CLOSED
    programme.save(update_fields=["status"])
    record_event(
        actor=actor, action=AuditAction.UPDATE, instance=closure, before=before, reason=remarks
    )
    record_event(
        actor=actor,
        action=AuditAction.TRANSITION,
        instance=programme,
        before=programme_before,
        reason=remarks,
    )
    return closure
