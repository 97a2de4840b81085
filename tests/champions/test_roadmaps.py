import io
import zipfile

import pytest
from django.core.exceptions import PermissionDenied

from poolfund.accounts.choices import Role
from poolfund.accounts.policy import can
from poolfund.champions.choices import RoadmapStatus
from poolfund.champions.exports import roadmap_docx, roadmap_pdf
from poolfund.champions.services.roadmaps import (
    RoadmapError,
    add_roadmap_co_author,
    advance_roadmap_status,
    comment_on_roadmap,
    create_roadmap,
    update_roadmap,
)
from poolfund.framework.models import Objective
from poolfund.geo.models import Country
from tests.accounts.factories import user_with_role
from tests.champions.factories import fmu, focal_point

pytestmark = pytest.mark.django_db


@pytest.fixture
def roadmap():
    return create_roadmap(
        actor=focal_point("MEX"),
        title="Labour mobility in the RCM",
        scope="Fair recruitment along the corridors between RCM countries.",
        objectives=["Align recruitment rules", "Share labour-market data"],
        countries=Country.objects.filter(iso3__in=["MEX"]),
        gcm_objectives=Objective.objects.filter(framework__code="gcm", number__in=[5, 6]),
        actors=[
            {"kind": "country", "name": "Mexico", "role": "Leads the working group"},
            {"kind": "civil-society", "name": "RNCOM", "role": "Brings migrants' views"},
            {"kind": "ifi", "name": "Inter-American Development Bank", "role": "Co-finances"},
        ],
        results=[
            {
                "description": "A shared code of fair recruitment",
                "indicator": "Countries adopting it",
            }
        ],
        milestones=[{"due_on": "2025-03-31", "description": "First workshop"}],
    )


def test_the_author_of_a_roadmap_is_its_first_co_author(roadmap):
    assert [user.username for user in roadmap.co_authors.all()] == ["focal-mex"]


def test_a_co_author_edits_the_roadmap_and_others_may_not(roadmap):
    author = roadmap.co_authors.get()
    update_roadmap(actor=author, roadmap=roadmap, scope="Narrower scope")
    with pytest.raises(PermissionDenied):
        update_roadmap(actor=focal_point("PAN"), roadmap=roadmap, scope="Hijacked")
    roadmap.refresh_from_db()
    assert roadmap.scope == "Narrower scope"


def test_an_invited_focal_point_of_another_country_co_authors(roadmap):
    author = roadmap.co_authors.get()
    costa_rica = focal_point("CRI")
    assert not can(costa_rica, "champions.edit_roadmap", roadmap)
    add_roadmap_co_author(actor=author, roadmap=roadmap, co_author=costa_rica)
    assert can(costa_rica, "champions.edit_roadmap", roadmap)


def test_only_government_focal_points_can_be_co_authors(roadmap):
    with pytest.raises(RoadmapError, match="not a government focal point"):
        add_roadmap_co_author(
            actor=roadmap.co_authors.get(),
            roadmap=roadmap,
            co_author=user_with_role(Role.CIVIL_SOCIETY),
        )


def test_civil_society_comments_but_does_not_edit(roadmap):
    rncom = user_with_role(Role.CIVIL_SOCIETY)
    comment_on_roadmap(actor=rncom, roadmap=roadmap, text="Include returnees.")
    assert roadmap.comments.get().author == rncom
    assert not can(rncom, "champions.edit_roadmap", roadmap)


def test_a_visitor_without_a_role_cannot_comment(roadmap, django_user_model):
    with pytest.raises(PermissionDenied):
        comment_on_roadmap(
            actor=django_user_model.objects.create_user("visitor"), roadmap=roadmap, text="Hi"
        )


def test_status_moves_from_draft_to_agreed_to_in_proposal_to_funded_and_stops(roadmap):
    author = roadmap.co_authors.get()
    seen = [roadmap.status]
    for _ in range(3):
        seen.append(advance_roadmap_status(actor=author, roadmap=roadmap).status)
    assert seen == [
        RoadmapStatus.DRAFT,
        RoadmapStatus.AGREED,
        RoadmapStatus.IN_PROPOSAL,
        RoadmapStatus.FUNDED,
    ]
    with pytest.raises(RoadmapError, match="no further status"):
        advance_roadmap_status(actor=fmu(), roadmap=roadmap)


def test_the_pdf_export_is_a_pdf_with_the_roadmap_title(roadmap):
    pdf = roadmap_pdf(roadmap)
    assert pdf.startswith(b"%PDF-")
    assert len(pdf) > 2000


def test_the_docx_export_holds_scope_actors_and_results(roadmap):
    docx = roadmap_docx(roadmap)
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        body = archive.read("word/document.xml").decode()
    for text in (
        "Labour mobility in the RCM",
        "Fair recruitment along the corridors",
        "Inter-American Development Bank",
        "Countries adopting it",
        "Enhance availability and flexibility of pathways for regular migration",
    ):
        assert text in body
