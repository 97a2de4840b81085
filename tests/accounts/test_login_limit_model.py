"""The sign-in limit behaves like a simple counting model, whatever the sequence of attempts."""

from collections import Counter

import pytest
from django.contrib.auth import authenticate
from django.test import RequestFactory, override_settings
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from poolfund.accounts.models import FailedLogin
from tests.accounts.factories import PASSWORD, UserFactory

PER_ACCOUNT, PER_ADDRESS = 3, 5

attempts = st.lists(
    st.tuples(st.sampled_from(["ana", "bea"]), st.sampled_from(["10.0.0.1", "10.0.0.2"]),
              st.booleans()),
    max_size=25,
)  # fmt: skip


@pytest.mark.django_db
@override_settings(LOGIN_FAILURE_LIMIT=PER_ACCOUNT, LOGIN_FAILURE_LIMIT_PER_ADDRESS=PER_ADDRESS)
@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(attempts=attempts)
# A success forgets earlier failures: without that, the last attempt would be refused.
@example(attempts=[("ana", "10.0.0.1", right) for right in (False, False, True, False, True)])
def test_sign_in_succeeds_exactly_when_the_password_is_right_and_no_limit_is_reached(attempts):
    for username in ("ana", "bea"):
        UserFactory(username=username)
    FailedLogin.objects.all().delete()
    failures: Counter = Counter()
    for username, address, right_password in attempts:
        request = RequestFactory().post("/account/login/", REMOTE_ADDR=address)
        password = PASSWORD if right_password else "wrong"
        blocked = (
            failures[username, address] >= PER_ACCOUNT
            or sum(n for (_user, at), n in failures.items() if at == address) >= PER_ADDRESS
        )
        user = authenticate(request, username=username, password=password)
        assert (user is not None) == (right_password and not blocked)
        if blocked:
            continue
        if right_password:
            failures[username, address] = 0
        else:
            failures[username, address] += 1
