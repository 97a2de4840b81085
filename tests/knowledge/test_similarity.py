import pytest

from poolfund.knowledge.choices import OverlapWarning
from poolfund.knowledge.models import KnowledgeDocument
from poolfund.knowledge.similarity import current_method, shared_phrases, similar_documents

pytestmark = pytest.mark.django_db

BORDER_CRIME = (
    "Prosecutors and police combat the smuggling of migrants and human trafficking along the "
    "southern border through joint training, shared case files and data collection and analysis."
)
BORDER_CRIME_AGAIN = (
    "Joint training for prosecutors and police against the smuggling of migrants and human "
    "trafficking along the southern border, with shared case files and joint data analysis."
)
REMITTANCES = (
    "Mobile banking and financial literacy lower the cost of remittances that migrant families "
    "receive and help them save."
)
NURSES = (
    "Recognition of diplomas lets migrant nurses and doctors work in hospitals in their "
    "profession after an exam in the national language."
)


def _document(record):
    return KnowledgeDocument.objects.get(kind="practice", key=str(record.pk))


def _match(works, record):
    return next(
        (
            work
            for work in works
            if (work.document.kind, work.document.key) == ("practice", str(record.pk))
        ),
        None,
    )


@pytest.fixture
def portfolio(share_practice):
    """Four practices: a near-duplicate pair in Costa Rica, the same work in Panama, and two
    unrelated ones."""
    return {
        "original": share_practice(
            title="Prosecutors and police against smuggling",
            what_was_done=BORDER_CRIME,
            countries=["CRI"],
            objectives=[9, 10],
        ),
        "duplicate": share_practice(
            title="Joint training against smuggling and trafficking",
            what_was_done=BORDER_CRIME_AGAIN,
            countries=["CRI"],
            objectives=[9],
        ),
        "neighbour": share_practice(
            title="Joint training against smuggling and trafficking",
            what_was_done=BORDER_CRIME_AGAIN,
            countries=["PAN"],
            objectives=[10],
        ),
        "remittances": share_practice(
            title="Cheaper remittances", what_was_done=REMITTANCES, countries=["URY"]
        ),
        "nurses": share_practice(
            title="Migrant nurses at work", what_was_done=NURSES, countries=["CRI"]
        ),
    }


def test_near_duplicate_in_the_same_country_is_found_first_and_flagged(
    similarity_method, portfolio
):
    assert current_method() == similarity_method
    works = similar_documents(_document(portfolio["original"]))
    best = works[0]
    assert best.document.key == str(portfolio["duplicate"].pk)
    assert best.warning == OverlapWarning.POSSIBLE_DUPLICATION
    assert best.evidence.shared_countries == ["CRI"]
    assert best.evidence.shared_objectives == [9]
    assert "human trafficking along the southern border" in " ".join(best.evidence.shared_phrases)


def test_close_match_across_a_land_border_suggests_collaboration(similarity_method, portfolio):
    works = similar_documents(_document(portfolio["original"]))
    neighbour = _match(works, portfolio["neighbour"])
    assert neighbour.warning == OverlapWarning.POSSIBLE_COLLABORATION
    assert neighbour.evidence.neighbouring_countries == [("CRI", "PAN")]
    assert neighbour.evidence.shared_countries == []


def test_close_match_in_the_same_regional_body_suggests_collaboration(
    similarity_method, portfolio, share_practice
):
    mexico = share_practice(
        title="Prosecutors and police against smuggling",
        what_was_done=BORDER_CRIME,
        countries=["MEX"],
    )
    works = similar_documents(_document(portfolio["original"]))
    match = _match(works, mexico)
    assert match.warning == OverlapWarning.POSSIBLE_COLLABORATION
    assert match.evidence.neighbouring_countries == []
    assert match.evidence.shared_regional_bodies == ["rcm"]


def test_unrelated_texts_are_not_close_matches(similarity_method, portfolio):
    works = similar_documents(_document(portfolio["original"]))
    for unrelated in ("remittances", "nurses"):
        match = _match(works, portfolio[unrelated])
        assert match is None or (match.warning is None and match.text_similarity < 0.4)
    nurses = _match(works, portfolio["nurses"])
    assert _match(works, portfolio["duplicate"]).score > (nurses.score if nurses else 0)


def test_reference_texts_are_not_offered_as_similar_work(similarity_method, portfolio):
    works = similar_documents(_document(portfolio["original"]), limit=50)
    assert "practice" in {work.document.kind for work in works}
    assert "objective" not in {work.document.kind for work in works}


def test_shared_phrases_skip_runs_that_start_or_end_with_a_stop_word():
    phrases = shared_phrases(
        "The fund supports the return of migrants to their homes.",
        "Programmes for the return of migrants to safety.",
    )
    assert phrases == ["return of migrants"]
