"""Refusals raised by several of the programme cycle's services."""

from poolfund.errors import DomainError


class IllegalTransition(DomainError):
    code = "illegal_transition"
    http_status = 409


class InvalidConceptNote(DomainError):
    code = "invalid_concept_note"


class BudgetRuleBroken(DomainError):
    code = "budget_rule_broken"
