"""Serializers of a Joint Programme's later life: budget revisions and their decisions,
no-cost extensions, closure, returns of unspent balances and financial reports."""

from decimal import Decimal

from rest_framework import serializers

from poolfund.ledger.currencies import FUND_CURRENCY
from poolfund.ledger.models import USD_DIGITS
from poolfund.programmes.choices import ExpenditureCategory
from poolfund.programmes.models import (
    BudgetMove,
    BudgetRevision,
    FinancialReport,
    NoCostExtension,
    ParticipatingOrganisation,
    ProgrammeClosure,
    ProgrammeReturn,
)
from poolfund.programmes.revisions import UNCATEGORISED

BUDGET_CATEGORIES = [UNCATEGORISED, *ExpenditureCategory.values]
"""A move's ends: a UNDG category, or empty (named `BudgetCategoryEnum` in the schema)."""


def category_field() -> serializers.ChoiceField:
    return serializers.ChoiceField(
        choices=BUDGET_CATEGORIES,
        allow_blank=True,
        required=False,
        default=UNCATEGORISED,
        help_text="A UNDG expenditure category; empty: the part of the share not yet by category.",
    )


def organisation_field(**kwargs) -> serializers.SlugRelatedField:
    return serializers.SlugRelatedField(
        slug_field="acronym",
        queryset=ParticipatingOrganisation.objects.all(),
        help_text="Participating UN organisation (acronym).",
        **kwargs,
    )


class MoveSerializer(serializers.ModelSerializer):
    from_organisation = organisation_field()
    from_category = category_field()
    to_organisation = organisation_field()
    to_category = category_field()
    amount_usd = serializers.DecimalField(min_value=0, **USD_DIGITS)

    class Meta:
        model = BudgetMove
        fields = [
            "from_organisation",
            "from_category",
            "to_organisation",
            "to_category",
            "amount_usd",
        ]


class DecisionSerializer(serializers.Serializer):
    kind = serializers.CharField()
    reason = serializers.CharField()
    decided_at = serializers.DateTimeField()


class BudgetRevisionSerializer(serializers.ModelSerializer):
    programme = serializers.CharField(source="programme.code", read_only=True)
    moves = MoveSerializer(many=True)
    decision = DecisionSerializer(read_only=True, allow_null=True)
    before = serializers.JSONField(
        read_only=True, help_text="{acronym: {total, categories: {category: amount}}}"
    )
    after = serializers.JSONField(read_only=True, help_text="The same, after the revision.")

    class Meta:
        model = BudgetRevision
        fields = [
            "id",
            "programme",
            "effective_on",
            "reason",
            "state",
            "moved_usd",
            "threshold",
            "moves",
            "before",
            "after",
            "decision",
            "recorded_at",
        ]
        read_only_fields = ["state", "moved_usd", "threshold", "recorded_at"]

    def validate_moves(self, moves):
        if not moves:
            raise serializers.ValidationError("A budget revision moves some money.")
        return moves


class RevisionDecisionSerializer(serializers.Serializer):
    approve = serializers.BooleanField(help_text="true approves (the revision applies).")
    reason = serializers.CharField()


class NoCostExtensionSerializer(serializers.ModelSerializer):
    programme = serializers.CharField(source="programme.code", read_only=True)

    class Meta:
        model = NoCostExtension
        fields = [
            "id",
            "programme",
            "previous_end",
            "new_end",
            "reason",
            "approved_by",
            "approved_on",
            "recorded_at",
        ]
        read_only_fields = ["previous_end", "recorded_at"]


class ClosureStepSerializer(serializers.Serializer):
    closed_on = serializers.DateField()
    remarks = serializers.CharField()


class ProgrammeClosureSerializer(serializers.ModelSerializer):
    programme = serializers.CharField(source="programme.code")
    final_transferred_usd = serializers.DecimalField(allow_null=True, **USD_DIGITS)
    final_returned_usd = serializers.DecimalField(allow_null=True, **USD_DIGITS)
    final_expenditure_usd = serializers.DecimalField(allow_null=True, **USD_DIGITS)
    final_interest_usd = serializers.DecimalField(allow_null=True, **USD_DIGITS)
    final_delivery_rate = serializers.DecimalField(
        max_digits=7, decimal_places=4, allow_null=True, help_text="Expenditure / transfers."
    )

    class Meta:
        model = ProgrammeClosure
        fields = [
            "programme",
            "operationally_closed_on",
            "operational_reason",
            "financially_closed_on",
            "financial_reason",
            "final_transferred_usd",
            "final_returned_usd",
            "final_expenditure_usd",
            "final_interest_usd",
            "final_delivery_rate",
        ]


class ReturnInputSerializer(serializers.Serializer):
    organisation = organisation_field()
    amount_usd = serializers.DecimalField(min_value=0, **USD_DIGITS)
    occurred_on = serializers.DateField(help_text="Value date.")


class ReturnSerializer(serializers.ModelSerializer):
    organisation = serializers.CharField(source="organisation.acronym")
    occurred_on = serializers.DateField(source="transaction.occurred_on")
    pool = serializers.SerializerMethodField(help_text="The pool of Fund cash it went back to.")
    amount_usd = serializers.SerializerMethodField(help_text="USD (decimal string).")
    ledger_transaction = serializers.IntegerField(source="transaction.pk")

    class Meta:
        model = ProgrammeReturn
        fields = ["organisation", "occurred_on", "pool", "amount_usd", "ledger_transaction"]

    def pool_entry(self, link):
        return next(
            entry
            for entry in link.transaction.entries.all()
            if entry.amount > 0 and entry.currency == FUND_CURRENCY
        )

    def get_pool(self, link) -> str:
        return self.pool_entry(link).account.key

    def get_amount_usd(self, link) -> str:
        return str(self.pool_entry(link).amount)


class FinancialReportInputSerializer(serializers.Serializer):
    amounts = serializers.DictField(
        child=serializers.DecimalField(min_value=0, **USD_DIGITS),
        help_text="Expenditure (USD) by UNDG category: " + ", ".join(ExpenditureCategory.values),
    )
    other_sources_usd = serializers.DecimalField(min_value=0, default=Decimal(0), **USD_DIGITS)
    interest_usd = serializers.DecimalField(min_value=0, default=Decimal(0), **USD_DIGITS)


class FinancialReportSerializer(serializers.ModelSerializer):
    report = serializers.IntegerField(source="scheduled.pk", help_text="The scheduled report.")
    programme = serializers.CharField(source="scheduled.programme.code")
    organisation = serializers.CharField(source="scheduled.organisation.acronym")
    kind = serializers.CharField(source="scheduled.kind")
    period_start = serializers.DateField(source="scheduled.period_start")
    period_end = serializers.DateField(source="scheduled.period_end")
    status = serializers.CharField(source="scheduled.status")
    amounts = serializers.SerializerMethodField(help_text="USD by UNDG category.")
    total_usd = serializers.DecimalField(read_only=True, **USD_DIGITS)

    class Meta:
        model = FinancialReport
        fields = [
            "report",
            "programme",
            "organisation",
            "kind",
            "period_start",
            "period_end",
            "status",
            "amounts",
            "total_usd",
            "other_sources_usd",
            "interest_usd",
        ]

    def get_amounts(self, content) -> dict[str, str]:
        return {line.category: str(line.amount_usd) for line in content.lines.all()}
