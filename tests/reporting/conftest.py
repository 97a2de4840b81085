from tests.programmes.conftest import cast  # noqa: F401  (the same people in each role)
