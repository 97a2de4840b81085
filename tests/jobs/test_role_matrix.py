"""Only the Fund Management Unit sees background jobs."""

from poolfund.accounts.choices import Role
from poolfund.jobs import enqueue
from tests.jobs import sample_jobs  # noqa: F401  (registers tests.add)
from tests.matrix import Endpoint, role_matrix


def queued_job(user) -> dict:
    return {"job_id": enqueue("tests.add", a=1, b=1)}


test_jobs_role_matrix = role_matrix(
    Endpoint("see the background jobs", "GET", "/jobs/", allowed={Role.FMU}),
    Endpoint(
        "see a background job",
        "GET",
        lambda context: f"/jobs/{context['job_id']}/",
        allowed={Role.FMU},
        setup=queued_job,
    ),
    Endpoint(
        "read a job's status in the API",
        "GET",
        lambda context: f"/api/v1/jobs/{context['job_id']}/",
        allowed={Role.FMU},
        api=True,
        setup=queued_job,
    ),
)
