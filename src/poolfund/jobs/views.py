from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django_tasks_db.models import DBTaskResult

from poolfund.accounts.decorators import permission_required
from poolfund.jobs.selectors import job_name, recent_jobs


@permission_required("jobs.view")
def job_list(request: HttpRequest) -> HttpResponse:
    jobs = [(result, job_name(result)) for result in recent_jobs()]
    return render(request, "jobs/job_list.html", {"jobs": jobs})


@permission_required("jobs.view")
def job_detail(request: HttpRequest, job_id) -> HttpResponse:
    result = get_object_or_404(DBTaskResult, pk=job_id)
    return render(request, "jobs/job_detail.html", {"job": result, "name": job_name(result)})
