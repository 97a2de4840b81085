from django.db import models
from django.utils.translation import gettext_lazy as _


class AccountKind(models.TextChoices):
    """What a ledger account holds. Entry amounts are debits when positive, credits when
    negative; the Fund's cash pools are assets, so their balance is the sum of their entries."""

    FUND_CASH = "fund-cash", _("Fund cash (one pool per earmark)")
    DONOR_CONTRIBUTIONS = "donor-contributions", _("Contributions received from a donor")
    ADMINISTRATIVE_AGENT_FEE = "administrative-agent-fee", _("Administrative Agent fee")
    ORGANISATION_TRANSFERS = (
        "organisation-transfers",
        _("Transfers to a participating organisation"),
    )
    INTEREST_INCOME = "interest-income", _("Interest earned")
    REFUNDS_TO_DONORS = "refunds-to-donors", _("Refunds to a donor")
    CURRENCY_EXCHANGE = "currency-exchange", _("Currency exchange")


class TransactionKind(models.TextChoices):
    DEPOSIT = "deposit", _("Deposit")
    ADMINISTRATIVE_AGENT_FEE = "administrative-agent-fee", _("Administrative Agent fee")
    TRANSFER = "transfer", _("Transfer")
    INTEREST = "interest", _("Interest")
    REFUND = "refund", _("Refund to a donor")
    RETURN_OF_UNSPENT_BALANCE = (
        "return-of-unspent-balance",
        _("Unspent balance returned by a participating organisation"),
    )
    REVERSAL = "reversal", _("Reversal")
