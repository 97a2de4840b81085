from rest_framework import serializers

from poolfund.iati.models import (
    ExternalActivity,
    ExternalActivityProblem,
    ExternalBudget,
    ExternalParticipatingOrg,
    ExternalRecipientCountry,
    ExternalRecipientRegion,
    ExternalSector,
    ExternalTransaction,
)


class ExternalActivitySerializer(serializers.ModelSerializer):
    reporting_org = serializers.CharField(
        source="reporting_org_ref", help_text="Identifier of the reporting organisation."
    )
    recipient_countries = serializers.SlugRelatedField(
        slug_field="code",
        many=True,
        read_only=True,
        help_text="ISO 3166 alpha-2 codes of the recipient countries.",
    )
    sectors = serializers.SlugRelatedField(
        slug_field="code", many=True, read_only=True, help_text="Sector codes (any vocabulary)."
    )
    problems = serializers.IntegerField(
        source="problem_count",
        read_only=True,
        help_text="How many problems (schema, codelist, rule, mapping) the import recorded.",
    )

    class Meta:
        model = ExternalActivity
        fields = [
            "id",
            "iati_identifier",
            "reporting_org",
            "reporting_org_name",
            "title",
            "activity_status",
            "planned_start",
            "planned_end",
            "default_currency",
            "recipient_countries",
            "sectors",
            "problems",
        ]


def _part_serializer(part_model, part_fields):
    meta = type("Meta", (), {"model": part_model, "fields": part_fields})
    return type(f"{part_model.__name__}Serializer", (serializers.ModelSerializer,), {"Meta": meta})


class ExternalActivityDetailSerializer(ExternalActivitySerializer):
    recipient_countries = _part_serializer(ExternalRecipientCountry, ["code", "percentage"])(
        many=True, read_only=True
    )
    recipient_regions = _part_serializer(
        ExternalRecipientRegion, ["vocabulary", "code", "name", "percentage"]
    )(many=True, read_only=True)
    sectors = _part_serializer(ExternalSector, ["vocabulary", "code", "name", "percentage"])(
        many=True, read_only=True
    )
    participating_orgs = _part_serializer(
        ExternalParticipatingOrg, ["role", "ref", "org_type", "name"]
    )(many=True, read_only=True)
    budgets = _part_serializer(
        ExternalBudget,
        ["budget_type", "status", "period_start", "period_end", "value", "currency", "value_date"],
    )(many=True, read_only=True)
    transactions = _part_serializer(
        ExternalTransaction,
        [
            "transaction_type",
            "date",
            "value",
            "currency",
            "value_date",
            "provider_org_ref",
            "provider_org_name",
            "receiver_org_ref",
            "receiver_org_name",
            "description",
        ],
    )(many=True, read_only=True)
    problem_list = _part_serializer(ExternalActivityProblem, ["kind", "line", "message"])(
        source="problems", many=True, read_only=True
    )

    class Meta(ExternalActivitySerializer.Meta):
        fields = [
            *ExternalActivitySerializer.Meta.fields,
            "reporting_org_type",
            "description",
            "language",
            "actual_start",
            "actual_end",
            "last_updated",
            "recipient_regions",
            "participating_orgs",
            "budgets",
            "transactions",
            "results",
            "problem_list",
            "source_file",
            "source_line",
            "updated_at",
        ]
