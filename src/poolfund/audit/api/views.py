from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics
from rest_framework.exceptions import ValidationError

from poolfund.api.permissions import allowed_by
from poolfund.audit.api.serializers import AuditEventSerializer
from poolfund.audit.selectors import audit_events


@extend_schema(
    parameters=[
        OpenApiParameter("app", str, description="App label, e.g. accounts"),
        OpenApiParameter("model", str, description="Model name, e.g. apitoken"),
        OpenApiParameter("object_id", str, description="Primary key of the record"),
    ]
)
class AuditEventList(generics.ListAPIView):
    """The audit trail, newest first, for the Fund Management Unit only."""

    serializer_class = AuditEventSerializer
    permission_classes = [allowed_by("audit.view_history")]

    def get_queryset(self):
        query = self.request.query_params
        for name in ("app", "model", "object_id"):
            if "\x00" in query.get(name, ""):
                # PostgreSQL cannot compare a text with a NUL byte: it would be a 500.
                raise ValidationError({name: "A NUL character cannot be in a filter."})
        return audit_events(
            app_label=query.get("app"), model=query.get("model"), object_id=query.get("object_id")
        )
