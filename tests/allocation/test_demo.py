"""The demo allocation round `make run` shows: notes brought into the pipeline by the demo
logins through the programme services, and a round whose proposal is a real choice."""

import pytest
from django.test import override_settings

from poolfund.accounts.demo import load_demo_accounts
from poolfund.allocation.demo import NOTES, ROUND_NAME, load_demo_round
from poolfund.allocation.models import AllocationRound
from poolfund.allocation.services import run_round
from poolfund.audit.models import AuditEvent
from poolfund.programmes.choices import ConceptNoteState
from poolfund.programmes.models import ConceptNote


@pytest.fixture
def demo_round(db):
    with override_settings(DEBUG=True):
        load_demo_accounts(lambda line: None)
    load_demo_round(lambda line: None)
    return AllocationRound.objects.get(name=ROUND_NAME)


def test_the_demo_round_has_scored_notes_in_the_pipeline_and_under_review(demo_round):
    pipeline = ConceptNote.objects.filter(state=ConceptNoteState.IN_PIPELINE)
    assert pipeline.count() == sum(note.prioritised for note in NOTES)
    assert ConceptNote.objects.filter(state=ConceptNoteState.UNDER_REVIEW).count() == 2
    assert all(note.reviews.exists() for note in pipeline)
    # Submitted, screened and scored each; prioritised those in the pipeline.
    transitions = AuditEvent.objects.filter(action="transition").count()
    assert transitions == 3 * len(NOTES) + pipeline.count()


def test_the_demo_proposal_chooses_across_areas_and_leaves_some_out(demo_round):
    data, result = run_round(demo_round)
    assert result["status"] == "optimal"
    assert len({note["thematic_area"] for note in data["notes"]}) == 5
    assert len({note["region"] for note in data["notes"]}) >= 4
    assert len({note["score"] for note in data["notes"]}) > 5
    chosen = {item["id"] for item in result["selected"]}
    areas = {note["thematic_area"] for note in data["notes"] if note["id"] in chosen}
    assert len(areas) == 5
    assert result["left_out"]


def test_loading_the_demo_round_again_changes_nothing(demo_round):
    notes = ConceptNote.objects.count()
    load_demo_round(lambda line: None)
    assert ConceptNote.objects.count() == notes
    assert AllocationRound.objects.filter(name=ROUND_NAME).count() == 1


def test_without_the_demo_logins_no_round_is_loaded(db):
    said = []
    load_demo_round(said.append)
    assert not AllocationRound.objects.filter(name=ROUND_NAME).exists()
    assert "needs the demo logins" in said[0]
