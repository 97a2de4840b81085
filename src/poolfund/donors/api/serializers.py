from rest_framework import serializers

from poolfund.donors.choices import DonorType
from poolfund.donors.models import Commitment, Deposit, Donor
from poolfund.ledger.currencies import to_minor_units
from poolfund.ledger.models import MONEY_DIGITS, USD_DIGITS

USD = {**USD_DIGITS, "read_only": True}


class DonorSerializer(serializers.Serializer):
    """A donor with its totals (a `DonorRow` of the selectors)."""

    slug = serializers.SlugField(source="donor.slug")
    name = serializers.CharField(source="donor.name")
    donor_type = serializers.ChoiceField(source="donor.donor_type", choices=DonorType.choices)
    is_un_member_state = serializers.BooleanField(source="donor.is_un_member_state")
    country = serializers.CharField(
        source="donor.country.iso3",
        allow_null=True,
        default=None,
        help_text="ISO 3166 alpha-3 code, if a country.",
    )
    deposited_usd = serializers.DecimalField(
        **USD_DIGITS, read_only=True, help_text="Deposited, in USD (ledger)."
    )
    committed_usd = serializers.DecimalField(
        **USD_DIGITS, read_only=True, help_text="Committed, in USD."
    )


class DepositSerializer(serializers.ModelSerializer):
    """A deposit as the public sees it."""

    donor: "serializers.SlugRelatedField[Donor]" = serializers.SlugRelatedField(
        source="commitment.donor", slug_field="slug", read_only=True
    )
    earmark = serializers.CharField(source="commitment.earmark", read_only=True)
    thematic_area = serializers.IntegerField(
        source="commitment.thematic_area.number", read_only=True, allow_null=True, default=None
    )
    amount = serializers.SerializerMethodField(help_text="Decimal string in the currency's units.")
    earmark_country = serializers.CharField(
        source="commitment.country.iso3", read_only=True, allow_null=True, default=None
    )
    earmark_region = serializers.CharField(
        source="commitment.region.m49_code",
        read_only=True,
        allow_null=True,
        default=None,
        help_text="UN M49 code of the region the money is earmarked to (e.g. 419), if any.",
    )
    reversed = serializers.SerializerMethodField()

    class Meta:
        model = Deposit
        fields = [
            "id",
            "donor",
            "received_on",
            "amount",
            "currency",
            "usd_amount",
            "earmark",
            "thematic_area",
            "earmark_country",
            "earmark_region",
            "reversed",
        ]

    def get_amount(self, deposit: Deposit) -> str:
        return str(to_minor_units(deposit.amount, deposit.currency))

    def get_reversed(self, deposit: Deposit) -> bool:
        return hasattr(deposit.ledger_transaction, "reversal")


class DepositDetailSerializer(DepositSerializer):
    """A deposit in full, for the FMU and the donor's own focal points."""

    commitment = serializers.CharField(source="commitment.reference", read_only=True)

    class Meta(DepositSerializer.Meta):
        fields = [
            *DepositSerializer.Meta.fields,
            "commitment",
            "usd_rate",
            "rate_date",
            "bank_reference",
            "is_over_payment",
        ]


class FundSummarySerializer(serializers.Serializer):
    as_of = serializers.DateField()
    target_name = serializers.CharField(source="target.name", allow_null=True, default=None)
    target_deadline = serializers.DateField(source="target.deadline", allow_null=True, default=None)
    target_usd = serializers.DecimalField(allow_null=True, **USD_DIGITS)
    deposited_usd = serializers.DecimalField(**USD_DIGITS)
    committed_usd = serializers.DecimalField(**USD_DIGITS)
    percent_of_target = serializers.DecimalField(
        max_digits=6, decimal_places=1, allow_null=True, help_text="Deposited / target, %."
    )
    donor_count = serializers.IntegerField()
    member_state_count = serializers.IntegerField()
    currency = serializers.CharField()


class DepositInputSerializer(serializers.Serializer):
    """What the FMU sends to record a deposit; the amount is in the commitment's currency."""

    commitment = serializers.SlugRelatedField(
        slug_field="reference", queryset=Commitment.objects.all(), help_text="Its reference."
    )
    amount = serializers.DecimalField(help_text='e.g. "1000.00"', **MONEY_DIGITS)
    received_on = serializers.DateField()
    bank_reference = serializers.CharField(max_length=100)
    is_over_payment = serializers.BooleanField(default=False)


class CommitmentSerializer(serializers.ModelSerializer):
    """A pledge in full, as the FMU exports and imports it."""

    donor: "serializers.SlugRelatedField[Donor]" = serializers.SlugRelatedField(
        slug_field="slug", read_only=True
    )
    amount = serializers.SerializerMethodField(help_text="Decimal string in the currency's units.")
    thematic_area = serializers.IntegerField(
        source="thematic_area.number", read_only=True, allow_null=True, default=None
    )
    earmark_country = serializers.CharField(
        source="country.iso3", read_only=True, allow_null=True, default=None
    )
    earmark_region = serializers.CharField(
        source="region.m49_code", read_only=True, allow_null=True, default=None
    )
    instalments = serializers.SerializerMethodField(
        help_text='Due date and amount of each instalment: "2025-06-30 500000.00".'
    )

    class Meta:
        model = Commitment
        fields = [
            "reference",
            "donor",
            "signed_on",
            "amount",
            "currency",
            "usd_amount",
            "usd_rate",
            "rate_date",
            "earmark",
            "thematic_area",
            "earmark_country",
            "earmark_region",
            "steering_committee_decision",
            "instalments",
        ]

    def get_amount(self, commitment: Commitment) -> str:
        return str(to_minor_units(commitment.amount, commitment.currency))

    def get_instalments(self, commitment: Commitment) -> list[str]:
        currency = commitment.currency
        return [
            f"{instalment.due_on.isoformat()} {to_minor_units(instalment.amount, currency)}"
            for instalment in commitment.instalments.all()
        ]
