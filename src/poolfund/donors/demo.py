"""The demo's donors, commitments, deposits and targets (domain.md, "Donors as of August
2024"). Safe to run again: what exists already is left alone. The totals are never typed here;
they come out of the ledger."""

import json
from datetime import date
from decimal import Decimal
from importlib.resources import files

from django.db import transaction

from poolfund.donors import services
from poolfund.donors.choices import DonorType
from poolfund.donors.models import CapitalizationTarget, Commitment, Deposit, Donor
from poolfund.geo.models import Country
from poolfund.ledger.models import AdministrativeAgentFeeRate
from poolfund.ledger.services import set_administrative_agent_fee_rate

DEMO_FILE = "demo_contributions.json"


def _demo_data() -> dict:
    return json.loads(files("poolfund.donors").joinpath("data", DEMO_FILE).read_text())


def _donor(entry: dict) -> Donor:
    existing = Donor.objects.filter(name=entry["name"]).first()
    if existing:
        return existing
    if "iso3" in entry:
        return services.create_donor(
            actor=None,
            name=entry["name"],
            donor_type=DonorType.MEMBER_STATE,
            country=Country.objects.get(iso3=entry["iso3"]),
            is_un_member_state=True,
        )
    return services.create_donor(actor=None, name=entry["name"], donor_type=entry["type"])


def _commitment(donor: Donor, entry: dict) -> Commitment:
    reference = f"DEMO-{donor.slug}"
    existing = Commitment.objects.filter(reference=reference).first()
    if existing:
        return existing
    instalments = [(date.fromisoformat(d), Decimal(a)) for d, a in entry.get("instalments", [])]
    deposits = entry["deposits"]
    return services.record_commitment(
        actor=None,
        donor=donor,
        reference=reference,
        amount=sum((Decimal(amount) for _d, amount in deposits), Decimal(0)),
        currency="USD",
        signed_on=date.fromisoformat(entry.get("signed_on", deposits[0][0])),
        instalments=instalments,
    )


@transaction.atomic
def load_demo_contributions() -> int:
    """Load the demo's contributions; returns how many deposits were added."""
    data = _demo_data()
    fee = data["administrative_agent_fee"]
    if not AdministrativeAgentFeeRate.objects.exists():
        set_administrative_agent_fee_rate(
            actor=None, rate=Decimal(fee["rate"]), valid_from=date.fromisoformat(fee["valid_from"])
        )
    for target in data["targets"]:
        if CapitalizationTarget.objects.filter(set_on=target["set_on"]).exists():
            continue
        services.set_capitalization_target(
            actor=None,
            name=target["name"],
            amount=Decimal(target["amount"]),
            deadline=date.fromisoformat(target["deadline"]),
            set_on=date.fromisoformat(target["set_on"]),
            set_by="Steering Committee",
        )
    added = 0
    for entry in data["donors"]:
        commitment = _commitment(_donor(entry), entry)
        for number, (received_on, amount) in enumerate(entry["deposits"], start=1):
            reference = f"{commitment.reference}-{number}"
            if Deposit.objects.filter(bank_reference=reference).exists():
                continue
            services.record_deposit(
                actor=None,
                commitment=commitment,
                amount=Decimal(amount),
                received_on=date.fromisoformat(received_on),
                bank_reference=reference,
            )
            added += 1
    return added
