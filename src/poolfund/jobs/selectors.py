from django.db.models import QuerySet
from django_tasks_db.models import DBTaskResult

from poolfund.jobs.registry import registered_jobs


def recent_jobs(limit: int = 100) -> QuerySet[DBTaskResult]:
    return DBTaskResult.objects.order_by("-enqueued_at")[:limit]


def job_name(result: DBTaskResult) -> str:
    """The registered name of a queued job (its function path if no longer registered)."""
    for name, registered in registered_jobs().items():
        if registered.module_path == result.task_path:
            return name
    return result.task_path
