"""Background jobs go through the database queue and run in the worker, never in the request."""

import pytest
from django.core.management import call_command
from django.db import transaction
from django_tasks_db.models import DBTaskResult

from poolfund.accounts.choices import Role
from poolfund.jobs import enqueue
from tests.accounts.factories import user_with_role
from tests.jobs import sample_jobs  # noqa: F401  (registers the jobs below)


def run_worker() -> None:
    call_command("worker", batch=True, verbosity=0)


@pytest.mark.django_db(transaction=True)
def test_a_queued_job_waits_for_the_worker_and_its_result_is_kept():
    job_id = enqueue("tests.add", a=2, b=3)
    assert DBTaskResult.objects.get(pk=job_id).status == "READY"
    run_worker()
    result = DBTaskResult.objects.get(pk=job_id)
    assert (result.status, result.return_value) == ("SUCCESSFUL", 5)


@pytest.mark.django_db(transaction=True)
def test_a_job_asked_for_in_a_transaction_that_rolls_back_is_never_queued():
    with pytest.raises(RuntimeError), transaction.atomic():
        enqueue("tests.add", a=1, b=1)
        raise RuntimeError("the request failed")
    assert not DBTaskResult.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_a_failing_job_is_marked_failed_and_the_fmu_sees_why(client):
    job_id = enqueue("tests.fail", message="the IATI file is <broken>")
    run_worker()
    assert DBTaskResult.objects.get(pk=job_id).status == "FAILED"
    client.force_login(user_with_role(Role.FMU))
    page = client.get(f"/jobs/{job_id}/").content.decode()
    assert "tests.fail" in page
    assert "the IATI file is &lt;broken&gt;" in page
    listing = client.get("/jobs/").content.decode()
    assert f"/jobs/{job_id}/" in listing


@pytest.mark.django_db
def test_the_api_gives_a_jobs_status_by_id():
    from rest_framework.test import APIClient

    job_id = enqueue("tests.add", a=1, b=2)
    api = APIClient()
    api.force_authenticate(user_with_role(Role.FMU))
    body = api.get(f"/api/v1/jobs/{job_id}/").json()
    assert (body["id"], body["name"], body["status"]) == (str(job_id), "tests.add", "READY")


def test_an_unknown_job_name_is_refused_with_the_known_names():
    with pytest.raises(LookupError, match=r"No job is registered as 'tests.nothing'.*tests.add"):
        enqueue("tests.nothing")
