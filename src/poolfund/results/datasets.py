from django.db.models import OuterRef, QuerySet, Subquery

from poolfund.opendata.registry import Dataset, register_dataset
from poolfund.results.api.serializers import IndicatorSerializer
from poolfund.results.models import Indicator
from poolfund.results.selectors import counting_values


def indicators_for_open_data() -> QuerySet[Indicator]:
    latest_total = (
        counting_values()
        .filter(indicator=OuterRef("pk"), breakdown={})
        .order_by("-report__scheduled_report__period_end", "-pk")
    )
    return (
        Indicator.objects.select_related("output__outcome__programme")
        .prefetch_related("objectives")
        .annotate(latest_value=Subquery(latest_total.values("value")[:1]))
        .order_by(
            "output__outcome__programme__code", "output__outcome__code", "output__code", "code"
        )
    )


register_dataset(
    Dataset(
        slug="indicators",
        title="Results indicators",
        description="Every indicator of the Joint Programmes' results frameworks, with its "
        "baseline, target, latest reported total and the Compact's objectives it serves.",
        serializer_class=IndicatorSerializer,
        queryset=indicators_for_open_data,
    )
)
