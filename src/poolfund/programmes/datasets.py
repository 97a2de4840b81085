from poolfund.opendata.registry import Dataset, register_dataset
from poolfund.programmes.api.serializers import ProgrammeSerializer, TransferSerializer
from poolfund.programmes.models import ProgrammeTransfer
from poolfund.programmes.selectors import programmes

register_dataset(
    Dataset(
        slug="programmes",
        title="Joint Programmes",
        description="Every Joint Programme with its countries, thematic area, objectives of the "
        "Compact, approved budget, status and dates, and the fields its source does not state.",
        serializer_class=ProgrammeSerializer,
        queryset=programmes,
    )
)

register_dataset(
    Dataset(
        slug="transfers",
        title="Transfers",
        description="Every transfer from the Fund to a participating UN organisation for a "
        "Joint Programme, from the ledger (a reversed transfer gives its reversal date).",
        serializer_class=TransferSerializer,
        queryset=lambda: (
            ProgrammeTransfer.objects.select_related(
                "programme", "organisation", "transaction__reversal"
            )
            .prefetch_related("transaction__entries")
            .order_by("transaction__occurred_on", "pk")
        ),
    )
)
