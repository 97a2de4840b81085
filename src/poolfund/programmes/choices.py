from django.db import models
from django.utils.translation import gettext_lazy as _


class ConceptNoteState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    SCREENED = "screened", _("Screened: eligible")
    NOT_ELIGIBLE = "not-eligible", _("Screened: not eligible")
    UNDER_REVIEW = "under-review", _("Under review")
    IN_PIPELINE = "in-pipeline", _("In pipeline")
    APPROVED = "approved", _("Approved for funding")
    JOINT_PROGRAMME = "joint-programme", _("Joint Programme")
    RETURNED = "returned", _("Returned for revision")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    REJECTED = "rejected", _("Rejected")


class ScreeningOutcome(models.TextChoices):
    ELIGIBLE = "eligible", _("Eligible")
    NOT_ELIGIBLE = "not-eligible", _("Not eligible")


class Recommendation(models.TextChoices):
    FUND = "fund", _("Fund")
    FUND_WITH_CHANGES = "fund-with-changes", _("Fund with changes")
    DO_NOT_FUND = "do-not-fund", _("Do not fund")


class DecisionKind(models.TextChoices):
    PRIORITISE = "prioritise", _("Prioritised into the pipeline")
    APPROVE = "approve", _("Approved for funding")
    REJECT = "reject", _("Rejected")
    RETURN = "return", _("Returned for revision")
    APPROVE_REVISION = "approve-revision", _("Budget revision approved")
    REJECT_REVISION = "reject-revision", _("Budget revision rejected")


REVISION_DECISIONS = (DecisionKind.APPROVE_REVISION, DecisionKind.REJECT_REVISION)


class Marker(models.IntegerChoices):
    """The gender, human-rights and child-sensitivity markers every proposal carries."""

    NOT_EXPECTED = 0, _("0 — not expected to contribute")
    SIGNIFICANT = 1, _("1 — contributes in a significant way")
    PRINCIPAL = 2, _("2 — principal objective")


class PartnerKind(models.TextChoices):
    GOVERNMENT = "government", _("Government body")
    LOCAL_AUTHORITY = "local-authority", _("Local authority")
    REGIONAL_COMMUNITY = "regional-community", _("Regional economic community")
    MIGRANT_DIASPORA = "migrant-diaspora", _("Migrant or diaspora organisation")
    CIVIL_SOCIETY = "civil-society", _("Civil society")
    OTHER = "other", _("Other stakeholder")


class JointProgrammeStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    NO_COST_EXTENSION = "no-cost-extension", _("No-cost extension")
    OPERATIONALLY_CLOSED = "operationally-closed", _("Operationally closed")
    FINANCIALLY_CLOSED = "financially-closed", _("Financially closed")


class ExpenditureCategory(models.TextChoices):
    """The eight UNDG harmonised expenditure categories, in their order of the UNDG format."""

    STAFF = "staff", _("Staff and other personnel costs")
    SUPPLIES = "supplies", _("Supplies, commodities, materials")
    EQUIPMENT = "equipment", _("Equipment, vehicles and furniture, including depreciation")
    CONTRACTUAL_SERVICES = "contractual-services", _("Contractual services")
    TRAVEL = "travel", _("Travel")
    TRANSFERS_AND_GRANTS = "transfers-and-grants", _("Transfers and grants to counterparts")
    GENERAL_OPERATING = "general-operating", _("General operating and other direct costs")
    INDIRECT_SUPPORT = "indirect-support", _("Indirect support costs")


class BudgetRevisionState(models.TextChoices):
    APPLIED = "applied", _("Applied")
    AWAITING_DECISION = "awaiting-decision", _("Awaiting a Steering Committee decision")
    REJECTED = "rejected", _("Rejected by the Steering Committee")


NOT_STATED_IN_SOURCE = _("not stated in source")
