from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from poolfund.programmes.choices import ConceptNoteState as State
from poolfund.reporting.services import accept_report
from poolfund.results.selectors import (
    latest_totals,
    results_by_objective,
    results_by_thematic_area,
)
from poolfund.results.services import (
    InvalidResults,
    ReportedValue,
    define_indicator,
    define_outcome,
    save_progress,
)
from tests.programmes.factories import note_in
from tests.reporting.factories import accepted_progress, progress_report, submitted_progress
from tests.results.factories import shelter_indicator

pytestmark = pytest.mark.django_db


@pytest.fixture
def indicator(cast):
    programme = note_in(State.JOINT_PROGRAMME, cast).joint_programme
    return shelter_indicator(
        cast, programme, disaggregations=["sex", "age", "migratory-status"], objectives=[7, 23]
    )


def test_accepted_progress_is_the_latest_total_with_values_broken_down_as_declared(cast, indicator):
    programme = indicator.output.outcome.programme
    for report, total in [
        (progress_report(programme, year=2025), 800),
        (progress_report(programme), 2100),
    ]:
        accepted_progress(
            cast,
            report,
            [
                ReportedValue(
                    indicator, Decimal(total), {"sex": {"female": total // 2, "male": total // 2}}
                )
            ],
        )
    assert latest_totals(programme) == {indicator.pk: Decimal(2100)}


def test_values_cannot_be_broken_down_along_undeclared_dimensions(cast, indicator):
    indicator.disaggregations = ["sex"]
    indicator.save()
    with pytest.raises(InvalidResults, match="not disaggregated by age"):
        save_progress(
            actor=cast.organisation,
            report=progress_report(indicator.output.outcome.programme, year=2025),
            narrative="x",
            values=[ReportedValue(indicator, Decimal(1), {"age": {"0-17": 1}})],
        )


def test_indicators_use_only_known_disaggregations(cast, indicator):
    with pytest.raises(InvalidResults, match="not by religion"):
        define_indicator(
            actor=cast.organisation,
            output=indicator.output,
            code="1.1.2",
            description="x",
            unit="people",
            baseline=Decimal(0),
            target=Decimal(1),
            disaggregations=["religion"],
        )


def test_only_the_programme_organisations_and_the_fmu_report_results(cast, indicator):
    with pytest.raises(PermissionDenied):
        define_outcome(
            actor=cast.other_organisation,
            programme=indicator.output.outcome.programme,
            code="2",
            statement="x",
        )


def test_results_roll_up_by_objective_and_thematic_area(indicator):
    rolled = {
        row.objective.number: (row.indicators, row.programmes) for row in results_by_objective()
    }
    assert rolled == {7: (1, 1), 23: (1, 1)}
    by_area = {
        row.thematic_area.number if row.thematic_area else None: (row.indicators, row.programmes)
        for row in results_by_thematic_area()
    }
    assert by_area == {2: (1, 1), None: (1, 1)}


def test_the_roll_up_by_objective_is_public(client, indicator):
    rows = client.get("/api/v1/results/by-objective/").json()
    nothing_reported = {
        "indicators": 1,
        "programmes": 1,
        "reported_indicators": 0,
        "indicators_at_target": 0,
        "progress_to_target": None,
    }
    assert rows == [
        {"objective": 7, "thematic_area": 2, **nothing_reported},
        {"objective": 23, "thematic_area": None, **nothing_reported},
    ]
    areas = client.get("/api/v1/results/by-thematic-area/").json()
    assert areas == [
        {"thematic_area": 2, **nothing_reported},
        {"thematic_area": None, **nothing_reported},
    ]


def test_the_roll_up_counts_the_indicators_with_an_accepted_value(cast, indicator):
    report = progress_report(indicator.output.outcome.programme, year=2025)
    submitted_progress(cast, report, [ReportedValue(indicator, Decimal(3))])
    assert {row.objective.number: row.reported for row in results_by_objective()} == {7: 0, 23: 0}
    accept_report(actor=cast.fmu, report=report)
    assert {row.objective.number: row.reported for row in results_by_objective()} == {7: 1, 23: 1}


def test_the_roll_up_says_how_far_the_accepted_values_took_the_indicators(client, cast, indicator):
    programme = indicator.output.outcome.programme
    halfway = progress_report(programme, year=2025)
    submitted_progress(cast, halfway, [ReportedValue(indicator, Decimal(2500))])
    accept_report(actor=cast.fmu, report=halfway)
    (area,) = [row for row in results_by_thematic_area() if row.thematic_area]
    assert (area.reported, area.reached, area.progress) == (1, 0, Decimal("0.5"))
    beyond = progress_report(programme)
    submitted_progress(cast, beyond, [ReportedValue(indicator, Decimal(6000))])
    accept_report(actor=cast.fmu, report=beyond)
    rows = client.get("/api/v1/results/by-objective/").json()
    assert [(row["indicators_at_target"], row["progress_to_target"]) for row in rows] == [
        (1, "1.0000"),
        (1, "1.0000"),
    ]
    page = client.get("/dashboards/").content.decode()
    assert 'data-testid="results-by-thematic-area"' in page and "100" in page
