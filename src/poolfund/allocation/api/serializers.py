from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from poolfund.allocation.models import AllocationRound, Proposal, RoundPolicy
from poolfund.allocation.services import POLICY_FIELDS


class RoundPolicySerializer(serializers.ModelSerializer):
    must_include = serializers.SlugRelatedField(many=True, read_only=True, slug_field="reference")
    must_exclude = serializers.SlugRelatedField(many=True, read_only=True, slug_field="reference")
    thematic_area_shares = serializers.JSONField(
        help_text='Per thematic area number, {"min", "max"} or {"target", "tolerance"}.'
    )

    class Meta:
        model = RoundPolicy
        fields = ["money_as_of", *POLICY_FIELDS, "must_include", "must_exclude"]


class ProposalSummarySerializer(serializers.ModelSerializer):
    """A stored proposal's status and totals (the figures of the engine's JSON output)."""

    status = serializers.SerializerMethodField()
    objective_value = serializers.SerializerMethodField()
    budget = serializers.SerializerMethodField()
    allocated = serializers.SerializerMethodField()
    selected_count = serializers.SerializerMethodField()

    class Meta:
        model = Proposal
        fields = [
            "id",
            "proposed_at",
            "is_decided",
            "status",
            "objective_value",
            "budget",
            "allocated",
            "selected_count",
        ]

    def get_status(self, proposal: Proposal) -> str:
        return proposal.result["status"]

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_objective_value(self, proposal: Proposal) -> str | None:
        return proposal.result["objective_value"]

    def get_budget(self, proposal: Proposal) -> str:
        return proposal.result["budget"]

    def get_allocated(self, proposal: Proposal) -> str:
        return proposal.result["allocated"]

    def get_selected_count(self, proposal: Proposal) -> int:
        return len(proposal.result["selected"])


class ProposalSerializer(ProposalSummarySerializer):
    """A stored proposal with the optimiser's whole output."""

    result = serializers.JSONField(
        help_text=(
            "The optimiser's output as `poolfund allocate` writes it (docs/allocation.md): "
            "status, message, objective_value, selected, left_out, greedy, constraints, "
            "conflicts."
        )
    )

    class Meta(ProposalSummarySerializer.Meta):
        fields = [*ProposalSummarySerializer.Meta.fields, "result"]


class AllocationRoundSerializer(serializers.ModelSerializer):
    policy = serializers.SerializerMethodField()
    latest_proposal = serializers.SerializerMethodField()
    proposal_serializer = ProposalSummarySerializer

    class Meta:
        model = AllocationRound
        fields = ["id", "name", "decided_on", "envelope_usd", "policy", "latest_proposal"]

    @extend_schema_field(RoundPolicySerializer(allow_null=True))
    def get_policy(self, allocation_round: AllocationRound) -> dict | None:
        policy = getattr(allocation_round, "policy", None)
        return None if policy is None else RoundPolicySerializer(policy).data

    @extend_schema_field(ProposalSummarySerializer(allow_null=True))
    def get_latest_proposal(self, allocation_round: AllocationRound) -> dict | None:
        proposals = allocation_round.proposals.all()
        return self.proposal_serializer(proposals[0]).data if proposals else None


class AllocationRoundDetailSerializer(AllocationRoundSerializer):
    proposal_serializer = ProposalSerializer

    @extend_schema_field(ProposalSerializer(allow_null=True))
    def get_latest_proposal(self, allocation_round: AllocationRound) -> dict | None:
        return super().get_latest_proposal(allocation_round)
