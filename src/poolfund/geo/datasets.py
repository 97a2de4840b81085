from rest_framework import serializers

from poolfund.geo.models import Country
from poolfund.opendata.registry import Dataset, register_dataset


class CountrySerializer(serializers.ModelSerializer):
    region = serializers.CharField(
        source="region.name", default="", help_text="UN M49 region (e.g. Americas)."
    )
    sub_region = serializers.CharField(
        source="sub_region.name", default="", help_text="UN M49 sub-region."
    )
    intermediate_region = serializers.CharField(
        source="intermediate_region.name",
        default="",
        help_text="UN M49 intermediate region (e.g. Caribbean), when there is one.",
    )

    class Meta:
        model = Country
        fields = ["iso3", "iso2", "m49_code", "name", "region", "sub_region", "intermediate_region"]


register_dataset(
    Dataset(
        slug="countries",
        title="Countries",
        description="Countries and territories (ISO 3166) with their UN M49 regions.",
        serializer_class=CountrySerializer,
        queryset=lambda: Country.objects.select_related(
            "region", "sub_region", "intermediate_region"
        ).order_by("iso3"),
    )
)
