"""/me/ is the home page once signed in; notifications are read by opening them; each person
chooses how they are told; the FMU sees who would be told before it acts."""

import pytest
from django.test import Client

from poolfund.inbox.choices import Delivery
from poolfund.inbox.models import MessagePreferences, Notification
from poolfund.inbox.registry import registered_message_kinds
from poolfund.inbox.services import notify
from poolfund.programmes.choices import ConceptNoteState as State
from tests.accounts.factories import UserFactory
from tests.programmes.factories import Cast, note_in

pytestmark = pytest.mark.django_db


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_home_page_of_a_signed_in_person_is_their_work():
    cast = Cast.create()
    note = note_in(State.SUBMITTED, cast)
    page = signed_in(cast.fmu).get("/").content.decode()
    assert "My work" in page and f'href="/concept-notes/{note.reference}/"' in page
    assert 'href="/framework/"' in page


def test_visitors_keep_the_public_home_page(client):
    page = client.get("/").content.decode()
    assert 'data-testid="thematic-area"' in page and "My work" not in page


def test_the_framework_page_links_signed_in_people_to_their_work():
    page = signed_in(UserFactory()).get("/framework/").content.decode()
    assert 'data-testid="thematic-area"' in page and 'href="/me/"' in page


def test_the_work_page_shows_tasks_in_the_persons_language():
    cast = Cast.create()
    note_in(State.SUBMITTED, cast)
    client = signed_in(cast.fmu)
    page = client.get("/me/", HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert "Notas conceptuales por examinar" in page


def test_opening_a_notification_marks_it_read_and_goes_where_it_points():
    user = UserFactory()
    [notification] = notify(
        "champions.survey-opened",
        recipients=[user],
        params={"title": "Topics", "opens_on": "2026-01-05", "closes_on": "2026-02-05"},
        url="/champions/",
    )
    client = signed_in(user)
    assert "Survey open: Topics" in client.get("/me/notifications/").content.decode()
    response = client.get(f"/me/notifications/{notification.pk}/")
    assert response.status_code == 302 and response["Location"] == "/champions/"
    notification.refresh_from_db()
    assert notification.is_read


def test_someone_elses_notification_is_not_found():
    [notification] = notify(
        "inbox.reminder",
        recipients=[UserFactory()],
        params={"stage": "missed", "subject": "X", "task_kind": "x", "due_on": "2026-01-01"},
    )
    assert signed_in(UserFactory()).get(f"/me/notifications/{notification.pk}/").status_code == 404
    notification.refresh_from_db()
    assert not notification.is_read


def test_a_person_chooses_their_language_and_how_each_kind_reaches_them():
    user = UserFactory()
    response = signed_in(user).post(
        "/me/preferences/",
        {
            "language": "es",
            **{kind.slug: "now" for kind in registered_message_kinds()},
            "programmes.note-submitted": "digest",
            "inbox.reminder": "never",
        },
    )
    assert response.status_code == 200
    preferences = MessagePreferences.objects.get(user=user)
    assert preferences.language == "es"
    assert preferences.delivery_of("programmes.note-submitted") == Delivery.DIGEST
    assert preferences.delivery_of("inbox.reminder") == Delivery.NEVER


def test_the_fmu_sees_who_would_be_told_before_returning_a_note():
    cast = Cast.create()
    note = note_in(State.SUBMITTED, cast)
    MessagePreferences.objects.create(
        user=cast.government, deliveries={"programmes.note-returned": "never"}
    )
    page = signed_in(cast.fmu).get(f"/concept-notes/{note.reference}/").content.decode()
    assert 'data-testid="who-is-told"' in page
    told = page.split('data-testid="who-is-told"')[1].split("</details>")[0]
    assert cast.organisation.username in told and cast.government.username in told
    assert "Never by e-mail" in told and cast.other_organisation.username not in told
    proponent_page = signed_in(cast.organisation).get(f"/concept-notes/{note.reference}/")
    assert 'data-testid="who-is-told"' not in proponent_page.content.decode()


def test_the_api_gives_my_tasks_and_my_notifications_with_a_token():
    from tests.accounts.factories import ApiTokenFactory

    cast = Cast.create()
    note = note_in(State.SUBMITTED, cast)
    programmes_returned = note_in(State.SUBMITTED, cast)
    from poolfund.programmes.services.transitions import return_concept_note

    return_concept_note(actor=cast.fmu, note=programmes_returned, reason="Budget unclear")
    token = ApiTokenFactory(user=cast.fmu)
    client = Client(HTTP_AUTHORIZATION=f"Token {token.key}")
    groups = client.get("/api/v1/me/tasks/").json()
    [screen] = [group for group in groups if group["kind"] == "programmes.screen"]
    assert note.reference in {task["key"] for task in screen["tasks"]}
    assert screen["count"] >= 1 and screen["tasks"][0]["url"].startswith("/concept-notes/")
    proponent = ApiTokenFactory(user=cast.organisation)
    listing = (
        Client(HTTP_AUTHORIZATION=f"Token {proponent.key}")
        .get("/api/v1/me/notifications/?unread=true")
        .json()
    )
    assert listing["count"] == 1
    assert listing["results"][0]["subject"].startswith("Concept note ")
    assert Notification.objects.get(recipient=cast.organisation).read_at is None
    assert Client().get("/api/v1/me/tasks/").status_code == 401
