from django.db.models import Prefetch

from poolfund.framework.api.serializers import ObjectiveSerializer, ThematicAreaSerializer
from poolfund.framework.models import Objective, ThematicArea
from poolfund.framework.selectors import DEFAULT_FRAMEWORK_CODE
from poolfund.opendata.registry import Dataset, register_dataset

register_dataset(
    Dataset(
        slug="framework-objectives",
        title="GCM objectives",
        description="The objectives of the Global Compact for Migration and their thematic area.",
        serializer_class=ObjectiveSerializer,
        queryset=lambda: Objective.objects.filter(
            framework__code=DEFAULT_FRAMEWORK_CODE
        ).select_related("thematic_area"),
    )
)
register_dataset(
    Dataset(
        slug="thematic-areas",
        title="Thematic areas",
        description="The Fund's five thematic areas and the objectives clustered in each.",
        serializer_class=ThematicAreaSerializer,
        queryset=lambda: ThematicArea.objects.filter(
            framework__code=DEFAULT_FRAMEWORK_CODE
        ).prefetch_related(Prefetch("objectives", queryset=Objective.objects.order_by("number"))),
    )
)
