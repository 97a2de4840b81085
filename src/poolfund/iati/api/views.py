from rest_framework import generics

from poolfund.iati.api.serializers import (
    ExternalActivityDetailSerializer,
    ExternalActivitySerializer,
)
from poolfund.iati.filtersets import ExternalActivityFilterSet
from poolfund.iati.selectors import external_activities, external_activity_detail

ORDERING_FIELDS = ["iati_identifier", "reporting_org_ref", "title", "planned_start", "updated_at"]


class ExternalActivityList(generics.ListAPIView):
    """Activities of other IATI publishers, as imported with `poolfund import iati`.

    `q` searches the identifier, title and description; `ordering` takes
    iati_identifier, reporting_org_ref, title, planned_start or updated_at (prefix - to reverse).
    """

    serializer_class = ExternalActivitySerializer
    queryset = external_activities()
    filterset_class = ExternalActivityFilterSet
    ordering_fields = ORDERING_FIELDS


class ExternalActivityDetail(generics.RetrieveAPIView):
    """One external activity with everything the import kept, and its problems."""

    serializer_class = ExternalActivityDetailSerializer
    queryset = external_activity_detail()
