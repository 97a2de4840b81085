"""Donors, keyed by name; the columns of the donors list (`/api/v1/donors/?format=csv`)."""

from collections.abc import Iterator
from typing import Any

from django.utils.translation import gettext_lazy as _

from poolfund.donors import services
from poolfund.donors.api.serializers import DonorSerializer
from poolfund.donors.choices import DonorType
from poolfund.donors.models import Donor
from poolfund.donors.selectors import donor_rows
from poolfund.geo.models import Country
from poolfund.imports import cells
from poolfund.imports.kinds.base import Applied, Column, Kind, Outcome, Row, RowError, lookup


def country_codes() -> list[str]:
    return list(Country.objects.order_by("iso3").values_list("iso3", flat=True))


class DonorKind(Kind):
    slug = "donors"
    title = _("Donors")
    key = "name"
    columns = (
        Column("slug", _("Code of the donor in PoolFund (given from its name)."), read_only=True),
        Column("name", _("The donor's name; the key of the row."), required=True, example="Spain"),
        Column(
            "donor_type",
            _("Type of donor."),
            required=True,
            choices=lambda: list(DonorType.values),
            example=DonorType.MEMBER_STATE.value,
        ),
        Column(
            "is_un_member_state",
            _("true for a UN Member State (then its country is required)."),
            choices=lambda: ["true", "false"],
            example="true",
        ),
        Column(
            "country",
            _("ISO 3166 alpha-3 code of the donor's country, if a country."),
            choices=country_codes,
            example="ESP",
        ),
        Column("deposited_usd", _("Deposited, in USD (from the ledger)."), read_only=True),
        Column("committed_usd", _("Committed, in USD."), read_only=True),
    )

    def prepare(self) -> None:
        self.donors = {donor.name: donor for donor in Donor.objects.select_related("country")}
        self.countries = {country.iso3: country for country in Country.objects.all()}

    def apply(self, row: Row, *, actor) -> Applied:
        name = row.read("name", cells.text)
        donor_type = row.read("donor_type", cells.text)
        if donor_type not in DonorType.values:
            raise RowError("donor_type", _("Use one of: %s.") % ", ".join(DonorType.values))
        code = row.read("country", cells.text, required=False)
        country = lookup(self.countries, "country", code.upper(), _("country")) if code else None
        member = row.read("is_un_member_state", cells.yes_no, required=False)
        wanted = {
            "donor_type": donor_type,
            "country": country.iso3 if country else "",
            "is_un_member_state": member,
        }
        donor = self.donors.get(name)
        if donor is None:
            self.donors[name] = services.create_donor(
                actor=actor,
                name=name,
                donor_type=donor_type,
                country=country,
                is_un_member_state=member,
            )
            return Applied(Outcome.CREATED)
        recorded = {
            "donor_type": donor.donor_type,
            "country": donor.country.iso3 if donor.country else "",
            "is_un_member_state": donor.is_un_member_state,
        }
        changes = {name: [recorded[name], value] for name, value in wanted.items()}
        changes = {name: pair for name, pair in changes.items() if pair[0] != pair[1]}
        if not changes:
            return Applied(Outcome.UNCHANGED)
        self.donors[name] = services.update_donor(
            actor=actor,
            donor=donor,
            donor_type=donor_type,
            country=country,
            is_un_member_state=member,
        )
        return Applied(Outcome.UPDATED, changes)

    def export_records(self) -> Iterator[dict[str, Any]]:
        yield from DonorSerializer(donor_rows(), many=True).data
