from poolfund.donors.api.serializers import DepositSerializer
from poolfund.donors.models import Deposit
from poolfund.opendata.registry import Dataset, register_dataset

register_dataset(
    Dataset(
        slug="deposits",
        title="Deposits",
        description="Every deposit received by the Fund, as the public sees it (in the "
        "currency received and in USD), with its donor and earmarking.",
        serializer_class=DepositSerializer,
        queryset=lambda: Deposit.objects.select_related(
            "commitment__donor",
            "commitment__thematic_area",
            "commitment__country",
            "commitment__region",
            "ledger_transaction__reversal",
        ).order_by("received_on", "id"),
    )
)
