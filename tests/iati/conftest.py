from pathlib import Path

import pytest

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
