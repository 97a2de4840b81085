from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from poolfund.accounts.choices import Role
from poolfund.champions.choices import RoadmapStatus
from poolfund.champions.services.roadmaps import (
    RoadmapError,
    create_roadmap,
    propose_roadmap_as_concept_note,
)
from poolfund.framework.models import Objective, ThematicArea
from poolfund.geo.models import Country
from poolfund.programmes.choices import ConceptNoteState
from poolfund.programmes.errors import InvalidConceptNote
from poolfund.programmes.models import ParticipatingOrganisation
from tests.accounts.factories import user_with_role
from tests.champions.factories import focal_point

pytestmark = pytest.mark.django_db

MARKERS = {"gender_marker": 2, "human_rights_marker": 1, "child_sensitivity_marker": 1}


def split(*pairs: tuple[str, str]) -> list:
    return [
        (ParticipatingOrganisation.objects.get(acronym=acronym), Decimal(amount))
        for acronym, amount in pairs
    ]


@pytest.fixture
def roadmap():
    return create_roadmap(
        actor=focal_point("MEX"),
        title="Fair recruitment in the RCM corridors",
        scope="Recruitment of migrant workers between RCM countries.",
        objectives=["Align recruitment rules"],
        countries=Country.objects.filter(iso3__in=["MEX"]),
        gcm_objectives=Objective.objects.filter(framework__code="gcm", number__in=[6, 23]),
        thematic_area=ThematicArea.objects.get(framework__code="gcm", number=4),
        actors=[
            {"kind": "country", "name": "Ministry of Labour, Mexico", "role": "Leads"},
            {"kind": "civil-society", "name": "RNCOM", "role": "Brings migrants' views"},
        ],
        results=[
            {"description": "A shared code of recruitment", "indicator": "Countries adopting it"}
        ],
        milestones=[{"due_on": "2025-03-31", "description": "First workshop"}],
    )


def test_a_roadmap_becomes_a_concept_note_draft_prefilled_and_linked_back(roadmap):
    author = roadmap.co_authors.get()
    note = propose_roadmap_as_concept_note(
        actor=author,
        roadmap=roadmap,
        budget_lines=split(("ILO", "1200000"), ("IOM", "800000")),
        duration_months=24,
        **MARKERS,
    )
    roadmap.refresh_from_db()
    assert roadmap.concept_note == note and note.roadmap == roadmap
    assert roadmap.status == RoadmapStatus.IN_PROPOSAL
    assert note.state == ConceptNoteState.DRAFT
    assert note.title == "Fair recruitment in the RCM corridors"
    assert note.requested_budget_usd == Decimal("2000000.00")
    assert note.thematic_area.number == 4
    assert sorted(note.objectives.values_list("number", flat=True)) == [6, 23]
    assert sorted(note.countries.values_list("iso3", flat=True)) == ["MEX"]
    assert "Recruitment of migrant workers" in note.summary
    assert "A shared code of recruitment (indicator: Countries adopting it)" in note.summary
    assert "- Align recruitment rules" in note.summary
    assert note.whole_of_society == "RNCOM: Brings migrants' views"
    assert note.whole_of_government == "Ministry of Labour, Mexico: Leads"
    assert note.roadmap_reference == f"Champion roadmap {roadmap.pk}: {roadmap.title}"


def test_a_roadmap_becomes_one_concept_note_only(roadmap):
    author = roadmap.co_authors.get()
    arguments = {
        "budget_lines": split(("ILO", "1"), ("IOM", "1")),
        "duration_months": 12,
        **MARKERS,
    }
    propose_roadmap_as_concept_note(actor=author, roadmap=roadmap, **arguments)
    with pytest.raises(RoadmapError, match="already concept note CN-"):
        propose_roadmap_as_concept_note(actor=author, roadmap=roadmap, **arguments)


def test_the_fund_rules_of_issue_04_still_apply_a_joint_programme_needs_two_organisations(
    roadmap,
):
    with pytest.raises(InvalidConceptNote, match="at least two participating UN organisations"):
        propose_roadmap_as_concept_note(
            actor=roadmap.co_authors.get(),
            roadmap=roadmap,
            budget_lines=split(("ILO", "1000")),
            duration_months=12,
            **MARKERS,
        )
    roadmap.refresh_from_db()
    assert roadmap.concept_note is None and roadmap.status == RoadmapStatus.DRAFT


def test_only_a_co_author_turns_a_roadmap_into_a_concept_note(roadmap):
    for outsider in (focal_point("PAN"), user_with_role(Role.CIVIL_SOCIETY)):
        with pytest.raises(PermissionDenied):
            propose_roadmap_as_concept_note(
                actor=outsider,
                roadmap=roadmap,
                budget_lines=split(("ILO", "1"), ("IOM", "1")),
                duration_months=12,
                **MARKERS,
            )


def test_the_roadmap_page_drafts_the_note_and_then_shows_what_became_of_it(client, roadmap):
    client.force_login(roadmap.co_authors.get())
    ilo, iom = (ParticipatingOrganisation.objects.get(acronym=a).pk for a in ("ILO", "IOM"))
    response = client.post(
        f"/champions/roadmaps/{roadmap.pk}/concept-note/",
        {
            "thematic_area": roadmap.thematic_area.pk,
            "duration_months": 18,
            "organisation_1": ilo,
            "amount_1": "500000",
            "organisation_2": iom,
            "amount_2": "500000",
            **MARKERS,
        },
    )
    roadmap.refresh_from_db()
    assert response.status_code == 302
    assert response["Location"] == f"/concept-notes/{roadmap.concept_note.reference}/"
    outcome = client.get(f"/champions/roadmaps/{roadmap.pk}/").content.decode()
    assert roadmap.concept_note.reference in outcome and "Draft" in outcome
