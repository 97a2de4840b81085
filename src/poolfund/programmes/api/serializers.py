from rest_framework import serializers

from poolfund.framework.models import Objective
from poolfund.geo.models import Country, RegionalBody
from poolfund.ledger.currencies import FUND_CURRENCY
from poolfund.ledger.models import USD_DIGITS
from poolfund.programmes.models import (
    ConceptNote,
    ExpenditureReport,
    JointProgramme,
    ProgrammeTransfer,
)


class ProgrammeSerializer(serializers.ModelSerializer):
    countries = serializers.SerializerMethodField(help_text="ISO alpha-3 codes.")
    regional_bodies = serializers.SerializerMethodField(help_text="Codes, e.g. caricom.")
    thematic_area = serializers.IntegerField(source="thematic_area.number")
    objectives = serializers.SerializerMethodField(help_text="GCM objective numbers.")
    suggested_objectives = serializers.SerializerMethodField(
        help_text="Those of `objectives` suggested from the description, not stated by a source."
    )
    budget_usd = serializers.DecimalField(**USD_DIGITS)
    budget_lines = serializers.SerializerMethodField(
        help_text="Each participating organisation's share of the budget in USD, indirect cost "
        'included: "IOM 500000.00".'
    )

    class Meta:
        model = JointProgramme
        fields = [
            "code",
            "title",
            "description",
            "countries",
            "regional_bodies",
            "thematic_area",
            "objectives",
            "suggested_objectives",
            "budget_usd",
            "budget_lines",
            "indirect_cost_rate",
            "status",
            "starts_on",
            "ends_on",
            "not_stated_in_source",
            "source",
        ]

    def get_countries(self, programme) -> list[str]:
        return [country.iso3 for country in programme.countries.all()]

    def get_regional_bodies(self, programme) -> list[str]:
        return [body.code for body in programme.regional_bodies.all()]

    def get_objectives(self, programme) -> list[int]:
        return [link.objective.number for link in programme.programmeobjective_set.all()]

    def get_budget_lines(self, programme) -> list[str]:
        return [
            f"{line.organisation.acronym} {line.total_usd}" for line in programme.budget_lines.all()
        ]

    def get_suggested_objectives(self, programme) -> list[int]:
        return [
            link.objective.number
            for link in programme.programmeobjective_set.all()
            if link.is_suggested
        ]


class ConceptNoteSerializer(serializers.ModelSerializer):
    countries: "serializers.SlugRelatedField[Country]" = serializers.SlugRelatedField(
        slug_field="iso3", many=True, read_only=True
    )
    regional_bodies: "serializers.SlugRelatedField[RegionalBody]" = serializers.SlugRelatedField(
        slug_field="code", many=True, read_only=True
    )
    thematic_area = serializers.IntegerField(source="thematic_area.number")
    objectives: "serializers.SlugRelatedField[Objective]" = serializers.SlugRelatedField(
        slug_field="number", many=True, read_only=True
    )
    budget_lines = serializers.SerializerMethodField()

    class Meta:
        model = ConceptNote
        fields = [
            "reference",
            "title",
            "summary",
            "state",
            "countries",
            "regional_bodies",
            "thematic_area",
            "objectives",
            "requested_budget_usd",
            "budget_lines",
            "single_organisation_exception",
            "duration_months",
            "gender_marker",
            "human_rights_marker",
            "child_sensitivity_marker",
        ]

    def get_budget_lines(self, note) -> list[dict[str, str]]:
        return [
            {"organisation": line.organisation.acronym, "amount_usd": str(line.amount_usd)}
            for line in note.budget_lines.all()
        ]


TRANSFER_KEY_PREFIX = "transfer:"


class TransferSerializer(serializers.ModelSerializer):
    reference = serializers.SerializerMethodField(
        help_text="The FMU's reference of the transfer, if it was given one."
    )
    programme = serializers.CharField(source="programme.code", help_text="Joint Programme code.")
    organisation = serializers.CharField(
        source="organisation.acronym", help_text="Participating UN organisation."
    )
    occurred_on = serializers.DateField(source="transaction.occurred_on", help_text="Value date.")
    amount_usd = serializers.SerializerMethodField(
        help_text="USD received by the organisation (decimal string)."
    )
    reversed_on = serializers.SerializerMethodField(
        help_text="Date of the reversal that cancelled the transfer, if any."
    )
    ledger_transaction = serializers.IntegerField(
        source="transaction.pk", help_text="The ledger transaction."
    )

    class Meta:
        model = ProgrammeTransfer
        fields = [
            "reference",
            "programme",
            "organisation",
            "occurred_on",
            "amount_usd",
            "reversed_on",
            "ledger_transaction",
        ]

    def get_reference(self, transfer) -> str | None:
        key = transfer.transaction.idempotency_key or ""
        return (
            key.removeprefix(TRANSFER_KEY_PREFIX) if key.startswith(TRANSFER_KEY_PREFIX) else None
        )

    def get_amount_usd(self, transfer) -> str:
        return str(
            sum(
                entry.amount
                for entry in transfer.transaction.entries.all()
                if entry.amount > 0 and entry.currency == FUND_CURRENCY
            )
        )

    def get_reversed_on(self, transfer) -> str | None:
        reversal = getattr(transfer.transaction, "reversal", None)
        return reversal.occurred_on.isoformat() if reversal else None


class ExpenditureSerializer(serializers.ModelSerializer):
    programme = serializers.CharField(source="programme.code", help_text="Joint Programme code.")
    organisation = serializers.CharField(
        source="organisation.acronym", help_text="Participating UN organisation."
    )
    amount_usd = serializers.DecimalField(
        help_text="USD spent over the period (decimal string).", **USD_DIGITS
    )

    class Meta:
        model = ExpenditureReport
        fields = ["programme", "organisation", "period_start", "period_end", "amount_usd"]
