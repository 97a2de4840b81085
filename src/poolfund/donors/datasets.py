from poolfund.donors.api.serializers import ContributionSerializer
from poolfund.donors.models import Deposit
from poolfund.opendata.registry import Dataset, register_dataset

register_dataset(
    Dataset(
        slug="contributions",
        title="Contributions",
        description="Every deposit received by the Fund, as the public sees it (in the "
        "currency received and in USD), with its donor and earmarking.",
        serializer_class=ContributionSerializer,
        queryset=lambda: Deposit.objects.select_related(
            "commitment__donor",
            "commitment__thematic_area",
            "commitment__country",
            "commitment__region",
            "ledger_transaction__reversal",
        ).order_by("received_on", "id"),
    )
)
