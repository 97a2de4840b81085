"""The notifications list filters one way, on the page and the API: `NotificationFilterSet`."""

import pytest
from django.test import Client

from poolfund.inbox.services import notify, open_notification
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db


REMINDER = {"stage": "missed", "task_kind": "x", "due_on": "2026-01-01"}


@pytest.fixture
def reader():
    """A person with two notifications, the first one read."""
    user = UserFactory()
    read, _unread = (
        notify("inbox.reminder", recipients=[user], params=REMINDER | {"subject": subject})[0]
        for subject in ("Read", "Unread")
    )
    open_notification(reader=user, notification=read)
    client = Client()
    client.force_login(user)
    return client


def shown(reader, query: str) -> int:
    page = reader.get(f"/me/notifications/?{query}")
    assert page.status_code == 200
    return page.content.decode().count('data-testid="notification"')


def listed(reader, query: str) -> int:
    response = reader.get(f"/api/v1/me/notifications/?{query}")
    assert response.status_code == 200, response.content
    return response.json()["count"]


@pytest.mark.parametrize(
    ("query", "count"),
    [("", 2), ("unread=true", 1), ("unread=Yes", 1), ("unread=1", 1), ("unread=false", 2)],
)
def test_the_page_and_the_api_list_the_same_notifications(reader, query, count):
    assert shown(reader, query) == listed(reader, query) == count


def test_the_page_refuses_an_unread_that_is_neither_true_nor_false(reader):
    response = reader.get("/me/notifications/", {"unread": "bogus"})
    assert response.status_code == 400
    assert "unread: bogus is neither true nor false." in response.text


def test_the_api_refuses_it_naming_the_parameter(reader):
    response = reader.get("/api/v1/me/notifications/", {"unread": "bogus"})
    assert response.status_code == 400
    assert response.json()["fields"] == {"unread": "bogus is neither true nor false."}


def test_the_api_refuses_a_page_size_of_tasks_that_is_not_a_whole_number(reader):
    response = reader.get("/api/v1/me/tasks/", {"per_kind": "many"})
    assert response.status_code == 400
    assert response.json()["fields"] == {"per_kind": "“many” is not a whole number of at least 1."}
    assert reader.get("/api/v1/me/tasks/", {"per_kind": "5000"}).status_code == 200  # at most 1000


def test_the_page_keeps_the_filter_in_its_page_links(reader, monkeypatch):
    monkeypatch.setattr("poolfund.inbox.views.NOTIFICATIONS_PER_PAGE", 1)
    html = reader.get("/me/notifications/", {"unread": "false"}).content.decode()
    assert 'href="?unread=false&amp;page=2"' in html
