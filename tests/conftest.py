import pytest
from django.core.management import call_command


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load the framework and the countries once; each test runs in a transaction on top."""
    with django_db_blocker.unblock():
        call_command("load_demo", verbosity=0)
