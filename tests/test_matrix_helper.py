from dataclasses import replace

import pytest
from django.contrib.sessions.backends.db import SessionStore

from poolfund.accounts.choices import Role
from poolfund.accounts.models import FailedLogin
from tests.champions.test_role_matrix import GUATEMALAN_ROADMAP
from tests.matrix import Endpoint, check, watching_writes

pytestmark = pytest.mark.django_db


def test_the_write_watcher_sees_writes_but_not_session_bookkeeping():
    with watching_writes() as written:
        SessionStore().create()
        FailedLogin.objects.create(username="x")
        FailedLogin.objects.update(username="y")
    assert written == ["accounts_failedlogin", "accounts_failedlogin"]


def test_the_matrix_fails_a_refusal_that_wrote_something():
    # A failed sign-in answers 200 and records the failure: as an "endpoint refused to
    # everyone with 200" the matrix must still catch the write.
    writing_refusal = Endpoint(
        "sign in with a wrong password",
        "POST",
        "/account/login/",
        allowed=frozenset(),
        payload={"username": "x", "password": "wrong"},
        refusal=200,
    )
    with pytest.raises(AssertionError, match="wrote to"):
        check(writing_refusal, Role.FMU)


def test_the_matrix_sends_invalid_input_to_refused_callers_and_expects_the_refusal():
    # Mexico's focal point is refused Guatemala by what the form names: with a form that names
    # nothing it gets the form's errors, which the matrix must catch unless it is declared.
    undeclared = replace(GUATEMALAN_ROADMAP, refused_by_the_input=())
    with pytest.raises(AssertionError, match="with invalid input got 200"):
        check(undeclared, Role.GOVERNMENT_FOCAL_POINT)
    check(GUATEMALAN_ROADMAP, Role.GOVERNMENT_FOCAL_POINT)
