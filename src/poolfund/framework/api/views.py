from django.db.models import Prefetch
from rest_framework import generics

from poolfund.framework.api.serializers import ObjectiveSerializer, ThematicAreaSerializer
from poolfund.framework.filtersets import ObjectiveFilterSet
from poolfund.framework.models import Objective, ThematicArea
from poolfund.framework.selectors import DEFAULT_FRAMEWORK_CODE


class ObjectiveList(generics.ListAPIView):
    """The objectives of the GCM, with the thematic area each belongs to."""

    serializer_class = ObjectiveSerializer
    filterset_class = ObjectiveFilterSet
    search_fields = ["short_label", "title"]
    ordering_fields = ["number", "short_label"]
    queryset = Objective.objects.filter(framework__code=DEFAULT_FRAMEWORK_CODE).select_related(
        "thematic_area"
    )


class ThematicAreaList(generics.ListAPIView):
    """The Fund's thematic areas and the objectives clustered in each."""

    serializer_class = ThematicAreaSerializer
    search_fields = ["description"]
    ordering_fields = ["number"]
    queryset = ThematicArea.objects.filter(framework__code=DEFAULT_FRAMEWORK_CODE).prefetch_related(
        Prefetch("objectives", queryset=Objective.objects.order_by("number"))
    )
