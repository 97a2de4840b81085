"""Activities other publishers report to IATI, imported for comparison with the portfolio.

They are not Fund programmes: they are kept as their publisher wrote them, keyed by the
reporting organisation and the IATI identifier.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from poolfund.geo.models import Country, Region
from poolfund.iati.choices import ProblemKind

MONEY = {"max_digits": 20, "decimal_places": 2}


class ExternalActivity(models.Model):
    """One IATI activity published by another organisation, as last imported."""

    reporting_org_ref = models.CharField(_("reporting organisation identifier"), max_length=200)
    reporting_org_name = models.CharField(_("reporting organisation"), max_length=500, blank=True)
    reporting_org_type = models.CharField(
        _("reporting organisation type"), max_length=4, blank=True, help_text=_("OrganisationType")
    )
    iati_identifier = models.CharField(_("IATI identifier"), max_length=300)
    title = models.TextField(_("title"), blank=True)
    description = models.TextField(_("description"), blank=True)
    language = models.CharField(_("language"), max_length=10, blank=True)
    default_currency = models.CharField(_("default currency"), max_length=3, blank=True)
    activity_status = models.CharField(
        _("activity status"), max_length=2, blank=True, help_text=_("ActivityStatus code")
    )
    planned_start = models.DateField(_("planned start"), null=True, blank=True)
    actual_start = models.DateField(_("actual start"), null=True, blank=True)
    planned_end = models.DateField(_("planned end"), null=True, blank=True)
    actual_end = models.DateField(_("actual end"), null=True, blank=True)
    last_updated = models.DateTimeField(_("last updated by its publisher"), null=True, blank=True)
    results = models.JSONField(
        _("results"), default=list, blank=True, help_text=_("Results with their indicators.")
    )
    source_file = models.CharField(_("source file"), max_length=500, db_index=True)
    source_line = models.PositiveIntegerField(_("line in the source file"))
    content_hash = models.CharField(_("content hash"), max_length=64)
    last_import = models.ForeignKey(
        "IatiImport",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("The import that last created or changed the activity."),
    )
    imported_at = models.DateTimeField(_("first imported"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed by an import"), auto_now=True)

    class Meta:
        ordering = ["reporting_org_ref", "iati_identifier"]
        verbose_name = _("external activity")
        verbose_name_plural = _("external activities")
        constraints = [
            models.UniqueConstraint(
                fields=["reporting_org_ref", "iati_identifier"],
                name="external_activity_unique_per_reporting_org",
                violation_error_message=_(
                    "A reporting organisation cannot publish two activities with one identifier."
                ),
            )
        ]

    def __str__(self) -> str:
        return self.iati_identifier


class ActivityPart(models.Model):
    """A repeated element of an external activity, kept in the publisher's order."""

    class Meta:
        abstract = True
        ordering = ["activity", "id"]


class ExternalParticipatingOrg(ActivityPart):
    """An organisation taking part in an external activity, in an OrganisationRole."""

    activity = models.ForeignKey(
        ExternalActivity, on_delete=models.CASCADE, related_name="participating_orgs"
    )
    role = models.CharField(_("role"), max_length=2, blank=True)
    ref = models.CharField(_("identifier"), max_length=200, blank=True)
    org_type = models.CharField(_("type"), max_length=4, blank=True)
    name = models.CharField(_("name"), max_length=500, blank=True)

    def __str__(self) -> str:
        return self.name or self.ref


class ExternalRecipientCountry(ActivityPart):
    activity = models.ForeignKey(
        ExternalActivity, on_delete=models.CASCADE, related_name="recipient_countries"
    )
    code = models.CharField(_("ISO 3166 alpha-2 code"), max_length=2)
    country = models.ForeignKey(
        Country, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    percentage = models.DecimalField(
        _("percentage"), max_digits=7, decimal_places=3, null=True, blank=True
    )

    def __str__(self) -> str:
        return self.code


class ExternalRecipientRegion(ActivityPart):
    activity = models.ForeignKey(
        ExternalActivity, on_delete=models.CASCADE, related_name="recipient_regions"
    )
    vocabulary = models.CharField(_("RegionVocabulary"), max_length=3, default="1")
    code = models.CharField(_("code"), max_length=10)
    name = models.CharField(_("name"), max_length=200, blank=True)
    region = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("The UN M49 region, for vocabulary 2."),
    )
    percentage = models.DecimalField(
        _("percentage"), max_digits=7, decimal_places=3, null=True, blank=True
    )

    def __str__(self) -> str:
        return self.name or self.code


class ExternalSector(ActivityPart):
    activity = models.ForeignKey(ExternalActivity, on_delete=models.CASCADE, related_name="sectors")
    vocabulary = models.CharField(_("SectorVocabulary"), max_length=3, default="1")
    vocabulary_uri = models.CharField(_("vocabulary URI"), max_length=500, blank=True)
    code = models.CharField(_("code"), max_length=100)
    name = models.CharField(_("name"), max_length=300, blank=True)
    percentage = models.DecimalField(
        _("percentage"), max_digits=7, decimal_places=3, null=True, blank=True
    )

    def __str__(self) -> str:
        return f"{self.vocabulary}:{self.code}"


class ExternalBudget(ActivityPart):
    activity = models.ForeignKey(ExternalActivity, on_delete=models.CASCADE, related_name="budgets")
    budget_type = models.CharField(_("BudgetType"), max_length=2, blank=True)
    status = models.CharField(_("BudgetStatus"), max_length=2, blank=True)
    period_start = models.DateField(_("period start"), null=True, blank=True)
    period_end = models.DateField(_("period end"), null=True, blank=True)
    value = models.DecimalField(_("value"), null=True, blank=True, **MONEY)
    currency = models.CharField(_("currency"), max_length=3, blank=True)
    value_date = models.DateField(_("value date"), null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.value} {self.currency}"


class ExternalTransaction(ActivityPart):
    activity = models.ForeignKey(
        ExternalActivity, on_delete=models.CASCADE, related_name="transactions"
    )
    transaction_type = models.CharField(_("TransactionType"), max_length=2, blank=True)
    date = models.DateField(_("date"), null=True, blank=True)
    value = models.DecimalField(_("value"), null=True, blank=True, **MONEY)
    currency = models.CharField(_("currency"), max_length=3, blank=True)
    value_date = models.DateField(_("value date"), null=True, blank=True)
    provider_org_ref = models.CharField(_("provider identifier"), max_length=200, blank=True)
    provider_org_name = models.CharField(_("provider"), max_length=500, blank=True)
    receiver_org_ref = models.CharField(_("receiver identifier"), max_length=200, blank=True)
    receiver_org_name = models.CharField(_("receiver"), max_length=500, blank=True)
    description = models.TextField(_("description"), blank=True)

    def __str__(self) -> str:
        return f"{self.transaction_type} {self.value} {self.currency}"


class ExternalActivityProblem(ActivityPart):
    """Something in the publisher's XML that the schema or our mapping could not accept."""

    activity = models.ForeignKey(
        ExternalActivity, on_delete=models.CASCADE, related_name="problems"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=ProblemKind.choices)
    line = models.PositiveIntegerField(_("line"), null=True, blank=True)
    message = models.TextField(_("message"))

    def __str__(self) -> str:
        return self.message


class IatiImport(models.Model):
    """One run of the importer over one file, with what it did (the file's import report)."""

    source_file = models.CharField(_("source file"), max_length=500)
    imported_at = models.DateTimeField(_("imported at"), auto_now_add=True)
    activities_read = models.PositiveIntegerField(_("activities read"), default=0)
    created = models.PositiveIntegerField(_("created"), default=0)
    updated = models.PositiveIntegerField(_("updated"), default=0)
    unchanged = models.PositiveIntegerField(_("unchanged"), default=0)
    skipped = models.PositiveIntegerField(_("skipped"), default=0)
    problems = models.PositiveIntegerField(_("problems"), default=0)
    file_digest = models.CharField(
        _("file digest"),
        max_length=64,
        blank=True,
        help_text=_("SHA-256 of the file and the import's options, to skip an unchanged file."),
    )
    holding = models.PositiveIntegerField(
        _("activities held"),
        default=0,
        help_text=_("External activities whose content came from this file, after the import."),
    )
    problem_list = models.JSONField(
        _("problems found"),
        default=list,
        blank=True,
        help_text=_("The report's problems: [activity, line, kind, message] each."),
    )

    class Meta:
        ordering = ["-imported_at", "-id"]
        verbose_name = _("IATI import")
        verbose_name_plural = _("IATI imports")

    def __str__(self) -> str:
        return f"{self.source_file} ({self.imported_at:%Y-%m-%d %H:%M})"


class OrganisationIdentifier(models.Model):
    """The IATI organisation identifier the FMU set for a participating UN organisation, a
    national partner or a donor; it wins over the identifier PoolFund knows from its data file."""

    organisation = models.OneToOneField(
        "programmes.ParticipatingOrganisation",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="iati_identifier",
    )
    partner = models.OneToOneField(
        "programmes.NationalPartner",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="iati_identifier",
    )
    donor = models.OneToOneField(
        "donors.Donor",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="iati_identifier",
    )
    identifier = models.CharField(_("IATI organisation identifier"), max_length=200)

    class Meta:
        verbose_name = _("IATI organisation identifier")
        verbose_name_plural = _("IATI organisation identifiers")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(
                    organisation__isnull=False, partner__isnull=True, donor__isnull=True
                )
                | models.Q(organisation__isnull=True, partner__isnull=False, donor__isnull=True)
                | models.Q(organisation__isnull=True, partner__isnull=True, donor__isnull=False),
                name="identifier_of_one_organisation",
                violation_error_message=_("An identifier belongs to one organisation."),
            )
        ]

    def __str__(self) -> str:
        return self.identifier
