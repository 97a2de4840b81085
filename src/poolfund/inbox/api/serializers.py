from rest_framework import serializers


class TaskSerializer(serializers.Serializer):
    kind = serializers.CharField(help_text="The kind of task, e.g. programmes.screen.")
    key = serializers.CharField(help_text="The record it is about, e.g. CN-0003.")
    action = serializers.CharField(help_text="What to do, in the language asked for.")
    subject = serializers.CharField()
    url = serializers.CharField(help_text="The page where it is done.")
    since = serializers.CharField(allow_null=True, help_text="Date or date-time (ISO 8601).")
    due_on = serializers.DateField(allow_null=True)
    overdue = serializers.BooleanField()

    def to_representation(self, task):
        since = task.since.isoformat() if task.since is not None else None
        return {
            "kind": task.kind,
            "key": task.key,
            "action": str(task.action),
            "subject": task.subject,
            "url": task.url,
            "since": since,
            "due_on": task.due_on.isoformat() if task.due_on else None,
            "overdue": task.is_overdue(self.context["today"]),
        }


class TaskGroupSerializer(serializers.Serializer):
    kind = serializers.CharField(source="kind.slug")
    label = serializers.CharField(source="kind.label")
    count = serializers.IntegerField(help_text="How many wait; `tasks` holds the first of them.")
    tasks = TaskSerializer(many=True)


class NotificationSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.CharField()
    subject = serializers.CharField(help_text="In the language asked for (Accept-Language).")
    body = serializers.CharField()
    url = serializers.CharField()
    created_at = serializers.DateTimeField()
    read_at = serializers.DateTimeField(allow_null=True)
