"""Writing donors, commitments, deposits and capitalization targets. A deposit is posted to the
ledger (with its Administrative Agent fee) in the same transaction as its record."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils.text import slugify

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


def _actor_label(actor) -> str:
    return "" if actor else ledger.SYSTEM_ACTOR_LABEL


def donor_account(donor: Donor) -> LedgerAccount:
    return ledger.account_for_party(AccountKind.DONOR_CONTRIBUTIONS, donor.slug, donor.name)


def refund_account(donor: Donor) -> LedgerAccount:
    return ledger.account_for_party(
        AccountKind.REFUNDS_TO_DONORS, donor.slug, f"Refunds to {donor.name}"
    )


def create_donor(
    *,
    actor,
    name: str,
    donor_type: DonorType,
    country: Country | None = None,
    is_un_member_state: bool = False,
    website: str = "",
) -> Donor:
    if is_un_member_state and (country is None or donor_type != DonorType.MEMBER_STATE):
        raise DomainError("A Member State donor is linked to its country.")
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
    actor,
    donor: Donor,
    donor_type: DonorType,
    country: Country | None = None,
    is_un_member_state: bool = False,
) -> Donor:
    """Change what is recorded of a donor (its name, the key of its records, stays)."""
    if is_un_member_state and (country is None or donor_type != DonorType.MEMBER_STATE):
        raise DomainError("A Member State donor is linked to its country.")
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
            f"{thematic_area} belongs to the framework '{thematic_area.framework}', not to "
            "the one this Fund serves.",
            fields={"thematic_area": "another framework's thematic area"},
        )
    earmark = _earmark_of(thematic_area, terms.country, terms.region)
    geographic = earmark in (Earmark.COUNTRY, Earmark.REGION)
    if geographic and not terms.steering_committee_decision.strip():
        raise EarmarkNotAllowed(
            f"A {earmark.value} earmark is allowed only by the Steering Committee; give its "
            "decision.",
            fields={"steering_committee_decision": f"required for a {earmark.value} earmark"},
        )
    for _due_on, instalment in terms.instalments:
        require_positive_amount(instalment, currency)
    scheduled = sum((amount for _d, amount in terms.instalments), Decimal(0))
    if terms.instalments and scheduled != terms.amount:
        raise DomainError(
            f"The instalments add up to {scheduled} {currency}, "
            f"not to the commitment's {terms.amount} {currency}.",
            fields={"instalments": "do not add up"},
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
    actor,
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
                f"A commitment with the reference {reference!r} exists already.",
                fields={"reference": "already used"},
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
    *, actor, commitment: Commitment, donor: Donor, terms: CommitmentTerms, reason: str = ""
) -> Commitment:
    """Change a pledge's terms (an amendment signed with the donor). Money received stays as
    posted: the currency and the donor cannot change once deposits are recorded, nor the
    amount fall below what was received."""
    values = _checked_terms(terms)
    with transaction.atomic():
        commitment = Commitment.objects.select_for_update().get(pk=commitment.pk)
        has_deposits = commitment.deposits.exists()
        if has_deposits and (
            values["currency"] != commitment.currency or donor != commitment.donor
        ):
            raise DomainError(
                f"Deposits are recorded on {commitment.reference}: its donor and currency stay.",
                fields={"currency": "deposits recorded"},
            )
        received = deposited_against(commitment)
        if values["amount"] < received:
            raise DomainError(
                f"{received} {commitment.currency} are received on {commitment.reference}; "
                f"it cannot be amended to {values['amount']}.",
                fields={"amount": "less than received"},
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
    named = {
        earmark
        for earmark, target in (
            (Earmark.THEMATIC_AREA, thematic_area),
            (Earmark.COUNTRY, country),
            (Earmark.REGION, region),
        )
        if target is not None
    }
    if len(named) > 1:
        raise EarmarkNotAllowed(
            "Earmark to one thematic area, country or region, not to several.",
            fields={"earmark": "more than one"},
        )
    return named.pop() if named else Earmark.UNEARMARKED


def deposited_against(commitment: Commitment) -> Decimal:
    """What has been received on a commitment, in its currency, leaving out reversed deposits."""
    return exact_total(commitment.deposits.filter(ledger_transaction__reversal__isnull=True))


def record_deposit(
    *,
    actor,
    commitment: Commitment,
    amount: Decimal,
    received_on: date,
    bank_reference: str,
    is_over_payment: bool = False,
) -> Deposit:
    """Record money received on a commitment (in the commitment's currency), convert it to USD
    with the rate of the day it arrived, and post it to the ledger into the pool of its earmark
    (the Administrative Agent fee is charged there and then)."""
    if not bank_reference.strip():
        raise DomainError("A deposit needs its bank reference.", fields={"bank_reference": "?"})
    with transaction.atomic():
        if Deposit.objects.filter(bank_reference=bank_reference, is_superseded=False).exists():
            raise DuplicateDeposit(
                f"The deposit with bank reference {bank_reference!r} is already recorded.",
                fields={"bank_reference": "already recorded"},
            )
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
    actor,
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
    if not reason.strip():
        raise DomainError("Say why the deposit is corrected.", fields={"reason": "required"})
    with transaction.atomic():
        deposit = Deposit.objects.select_for_update().get(pk=deposit.pk)
        if deposit.is_superseded:
            raise Conflict(f"The deposit {deposit.bank_reference!r} was corrected already.")
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
    actor,
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


def _remaining_due(commitment: Commitment) -> Decimal:
    return commitment.amount - deposited_against(commitment)


def _require_within_commitment(
    commitment: Commitment, remaining: Decimal, amount: Decimal, is_over_payment: bool
) -> None:
    outstanding = to_minor_units(remaining, commitment.currency)
    if amount > outstanding and not is_over_payment:
        raise DepositExceedsCommitment(
            f"Only {outstanding} {commitment.currency} remain due on {commitment}; {amount} "
            f"{commitment.currency} is more. Mark it as an over-payment if the donor means to "
            "give more.",
            fields={"amount": "more than remains of the commitment"},
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
        if not bank_reference.strip():
            raise DomainError("A deposit needs its bank reference.", fields={"bank_reference": "?"})
        if bank_reference in self.recorded_references:
            raise DuplicateDeposit(
                f"The deposit with bank reference {bank_reference!r} is already recorded.",
                fields={"bank_reference": "already recorded"},
            )
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

    def write(self, *, actor) -> None:
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
        self, *, actor, bank_reference: str, commitment: Commitment, **correction
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
    *, actor, name: str, amount: Decimal, deadline: date, set_on: date, set_by: str = ""
) -> CapitalizationTarget:
    require_positive_amount(amount, "USD")
    if deadline < set_on:
        raise DomainError("A target's deadline comes after the day it is set.")
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
