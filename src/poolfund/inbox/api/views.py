from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics
from rest_framework.response import Response
from rest_framework.views import APIView

from poolfund.api.filters import FilterSetBackend
from poolfund.api.permissions import allowed_by
from poolfund.inbox.api.serializers import NotificationSerializer, TaskGroupSerializer
from poolfund.inbox.filtersets import NotificationFilterSet
from poolfund.inbox.models import Notification
from poolfund.inbox.selectors import notifications_of, waiting_for
from poolfund.inbox.views import with_text
from poolfund.web.query import whole_number_in_query

DEFAULT_PER_KIND = 100
MAX_PER_KIND = 1000


class MyTasks(APIView):
    """What waits on you, grouped by kind, the most urgent group first; in each group, overdue
    first, then by due date, at most `per_kind` tasks (100 unless asked; `count` gives all)."""

    permission_classes = [allowed_by("inbox.see_own_work")]

    @extend_schema(
        parameters=[OpenApiParameter("per_kind", OpenApiTypes.INT, required=False)],
        responses=TaskGroupSerializer(many=True),
    )
    def get(self, request) -> Response:
        per_kind = whole_number_in_query(
            request.query_params, "per_kind", default=DEFAULT_PER_KIND, least=1, most=MAX_PER_KIND
        )
        today = timezone.localdate()
        groups = waiting_for(request.user, today=today, limit=per_kind)
        return Response(TaskGroupSerializer(groups, many=True, context={"today": today}).data)


class MyNotifications(generics.ListAPIView):
    """The notifications sent to you, newest first; `?unread=true` for the unread ones only.
    Reading them here does not mark them read (opening them on the site does)."""

    serializer_class = NotificationSerializer
    permission_classes = [allowed_by("inbox.see_own_work")]
    filter_backends = [FilterSetBackend]
    filterset_class = NotificationFilterSet
    queryset = Notification.objects.none()  # the model, for the schema: the list is the reader's

    def get_queryset(self):
        return notifications_of(self.request.user)

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        return [
            {
                "id": notification.pk,
                "kind": notification.kind,
                "subject": subject,
                "body": body,
                "url": notification.url,
                "created_at": notification.created_at,
                "read_at": notification.read_at,
            }
            for notification, subject, body in with_text(page)
        ]
