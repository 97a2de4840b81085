from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from poolfund.accounts.choices import Role
from poolfund.accounts.policy import can
from poolfund.audit.models import AuditEvent
from poolfund.donors import services
from poolfund.donors.choices import DonorType
from poolfund.donors.models import CurrencyRate, Donor
from poolfund.donors.rates import RateRow, import_rates
from tests.accounts.factories import UserFactory, user_with_role
from tests.donors.factories import commitment_for

pytestmark = pytest.mark.django_db


def test_only_the_fmu_records_money():
    assert can(user_with_role(Role.FMU), "donors.record_contribution")
    germany = Donor.objects.get(slug="germany")
    focal_point = user_with_role(Role.DONOR_FOCAL_POINT, donor=germany)
    assert not can(focal_point, "donors.record_contribution")


DAY = date(2024, 3, 4)

WRITES = {
    "create_donor": lambda commitment, deposit: {
        "name": "New Foundation",
        "donor_type": DonorType.FOUNDATION,
    },
    "update_donor": lambda commitment, deposit: {
        "donor": commitment.donor,
        "donor_type": DonorType.NGO,
    },
    "record_commitment": lambda commitment, deposit: {
        "donor": commitment.donor,
        "reference": "NEW-COMMITMENT",
        "amount": Decimal("500.00"),
        "currency": "USD",
        "signed_on": DAY,
    },
    "amend_commitment": lambda commitment, deposit: {
        "commitment": commitment,
        "donor": commitment.donor,
        "terms": services.CommitmentTerms(amount=Decimal("2000.00"), currency="USD", signed_on=DAY),
    },
    "record_deposit": lambda commitment, deposit: {
        "commitment": commitment,
        "amount": Decimal("10.00"),
        "received_on": DAY,
        "bank_reference": "NEW-BANK-REFERENCE",
    },
    "correct_deposit": lambda commitment, deposit: {
        "deposit": deposit,
        "commitment": commitment,
        "amount": Decimal("90.00"),
        "received_on": DAY,
        "reason": "the bank's statement says 90",
    },
    "set_capitalization_target": lambda commitment, deposit: {
        "name": "Second target",
        "amount": Decimal("100000000.00"),
        "deadline": date(2030, 12, 31),
        "set_on": DAY,
    },
}
"""Each write service of contributions, with input it accepts from the FMU."""


@pytest.mark.parametrize("write", WRITES)
def test_each_contribution_write_refuses_whoever_may_not_record_contributions(write):
    """The service checks the right itself, whoever calls it (not only the API door)."""
    commitment = commitment_for(amount="1000.00")
    deposit = services.record_deposit(
        actor=None,
        commitment=commitment,
        amount=Decimal("100.00"),
        received_on=DAY,
        bank_reference="BANK-OF-THE-TEST",
    )
    focal_point = user_with_role(Role.DONOR_FOCAL_POINT, donor=commitment.donor)
    events = AuditEvent.objects.count()
    with pytest.raises(PermissionDenied):
        getattr(services, write)(actor=focal_point, **WRITES[write](commitment, deposit))
    assert AuditEvent.objects.count() == events
    getattr(services, write)(actor=user_with_role(Role.FMU), **WRITES[write](commitment, deposit))
    assert AuditEvent.objects.count() > events


def test_donor_focal_point_sees_only_its_own_donor_in_full():
    germany, mexico = Donor.objects.get(slug="germany"), Donor.objects.get(slug="mexico")
    focal_point = user_with_role(Role.DONOR_FOCAL_POINT, donor=germany)
    assert can(focal_point, "donors.view_contribution_details", germany)
    assert not can(focal_point, "donors.view_contribution_details", mexico)
    assert not can(UserFactory(), "donors.view_contribution_details", germany)


def test_a_donor_focal_point_without_a_donor_sees_no_donor_in_full():
    germany = Donor.objects.get(slug="germany")
    assert not can(
        user_with_role(Role.DONOR_FOCAL_POINT), "donors.view_contribution_details", germany
    )


def test_importing_rates_refuses_whoever_may_not_import_them():
    rows = [RateRow("CHF", date(2024, 3, 9), Decimal("0.876543"))]
    focal_point = user_with_role(Role.DONOR_FOCAL_POINT, donor=Donor.objects.get(slug="germany"))
    with pytest.raises(PermissionDenied):
        import_rates(actor=focal_point, rows=rows, source="a test file")
    assert not CurrencyRate.objects.filter(source="a test file").exists()
    assert import_rates(actor=user_with_role(Role.FMU), rows=rows, source="a test file") == 1
