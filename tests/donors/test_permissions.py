import pytest

from poolfund.accounts.choices import Role
from poolfund.accounts.models import RoleAssignment, User
from poolfund.accounts.policy import can
from poolfund.donors.models import Donor

pytestmark = pytest.mark.django_db


def user_with(role=None, **scope):
    user = User.objects.create_user(f"user-{User.objects.count()}", password="x")
    if role:
        RoleAssignment.objects.create(user=user, role=role, **scope)
    return user


def test_only_the_fmu_records_money():
    assert can(user_with(Role.FMU), "donors.record_contribution")
    assert can(user_with(Role.FMU), "ledger.post_transaction")
    germany = Donor.objects.get(slug="germany")
    focal_point = user_with(Role.DONOR_FOCAL_POINT, donor=germany)
    assert not can(focal_point, "donors.record_contribution")
    assert not can(focal_point, "ledger.post_transaction")


def test_donor_focal_point_sees_only_its_own_donor_in_full():
    germany, mexico = Donor.objects.get(slug="germany"), Donor.objects.get(slug="mexico")
    focal_point = user_with(Role.DONOR_FOCAL_POINT, donor=germany)
    assert can(focal_point, "donors.view_contribution_details", germany)
    assert not can(focal_point, "donors.view_contribution_details", mexico)
    assert not can(user_with(), "donors.view_contribution_details", germany)


def test_a_donor_focal_point_without_a_donor_sees_no_donor_in_full():
    germany = Donor.objects.get(slug="germany")
    assert not can(user_with(Role.DONOR_FOCAL_POINT), "donors.view_contribution_details", germany)
