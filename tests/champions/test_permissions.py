"""The role matrix of the champion pages: who may do what, one row per rule."""

from datetime import timedelta

import pytest
from django.utils import timezone

from poolfund.accounts.choices import Role
from poolfund.accounts.policy import can
from poolfund.champions.models import CoChairTerm
from poolfund.geo.models import Country
from tests.accounts.factories import UserFactory, user_with_role
from tests.champions.factories import RoadmapFactory, focal_point

pytestmark = pytest.mark.django_db


def people() -> dict:
    roadmap = RoadmapFactory()
    mexico = focal_point("MEX")
    roadmap.co_authors.add(mexico)
    return {
        "roadmap": roadmap,
        "mexico": Country.objects.get(iso3="MEX"),
        "panama": Country.objects.get(iso3="PAN"),
        "fmu": user_with_role(Role.FMU),
        "focal point MEX (co-author)": mexico,
        "focal point PAN": focal_point("PAN"),
        "civil society": user_with_role(Role.CIVIL_SOCIETY),
        "donor": user_with_role(Role.DONOR_FOCAL_POINT),
        "no role": UserFactory(),
    }


MATRIX = [
    # permission, object, who may, who may not
    ("champions.answer_survey", "mexico", ["focal point MEX (co-author)"],
     ["focal point PAN", "fmu", "civil society", "donor", "no role"]),
    ("champions.edit_roadmap", "roadmap", ["fmu", "focal point MEX (co-author)"],
     ["focal point PAN", "civil society", "donor", "no role"]),
    ("champions.comment_on_roadmap", "roadmap",
     ["fmu", "focal point MEX (co-author)", "focal point PAN", "civil society"],
     ["donor", "no role"]),
    ("champions.draft_roadmap", None, ["fmu", "focal point PAN"],
     ["civil society", "donor", "no role"]),
    ("champions.record_good_practice", "panama", ["fmu", "focal point PAN"],
     ["focal point MEX (co-author)", "civil society", "no role"]),
    ("champions.manage_initiative", None, ["fmu"],
     ["focal point MEX (co-author)", "civil society", "donor", "no role"]),
    ("champions.build_survey", None, ["fmu"],
     ["focal point MEX (co-author)", "civil society", "no role"]),
]  # fmt: skip


@pytest.mark.parametrize(("name", "target", "allowed", "refused"), MATRIX)
def test_role_matrix(name, target, allowed, refused):
    cast = people()
    obj = cast[target] if target else None
    assert [who for who in allowed if not can(cast[who], name, obj)] == []
    assert [who for who in refused if can(cast[who], name, obj)] == []


def test_the_focal_point_of_a_sitting_co_chair_builds_surveys_and_loses_the_right_after_the_term():
    today = timezone.localdate()
    mexico = focal_point("MEX")
    term = CoChairTerm.objects.create(
        country=Country.objects.get(iso3="MEX"), starts_on=today - timedelta(days=10), ends_on=today
    )
    assert can(mexico, "champions.build_survey")
    term.ends_on = today - timedelta(days=1)
    term.save()
    assert not can(mexico, "champions.build_survey")
