from poolfund.iati.api.serializers import ExternalActivitySerializer
from poolfund.iati.selectors import external_activities
from poolfund.opendata.registry import Dataset, register_dataset

register_dataset(
    Dataset(
        slug="external-activities",
        title="External IATI activities",
        description=(
            "Activities of other IATI publishers imported for comparison with the portfolio, "
            "with the number of problems their files had."
        ),
        serializer_class=ExternalActivitySerializer,
        queryset=external_activities,
    )
)
