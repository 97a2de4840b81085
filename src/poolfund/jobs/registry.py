"""Background jobs by name, run by a worker (`poolfund worker`) through the database queue.

An app declares a job in its `jobs.py`:

    @job("iati.import")
    def import_iati(*, path: str) -> dict: ...

and anything enqueues it by name, inside the transaction that asks for it (if the transaction
rolls back, the job is never queued):

    result_id = enqueue("iati.import", path="/var/uploads/activities.xml")

Arguments and return values must be JSON (strings, numbers, lists, dicts). The job runs later
in another process, so it reads what it needs from the database again.
"""

from collections.abc import Callable

from django_tasks import task

_jobs: dict[str, Callable] = {}


def job(name: str, *, queue: str = "default", priority: int = 0) -> Callable:
    """Registers a module-level function as the job `name`."""

    def register(function: Callable) -> Callable:
        if name in _jobs:
            raise ValueError(f"A job named {name!r} is already registered.")
        _jobs[name] = task(queue_name=queue, priority=priority)(function)
        return _jobs[name]

    return register


def registered_jobs() -> dict[str, Callable]:
    return dict(_jobs)


def enqueue(name: str, **kwargs) -> str:
    """Queues the job `name` with keyword arguments; returns its id (for `/jobs/<id>/`)."""
    try:
        registered = _jobs[name]
    except KeyError:
        raise LookupError(f"No job is registered as {name!r}; known: {sorted(_jobs)}.") from None
    return registered.enqueue(**kwargs).id
