"""Every kind of record the Fund and the champion countries write becomes a document: Joint
Programmes, concept notes, roadmaps, forum key messages, good practices, IATI activities."""

import pytest

from poolfund.geo.models import Country
from poolfund.knowledge.models import KnowledgeDocument
from poolfund.knowledge.registry import SOURCES
from poolfund.knowledge.search import SearchFilters, search_documents
from poolfund.knowledge.similarity import similar_documents
from poolfund.programmes.choices import ConceptNoteState as State
from poolfund.programmes.models import JointProgramme
from tests.champions.factories import focal_point
from tests.iati.conftest import FIXTURES
from tests.programmes.factories import note_in

pytestmark = pytest.mark.django_db

AMR_01_AGAIN = (
    "This Joint Programme combats the smuggling of migrants, human trafficking and other "
    "transnational crimes along the borders of Panama, Costa Rica and the Northern Triangle "
    "countries by strengthening cooperation between prosecutors and police, in particular in "
    "data collection and analysis, with a strong emphasis on human rights and gender."
)


@pytest.fixture(autouse=True)
def tfidf(monkeypatch):
    monkeypatch.setenv("POOLFUND_SEMANTIC_MODEL", "off")


@pytest.fixture
def drafted_note(cast, django_capture_on_commit_callbacks):
    """A draft in Costa Rica that repeats the demo programme AMR-01 (Costa Rica)."""

    def draft(country: str, state: State = State.DRAFT):
        with django_capture_on_commit_callbacks(execute=True):
            return note_in(
                state,
                cast,
                title="Prosecutors and police against smuggling",
                summary=AMR_01_AGAIN,
                countries=[Country.objects.get(iso3=country)],
            )

    return draft


def test_every_kind_of_record_of_the_issue_is_registered():
    assert {
        "programme",
        "concept-note",
        "roadmap",
        "key-message",
        "champion-practice",
        "external-activity",
        "practice",
        "lesson",
        "objective",
    } <= set(SOURCES)


def test_demo_programmes_and_forum_key_messages_are_searchable_with_their_facets():
    page = search_documents("smuggling prosecutors", SearchFilters(kind="programme"))
    assert [hit.document.key for hit in page.hits][:1] == ["AMR-01"]
    assert [country.iso3 for country in page.hits[0].document.countries.all()] == ["CRI"]
    assert {objective.number for objective in page.hits[0].document.objectives.all()} == {1, 9, 10}
    assert page.hits[0].document.thematic_areas.exists()
    messages = search_documents("Champion Countries Initiative", SearchFilters(kind="key-message"))
    assert messages.total >= 1
    assert "#key-message-" in messages.hits[0].document.url


def test_programme_similar_endpoint_answers_by_code(client):
    body = client.get("/api/v1/programmes/AMR-01/similar/").json()
    assert (body["kind"], body["key"], body["method"]) == ("programme", "AMR-01", "tfidf")
    assert body["results"]
    assert set(body["results"][0]) >= {"kind", "key", "title", "countries", "score", "evidence"}


def test_a_programme_is_not_offered_as_similar_to_its_own_concept_note(
    cast,
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        note = note_in(State.JOINT_PROGRAMME, cast, summary=AMR_01_AGAIN)
    programme = JointProgramme.objects.get(concept_note=note)
    note_document = KnowledgeDocument.objects.get(kind="concept-note", key=note.reference)
    works = similar_documents(note_document, limit=50)
    assert ("programme", programme.code) not in {(w.document.kind, w.document.key) for w in works}
    assert "AMR-01" in {work.document.key for work in works}


def test_draft_concept_notes_stay_out_of_search_but_their_proponents_see_duplication(
    client,
    cast,
    drafted_note,
):
    note = drafted_note("CRI")
    assert not KnowledgeDocument.objects.filter(kind="concept-note", key=note.reference).exists()
    panel = f"/knowledge/similar/concept-note/{note.reference}/"
    assert client.get(panel).status_code == 404
    assert client.get(f"/api/v1/concept-notes/{note.reference}/similar/").status_code == 404
    client.force_login(cast.organisation)
    html = client.get(panel).content.decode()
    assert "Possible duplication" in html
    assert "/programmes/AMR-01/" in html
    assert "smuggling of migrants" in html  # a shared phrase as evidence
    body = client.get(f"/api/v1/concept-notes/{note.reference}/similar/").json()
    assert body["results"][0]["key"] == "AMR-01"
    assert body["results"][0]["warning"] == "possible-duplication"


def test_a_close_match_across_the_border_suggests_collaboration(client, cast, drafted_note):
    note = drafted_note("NIC")  # Nicaragua borders Costa Rica
    client.force_login(cast.organisation)
    html = client.get(f"/knowledge/similar/concept-note/{note.reference}/").content.decode()
    assert "Possible collaboration" in html
    assert "NIC\u2013CRI" in html  # the neighbouring pair as evidence


def test_published_concept_notes_are_indexed_and_leave_the_index_when_withdrawn(
    cast,
    drafted_note,
    django_capture_on_commit_callbacks,
):
    from tests.programmes.factories import make

    note = drafted_note("CRI", State.IN_PIPELINE)
    assert KnowledgeDocument.objects.filter(kind="concept-note", key=note.reference).exists()
    with django_capture_on_commit_callbacks(execute=True):
        make("withdraw", actor=cast.organisation, note=note)
    assert not KnowledgeDocument.objects.filter(kind="concept-note", key=note.reference).exists()


def test_concept_note_and_programme_pages_load_the_similar_work_panel(client, cast, drafted_note):
    note = drafted_note("CRI")
    client.force_login(cast.organisation)
    page = client.get(f"/concept-notes/{note.reference}/").content.decode()
    assert f'hx-get="/knowledge/similar/concept-note/{note.reference}/"' in page
    page = client.get("/programmes/AMR-01/").content.decode()
    assert 'hx-get="/knowledge/similar/programme/AMR-01/"' in page


def test_roadmaps_are_indexed_when_saved(django_capture_on_commit_callbacks):
    from poolfund.champions.services.roadmaps import create_roadmap

    with django_capture_on_commit_callbacks(execute=True):
        roadmap = create_roadmap(
            actor=focal_point("SLV"),
            title="Labour mobility roadmap",
            scope="Bilateral seasonal work schemes between El Salvador and Canada.",
            countries=[Country.objects.get(iso3="SLV")],
        )
    page = search_documents("seasonal work schemes", SearchFilters(kind="roadmap"))
    assert [hit.document.key for hit in page.hits] == [str(roadmap.pk)]
    assert [country.iso3 for country in page.hits[0].document.countries.all()] == ["SLV"]


def test_imported_iati_activities_are_indexed_by_the_job_the_import_queues(
    django_capture_on_commit_callbacks,
):
    from django_tasks_db.models import DBTaskResult

    from poolfund.iati.services import import_iati_file

    with django_capture_on_commit_callbacks(execute=True):
        import_iati_file(path=FIXTURES / "valid.xml")
    query = ("labour migration corridors", SearchFilters(kind="external-activity"))
    assert search_documents(*query).total == 0  # not during the import: in the worker, after
    queued = DBTaskResult.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        queued.task.call(*queued.args_kwargs["args"], **queued.args_kwargs["kwargs"])
    page = search_documents(*query)
    document = page.hits[0].document
    assert {country.iso3 for country in document.countries.all()} == {"GTM", "HND"}
    assert "UK Foreign Office" in document.organisations
    assert search_documents("corridors", SearchFilters(country="HND")).total >= 1


@pytest.mark.parametrize("segment", ["practices", "lessons", "objectives", "champions/roadmaps"])
def test_similar_work_of_a_key_that_cannot_exist_is_not_found(client, segment):
    # Was a 500: the key reached an integer lookup (found by schemathesis).
    assert client.get(f"/api/v1/{segment}/Under review/similar/").status_code == 404
    assert client.get("/knowledge/similar/practice/Under review/").status_code == 404


def test_search_answer_matches_its_documented_schema(client):
    # The schema said a list while the answer is {count, results} (found by schemathesis).
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    answer = schema["paths"]["/api/v1/search/"]["get"]["responses"]["200"]
    reference = answer["content"]["application/json"]["schema"]["$ref"].split("/")[-1]
    assert set(schema["components"]["schemas"][reference]["properties"]) == {"count", "results"}
    body = client.get("/api/v1/search/", {"q": "remittances"}).json()
    assert set(body) == {"count", "results"}


def test_a_record_saved_and_linked_many_times_is_indexed_once_on_commit(
    share_practice, monkeypatch
):
    from poolfund.knowledge import indexer

    written = []
    write_documents = indexer.write_documents
    monkeypatch.setattr(
        indexer,
        "write_documents",
        lambda kind, items: written.append(kind) or write_documents(kind, items),
    )
    share_practice(title="Once", what_was_done="Indexed once.", countries=["CRI"], objectives=[9])
    assert written == ["practice"]
