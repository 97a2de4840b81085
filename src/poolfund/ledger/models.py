"""The Fund's double-entry ledger: accounts, transactions and their entries.

Entries are written once and never changed or deleted; a mistake is corrected by a reversal.
Every balance in PoolFund is a sum of entries."""

from typing import TypedDict

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from poolfund.ledger.choices import AccountKind, TransactionKind


class DecimalDigits(TypedDict):
    """A DecimalField's size, spread into it as `**digits`."""

    max_digits: int
    decimal_places: int


MONEY_DIGITS: DecimalDigits = {"max_digits": 24, "decimal_places": 4}
"""Room for any ISO 4217 currency's minor units (up to 4, e.g. CLF)."""
USD_DIGITS: DecimalDigits = {"max_digits": 20, "decimal_places": 2}
"""USD to the cent: budgets, transfers and every USD equivalent, in models, forms and the API."""


class LedgerIsAppendOnly(Exception):
    pass


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise LedgerIsAppendOnly("Ledger records cannot be changed; post a reversal instead.")

    def delete(self):
        raise LedgerIsAppendOnly("Ledger records cannot be deleted; post a reversal instead.")


class AppendOnlyModel(models.Model):
    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None and not self._state.adding:
            raise LedgerIsAppendOnly(f"A {self._meta.verbose_name} cannot be changed once posted.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise LedgerIsAppendOnly(f"A {self._meta.verbose_name} cannot be deleted.")


class LedgerAccount(models.Model):
    """Where money sits or comes from: a pool of Fund cash (unearmarked, or earmarked to a
    thematic area or, when the Steering Committee allows, a country or a UN M49 region), a
    donor's contributions, the Administrative Agent's fee, transfers to one participating
    organisation, interest, refunds. Found by its kind and a stable key."""

    kind = models.CharField(_("kind"), max_length=40, choices=AccountKind.choices)
    key = models.CharField(
        _("key"), max_length=100, help_text=_("Stable key within its kind, e.g. 'unearmarked'.")
    )
    name = models.CharField(_("name"), max_length=200)
    thematic_area = models.ForeignKey(
        "framework.ThematicArea",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("earmarked to thematic area"),
    )
    country = models.ForeignKey(
        "geo.Country",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("earmarked to country"),
    )
    region = models.ForeignKey(
        "geo.Region",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("earmarked to region"),
    )
    opened_at = models.DateTimeField(_("opened at"), auto_now_add=True)

    class Meta:
        ordering = ["kind", "name"]
        verbose_name = _("ledger account")
        verbose_name_plural = _("ledger accounts")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "key"],
                name="ledger_account_key_unique_in_kind",
                violation_error_message=_("There is already an account with this kind and key."),
            ),
            models.CheckConstraint(
                condition=(
                    Q(thematic_area__isnull=True) & Q(country__isnull=True) & Q(region__isnull=True)
                )
                | Q(kind=AccountKind.FUND_CASH),
                name="only_fund_cash_pools_are_earmarked",
                violation_error_message=_("Only a pool of Fund cash can be earmarked."),
            ),
            models.CheckConstraint(
                condition=(Q(thematic_area__isnull=True) & Q(country__isnull=True))
                | (Q(thematic_area__isnull=True) & Q(region__isnull=True))
                | (Q(country__isnull=True) & Q(region__isnull=True)),
                name="pool_has_one_earmark",
                violation_error_message=_(
                    "A pool is earmarked to one thematic area, country or region at most."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_earmarked(self) -> bool:
        return self.kind == AccountKind.FUND_CASH and self.key != UNEARMARKED_POOL_KEY


UNEARMARKED_POOL_KEY = "unearmarked"


class LedgerTransaction(AppendOnlyModel):
    """One movement of money: its entries sum to zero in each currency."""

    occurred_on = models.DateField(_("value date"), db_index=True)
    kind = models.CharField(_("kind"), max_length=30, choices=TransactionKind.choices)
    memo = models.CharField(_("memo"), max_length=300, blank=True)
    idempotency_key = models.CharField(
        _("idempotency key"),
        max_length=120,
        null=True,
        blank=True,
        unique=True,
        help_text=_("Posting twice with the same key is refused."),
    )
    reverses = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reversal",
        verbose_name=_("reverses"),
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("posted by"),
    )
    posted_at = models.DateTimeField(_("posted at"), auto_now_add=True)

    class Meta:
        ordering = ["occurred_on", "id"]
        verbose_name = _("ledger transaction")
        verbose_name_plural = _("ledger transactions")
        constraints = [
            models.CheckConstraint(
                condition=Q(reverses__isnull=True) | Q(kind=TransactionKind.REVERSAL),
                name="only_reversals_reverse",
                violation_error_message=_("Only a reversal can reverse a transaction."),
            ),
        ]

    def __str__(self) -> str:
        # The label itself: get_kind_display() translates every kind's label to find one.
        return f"#{self.pk} {TransactionKind(self.kind).label} {self.occurred_on}"


class LedgerEntry(AppendOnlyModel):
    """One line of a transaction: a debit (positive) or a credit (negative) to one account."""

    transaction = models.ForeignKey(
        LedgerTransaction, on_delete=models.PROTECT, related_name="entries"
    )
    account = models.ForeignKey(LedgerAccount, on_delete=models.PROTECT, related_name="entries")
    amount = models.DecimalField(_("amount"), **MONEY_DIGITS)
    currency = models.CharField(_("currency"), max_length=3)

    class Meta:
        ordering = ["transaction", "id"]
        verbose_name = _("ledger entry")
        verbose_name_plural = _("ledger entries")
        constraints = [
            models.CheckConstraint(
                condition=~Q(amount=0),
                name="ledger_entry_amount_not_zero",
                violation_error_message=_("A ledger entry moves some money."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.account}: {self.amount} {self.currency}"


class AdministrativeAgentFeeRate(models.Model):
    """The share of each deposit the Administrative Agent keeps, from a date on (1% for the
    MPTF Office). Kept as data so a change of rate leaves past fees as they were charged."""

    rate = models.DecimalField(_("rate"), max_digits=6, decimal_places=4)
    valid_from = models.DateField(_("valid from"), unique=True)

    class Meta:
        ordering = ["-valid_from"]
        verbose_name = _("Administrative Agent fee rate")
        verbose_name_plural = _("Administrative Agent fee rates")
        constraints = [
            models.CheckConstraint(
                condition=Q(rate__gte=0) & Q(rate__lt=1),
                name="fee_rate_is_a_fraction",
                violation_error_message=_("The fee rate is a fraction between 0 and 1."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.rate:%} from {self.valid_from}"
