"""Posting to the Fund's ledger. Every function here writes one balanced transaction (entries
summing to zero per currency; `post_transactions` a batch of them, all or nothing), records it
in the audit trail, and refuses, writing nothing, what would break a rule: an unbalanced posting,
a duplicate idempotency key, a pool of Fund cash going below zero, earmarked money leaving for
another purpose, a second reversal.

Amounts are positive `Decimal`s in the Fund's currency (USD) unless a currency is named.
`actor` is the person posting, or None for system work (the demo loader). The ledger checks no
right: only other services post to it, each after checking its own (recording a deposit,
transferring funds, closing a programme); docs/permissions.md says why."""

from bisect import bisect_right
from collections import defaultdict
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from poolfund.accounts.models import User
from poolfund.audit.choices import AuditAction
from poolfund.audit.models import AuditEvent
from poolfund.audit.services import build_event, record_event, signed_in_person
from poolfund.errors import Conflict, DomainError
from poolfund.framework.models import ThematicArea
from poolfund.geo.models import Country, Region
from poolfund.geo.selectors import lies_in
from poolfund.ledger.choices import AccountKind, TransactionKind
from poolfund.ledger.currencies import (
    FUND_CURRENCY,
    require_currency,
    require_exact_amount,
    require_positive_amount,
    to_minor_units,
)
from poolfund.ledger.models import (
    UNEARMARKED_POOL_KEY,
    AdministrativeAgentFeeRate,
    LedgerAccount,
    LedgerEntry,
    LedgerTransaction,
)
from poolfund.ledger.sums import exact_total

SYSTEM_ACTOR_LABEL = "system"


class UnbalancedTransaction(DomainError):
    code = "unbalanced_transaction"


class DuplicateTransaction(Conflict):
    code = "duplicate_transaction"


class InsufficientFunds(Conflict):
    code = "insufficient_funds"


class EarmarkViolation(DomainError):
    code = "earmark_violation"


class AlreadyReversed(Conflict):
    code = "already_reversed"


class WrongAccount(DomainError):
    code = "wrong_account"


class NoFeeRate(DomainError):
    code = "no_fee_rate"


@dataclass(frozen=True)
class Line:
    """One entry to post: positive amounts are debits, negative amounts credits."""

    account: LedgerAccount
    amount: Decimal
    currency: str = FUND_CURRENCY


def account_for_party(
    kind: AccountKind, key: str, name: str, **earmark: ThematicArea | Country | Region
) -> LedgerAccount:
    """The ledger account of a party (a donor, a participating organisation…), opened on first
    use. `key` must be stable (e.g. an organisation's code); `name` is shown in statements.
    `earmark` (thematic_area= or country=) is for pools of Fund cash only."""
    account, _created = LedgerAccount.objects.get_or_create(
        kind=kind, key=key, defaults={"name": name, **earmark}
    )
    return account


def names_one_earmark_at_most(
    thematic_area: ThematicArea | None, country: Country | None, region: Region | None
) -> bool:
    """Whether money (a pool, a commitment) is earmarked to one thematic area, country or region
    at most: the rule of every earmark, kept for pools by the `pool_has_one_earmark`
    constraint."""
    return sum(earmark is not None for earmark in (thematic_area, country, region)) <= 1


def accounts_for_parties(kind: AccountKind, names: dict[str, str]) -> dict[str, LedgerAccount]:
    """`account_for_party` for many parties at once (bulk work): their accounts by key,
    those missing opened with the name given."""
    accounts = {
        account.key: account for account in LedgerAccount.objects.filter(kind=kind, key__in=names)
    }
    missing = [key for key in names if key not in accounts]
    if missing:
        LedgerAccount.objects.bulk_create(
            (LedgerAccount(kind=kind, key=key, name=names[key]) for key in missing),
            ignore_conflicts=True,
        )
        accounts |= {
            account.key: account
            for account in LedgerAccount.objects.filter(kind=kind, key__in=missing)
        }
    return accounts


def fund_pool(
    thematic_area: ThematicArea | None = None,
    *,
    country: Country | None = None,
    region: Region | None = None,
) -> LedgerAccount:
    """The pool of Fund cash for an earmark: unearmarked, one thematic area's, or (when the
    Steering Committee allows a country or region earmark) one country's or one UN M49
    region's."""
    if not names_one_earmark_at_most(thematic_area, country, region):
        raise EarmarkViolation(
            _("Money is earmarked to one thematic area, country or region at most.")
        )
    if region is not None:
        return account_for_party(
            AccountKind.FUND_CASH,
            f"region:{region.m49_code}",
            f"Earmarked to {region.name}",
            region=region,
        )
    if country is not None:
        return account_for_party(
            AccountKind.FUND_CASH,
            f"country:{country.iso3}",
            f"Earmarked to {country.name}",
            country=country,
        )
    if thematic_area is None:
        return account_for_party(AccountKind.FUND_CASH, UNEARMARKED_POOL_KEY, "Unearmarked")
    return account_for_party(
        AccountKind.FUND_CASH,
        f"thematic-area:{thematic_area.framework.code}:{thematic_area.number}",
        f"Earmarked to {thematic_area.framework.short_name} thematic area {thematic_area.number}",
        thematic_area=thematic_area,
    )


def administrative_agent_fee_rate_on(day: date) -> Decimal:
    rate = AdministrativeAgentFeeRate.objects.filter(valid_from__lte=day).first()
    if rate is None:
        raise _no_fee_rate(day)
    return rate.rate


def set_administrative_agent_fee_rate(
    *, actor: User | None, rate: Decimal, valid_from: date
) -> AdministrativeAgentFeeRate:
    if not isinstance(rate, Decimal) or not Decimal(0) <= rate < 1:
        raise DomainError(_("The fee rate is a Decimal fraction, e.g. 0.01 for 1%."))
    with transaction.atomic():
        fee_rate, _created = AdministrativeAgentFeeRate.objects.update_or_create(
            valid_from=valid_from, defaults={"rate": rate}
        )
        record_event(
            actor=actor,
            action=AuditAction.UPDATE,
            instance=fee_rate,
            actor_label="" if actor else SYSTEM_ACTOR_LABEL,
        )
    return fee_rate


def _require_balanced(lines: Sequence[Line]) -> None:
    for line in lines:
        require_currency(line.currency)
    totals: dict[str, Decimal] = defaultdict(Decimal)
    for line in lines:
        require_exact_amount(line.amount, line.currency)
        if line.amount == 0:
            raise UnbalancedTransaction(_("A ledger entry must move some money."))
        totals[line.currency] += line.amount
    unbalanced = {currency: total for currency, total in totals.items() if total != 0}
    if unbalanced:
        raise UnbalancedTransaction(
            _("The entries of a transaction must sum to zero in each currency; off by %(off)s")
            % {
                "off": ", ".join(
                    f"{total} {currency}" for currency, total in sorted(unbalanced.items())
                )
            }
        )


NEVER_BELOW_ZERO = (AccountKind.FUND_CASH, AccountKind.ORGANISATION_TRANSFERS)
"""A pool cannot pay out more than it holds, nor an organisation give back more than it was
given (a return of unspent balance, or the reversal of a transfer it already gave back)."""


def _require_pools_stay_covered(lines: list[Line]) -> None:
    """Lock every pool (or organisation account) the transaction takes money from, then check
    it holds enough. Locks are taken in a fixed order, so two postings cannot deadlock; the
    second waits for the first."""
    outflows: dict[tuple[int, str], Decimal] = defaultdict(Decimal)
    for line in lines:
        if line.account.kind in NEVER_BELOW_ZERO:
            outflows[(line.account.pk, line.currency)] += line.amount
    drawn = {key: net for key, net in outflows.items() if net < 0}
    if not drawn:
        return
    pools = LedgerAccount.objects.select_for_update().filter(pk__in={pk for pk, _c in drawn})
    names = {pool.pk: pool.name for pool in pools.order_by("pk")}
    for (pool_pk, currency), net in sorted(drawn.items()):
        available = exact_total(LedgerEntry.objects.filter(account_id=pool_pk, currency=currency))
        if available + net < 0:
            raise InsufficientFunds(
                _(
                    "'%(account)s' holds %(available)s %(currency)s; %(amount)s %(currency)s "
                    "cannot leave it."
                )
                % {
                    "account": names[pool_pk],
                    "available": to_minor_units(available, currency),
                    "currency": currency,
                    "amount": -net,
                },
                fields={"amount": _("more than the account holds")},
            )


def post_transaction(
    *,
    actor: User | None,
    kind: TransactionKind,
    occurred_on: date,
    lines: list[Line],
    memo: str = "",
    idempotency_key: str | None = None,
    reverses: LedgerTransaction | None = None,
) -> LedgerTransaction:
    """Post balanced entries as one transaction. The other services call this one."""
    _require_balanced(lines)
    with transaction.atomic():
        if (
            idempotency_key
            and LedgerTransaction.objects.filter(idempotency_key=idempotency_key).exists()
        ):
            raise DuplicateTransaction(
                _("A transaction with the key %(key)s is already posted.")
                % {"key": repr(idempotency_key)},
                fields={"idempotency_key": _("already used")},
            )
        _require_pools_stay_covered(lines)
        try:
            with transaction.atomic():
                posted = LedgerTransaction.objects.create(
                    occurred_on=occurred_on,
                    kind=kind,
                    memo=memo,
                    idempotency_key=idempotency_key or None,
                    reverses=reverses,
                    actor=signed_in_person(actor),
                )
        except IntegrityError as error:
            raise DuplicateTransaction(
                _(
                    "This transaction was posted at the same time by someone else (same "
                    "idempotency key, or a second reversal)."
                )
            ) from error
        LedgerEntry.objects.bulk_create(
            LedgerEntry(
                transaction=posted,
                account=line.account,
                amount=line.amount,
                currency=line.currency,
            )
            for line in lines
        )
        _posting_event(actor, posted, lines).save()
    return posted


def _posting_event(actor: User | None, posted: LedgerTransaction, lines: list[Line]) -> AuditEvent:
    return build_event(
        actor=actor,
        action=AuditAction.CREATE,
        instance=posted,
        after={
            "kind": posted.kind,
            "occurred_on": posted.occurred_on.isoformat(),
            "entries": [
                f"{line.account.kind}/{line.account.key} {line.amount} {line.currency}"
                for line in lines
            ],
        },
        reason=posted.memo,
        actor_label="" if actor else SYSTEM_ACTOR_LABEL,
    )


@dataclass(frozen=True)
class Posting:
    """One transaction of a batch for `post_transactions`."""

    kind: TransactionKind
    occurred_on: date
    lines: list[Line]
    memo: str = ""
    idempotency_key: str | None = None


def post_transactions(
    *, actor: User | None, postings: Sequence[Posting]
) -> list[LedgerTransaction]:
    """Post many transactions in one database transaction, for bulk work (scale data), under
    `post_transaction`'s rules: each balanced per currency, no idempotency key used before or
    twice, and every pool holding all that the batch takes from it (locked, checked once,
    before counting any money the batch brings in). All or nothing."""
    for posting in postings:
        _require_balanced(posting.lines)
    keys = [posting.idempotency_key for posting in postings if posting.idempotency_key]
    if len(set(keys)) != len(keys):
        raise DuplicateTransaction(_("An idempotency key appears twice in the batch."))
    with transaction.atomic():
        if keys and LedgerTransaction.objects.filter(idempotency_key__in=keys).exists():
            raise DuplicateTransaction(
                _("A transaction of the batch is already posted (same key).")
            )
        _require_pools_stay_covered(
            [line for posting in postings for line in posting.lines if line.amount < 0]
        )
        posted = LedgerTransaction.objects.bulk_create(
            LedgerTransaction(
                occurred_on=posting.occurred_on,
                kind=posting.kind,
                memo=posting.memo,
                idempotency_key=posting.idempotency_key or None,
                actor=signed_in_person(actor),
            )
            for posting in postings
        )
        LedgerEntry.objects.bulk_create(
            LedgerEntry(
                transaction=made, account=line.account, amount=line.amount, currency=line.currency
            )
            for made, posting in zip(posted, postings, strict=True)
            for line in posting.lines
        )
        AuditEvent.objects.bulk_create(
            _posting_event(actor, made, posting.lines)
            for made, posting in zip(posted, postings, strict=True)
        )
    return posted


def _require_pool(pool: LedgerAccount) -> None:
    if pool.kind != AccountKind.FUND_CASH:
        raise WrongAccount(_("'%(account)s' is not a pool of Fund cash.") % {"account": pool})


def _require_kind(account: LedgerAccount, kind: AccountKind) -> None:
    if account.kind != kind:
        raise WrongAccount(
            _("'%(account)s' is not an account of the kind '%(kind)s'.")
            % {"account": account, "kind": kind.label}
        )


def post_deposit(
    *,
    actor: User | None,
    donor_account: LedgerAccount,
    pool: LedgerAccount,
    amount: Decimal,
    currency: str,
    usd_amount: Decimal,
    occurred_on: date,
    memo: str = "",
    idempotency_key: str | None = None,
) -> LedgerTransaction:
    """Post money received from a donor into a pool, then charge the Administrative Agent fee
    on it. A deposit in another currency passes through the currency-exchange account, so each
    currency balances and the pool always holds USD."""
    lines = _deposit_lines(
        donor_account=donor_account,
        pool=pool,
        amount=amount,
        currency=currency,
        usd_amount=usd_amount,
    )
    with transaction.atomic():
        deposit = post_transaction(
            actor=actor,
            kind=TransactionKind.DEPOSIT,
            occurred_on=occurred_on,
            lines=lines,
            memo=memo,
            idempotency_key=idempotency_key,
        )
        charge_administrative_agent_fee(actor=actor, deposit=deposit)
    return deposit


@dataclass(frozen=True)
class DepositPosting:
    """One deposit of a batch for `post_deposits`: the arguments of `post_deposit`."""

    donor_account: LedgerAccount
    pool: LedgerAccount
    amount: Decimal
    currency: str
    usd_amount: Decimal
    occurred_on: date
    memo: str = ""
    idempotency_key: str | None = None


def post_deposits(
    *, actor: User | None, deposits: Sequence[DepositPosting]
) -> list[LedgerTransaction]:
    """`post_deposit` for many deposits at once (a spreadsheet import), all or nothing: the
    deposits are posted by `post_transactions`, then their fees, each at the rate in force on
    its deposit's day, as a second batch (a fee takes from the pool the money its deposit
    brought in, so the pools' check sees the deposits posted)."""
    postings = [
        Posting(
            kind=TransactionKind.DEPOSIT,
            occurred_on=deposit.occurred_on,
            lines=_deposit_lines(
                donor_account=deposit.donor_account,
                pool=deposit.pool,
                amount=deposit.amount,
                currency=deposit.currency,
                usd_amount=deposit.usd_amount,
            ),
            memo=deposit.memo,
            idempotency_key=deposit.idempotency_key,
        )
        for deposit in deposits
    ]
    rates = list(AdministrativeAgentFeeRate.objects.order_by("valid_from"))
    with transaction.atomic():
        posted = post_transactions(actor=actor, postings=postings)
        fee_account = _fee_account()
        fees = (
            _fee_posting(
                made,
                _received_into_pool(posting.lines),
                _rate_in(rates, made.occurred_on),
                fee_account,
            )
            for made, posting in zip(posted, postings, strict=True)
        )
        post_transactions(actor=actor, postings=[fee for fee in fees if fee is not None])
    return posted


def require_deposit_amounts(*, amount: Decimal, currency: str, usd_amount: Decimal) -> str:
    """The deposit's currency, once its amounts are checked (see `post_deposit`)."""
    currency = require_currency(currency)
    require_positive_amount(amount, currency)
    require_positive_amount(usd_amount, FUND_CURRENCY)
    if currency == FUND_CURRENCY and amount != usd_amount:
        raise UnbalancedTransaction(_("A USD deposit's USD equivalent is the amount itself."))
    return currency


def _deposit_lines(
    *,
    donor_account: LedgerAccount,
    pool: LedgerAccount,
    amount: Decimal,
    currency: str,
    usd_amount: Decimal,
) -> list[Line]:
    _require_pool(pool)
    _require_kind(donor_account, AccountKind.DONOR_CONTRIBUTIONS)
    currency = require_deposit_amounts(amount=amount, currency=currency, usd_amount=usd_amount)
    if currency == FUND_CURRENCY:
        return [Line(pool, usd_amount), Line(donor_account, -usd_amount)]
    exchange = account_for_party(AccountKind.CURRENCY_EXCHANGE, "exchange", "Currency exchange")
    return [
        Line(donor_account, -amount, currency),
        Line(exchange, amount, currency),
        Line(exchange, -usd_amount),
        Line(pool, usd_amount),
    ]


def _received_into_pool(lines: Sequence[Line]) -> Line:
    for line in lines:
        if line.account.kind == AccountKind.FUND_CASH and line.currency == FUND_CURRENCY:
            return line
    raise WrongAccount(_("A deposit brings USD into a pool of Fund cash; this one does not."))


def _rate_in(rates: Sequence[AdministrativeAgentFeeRate], day: date) -> Decimal:
    """The rate in force on `day` among `rates` (oldest first)."""
    index = bisect_right([rate.valid_from for rate in rates], day)
    if index == 0:
        raise _no_fee_rate(day)
    return rates[index - 1].rate


def _no_fee_rate(day: date) -> NoFeeRate:
    return NoFeeRate(
        _("No Administrative Agent fee rate is set for %(day)s; set one first.") % {"day": day}
    )


def charge_administrative_agent_fee(
    *, actor: User | None, deposit: LedgerTransaction
) -> LedgerTransaction | None:
    """Take the fee rate in force on the deposit's date from the pool the deposit went into
    (rounded half up to the cent); None when the fee rounds to nothing."""
    if deposit.kind != TransactionKind.DEPOSIT:
        raise WrongAccount(
            _("%(transaction)s is not a deposit; only deposits bear the fee.")
            % {"transaction": deposit}
        )
    received = deposit.entries.select_related("account").get(
        account__kind=AccountKind.FUND_CASH, currency=FUND_CURRENCY
    )
    fee = _fee_posting(
        deposit, received, administrative_agent_fee_rate_on(deposit.occurred_on), _fee_account()
    )
    if fee is None:
        return None
    return post_transaction(
        actor=actor,
        kind=fee.kind,
        occurred_on=fee.occurred_on,
        lines=fee.lines,
        memo=fee.memo,
        idempotency_key=fee.idempotency_key,
    )


def _fee_account() -> LedgerAccount:
    return account_for_party(
        AccountKind.ADMINISTRATIVE_AGENT_FEE, "administrative-agent", "Administrative Agent fee"
    )


def _fee_posting(
    deposit: LedgerTransaction,
    received: Line | LedgerEntry,
    rate: Decimal,
    fee_account: LedgerAccount,
) -> Posting | None:
    """The fee on a posted deposit, from the pool entry that received its USD; None when it
    rounds to nothing."""
    fee = to_minor_units(received.amount * rate, FUND_CURRENCY)
    if fee == 0:
        return None
    return Posting(
        kind=TransactionKind.ADMINISTRATIVE_AGENT_FEE,
        occurred_on=deposit.occurred_on,
        lines=[Line(received.account, -fee), Line(fee_account, fee)],
        memo=f"{rate:%} of deposit #{deposit.pk}",
        idempotency_key=_fee_key(deposit),
    )


def _fee_key(deposit: LedgerTransaction) -> str:
    return f"administrative-agent-fee:{deposit.pk}"


def record_interest(
    *,
    actor: User | None,
    pool: LedgerAccount,
    amount: Decimal,
    occurred_on: date,
    memo: str = "",
    idempotency_key: str | None = None,
) -> LedgerTransaction:
    _require_pool(pool)
    require_positive_amount(amount, FUND_CURRENCY)
    interest = account_for_party(AccountKind.INTEREST_INCOME, "interest", "Interest earned")
    return post_transaction(
        actor=actor,
        kind=TransactionKind.INTEREST,
        occurred_on=occurred_on,
        lines=[Line(pool, amount), Line(interest, -amount)],
        memo=memo,
        idempotency_key=idempotency_key,
    )


def record_refund(
    *,
    actor: User | None,
    pool: LedgerAccount,
    refund_account: LedgerAccount,
    amount: Decimal,
    occurred_on: date,
    memo: str = "",
    idempotency_key: str | None = None,
) -> LedgerTransaction:
    """Pay money back from a pool to a donor (`refund_account` is the donor's
    REFUNDS_TO_DONORS account)."""
    _require_pool(pool)
    _require_kind(refund_account, AccountKind.REFUNDS_TO_DONORS)
    require_positive_amount(amount, FUND_CURRENCY)
    return post_transaction(
        actor=actor,
        kind=TransactionKind.REFUND,
        occurred_on=occurred_on,
        lines=[Line(pool, -amount), Line(refund_account, amount)],
        memo=memo,
        idempotency_key=idempotency_key,
    )


def return_unspent_balance(
    *,
    actor: User | None,
    from_account: LedgerAccount,
    pool: LedgerAccount,
    amount: Decimal,
    occurred_on: date,
    memo: str = "",
    idempotency_key: str | None = None,
) -> LedgerTransaction:
    """Post money a participating organisation gives back to the Fund: its
    `organisation-transfers` account is credited and the pool debited, the mirror of a
    transfer. The organisation's account is locked while checked (`post_transaction`), so it
    never gives back more than it holds. Which pool the money goes back to (the one it came
    from, so earmarks hold) is the caller's business (`poolfund.programmes.closure`)."""
    _require_pool(pool)
    _require_kind(from_account, AccountKind.ORGANISATION_TRANSFERS)
    require_positive_amount(amount, FUND_CURRENCY)
    return post_transaction(
        actor=actor,
        kind=TransactionKind.RETURN_OF_UNSPENT_BALANCE,
        occurred_on=occurred_on,
        lines=[Line(from_account, -amount), Line(pool, amount)],
        memo=memo,
        idempotency_key=idempotency_key,
    )


def transfer_from_pool(
    *,
    actor: User | None,
    pool: LedgerAccount,
    to_account: LedgerAccount,
    amount: Decimal,
    occurred_on: date,
    thematic_area: ThematicArea | None = None,
    countries: Collection[Country] = (),
    memo: str = "",
    idempotency_key: str | None = None,
) -> LedgerTransaction:
    """Transfer USD from a pool to a participating organisation's account. `thematic_area` and
    `countries` say what the money is for (the programme's area and countries): money earmarked
    to a thematic area leaves only for that area, money earmarked to a country only for a
    programme in that country, money earmarked to a region only for a programme all of whose
    countries lie in that region. The pool is locked while its balance is checked, so two
    transfers that together exceed it cannot both pass."""
    return post_transaction(
        actor=actor,
        kind=TransactionKind.TRANSFER,
        occurred_on=occurred_on,
        lines=transfer_lines(
            pool=pool,
            to_account=to_account,
            amount=amount,
            thematic_area=thematic_area,
            countries=countries,
        ),
        memo=memo,
        idempotency_key=idempotency_key,
    )


def transfer_lines(
    *,
    pool: LedgerAccount,
    to_account: LedgerAccount,
    amount: Decimal,
    thematic_area: ThematicArea | None = None,
    countries: Collection[Country] = (),
) -> list[Line]:
    """The entries of a transfer, once its earmark rules are checked (see `transfer_from_pool`;
    bulk work posts them with `post_transactions`)."""
    _require_pool(pool)
    _require_kind(to_account, AccountKind.ORGANISATION_TRANSFERS)
    require_positive_amount(amount, FUND_CURRENCY)
    if pool.thematic_area_id is not None and (
        thematic_area is None or thematic_area.pk != pool.thematic_area_id
    ):
        raise EarmarkViolation(
            _("'%(pool)s' is earmarked; its money may only go to work in that thematic area.")
            % {"pool": pool},
            fields={"pool": _("earmarked to another thematic area")},
        )
    if pool.country_id is not None and pool.country_id not in {c.pk for c in countries}:
        raise EarmarkViolation(
            _("'%(pool)s' is earmarked; its money may only go to a programme in that country.")
            % {"pool": pool},
            fields={"pool": _("earmarked to another country")},
        )
    if pool.region is not None and (
        not countries or not all(lies_in(country, pool.region) for country in countries)
    ):
        raise EarmarkViolation(
            _(
                "'%(pool)s' is earmarked; its money may only go to a programme whose countries "
                "all lie in that region."
            )
            % {"pool": pool},
            fields={"pool": _("earmarked to another region")},
        )
    return [Line(pool, -amount), Line(to_account, amount)]


def reverse_transaction(
    *, actor: User | None, original: LedgerTransaction, reason: str, occurred_on: date | None = None
) -> LedgerTransaction:
    """Post the mirror image of a transaction. A transaction is reversed at most once (also
    enforced by the database) and a reversal is never reversed (post the original again);
    a reversal that would take a pool below zero is refused. Reversing a deposit reverses its
    Administrative Agent fee too (unless that was reversed already): the fee was charged on
    money the Fund no longer holds."""
    if not reason.strip():
        raise DomainError(
            _("Say why the transaction is reversed."), fields={"reason": _("required")}
        )
    with transaction.atomic():
        if original.kind == TransactionKind.DEPOSIT:
            fee = LedgerTransaction.objects.filter(
                idempotency_key=_fee_key(original), reversal__isnull=True
            ).first()
            if fee is not None:
                _post_reversal(
                    actor=actor,
                    original=fee,
                    reason=f"{reason} (fee on deposit #{original.pk}, reversed with it)",
                    occurred_on=occurred_on,
                )
        return _post_reversal(
            actor=actor, original=original, reason=reason, occurred_on=occurred_on
        )


def _post_reversal(
    *, actor: User | None, original: LedgerTransaction, reason: str, occurred_on: date | None
) -> LedgerTransaction:
    original = LedgerTransaction.objects.select_for_update().get(pk=original.pk)
    if LedgerTransaction.objects.filter(reverses=original).exists():
        raise AlreadyReversed(_("%(transaction)s is already reversed.") % {"transaction": original})
    if original.kind == TransactionKind.REVERSAL:
        raise AlreadyReversed(
            _(
                "%(transaction)s is itself a reversal and cannot be reversed; post the original "
                "transaction again instead."
            )
            % {"transaction": original}
        )
    lines = [
        Line(entry.account, -entry.amount, entry.currency)
        for entry in original.entries.select_related("account")
    ]
    return post_transaction(
        actor=actor,
        kind=TransactionKind.REVERSAL,
        occurred_on=occurred_on or original.occurred_on,
        lines=lines,
        memo=reason,
        reverses=original,
    )
