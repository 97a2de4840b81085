"""Writing donors, commitments, deposits and capitalization targets. A deposit is posted to the
ledger (with its Administrative Agent fee) in the same transaction as its record. Each write
checks the actor's right to record contributions first (`actor=None` is system work)."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from poolfund.accounts.models import User
from poolfund.accounts.policy import require_unless_system
from poolfund.audit.choices import AuditAction
from poolfund.audit.models import AuditEvent
from poolfund.audit.services import build_event, record_event, snapshot
from poolfund.donors.choices import DonorType, Earmark
from poolfund.donors.models import (
    CapitalizationTarget,
    Commitment,
    Deposit,
    Donor,
    Instalment,
)
from poolfund.donors.notifications import focal_points_by_donor, tell_deposit_recorded
from poolfund.donors.rates import Conversion, DayRates, usd_equivalent
from poolfund.errors import Conflict, DomainError
from poolfund.framework.models import ThematicArea
from poolfund.framework.selectors import DEFAULT_FRAMEWORK_CODE
from poolfund.geo.models import Country, Region
from poolfund.ledger import services as ledger
from poolfund.ledger.choices import AccountKind
from poolfund.ledger.currencies import (
    require_currency,
    require_positive_amount,
    to_minor_units,
)
from poolfund.ledger.models import LedgerAccount
from poolfund.ledger.sums import exact_total


class DepositExceedsCommitment(Conflict):
    code = "deposit_exceeds_commitment"


class DuplicateDeposit(Conflict):
    code = "duplicate_deposit"


class EarmarkNotAllowed(DomainError):
    code = "earmark_not_allowed"


def _actor_label(actor: User | None) -> str:
    return "" if actor else ledger.SYSTEM_ACTOR_LABEL


def donor_account(donor: Donor) -> LedgerAccount:
    return ledger.account_for_party(AccountKind.DONOR_CONTRIBUTIONS, donor.slug, donor.name)


def refund_account(donor: Donor) -> LedgerAccount:
    return ledger.account_for_party(
        AccountKind.REFUNDS_TO_DONORS, donor.slug, f"Refunds to {donor.name}"
    )


def create_donor(
    *,
    actor: User | None,
    name: str,
    donor_type: DonorType,
    country: Country | None = None,
    is_un_member_state: bool = False,
    website: str = "",
) -> Donor:
    require_unless_system(actor, "donors.record_contribution")
    _require_member_state_country(donor_type, country, is_un_member_state)
    with transaction.atomic():
        donor = Donor.objects.create(
            name=name,
            slug=slugify(name)[:100],
            donor_type=donor_type,
            country=country,
            is_un_member_state=is_un_member_state,
            website=website,
        )
        record_event(
            actor=actor, action=AuditAction.CREATE, instance=donor, actor_label=_actor_label(actor)
        )
    return donor


def update_donor(
    *,
    actor: User | None,
    donor: Donor,
    donor_type: DonorType,
    country: Country | None = None,
    is_un_member_state: bool = False,
) -> Donor:
    """Change what is recorded of a donor (its name, the key of its records, stays)."""
    require_unless_system(actor, "donors.record_contribution")
    _require_member_state_country(donor_type, country, is_un_member_state)
    with transaction.atomic():
        donor = Donor.objects.select_for_update().get(pk=donor.pk)
        before = snapshot(donor)
        donor.donor_type = donor_type
        donor.country = country
        donor.is_un_member_state = is_un_member_state
        donor.save(update_fields=["donor_type", "country", "is_un_member_state"])
        record_event(
            actor=actor,
            action=AuditAction.UPDATE,
            instance=donor,
            before=before,
            actor_label=_actor_label(actor),
        )
    return donor


def _require_member_state_country(
    donor_type: DonorType, country: Country | None, is_un_member_state: bool
) -> None:
    if is_un_member_state and (country is None or donor_type != DonorType.MEMBER_STATE):
        raise DomainError(_("A Member State donor is linked to its country."))


@dataclass(frozen=True)
class CommitmentTerms:
    """What a donor pledges: amount, currency, day signed, earmark and instalments."""

    amount: Decimal
    currency: str
    signed_on: date
    thematic_area: ThematicArea | None = None
    country: Country | None = None
    region: Region | None = None
    steering_committee_decision: str = ""
    instalments: Sequence[tuple[date, Decimal]] = ()


def _checked_terms(terms: CommitmentTerms) -> dict:
    """The commitment's fields for the terms, with the USD equivalent of the day it was
    signed; raises what a person must fix."""
    currency = require_currency(terms.currency)
    require_positive_amount(terms.amount, currency)
    thematic_area = terms.thematic_area
    if thematic_area is not None and thematic_area.framework.code != DEFAULT_FRAMEWORK_CODE:
        raise EarmarkNotAllowed(
            _(
                "%(thematic_area)s belongs to the framework '%(framework)s', not to the one "
                "this Fund serves."
            )
            % {"thematic_area": thematic_area, "framework": thematic_area.framework},
            fields={"thematic_area": _("another framework's thematic area")},
        )
    earmark = _earmark_of(thematic_area, terms.country, terms.region)
    geographic = earmark in (Earmark.COUNTRY, Earmark.REGION)
    if geographic and not terms.steering_committee_decision.strip():
        if earmark == Earmark.COUNTRY:
            message = _(
                "A country earmark is allowed only by the Steering Committee; give its decision."
            )
            field_message = _("required for a country earmark")
        else:
            message = _(
                "A region earmark is allowed only by the Steering Committee; give its decision."
            )
            field_message = _("required for a region earmark")
        raise EarmarkNotAllowed(message, fields={"steering_committee_decision": field_message})
    for _due_on, instalment in terms.instalments:
        require_positive_amount(instalment, currency)
    scheduled = sum((amount for _d, amount in terms.instalments), Decimal(0))
    if terms.instalments and scheduled != terms.amount:
        raise DomainError(
            _(
                "The instalments add up to %(scheduled)s %(currency)s, not to the "
                "commitment's %(amount)s %(currency)s."
            )
            % {"scheduled": scheduled, "amount": terms.amount, "currency": currency},
            fields={"instalments": _("do not add up")},
        )
    conversion = usd_equivalent(terms.amount, currency, terms.signed_on)
    return {
        "signed_on": terms.signed_on,
        "amount": terms.amount,
        "currency": currency,
        "usd_amount": conversion.usd_amount,
        "usd_rate": conversion.units_per_usd,
        "rate_date": conversion.rate_date,
        "earmark": earmark,
        "thematic_area": thematic_area,
        "country": terms.country,
        "region": terms.region,
        "steering_committee_decision": terms.steering_committee_decision if geographic else "",
    }


def record_commitment(
    *,
    actor: User | None,
    donor: Donor,
    reference: str,
    amount: Decimal,
    currency: str,
    signed_on: date,
    thematic_area: ThematicArea | None = None,
    country: Country | None = None,
    region: Region | None = None,
    steering_committee_decision: str = "",
    instalments: Sequence[tuple[date, Decimal]] = (),
) -> Commitment:
    """Record a pledge. With `instalments` (due date, amount), they must add up to it. A
    country or region earmark needs the Steering Committee decision that allows it."""
    require_unless_system(actor, "donors.record_contribution")
    terms = CommitmentTerms(
        amount=amount,
        currency=currency,
        signed_on=signed_on,
        thematic_area=thematic_area,
        country=country,
        region=region,
        steering_committee_decision=steering_committee_decision,
        instalments=instalments,
    )
    values = _checked_terms(terms)
    with transaction.atomic():
        if Commitment.objects.filter(reference=reference).exists():
            raise DomainError(
                _("A commitment with the reference %(reference)s exists already.")
                % {"reference": repr(reference)},
                fields={"reference": _("already used")},
            )
        commitment = Commitment.objects.create(donor=donor, reference=reference, **values)
        Instalment.objects.bulk_create(
            Instalment(commitment=commitment, due_on=due_on, amount=instalment)
            for due_on, instalment in instalments
        )
        record_event(
            actor=actor,
            action=AuditAction.CREATE,
            instance=commitment,
            actor_label=_actor_label(actor),
        )
    return commitment


def amend_commitment(
    *,
    actor: User | None,
    commitment: Commitment,
    donor: Donor,
    terms: CommitmentTerms,
    reason: str = "",
) -> Commitment:
    """Change a pledge's terms (an amendment signed with the donor). Money received stays as
    posted: the currency and the donor cannot change once deposits are recorded, nor the
    amount fall below what was received."""
    require_unless_system(actor, "donors.record_contribution")
    values = _checked_terms(terms)
    with transaction.atomic():
        commitment = Commitment.objects.select_for_update().get(pk=commitment.pk)
        has_deposits = commitment.deposits.exists()
        if has_deposits and (
            values["currency"] != commitment.currency or donor != commitment.donor
        ):
            raise DomainError(
                _("Deposits are recorded on %(reference)s: its donor and currency stay.")
                % {"reference": commitment.reference},
                fields={"currency": _("deposits recorded")},
            )
        received = deposited_against(commitment)
        if values["amount"] < received:
            raise DomainError(
                _(
                    "%(received)s %(currency)s are received on %(reference)s; it cannot be "
                    "amended to %(amount)s."
                )
                % {
                    "received": received,
                    "currency": commitment.currency,
                    "reference": commitment.reference,
                    "amount": values["amount"],
                },
                fields={"amount": _("less than received")},
            )
        before = snapshot(commitment)
        commitment.donor = donor
        for name, value in values.items():
            setattr(commitment, name, value)
        commitment.save()
        commitment.instalments.all().delete()
        Instalment.objects.bulk_create(
            Instalment(commitment=commitment, due_on=due_on, amount=instalment)
            for due_on, instalment in terms.instalments
        )
        record_event(
            actor=actor,
            action=AuditAction.UPDATE,
            instance=commitment,
            before=before,
            reason=reason,
            actor_label=_actor_label(actor),
        )
    return commitment


def _earmark_of(
    thematic_area: ThematicArea | None, country: Country | None, region: Region | None
) -> Earmark:
    if not ledger.names_one_earmark_at_most(thematic_area, country, region):
        raise EarmarkNotAllowed(
            _("Earmark to one thematic area, country or region, not to several."),
            fields={"earmark": _("more than one")},
        )
    named = (
        (Earmark.THEMATIC_AREA, thematic_area),
        (Earmark.COUNTRY, country),
        (Earmark.REGION, region),
    )
    return next((earmark for earmark, target in named if target is not None), Earmark.UNEARMARKED)


def deposited_against(commitment: Commitment) -> Decimal:
    """What has been received on a commitment, in its currency, leaving out reversed deposits."""
    return exact_total(commitment.deposits.filter(ledger_transaction__reversal__isnull=True))


def record_deposit(
    *,
    actor: User | None,
    commitment: Commitment,
    amount: Decimal,
    received_on: date,
    bank_reference: str,
    is_over_payment: bool = False,
) -> Deposit:
    """Record money received on a commitment (in the commitment's currency), convert it to USD
    with the rate of the day it arrived, and post it to the ledger into the pool of its earmark
    (the Administrative Agent fee is charged there and then)."""
    require_unless_system(actor, "donors.record_contribution")
    _require_bank_reference(bank_reference)
    with transaction.atomic():
        if Deposit.objects.filter(bank_reference=bank_reference, is_superseded=False).exists():
            raise _already_recorded(bank_reference)
        return _post_deposit(
            actor=actor,
            commitment=commitment,
            amount=amount,
            received_on=received_on,
            bank_reference=bank_reference,
            is_over_payment=is_over_payment,
            idempotency_key=_deposit_key(bank_reference),
        )


def correct_deposit(
    *,
    actor: User | None,
    deposit: Deposit,
    commitment: Commitment,
    amount: Decimal,
    received_on: date,
    is_over_payment: bool = False,
    reason: str,
) -> Deposit:
    """Correct a posted deposit: money already posted is never edited, so its ledger
    transaction (and fee) is reversed and a new deposit with the same bank reference is
    posted, which `replaces` the old one (kept, marked superseded)."""
    require_unless_system(actor, "donors.record_contribution")
    if not reason.strip():
        raise DomainError(_("Say why the deposit is corrected."), fields={"reason": _("required")})
    with transaction.atomic():
        deposit = Deposit.objects.select_for_update().get(pk=deposit.pk)
        if deposit.is_superseded:
            raise Conflict(
                _("The deposit %(reference)s was corrected already.")
                % {"reference": repr(deposit.bank_reference)}
            )
        ledger.reverse_transaction(actor=actor, original=deposit.ledger_transaction, reason=reason)
        before = snapshot(deposit)
        deposit.is_superseded = True
        deposit.save(update_fields=["is_superseded"])
        record_event(
            actor=actor,
            action=AuditAction.UPDATE,
            instance=deposit,
            before=before,
            reason=reason,
            actor_label=_actor_label(actor),
        )
        corrections = Deposit.objects.filter(bank_reference=deposit.bank_reference).count()
        return _post_deposit(
            actor=actor,
            commitment=commitment,
            amount=amount,
            received_on=received_on,
            bank_reference=deposit.bank_reference,
            is_over_payment=is_over_payment,
            idempotency_key=f"{_deposit_key(deposit.bank_reference)}:correction-{corrections}",
            replaces=deposit,
            reason=reason,
        )


def _post_deposit(
    *,
    actor: User | None,
    commitment: Commitment,
    amount: Decimal,
    received_on: date,
    bank_reference: str,
    is_over_payment: bool,
    idempotency_key: str,
    replaces: Deposit | None = None,
    reason: str = "",
) -> Deposit:
    currency = commitment.currency
    require_positive_amount(amount, currency)
    commitment = Commitment.objects.select_for_update().get(pk=commitment.pk)
    _require_within_commitment(commitment, _remaining_due(commitment), amount, is_over_payment)
    deposit = _unsaved_deposit(
        commitment,
        amount=amount,
        received_on=received_on,
        bank_reference=bank_reference,
        is_over_payment=is_over_payment,
        conversion=usd_equivalent(amount, currency, received_on),
        replaces=replaces,
    )
    deposit.ledger_transaction = ledger.post_deposit(
        actor=actor,
        donor_account=donor_account(commitment.donor),
        pool=ledger.fund_pool(
            commitment.thematic_area, country=commitment.country, region=commitment.region
        ),
        amount=amount,
        currency=currency,
        usd_amount=deposit.usd_amount,
        occurred_on=received_on,
        memo=_deposit_memo(deposit),
        idempotency_key=idempotency_key,
    )
    deposit.save()
    record_event(
        actor=actor,
        action=AuditAction.CREATE,
        instance=deposit,
        reason=reason,
        actor_label=_actor_label(actor),
    )
    tell_deposit_recorded(deposit, actor=actor)
    return deposit


def _require_bank_reference(bank_reference: str) -> None:
    if not bank_reference.strip():
        raise DomainError(
            _("A deposit needs its bank reference."), fields={"bank_reference": _("required")}
        )


def _already_recorded(bank_reference: str) -> DuplicateDeposit:
    return DuplicateDeposit(
        _("The deposit with bank reference %(reference)s is already recorded.")
        % {"reference": repr(bank_reference)},
        fields={"bank_reference": _("already recorded")},
    )


def _remaining_due(commitment: Commitment) -> Decimal:
    return commitment.amount - deposited_against(commitment)


def _require_within_commitment(
    commitment: Commitment, remaining: Decimal, amount: Decimal, is_over_payment: bool
) -> None:
    outstanding = to_minor_units(remaining, commitment.currency)
    if amount > outstanding and not is_over_payment:
        raise DepositExceedsCommitment(
            _(
                "Only %(outstanding)s %(currency)s remain due on %(commitment)s; %(amount)s "
                "%(currency)s is more. Mark it as an over-payment if the donor means to give "
                "more."
            )
            % {
                "outstanding": outstanding,
                "currency": commitment.currency,
                "commitment": commitment,
                "amount": amount,
            },
            fields={"amount": _("more than remains of the commitment")},
        )


def _unsaved_deposit(
    commitment: Commitment,
    *,
    amount: Decimal,
    received_on: date,
    bank_reference: str,
    is_over_payment: bool,
    conversion: Conversion,
    replaces: Deposit | None = None,
) -> Deposit:
    return Deposit(
        commitment=commitment,
        received_on=received_on,
        amount=amount,
        currency=commitment.currency,
        usd_amount=conversion.usd_amount,
        usd_rate=conversion.units_per_usd,
        rate_date=conversion.rate_date,
        bank_reference=bank_reference,
        is_over_payment=is_over_payment,
        replaces=replaces,
    )


def _deposit_memo(deposit: Deposit) -> str:
    return f"Deposit from {deposit.commitment.donor} ({deposit.bank_reference})"


def _deposit_key(bank_reference: str) -> str:
    return f"deposit:{bank_reference}"


class DepositBatch:
    """Deposits recorded many at a time (a spreadsheet import), inside one transaction, by the
    rules of `record_deposit`: `record` checks a deposit at once (its bank reference not
    recorded yet, its amount within what remains due on its commitment, which is locked, and
    a rate for its day) against what is read once per commitment and currency, and keeps it;
    `write` posts the kept deposits with their fees to the ledger in bulk, writes them with
    their audit events and tells the donors' focal points."""

    def __init__(self, *, recorded_references: set[str]) -> None:
        self.recorded_references = recorded_references
        """Bank references of the deposits recorded and not superseded."""
        self.rates = DayRates()
        self.remaining: dict[int, Decimal] = {}
        self.pools: dict[tuple[int | None, int | None, int | None], LedgerAccount] = {}
        self.kept: list[Deposit] = []

    def record(
        self,
        *,
        commitment: Commitment,
        amount: Decimal,
        received_on: date,
        bank_reference: str,
        is_over_payment: bool = False,
    ) -> None:
        _require_bank_reference(bank_reference)
        if bank_reference in self.recorded_references:
            raise _already_recorded(bank_reference)
        require_positive_amount(amount, commitment.currency)
        if commitment.pk not in self.remaining:
            locked = Commitment.objects.select_for_update().get(pk=commitment.pk)
            self.remaining[commitment.pk] = _remaining_due(locked)
        _require_within_commitment(
            commitment, self.remaining[commitment.pk], amount, is_over_payment
        )
        deposit = _unsaved_deposit(
            commitment,
            amount=amount,
            received_on=received_on,
            bank_reference=bank_reference,
            is_over_payment=is_over_payment,
            conversion=self.rates.usd_equivalent(amount, commitment.currency, received_on),
        )
        ledger.require_deposit_amounts(
            amount=amount, currency=commitment.currency, usd_amount=deposit.usd_amount
        )
        self.remaining[commitment.pk] -= amount
        self.recorded_references.add(bank_reference)
        self.kept.append(deposit)

    def write(self, *, actor: User | None) -> None:
        if not self.kept:
            return
        deposits = self.kept
        donors = {deposit.commitment.donor for deposit in deposits}
        accounts = ledger.accounts_for_parties(
            AccountKind.DONOR_CONTRIBUTIONS, {donor.slug: donor.name for donor in donors}
        )
        focal_points = focal_points_by_donor(donors)
        with transaction.atomic():
            posted = ledger.post_deposits(
                actor=actor,
                deposits=[
                    ledger.DepositPosting(
                        donor_account=accounts[deposit.commitment.donor.slug],
                        pool=self._pool(deposit.commitment),
                        amount=deposit.amount,
                        currency=deposit.currency,
                        usd_amount=deposit.usd_amount,
                        occurred_on=deposit.received_on,
                        memo=_deposit_memo(deposit),
                        idempotency_key=_deposit_key(deposit.bank_reference),
                    )
                    for deposit in deposits
                ],
            )
            for deposit, made in zip(deposits, posted, strict=True):
                deposit.ledger_transaction = made
            Deposit.objects.bulk_create(deposits)
            AuditEvent.objects.bulk_create(
                build_event(
                    actor=actor,
                    action=AuditAction.CREATE,
                    instance=deposit,
                    actor_label=_actor_label(actor),
                )
                for deposit in deposits
            )
            for deposit in deposits:
                if deposit.commitment.donor_id in focal_points:
                    tell_deposit_recorded(
                        deposit, actor=actor, focal_points=focal_points[deposit.commitment.donor_id]
                    )
        self.kept = []

    def correct(
        self, *, actor: User | None, bank_reference: str, commitment: Commitment, **correction: Any
    ) -> Deposit:
        """`correct_deposit` of the deposit recorded with that bank reference, once the kept
        deposits are written (it may be among them); what remains due on both commitments is
        read again afterwards."""
        self.write(actor=actor)
        deposit = Deposit.objects.get(bank_reference=bank_reference, is_superseded=False)
        corrected = correct_deposit(
            actor=actor, deposit=deposit, commitment=commitment, **correction
        )
        self.remaining.pop(deposit.commitment_id, None)
        self.remaining.pop(commitment.pk, None)
        return corrected

    def _pool(self, commitment: Commitment) -> LedgerAccount:
        earmark = (commitment.thematic_area_id, commitment.country_id, commitment.region_id)
        if earmark not in self.pools:
            self.pools[earmark] = ledger.fund_pool(
                commitment.thematic_area, country=commitment.country, region=commitment.region
            )
        return self.pools[earmark]


def set_capitalization_target(
    *,
    actor: User | None,
    name: str,
    amount: Decimal,
    deadline: date,
    set_on: date,
    set_by: str = "",
) -> CapitalizationTarget:
    require_unless_system(actor, "donors.record_contribution")
    require_positive_amount(amount, "USD")
    if deadline < set_on:
        raise DomainError(_("A target's deadline comes after the day it is set."))
    with transaction.atomic():
        target, created = CapitalizationTarget.objects.update_or_create(
            set_on=set_on,
            defaults={"name": name, "amount": amount, "deadline": deadline, "set_by": set_by},
        )
        record_event(
            actor=actor,
            action=AuditAction.CREATE if created else AuditAction.UPDATE,
            instance=target,
            actor_label=_actor_label(actor),
        )
    return target
