"""An allocation round as stored in PoolFund: the round itself, the Steering Committee's policy
settings for it, and the optimiser's proposals for it (records, not decisions)."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from poolfund.programmes.models import money_field

FRACTION = [MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(1))]


def fraction_field(verbose_name: str, **kwargs) -> models.DecimalField:
    return models.DecimalField(
        verbose_name, max_digits=5, decimal_places=4, validators=FRACTION, **kwargs
    )


class AllocationRound(models.Model):
    """A call or Steering Committee allocation in which concept notes are approved."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    envelope_usd = money_field(_("envelope (USD)"), null=True, blank=True)

    class Meta:
        db_table = "programmes_allocationround"  # from when the model was in programmes
        ordering = ["-decided_on", "name"]
        verbose_name = _("allocation round")
        verbose_name_plural = _("allocation rounds")

    def __str__(self) -> str:
        return self.name


class RoundPolicy(models.Model):
    """The rules a round's portfolio must keep. Shares are fractions of the total allocated;
    amounts are USD."""

    allocation_round = models.OneToOneField(
        AllocationRound, on_delete=models.CASCADE, related_name="policy"
    )
    money_as_of = models.DateField(
        _("money available as of"),
        help_text=_("The pools' ledger balances on this day are what the round may allocate."),
    )
    thematic_area_shares = models.JSONField(
        _("thematic area shares"),
        default=dict,
        blank=True,
        help_text=_(
            'Per thematic area number, {"min": 0.1, "max": 0.4} or {"target": 0.2, '
            '"tolerance": 0.05}, as shares of the total allocated.'
        ),
    )
    region_share_max = fraction_field(_("largest share of one region"), null=True, blank=True)
    country_share_max = fraction_field(_("largest share of one country"), null=True, blank=True)
    grant_min_usd = money_field(_("smallest grant (USD)"), default=Decimal(0))
    grant_max_usd = money_field(_("largest grant (USD)"), null=True, blank=True)
    partial_funding_floor = fraction_field(
        _("partial funding floor"),
        default=Decimal(1),
        help_text=_("The smallest share of a request that may be funded; 1 is all or nothing."),
    )
    reserve_usd = money_field(_("reserve kept (USD)"), default=Decimal(0))
    must_include = models.ManyToManyField(
        "programmes.ConceptNote", related_name="+", blank=True, verbose_name=_("always fund")
    )
    must_exclude = models.ManyToManyField(
        "programmes.ConceptNote", related_name="+", blank=True, verbose_name=_("never fund")
    )

    class Meta:
        verbose_name = _("allocation round policy")
        verbose_name_plural = _("allocation round policies")

    def __str__(self) -> str:
        return f"Policy of {self.allocation_round}"

    @property
    def allows_partial_funding(self) -> bool:
        return self.partial_funding_floor < 1


class Proposal(models.Model):
    """One run of the optimiser on a stored round: its input and result as JSON. A record of
    what was proposed; the decision is the Steering Committee's approvals."""

    allocation_round = models.ForeignKey(
        AllocationRound, on_delete=models.PROTECT, related_name="proposals"
    )
    round_input = models.JSONField(_("round as given to the optimiser"))
    result = models.JSONField(_("result"))
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Empty when proposed from the command line."),
    )
    proposed_at = models.DateTimeField(_("proposed at"), auto_now_add=True)
    is_decided = models.BooleanField(
        _("recorded as the decision"),
        default=False,
        help_text=_("The Steering Committee approved the notes of this proposal."),
    )

    class Meta:
        ordering = ["-proposed_at", "-pk"]
        verbose_name = _("allocation proposal")
        verbose_name_plural = _("allocation proposals")

    def __str__(self) -> str:
        return f"Proposal for {self.allocation_round} ({self.result.get('status')})"
