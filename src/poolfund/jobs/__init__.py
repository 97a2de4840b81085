"""Background jobs: `from poolfund.jobs import enqueue, job` (see `registry.py`)."""

from poolfund.jobs.registry import enqueue, job, registered_jobs

__all__ = ["enqueue", "job", "registered_jobs"]
