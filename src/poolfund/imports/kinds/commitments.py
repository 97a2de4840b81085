"""Commitments (pledges), keyed by their reference; the FMU's commitments export."""

from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from poolfund.api.tabular import LIST_SEPARATOR
from poolfund.donors import services
from poolfund.donors.api.serializers import CommitmentSerializer
from poolfund.donors.models import Commitment, Donor
from poolfund.donors.services import CommitmentTerms
from poolfund.framework.models import ThematicArea
from poolfund.framework.selectors import DEFAULT_FRAMEWORK_CODE
from poolfund.geo.models import Country, Region
from poolfund.imports import cells
from poolfund.imports.kinds.base import (
    Applied,
    Column,
    Kind,
    Outcome,
    Row,
    differences,
    lookup,
)
from poolfund.imports.kinds.donors import country_codes
from poolfund.ledger.currencies import to_minor_units


def donors_by_slug_and_name() -> dict[str, Donor]:
    donors = {}
    for donor in Donor.objects.all():
        donors[donor.name] = donor
        donors[donor.slug] = donor
    return donors


def instalments_of(cell: Any) -> list[tuple[date, Decimal]]:
    """ "2025-06-30 500000.00; 2026-06-30 500000.00" as (due date, amount) pairs."""
    parsed = []
    for part in cells.codes(cell):
        due_on, _space, amount = part.partition(" ")
        parsed.append((cells.as_date(due_on), cells.amount(amount)))
    return parsed


def thematic_area_numbers() -> list[str]:
    return [
        str(number)
        for number in ThematicArea.objects.filter(framework__code=DEFAULT_FRAMEWORK_CODE)
        .order_by("number")
        .values_list("number", flat=True)
    ]


class CommitmentKind(Kind):
    slug = "commitments"
    title = gettext_lazy("Commitments")
    key = "reference"
    columns = (
        Column(
            "reference",
            gettext_lazy("The commitment's reference; the key of the row."),
            required=True,
            example="ESP-2024-01",
        ),
        Column(
            "donor",
            gettext_lazy("The donor's code (slug) or name."),
            required=True,
            example="spain",
        ),
        Column("signed_on", gettext_lazy("Day signed."), required=True, example="2024-03-31"),
        Column(
            "amount",
            gettext_lazy("Amount pledged, in its currency."),
            required=True,
            example="1000000.00",
        ),
        Column("currency", gettext_lazy("ISO 4217 code."), required=True, example="EUR"),
        Column("usd_amount", gettext_lazy("USD equivalent on the day signed."), read_only=True),
        Column("usd_rate", gettext_lazy("Units of the currency per USD."), read_only=True),
        Column("rate_date", gettext_lazy("Day of the rate used."), read_only=True),
        Column(
            "earmark",
            gettext_lazy("Unearmarked, or earmarked to what the next columns name."),
            read_only=True,
        ),
        Column(
            "thematic_area",
            gettext_lazy("Number of the thematic area it is earmarked to, if any."),
            choices=thematic_area_numbers,
        ),
        Column(
            "earmark_country",
            gettext_lazy("ISO alpha-3 code of the country it is earmarked to, if any."),
            choices=country_codes,
        ),
        Column(
            "earmark_region",
            gettext_lazy("UN M49 code of the region it is earmarked to, if any (e.g. 419)."),
        ),
        Column(
            "steering_committee_decision",
            gettext_lazy("The decision that allows a country or region earmark."),
        ),
        Column(
            "instalments",
            gettext_lazy('Due date and amount of each instalment: "2025-06-30 500000.00; …".'),
        ),
    )

    def prepare(self) -> None:
        self.commitments = {
            commitment.reference: commitment
            for commitment in Commitment.objects.select_related(
                "donor", "thematic_area", "country", "region"
            ).prefetch_related("instalments")
        }
        self.donors = donors_by_slug_and_name()
        self.areas = {
            str(area.number): area
            for area in ThematicArea.objects.filter(
                framework__code=DEFAULT_FRAMEWORK_CODE
            ).select_related("framework")
        }
        self.countries = {country.iso3: country for country in Country.objects.all()}
        self.regions = {region.m49_code: region for region in Region.objects.all()}

    def _terms(self, row: Row) -> CommitmentTerms:
        area = row.read("thematic_area", cells.text, required=False)
        country = row.read("earmark_country", cells.text, required=False)
        region = row.read("earmark_region", cells.text, required=False)
        return CommitmentTerms(
            amount=row.read("amount", cells.amount),
            currency=row.read("currency", cells.text).upper(),
            signed_on=row.read("signed_on", cells.as_date),
            thematic_area=lookup(self.areas, "thematic_area", area, _("thematic area"))
            if area
            else None,
            country=lookup(self.countries, "earmark_country", country.upper(), _("country"))
            if country
            else None,
            region=lookup(self.regions, "earmark_region", region.zfill(3), _("region"))
            if region
            else None,
            steering_committee_decision=row.read(
                "steering_committee_decision", cells.text, required=False
            ),
            instalments=row.read("instalments", instalments_of, required=False),
        )

    def apply(self, row: Row, *, actor) -> Applied:
        reference = row.read("reference", cells.text)
        donor = lookup(self.donors, "donor", row.read("donor", cells.text), _("donor"))
        terms = self._terms(row)
        commitment = self.commitments.get(reference)
        if commitment is None:
            self.commitments[reference] = services.record_commitment(
                actor=actor,
                donor=donor,
                reference=reference,
                amount=terms.amount,
                currency=terms.currency,
                signed_on=terms.signed_on,
                thematic_area=terms.thematic_area,
                country=terms.country,
                region=terms.region,
                steering_committee_decision=terms.steering_committee_decision,
                instalments=terms.instalments,
            )
            return Applied(Outcome.CREATED)
        changes = differences(_terms_of(commitment), _plain(donor, terms))
        if not changes:
            return Applied(Outcome.UNCHANGED)
        self.commitments[reference] = services.amend_commitment(
            actor=actor, commitment=commitment, donor=donor, terms=terms, reason="import"
        )
        return Applied(Outcome.UPDATED, changes)

    def export_records(self) -> Iterator[dict[str, Any]]:
        commitments = (
            Commitment.objects.select_related("donor", "thematic_area", "country", "region")
            .prefetch_related("instalments")
            .order_by("reference")
        )
        yield from CommitmentSerializer(commitments, many=True).data


def _plain(donor: Donor, terms: CommitmentTerms) -> dict[str, str]:
    return {
        "donor": donor.slug,
        "signed_on": terms.signed_on.isoformat(),
        "amount": str(to_minor_units(terms.amount, terms.currency)),
        "currency": terms.currency,
        "thematic_area": terms.thematic_area.number if terms.thematic_area else "",
        "earmark_country": terms.country.iso3 if terms.country else "",
        "earmark_region": terms.region.m49_code if terms.region else "",
        "steering_committee_decision": terms.steering_committee_decision
        if terms.country or terms.region
        else "",
        "instalments": LIST_SEPARATOR.join(
            f"{due_on.isoformat()} {to_minor_units(amount, terms.currency)}"
            for due_on, amount in terms.instalments
        ),
    }


def _terms_of(commitment: Commitment) -> dict[str, str]:
    return _plain(
        commitment.donor,
        CommitmentTerms(
            amount=commitment.amount,
            currency=commitment.currency,
            signed_on=commitment.signed_on,
            thematic_area=commitment.thematic_area,
            country=commitment.country,
            region=commitment.region,
            steering_committee_decision=commitment.steering_committee_decision,
            instalments=[(i.due_on, i.amount) for i in commitment.instalments.all()],
        ),
    )
