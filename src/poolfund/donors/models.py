"""Donors, their focal points, their commitments (pledges) and the deposits received against
them; the Fund's capitalization targets; and the currency rates used to express all in USD."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from poolfund.donors.choices import DonorType, Earmark
from poolfund.ledger.models import MONEY_DIGITS, USD_DIGITS, DecimalDigits

RATE_DIGITS: DecimalDigits = {"max_digits": 24, "decimal_places": 10}


class Donor(models.Model):
    """A contributor to the Fund: a Member State (linked to its country), a foundation, an NGO,
    a company or another entity."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    donor_type = models.CharField(_("type"), max_length=20, choices=DonorType.choices)
    is_un_member_state = models.BooleanField(_("UN Member State"), default=False)
    country = models.OneToOneField(
        "geo.Country",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="donor",
        verbose_name=_("country"),
    )
    website = models.URLField(_("website"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("donor")
        verbose_name_plural = _("donors")
        constraints = [
            models.CheckConstraint(
                condition=Q(is_un_member_state=False)
                | (Q(country__isnull=False) & Q(donor_type=DonorType.MEMBER_STATE)),
                name="member_state_donor_has_a_country",
                violation_error_message=_("A Member State donor is linked to its country."),
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Commitment(models.Model):
    """A donor's pledge to the Fund, in its currency, unearmarked or earmarked to a thematic
    area (or to a country or a UN M49 region, if the Steering Committee allows), possibly paid
    in instalments over several years."""

    donor = models.ForeignKey(Donor, on_delete=models.PROTECT, related_name="commitments")
    reference = models.CharField(_("reference"), max_length=100, unique=True)
    signed_on = models.DateField(_("signed on"))
    amount = models.DecimalField(_("amount"), **MONEY_DIGITS)
    currency = models.CharField(_("currency"), max_length=3)
    usd_amount = models.DecimalField(_("USD equivalent"), **USD_DIGITS)
    usd_rate = models.DecimalField(_("units per USD"), **RATE_DIGITS)
    rate_date = models.DateField(_("rate date"))
    earmark = models.CharField(
        _("earmark"), max_length=20, choices=Earmark.choices, default=Earmark.UNEARMARKED
    )
    thematic_area = models.ForeignKey(
        "framework.ThematicArea",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("thematic area"),
    )
    country = models.ForeignKey(
        "geo.Country",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("country"),
    )
    region = models.ForeignKey(
        "geo.Region",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("region"),
    )
    steering_committee_decision = models.CharField(
        _("Steering Committee decision"),
        max_length=200,
        blank=True,
        help_text=_("The decision that allows a country or region earmark."),
    )

    class Meta:
        ordering = ["signed_on", "id"]
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gt=0),
                name="commitment_amount_positive",
                violation_error_message=_("A commitment is for more than zero."),
            ),
            models.CheckConstraint(
                condition=(Q(earmark=Earmark.THEMATIC_AREA) & Q(thematic_area__isnull=False))
                | (~Q(earmark=Earmark.THEMATIC_AREA) & Q(thematic_area__isnull=True)),
                name="commitment_thematic_earmark_names_its_area",
                violation_error_message=_("A thematic earmark names its thematic area."),
            ),
            models.CheckConstraint(
                condition=(
                    Q(earmark=Earmark.COUNTRY)
                    & Q(country__isnull=False)
                    & ~Q(steering_committee_decision="")
                )
                | (~Q(earmark=Earmark.COUNTRY) & Q(country__isnull=True)),
                name="commitment_country_earmark_is_allowed",
                violation_error_message=_(
                    "A country earmark names its country and the Steering Committee decision."
                ),
            ),
            models.CheckConstraint(
                condition=(
                    Q(earmark=Earmark.REGION)
                    & Q(region__isnull=False)
                    & ~Q(steering_committee_decision="")
                )
                | (~Q(earmark=Earmark.REGION) & Q(region__isnull=True)),
                name="commitment_region_earmark_is_allowed",
                violation_error_message=_(
                    "A region earmark names its region and the Steering Committee decision."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.donor} {self.reference}"


class Instalment(models.Model):
    """One scheduled payment of a multi-year commitment."""

    commitment = models.ForeignKey(Commitment, on_delete=models.CASCADE, related_name="instalments")
    due_on = models.DateField(_("due on"))
    amount = models.DecimalField(_("amount"), **MONEY_DIGITS)

    class Meta:
        ordering = ["commitment", "due_on"]
        verbose_name = _("instalment")
        verbose_name_plural = _("instalments")

    def __str__(self) -> str:
        return f"{self.commitment} due {self.due_on}"


class Deposit(models.Model):
    """Money received against a commitment, with the USD rate used and its date; its ledger
    transaction is the record that counts."""

    commitment = models.ForeignKey(Commitment, on_delete=models.PROTECT, related_name="deposits")
    received_on = models.DateField(_("received on"))
    amount = models.DecimalField(_("amount"), **MONEY_DIGITS)
    currency = models.CharField(_("currency"), max_length=3)
    usd_amount = models.DecimalField(_("USD equivalent"), **USD_DIGITS)
    usd_rate = models.DecimalField(_("units per USD"), **RATE_DIGITS)
    rate_date = models.DateField(_("rate date"))
    bank_reference = models.CharField(_("bank reference"), max_length=100)
    is_over_payment = models.BooleanField(_("over-payment accepted"), default=False)
    replaces = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="replaced_by",
        verbose_name=_("replaces"),
        help_text=_("The deposit this one corrects; that one's ledger transaction is reversed."),
    )
    is_superseded = models.BooleanField(
        _("superseded"),
        default=False,
        help_text=_("Reversed and replaced by a corrected deposit with the same bank reference."),
    )
    ledger_transaction = models.OneToOneField(
        "ledger.LedgerTransaction", on_delete=models.PROTECT, related_name="deposit"
    )

    class Meta:
        ordering = ["received_on", "id"]
        verbose_name = _("deposit")
        verbose_name_plural = _("deposits")
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gt=0) & Q(usd_amount__gt=0),
                name="deposit_amount_positive",
                violation_error_message=_("A deposit is for more than zero."),
            ),
            models.UniqueConstraint(
                fields=["bank_reference"],
                condition=Q(is_superseded=False),
                name="one_current_deposit_per_bank_reference",
                violation_error_message=_("A deposit with this bank reference is recorded."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.commitment.donor} {self.amount} {self.currency} on {self.received_on}"


class CapitalizationTarget(models.Model):
    """How much the Fund means to raise by when ("USD 150M by IMRF 2026"). Targets are kept
    as a history; the one in force is the latest set on or before a day."""

    name = models.CharField(_("name"), max_length=200)
    amount = models.DecimalField(_("amount"), **USD_DIGITS)
    currency = models.CharField(_("currency"), max_length=3, default="USD")
    deadline = models.DateField(_("deadline"))
    set_on = models.DateField(_("set on"), unique=True)
    set_by = models.CharField(_("set by"), max_length=200, blank=True)

    class Meta:
        ordering = ["-set_on"]
        verbose_name = _("capitalization target")
        verbose_name_plural = _("capitalization targets")

    def __str__(self) -> str:
        return self.name


class CurrencyRate(models.Model):
    """How many units of a currency one US dollar bought on a day, from a source the FMU
    controls (a CSV it imports, or the ECB reference rates for the demo)."""

    currency = models.CharField(_("currency"), max_length=3)
    rate_date = models.DateField(_("date"))
    units_per_usd = models.DecimalField(_("units per USD"), **RATE_DIGITS)
    source = models.CharField(_("source"), max_length=200)

    class Meta:
        ordering = ["currency", "-rate_date"]
        verbose_name = _("currency rate")
        verbose_name_plural = _("currency rates")
        constraints = [
            models.UniqueConstraint(
                fields=["currency", "rate_date"],
                name="one_rate_per_currency_and_day",
                violation_error_message=_("There is already a rate for this currency and day."),
            ),
            models.CheckConstraint(
                condition=Q(units_per_usd__gt=0),
                name="currency_rate_positive",
                violation_error_message=_("A rate is more than zero."),
            ),
        ]

    def __str__(self) -> str:
        return f"1 USD = {self.units_per_usd} {self.currency} on {self.rate_date}"
