"""Reads of the inbox: what waits on a person, and the notifications told to them."""

from dataclasses import dataclass
from datetime import date

from django.db.models import QuerySet
from django.utils import timezone

from poolfund.inbox.choices import Delivery
from poolfund.inbox.models import Notification
from poolfund.inbox.registry import Person, Task, TaskKind, Waiting, registered_task_kinds

PAGE_LIMIT = 25
"""Tasks shown per group on `/me/` (the count gives the rest): the FMU may owe thousands of
transfers at scale, and the page answers in a bounded time whatever the data."""


@dataclass(frozen=True)
class TaskGroup:
    kind: TaskKind
    count: int
    tasks: list[Task]

    @property
    def more(self) -> int:
        return self.count - len(self.tasks)

    def first_due(self) -> date:
        due = [task.due_on for task in self.tasks if task.due_on]
        return min(due) if due else date.max


def waiting_for(user, *, today: date | None = None, limit: int | None = PAGE_LIMIT) -> list:
    """Every kind of task that waits on the person, the most urgent group first; each group's
    tasks overdue first, then by due date. Providers of roles the person does not hold are not
    asked, so the queries are one for the roles plus at most two per kind held."""
    person = Person.of(user, today or timezone.localdate())
    groups = []
    for kind in registered_task_kinds():
        waiting: Waiting = kind.waiting_for(person, limit)
        if waiting.count:
            groups.append(TaskGroup(kind, waiting.count, waiting.tasks))
    return sorted(groups, key=lambda group: (group.first_due(), str(group.kind.label)))


def count_waiting(user, *, today: date | None = None) -> int:
    """The navigation's count: one count query per kind held, no task read."""
    return sum(group.count for group in waiting_for(user, today=today, limit=0))


def notifications_of(user) -> QuerySet[Notification]:
    return Notification.objects.filter(recipient=user)


def unread_count(user) -> int:
    return notifications_of(user).filter(read_at__isnull=True).count()


def who_would_be_told(kind_slug: str, record, *, actor=None) -> list[tuple]:
    """(person, delivery) for each person a change to `record` would notify, as `notify`
    would choose (the person acting is not told); for the FMU to see before it acts."""
    from poolfund.inbox.registry import recipients_of
    from poolfund.inbox.services import preferences_by_user

    people = [
        person
        for person in recipients_of(kind_slug, record)
        if actor is None or person.pk != actor.pk
    ]
    preferences = preferences_by_user(person.pk for person in people)
    return [
        (
            person,
            preferences[person.pk].delivery_of(kind_slug)
            if person.pk in preferences
            else Delivery.NOW,
        )
        for person in sorted(people, key=lambda person: person.get_username())
    ]
