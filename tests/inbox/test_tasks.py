"""Each kind of task appears for the people it waits on, and for nobody else."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from poolfund.accounts.choices import Role
from poolfund.allocation.models import AllocationRound, Proposal, RoundPolicy
from poolfund.champions.choices import RoadmapStatus
from poolfund.champions.models import Roadmap, RoadmapComment, Survey
from poolfund.geo.models import Country
from poolfund.inbox.registry import registered_task_kinds
from poolfund.inbox.selectors import count_waiting, waiting_for
from poolfund.programmes.choices import ConceptNoteState as State
from poolfund.programmes.financial_reports import submit_financial_report
from poolfund.programmes.models import JointProgramme
from poolfund.reporting.choices import ReportKind
from tests.accounts.factories import user_with_role
from tests.programmes.factories import Cast, note_in

pytestmark = pytest.mark.django_db

EVERYONE = (
    "organisation",
    "government",
    "other_organisation",
    "other_government",
    "fmu",
    "steering",
    "donor",
    "civil_society",
    "nobody",
    "outsider_government",
)


@pytest.fixture
def cast() -> Cast:
    cast = Cast.create()
    # A government focal point of a country that is no champion country and covers no note.
    cast.outsider_government = user_with_role(
        Role.GOVERNMENT_FOCAL_POINT, country=Country.objects.get(iso3="NOR")
    )
    return cast


def keys_waiting(user, kind: str) -> set[str]:
    return {
        task.key
        for group in waiting_for(user, limit=None)
        if group.kind.slug == kind
        for task in group.tasks
    }


def who_sees(cast: Cast, kind: str, key: str) -> set[str]:
    return {name for name in EVERYONE if key in keys_waiting(getattr(cast, name), kind)}


def a_note(state):
    def make(cast):
        return note_in(state, cast).reference

    return make


def a_joint_programme(cast) -> str:
    note = note_in(State.JOINT_PROGRAMME, cast)
    return f"{JointProgramme.objects.get(concept_note=note).code}:IOM"


def an_open_survey(cast) -> str:
    today = timezone.localdate()
    survey = Survey.objects.create(
        title="Priority topics", opens_on=today - timedelta(days=3), closes_on=today + timedelta(9)
    )
    return f"survey-{survey.pk}:MEX"  # Peru's focal point owes its own answer (PER)


def a_draft_roadmap(cast) -> str:
    roadmap = Roadmap.objects.create(title="Labour mobility roadmap", scope="Regional")
    return f"roadmap-{roadmap.pk}"


def a_prepared_round(cast) -> str:
    allocation_round = AllocationRound.objects.create(name="Round to decide")
    RoundPolicy.objects.create(allocation_round=allocation_round, money_as_of=date(2024, 8, 1))
    return f"round-{allocation_round.pk}"


def iom_financial_report(cast):
    programme = JointProgramme.objects.get(concept_note=note_in(State.JOINT_PROGRAMME, cast))
    return programme.scheduled_reports.filter(
        kind=ReportKind.ANNUAL_FINANCIAL, organisation__acronym="IOM"
    ).earliest("due_on")


def a_report_due(cast) -> str:
    return f"report-{iom_financial_report(cast).pk}"


def a_submitted_report(cast) -> str:
    report = iom_financial_report(cast)
    submit_financial_report(actor=cast.organisation, report=report, amounts={})
    return f"report-{report.pk}"


TASK_MATRIX = [
    ("programmes.screen", a_note(State.SUBMITTED), {"fmu"}),
    ("programmes.score", a_note(State.SCREENED), {"fmu", "steering"}),
    ("programmes.decide", a_note(State.UNDER_REVIEW), {"steering"}),
    ("programmes.decide", a_note(State.IN_PIPELINE), {"steering"}),
    ("programmes.revise", a_note(State.RETURNED), {"organisation", "government"}),
    ("programmes.create-joint-programme", a_note(State.APPROVED), {"fmu"}),
    ("programmes.transfer", a_joint_programme, {"fmu"}),
    ("champions.answer-survey", an_open_survey, {"government"}),
    ("champions.comment-roadmap", a_draft_roadmap, {"civil_society"}),
    ("allocation.decide-round", a_prepared_round, {"steering"}),
    ("reporting.report-due", a_report_due, {"organisation"}),
    ("reporting.review", a_submitted_report, {"fmu"}),
]


@pytest.mark.parametrize(
    ("kind", "make", "expected"),
    TASK_MATRIX,
    ids=[f"{row[0]}-{i}" for i, row in enumerate(TASK_MATRIX)],
)
def test_a_task_waits_on_the_people_whose_role_it_needs_and_nobody_else(cast, kind, make, expected):
    key = make(cast)
    assert who_sees(cast, kind, key) == expected


def test_every_registered_kind_of_task_is_in_the_matrix():
    assert {kind.slug for kind in registered_task_kinds()} <= {row[0] for row in TASK_MATRIX}


def test_a_note_scored_by_a_reviewer_no_longer_waits_on_them_but_still_on_the_others(cast):
    note = note_in(State.UNDER_REVIEW, cast)  # scored by the FMU on the way
    assert note.reference not in keys_waiting(cast.fmu, "programmes.score")
    assert note.reference in keys_waiting(cast.steering, "programmes.score")


def test_a_survey_answered_or_closed_is_owed_no_more(cast):
    key = an_open_survey(cast)
    survey = Survey.objects.get()
    survey.closes_on = timezone.localdate() - timedelta(days=1)
    survey.save()
    assert key not in keys_waiting(cast.government, "champions.answer-survey")


def test_a_roadmap_commented_on_waits_no_more(cast):
    key = a_draft_roadmap(cast)
    roadmap = Roadmap.objects.get(title="Labour mobility roadmap")
    RoadmapComment.objects.create(roadmap=roadmap, author=cast.civil_society, text="Agreed.")
    assert key not in keys_waiting(cast.civil_society, "champions.comment-roadmap")


def test_an_agreed_roadmap_is_no_longer_to_comment(cast):
    key = a_draft_roadmap(cast)
    Roadmap.objects.filter(title="Labour mobility roadmap").update(status=RoadmapStatus.AGREED)
    assert key not in keys_waiting(cast.civil_society, "champions.comment-roadmap")


def test_a_decided_round_waits_no_more(cast):
    key = a_prepared_round(cast)
    allocation_round = AllocationRound.objects.get(name="Round to decide")
    Proposal.objects.create(
        allocation_round=allocation_round, round_input={}, result={}, is_decided=True
    )
    assert key not in keys_waiting(cast.steering, "allocation.decide-round")


def test_a_seat_that_has_ended_is_given_no_decisions(cast):
    note_in(State.IN_PIPELINE, cast)
    cast.steering.role_assignments.update(ends_on=timezone.localdate() - timedelta(days=1))
    assert waiting_for(cast.steering) == []


def test_overdue_tasks_come_first_then_by_due_date(cast):
    for code, starts_on in (("later", 40), ("overdue", -5), ("soon", 3)):
        note = note_in(State.JOINT_PROGRAMME, cast)
        JointProgramme.objects.filter(concept_note=note).update(
            code=f"JP-{code}", starts_on=timezone.localdate() + timedelta(days=starts_on)
        )
    [group] = [g for g in waiting_for(cast.fmu) if g.kind.slug == "programmes.transfer"]
    codes = [task.key.split(":")[0] for task in group.tasks]
    mine = [code for code in codes if code in {"JP-later", "JP-overdue", "JP-soon"}]
    assert mine[:1] == ["JP-overdue"] and mine.index("JP-soon") < mine.index("JP-later")


def test_the_page_shows_a_bounded_number_of_tasks_and_counts_the_rest(cast, client):
    for _ in range(3):
        note_in(State.SUBMITTED, cast)
    [group] = [g for g in waiting_for(cast.fmu, limit=2) if g.kind.slug == "programmes.screen"]
    assert len(group.tasks) == 2 and group.count >= 3 and group.more == group.count - 2


def queries_of_my_work(client, user) -> int:
    client.force_login(user)
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/me/").status_code == 200
    return len(queries)


def test_the_fmu_work_page_makes_as_many_queries_with_three_times_the_data(cast, client):
    note_in(State.SUBMITTED, cast)
    note_in(State.APPROVED, cast)
    note_in(State.JOINT_PROGRAMME, cast)
    first = queries_of_my_work(client, cast.fmu)
    for _ in range(2):
        note_in(State.SUBMITTED, cast)
        note_in(State.APPROVED, cast)
        note_in(State.JOINT_PROGRAMME, cast)
    assert queries_of_my_work(client, cast.fmu) == first


def test_a_report_due_beyond_ninety_days_is_not_work_yet(cast):
    report = iom_financial_report(cast)
    type(report).objects.filter(pk=report.pk).update(
        due_on=timezone.localdate() + timedelta(days=91)
    )
    assert f"report-{report.pk}" not in keys_waiting(cast.organisation, "reporting.report-due")


def test_the_work_page_reads_the_person_s_roles_once_and_its_tasks_once(cast, client):
    note_in(State.SUBMITTED, cast)
    with CaptureQueriesContext(connection) as tasks:
        waiting_for(cast.fmu)
    client.force_login(cast.fmu)
    with CaptureQueriesContext(connection) as page:
        assert client.get("/me/").status_code == 200

    def reads_of(table: str, queries) -> int:
        return sum(f'FROM "{table}"' in query["sql"] for query in queries.captured_queries)

    assert reads_of("accounts_roleassignment", page) == 1
    # The navigation's count of tasks is the page's own: the tasks are not asked twice.
    assert reads_of("programmes_conceptnote", page) == reads_of("programmes_conceptnote", tasks)


def test_the_navigation_counts_the_tasks_without_reading_them(cast):
    for _ in range(3):
        note_in(State.SUBMITTED, cast)
    with CaptureQueriesContext(connection) as queries:
        counted = count_waiting(cast.fmu)
    assert counted == sum(group.count for group in waiting_for(cast.fmu, limit=None))
    roles, *counts = [query["sql"] for query in queries.captured_queries]
    assert "accounts_roleassignment" in roles
    assert counts and all(statement.startswith("SELECT COUNT(") for statement in counts), counts
