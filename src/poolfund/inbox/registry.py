"""What waits on people, and the messages they are sent, registered by the apps that own them.

An app declares its kinds of task in its own `tasks.py`:

    @task_kind("programmes.screen", _("Concept notes to screen"), roles=(Role.FMU,))
    def notes_to_screen(person: Person, limit: int | None) -> Waiting: ...

and its kinds of message in its own `notifications.py`:

    register_message_kind(MessageKind(slug="programmes.note-submitted", ...))

Both modules are discovered at start-up (`InboxConfig.ready`), so a new app adds its tasks and
messages without touching the inbox. A task provider answers with a bounded number of queries
whatever the amount of data: a count, and the first `limit` items by due date.
"""

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db.models import F, QuerySet
from django.utils import formats, translation
from django.utils.functional import Promise

from poolfund.accounts.choices import Role
from poolfund.accounts.policy import active_role_assignments
from poolfund.reports.formatting import format_money


@dataclass
class Person:
    """The signed-in person a provider answers for: their user, the day, and the role
    assignments in force that day (read once for every provider)."""

    user: Any
    today: date
    assignments: list = field(default_factory=list)

    @classmethod
    def of(cls, user, today: date) -> "Person":
        return cls(user=user, today=today, assignments=active_role_assignments(user, today))

    def holds(self, *roles: Role) -> bool:
        return any(assignment.role in roles for assignment in self.assignments)

    def scopes(self, role: Role, scope: str) -> set[int]:
        """Ids of the countries, organisations or donors (`scope`) a role is held for."""
        return {
            getattr(assignment, f"{scope}_id")
            for assignment in self.assignments
            if assignment.role == role and getattr(assignment, f"{scope}_id")
        }


@dataclass(frozen=True)
class Task:
    """One thing a person has to do: what, on which record, since when, by when, and where."""

    kind: str
    key: str
    """Stable name of the record it is about (`CN-0003`), for reminders sent once."""
    action: str | Promise
    subject: str
    url: str
    since: date | datetime | None = None
    due_on: date | None = None

    def is_overdue(self, today: date) -> bool:
        return self.due_on is not None and self.due_on < today


@dataclass(frozen=True)
class Waiting:
    """How many tasks of a kind wait, and the first of them (overdue first, then by due date)."""

    count: int
    tasks: list[Task]


NOTHING = Waiting(0, [])

Provider = Callable[[Person, int | None], Waiting]


@dataclass(frozen=True)
class TaskKind:
    slug: str
    label: str | Promise
    """The group's heading on the page, e.g. “Concept notes to screen”."""
    roles: tuple[Role, ...]
    """The roles that may ever be given such a task: providers are not asked otherwise."""
    waiting: Provider

    def waiting_for(self, person: Person, limit: int | None) -> Waiting:
        if not person.holds(*self.roles):
            return NOTHING
        return self.waiting(person, limit)


_task_kinds: dict[str, TaskKind] = {}


def task_kind(slug: str, label: str | Promise, *, roles: tuple[Role, ...]) -> Callable:
    """Registers `provider(person, limit) -> Waiting` as the tasks of kind `slug`."""

    def register(provider: Provider) -> Provider:
        if slug in _task_kinds:
            raise ValueError(f"Two task kinds are registered as {slug!r}.")
        _task_kinds[slug] = TaskKind(slug, label, roles, provider)
        return provider

    return register


def registered_task_kinds() -> list[TaskKind]:
    return list(_task_kinds.values())


def task_kind_named(slug: str) -> TaskKind | None:
    return _task_kinds.get(slug)


def by_due_date(queryset: QuerySet, due: str | None, since: str) -> QuerySet:
    """Overdue first, then by due date; what has no due date last, oldest first."""
    order = [F(since).asc(nulls_first=True), "pk"]
    if due:
        order.insert(0, F(due).asc(nulls_last=True))
    return queryset.order_by(*order)


def first_tasks(queryset: QuerySet, limit: int | None, to_task: Callable[[Any], Task]) -> Waiting:
    """A count and the first `limit` records (ordered already) as tasks: two queries at most,
    plus what the queryset prefetches."""
    if limit is None:
        tasks = [to_task(record) for record in queryset]
        return Waiting(len(tasks), tasks)
    tasks = [to_task(record) for record in queryset[:limit]]
    count = len(tasks) if len(tasks) < limit else queryset.count()
    return Waiting(count, tasks)


# Messages ---------------------------------------------------------------------------------

Text = Callable[[Mapping[str, str]], str]


@dataclass(frozen=True)
class MessageKind:
    """A kind of notification. `subject` and `body` are given the message's values, already
    written in the reader's language (dates as the pages write them, money with its code), and
    are called with that language active, so their `gettext` is the reader's too.

    `recipients(record)` is who would be told about a record; `None` when the sender names
    them (a reminder goes to the person the task waits on)."""

    slug: str
    label: str | Promise
    subject: Text
    body: Text
    recipients: Callable[[Any], QuerySet] | None = None


_message_kinds: dict[str, MessageKind] = {}


def register_message_kind(kind: MessageKind) -> MessageKind:
    if kind.slug in _message_kinds and _message_kinds[kind.slug] != kind:
        raise ValueError(f"Two message kinds are registered as {kind.slug!r}.")
    _message_kinds[kind.slug] = kind
    return kind


def registered_message_kinds() -> list[MessageKind]:
    return sorted(_message_kinds.values(), key=lambda kind: kind.slug)


def message_kind_named(slug: str) -> MessageKind:
    try:
        return _message_kinds[slug]
    except KeyError:
        raise LookupError(f"No message kind is registered as {slug!r}.") from None


def message_values(params: Mapping[str, Any]) -> dict[str, str]:
    """The values a message stores (JSON), as the active language writes them: `*_on` are
    dates (“3 March 2026” / “3 de marzo de 2026”), `*_usd` amounts in USD, `amount` with
    `currency` an amount in that currency; `*_label` a task kind's heading by its slug."""
    language = translation.get_language()
    values: dict[str, str] = {}
    for name, value in params.items():
        if value is None:
            values[name] = "—"
        elif name.endswith("_on"):
            values[name] = formats.date_format(date.fromisoformat(value), "j F Y")
        elif name.endswith("_usd"):
            values[name] = format_money(Decimal(value), "USD", language)
        elif name == "amount":
            values[name] = format_money(Decimal(value), params.get("currency", "USD"), language)
        elif name == "task_kind":
            kind = task_kind_named(value)
            values["task_label"] = str(kind.label) if kind else value
            values[name] = value
        else:
            values[name] = str(value)
    return values


def rendered(kind: MessageKind, params: Mapping[str, Any], language: str) -> tuple[str, str]:
    """(subject, body) of a message in `language`."""
    with translation.override(language):
        values = message_values(params)
        return kind.subject(values), kind.body(values)


def recipients_of(slug: str, record: Any) -> Iterable:
    kind = message_kind_named(slug)
    return kind.recipients(record) if kind.recipients else []


# Scheduled announcements -------------------------------------------------------------------

Announcer = Callable[[date], int]
_announcers: dict[str, Announcer] = {}


def scheduled_announcement(name: str) -> Callable[[Announcer], Announcer]:
    """Registers `announce(today) -> number told`, run by `poolfund send-reminders` for what
    becomes true with the calendar rather than with a change (a survey opening on its day).
    It must tell each person once (`notify(..., key=...)`), as the command runs every hour."""

    def register(announce: Announcer) -> Announcer:
        _announcers[name] = announce
        return announce

    return register


def registered_announcements() -> dict[str, Announcer]:
    return dict(_announcers)
