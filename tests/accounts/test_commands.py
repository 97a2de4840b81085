import datetime

import pytest
from django.core.management import CommandError, call_command

from poolfund.accounts.choices import Role
from poolfund.accounts.demo import DEMO_PASSWORD, load_demo_accounts
from poolfund.accounts.models import ApiToken, User
from poolfund.accounts.policy import can, holds_role
from poolfund.accounts.services import create_user_with_role
from poolfund.audit.selectors import history_of
from poolfund.donors.models import Donor
from tests.accounts.factories import ApiTokenFactory, UserFactory

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    from io import StringIO

    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_createuser_makes_an_fmu_member_who_can_use_the_admin(client):
    run("createuser", "--role", "fmu", "--password", "a long enough passphrase", "ana")
    ana = User.objects.get(username="ana")
    assert holds_role(ana, Role.FMU)
    assert ana.is_staff and not ana.is_superuser
    assert history_of(ana).get().actor_label == "cli: createuser"
    client.force_login(ana)
    assert client.get("/admin/accounts/user/").status_code == 200
    assert client.get("/admin/audit/auditevent/").status_code == 200


def test_createuser_gives_a_dated_scoped_seat():
    run(
        "createuser",
        "bea",
        "--role=steering-committee",
        "--constituency=donor representative",
        "--starts-on=2023-01-01",
        "--ends-on=2024-12-31",
        "--password=a long enough passphrase",
    )
    bea = User.objects.get(username="bea")
    assert holds_role(bea, Role.STEERING_COMMITTEE, on=datetime.date(2024, 6, 1))
    assert not holds_role(bea, Role.STEERING_COMMITTEE, on=datetime.date(2025, 1, 1))
    assert not bea.is_staff


def test_createuser_scopes_a_government_focal_point_to_a_country():
    run("createuser", "carlos", "--role", "government-focal-point", "--country", "slv",
        "--password", "a long enough passphrase")  # fmt: skip
    assignment = User.objects.get(username="carlos").role_assignments.get()
    assert assignment.country.iso3 == "SLV"


def test_createuser_scopes_a_donor_focal_point_to_a_donor():
    run("createuser", "dora", "--role", "donor-focal-point", "--donor", "spain",
        "--password", "a long enough passphrase")  # fmt: skip
    dora = User.objects.get(username="dora")
    assert dora.role_assignments.get().donor.slug == "spain"
    assert can(dora, "donors.view_contribution_details", Donor.objects.get(slug="spain"))


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--role", "government-focal-point"], "scoped to a country"),
        (["--role", "fmu", "--country", "XXX"], "No country"),
        (["--role", "donor-focal-point", "--donor", "atlantis"], "No donor"),
        (["--role", "fmu", "--starts-on", "2025-01-01", "--ends-on", "2024-01-01"], "cannot end"),
    ],
)
def test_createuser_refuses_an_impossible_role_and_creates_nobody(arguments, message):
    with pytest.raises(CommandError, match=message):
        run("createuser", "dan", "--password", "a long enough passphrase", *arguments)
    assert not User.objects.filter(username="dan").exists()


@pytest.mark.parametrize("day", ["2025-02-30", "31/12/2025", "2025-1-5"])
def test_createuser_reads_a_day_as_every_command_does_and_refuses_another_form(day):
    with pytest.raises(CommandError, match="--starts-on: invalid fromisoformat value"):
        run("createuser", "dan", "--role", "fmu", "--starts-on", day)
    assert not User.objects.filter(username="dan").exists()


def test_createuser_refuses_a_weak_password_or_an_existing_name():
    with pytest.raises(CommandError, match="too short"):
        run("createuser", "dan", "--role", "fmu", "--password", "abc")
    UserFactory(username="eve")
    with pytest.raises(CommandError, match="already exists"):
        run("createuser", "eve", "--role", "fmu", "--password", "a long enough passphrase")


def test_createuser_without_a_password_and_no_input_says_what_to_do():
    with pytest.raises(CommandError, match="--password"):
        run("createuser", "dan", "--role", "fmu", "--noinput")


def test_load_demo_creates_one_login_per_role_only_with_debug_on(settings):
    settings.DEBUG = False
    assert "refused" in run("load_demo")
    assert not User.objects.filter(username__startswith="demo-").exists()
    settings.DEBUG = True
    output = run("load_demo")
    for role in Role:
        user = User.objects.get(username=f"demo-{role.value}")
        assert holds_role(user, role)
        assert user.check_password(DEMO_PASSWORD)
        assert f"demo-{role.value}" in output
    assert DEMO_PASSWORD in output
    run("load_demo")
    assert User.objects.filter(username__startswith="demo-").count() == len(Role)


def test_the_demo_donor_focal_point_sees_its_donors_contributions_in_full(settings):
    settings.DEBUG = True
    load_demo_accounts(lambda line: None)
    focal_point = User.objects.get(username="demo-donor-focal-point")
    mexico, germany = Donor.objects.get(slug="mexico"), Donor.objects.get(slug="germany")
    assert focal_point.role_assignments.get().donor == mexico
    assert can(focal_point, "donors.view_contribution_details", mexico)
    assert not can(focal_point, "donors.view_contribution_details", germany)


def test_a_demo_donor_focal_point_made_without_a_donor_gets_its_scope(settings):
    settings.DEBUG = True
    unscoped = create_user_with_role(
        actor=None, actor_label="test", username="demo-donor-focal-point",
        password=DEMO_PASSWORD, role=Role.DONOR_FOCAL_POINT,
    )  # fmt: skip
    load_demo_accounts(lambda line: None)
    load_demo_accounts(lambda line: None)
    assert unscoped.role_assignments.filter(donor__slug="mexico").count() == 1
    assert can(unscoped, "donors.view_contribution_details", Donor.objects.get(slug="mexico"))


def test_api_token_command_creates_lists_and_revokes():
    UserFactory(username="ana")
    output = run("api_token", "create", "ana", "--name", "nightly export")
    token = ApiToken.objects.get(user__username="ana")
    key = output.splitlines()[-1]
    assert token.digest == ApiToken.digest_for(key)
    assert key not in run("api_token", "list", "ana")
    assert "active" in run("api_token", "list")
    run("api_token", "revoke", str(token.pk), "--reason", "leaked")
    token.refresh_from_db()
    assert token.is_revoked
    assert history_of(token).first().reason == "leaked"
    with pytest.raises(CommandError, match="already revoked"):
        run("api_token", "revoke", str(token.pk))


def test_an_fmu_member_revokes_tokens_in_the_admin(client):
    run("createuser", "--role", "fmu", "--password", "a long enough passphrase", "ana")
    client.force_login(User.objects.get(username="ana"))
    token = ApiTokenFactory()
    response = client.post(
        "/admin/accounts/apitoken/", {"action": "revoke", "_selected_action": [token.pk]}
    )
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.is_revoked


def test_role_changes_made_in_the_admin_enter_the_audit_trail(client):
    run("createuser", "--role", "fmu", "--password", "a long enough passphrase", "ana")
    client.force_login(User.objects.get(username="ana"))
    bea = UserFactory(username="bea")
    response = client.post(
        f"/admin/accounts/user/{bea.pk}/change/",
        {
            "username": "bea",
            "email": "bea@example.org",
            "is_active": "on",
            "date_joined_0": "2026-01-01",
            "date_joined_1": "00:00:00",
            "role_assignments-TOTAL_FORMS": "1",
            "role_assignments-INITIAL_FORMS": "0",
            "role_assignments-0-role": "civil-society",
            "role_assignments-0-constituency": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert holds_role(bea, Role.CIVIL_SOCIETY)
    assignment = bea.role_assignments.get()
    assert history_of(assignment).get().actor_label == "ana"
    assert history_of(bea).get().reason == "edited in the Django admin"


def test_createuser_asks_for_the_password_twice(monkeypatch):
    answers = iter(["a long enough passphrase", "a long enough passphrase"])
    monkeypatch.setattr("getpass.getpass", lambda prompt: next(answers))
    run("createuser", "--role", "civil-society", "fay")
    assert User.objects.get(username="fay").check_password("a long enough passphrase")


def test_createuser_refuses_two_different_passwords(monkeypatch):
    answers = iter(["a long enough passphrase", "another passphrase"])
    monkeypatch.setattr("getpass.getpass", lambda prompt: next(answers))
    with pytest.raises(CommandError, match="differ"):
        run("createuser", "--role", "civil-society", "fay")
    assert not User.objects.filter(username="fay").exists()


def test_staff_whose_fmu_term_has_ended_can_change_nothing_in_the_admin(client):
    run("createuser", "--role", "fmu", "--ends-on", "2020-12-31",
        "--password", "a long enough passphrase", "gus")  # fmt: skip
    client.force_login(User.objects.get(username="gus"))
    assert client.get("/admin/accounts/user/").status_code == 403
