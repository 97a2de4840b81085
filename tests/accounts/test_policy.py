import datetime

import pytest
from django.core.exceptions import PermissionDenied

from poolfund.accounts.choices import Role
from poolfund.accounts.policy import REGISTRY, can, holds_role, signed_in_user
from tests.accounts.factories import user_with_role

pytestmark = pytest.mark.django_db


def test_a_steering_committee_member_loses_the_seat_when_the_term_ends():
    member = user_with_role(
        Role.STEERING_COMMITTEE,
        constituency="donor representative",
        starts_on=datetime.date(2023, 1, 1),
        ends_on=datetime.date(2024, 12, 31),
    )
    assert holds_role(member, Role.STEERING_COMMITTEE, on=datetime.date(2024, 6, 1))
    assert not holds_role(member, Role.STEERING_COMMITTEE, on=datetime.date(2025, 1, 1))


def test_anonymous_visitors_hold_no_role(client):
    from django.contrib.auth.models import AnonymousUser

    assert not holds_role(AnonymousUser(), Role.FMU)
    assert not can(AnonymousUser(), "audit.view_history")


def test_permissions_of_every_app_are_collected_in_one_registry():
    assert "audit.view_history" in REGISTRY


def test_asking_for_an_undeclared_permission_is_an_error(django_user_model):
    with pytest.raises(KeyError, match=r"No permission called 'nothing\.such'"):
        can(django_user_model(), "nothing.such")


def test_the_signed_in_user_of_a_request_is_its_person(rf, django_user_model):
    request = rf.post("/")
    request.user = django_user_model.objects.create_user("fmu-officer")
    assert signed_in_user(request) == request.user


def test_an_anonymous_visitor_is_no_signed_in_user(rf):
    from django.contrib.auth.models import AnonymousUser

    request = rf.post("/")
    request.user = AnonymousUser()
    with pytest.raises(PermissionDenied, match="Sign in first"):
        signed_in_user(request)
