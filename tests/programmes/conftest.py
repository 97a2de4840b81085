import pytest

from tests.programmes.factories import Cast


@pytest.fixture
def cast() -> Cast:
    """A person in each role; see `Cast`."""
    return Cast.create()
