from django_tasks_db.models import DBTaskResult
from rest_framework import generics

from poolfund.api.permissions import allowed_by
from poolfund.jobs.api.serializers import JobSerializer


class JobDetail(generics.RetrieveAPIView):
    """A background job's status and, once finished, its result (FMU only)."""

    serializer_class = JobSerializer
    permission_classes = [allowed_by("jobs.view")]
    queryset = DBTaskResult.objects.all()
    lookup_url_kwarg = "job_id"
