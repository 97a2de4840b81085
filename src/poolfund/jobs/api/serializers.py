from django_tasks_db.models import DBTaskResult
from rest_framework import serializers

from poolfund.jobs.selectors import job_name


class JobSerializer(serializers.ModelSerializer):
    name = serializers.SerializerMethodField()

    class Meta:
        model = DBTaskResult
        fields = [
            "id",
            "name",
            "status",
            "enqueued_at",
            "started_at",
            "finished_at",
            "return_value",
        ]

    def get_name(self, result: DBTaskResult) -> str:
        return job_name(result)
