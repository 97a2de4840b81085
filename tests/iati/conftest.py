from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from poolfund.programmes.choices import ConceptNoteState as State
from poolfund.programmes.services.expenditure import record_expenditure
from poolfund.results.services import ReportedValue
from tests.programmes.conftest import cast  # noqa: F401  (the same people in each role)
from tests.programmes.factories import note_in, organisation
from tests.programmes.test_transfers import pool_with, send
from tests.reporting.factories import accepted_progress, progress_report
from tests.results.factories import shelter_indicator

FIXTURES = Path(__file__).resolve().parent / "fixtures"
SHARED_IATI = Path(__file__).resolve().parents[2] / ".." / "shared" / "iati"


@pytest.fixture
def fixture_file():
    return lambda name: FIXTURES / name


@pytest.fixture
def shared_iati() -> Path:
    if not SHARED_IATI.is_dir():
        pytest.skip(f"the shared IATI reference files are not at {SHARED_IATI.resolve()}")
    return SHARED_IATI.resolve()


@pytest.fixture
def full_programme(cast):  # noqa: F811  (the fixture imported above)
    """A Joint Programme with everything: organisations, dates, stated objectives, a transfer,
    expenditure and a results framework with an accepted reported value."""
    programme = note_in(State.JOINT_PROGRAMME, cast).joint_programme
    programme.programmeobjective_set.update(is_suggested=False)
    send(cast, programme, "300000", pool=pool_with("1000000"))
    record_expenditure(
        actor=cast.organisation,
        programme=programme,
        organisation=organisation("IOM"),
        period_start=date(2025, 1, 1),
        period_end=date(2025, 6, 30),
        amount_usd=Decimal("120000.50"),
    )
    indicator = shelter_indicator(cast, programme, disaggregations=[], objectives=[7])
    accepted_progress(
        cast, progress_report(programme, year=2025), [ReportedValue(indicator, Decimal(800))]
    )
    return programme
