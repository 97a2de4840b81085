from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.test import override_settings

from poolfund.programmes.choices import ConceptNoteState as State
from poolfund.programmes.errors import BudgetRuleBroken, InvalidConceptNote
from poolfund.programmes.selectors import delivery
from poolfund.programmes.services.expenditure import record_expenditure
from poolfund.programmes.services.joint_programmes import create_joint_programme
from poolfund.programmes.services.transitions import approve_concept_note
from tests.programmes.factories import allocation_round, note_in, organisation

pytestmark = pytest.mark.django_db


def test_the_approved_amount_is_split_by_organisation_with_indirect_cost_apart(cast):
    note = note_in(State.JOINT_PROGRAMME, cast)  # requested 600k IOM + 400k UNICEF, 900k approved
    programme = note.joint_programme
    lines = {line.organisation.acronym: line for line in programme.budget_lines.all()}
    assert programme.budget_usd == Decimal("900000.00")
    assert lines["IOM"].total_usd == Decimal("540000.00")
    assert lines["UNICEF"].total_usd == Decimal("360000.00")
    assert lines["IOM"].direct_cost_usd == Decimal("504672.90")
    assert lines["IOM"].indirect_cost_usd == Decimal("35327.10")
    assert sum(line.total_usd for line in lines.values()) == programme.budget_usd
    assert programme.indirect_cost_rate == Decimal("0.07")
    assert sorted(programme.objectives.values_list("number", flat=True)) == [7, 23]


@override_settings(POOLFUND_INDIRECT_COST_RATE="0.05")
def test_the_indirect_cost_rate_is_a_setting(cast):
    note = note_in(State.APPROVED, cast)
    programme = create_joint_programme(
        actor=cast.fmu, note=note, code="JP-5", starts_on=date(2025, 1, 1), ends_on=date(2026, 1, 1)
    )
    assert programme.indirect_cost_rate == Decimal("0.05")


def test_an_approval_cannot_exceed_the_request(cast):
    note = note_in(State.IN_PIPELINE, cast)
    with pytest.raises(BudgetRuleBroken, match="exceeds the requested"):
        approve_concept_note(
            actor=cast.steering,
            note=note,
            allocation_round=allocation_round(),
            amount_usd=Decimal("1000000.01"),
            reason="too generous",
        )
    note.refresh_from_db()
    assert note.state == State.IN_PIPELINE
    assert not note.decisions.filter(kind="approve").exists()


def test_an_approval_must_fit_the_round_envelope(cast):
    note = note_in(State.IN_PIPELINE, cast)
    with pytest.raises(BudgetRuleBroken, match="left of its envelope"):
        approve_concept_note(
            actor=cast.steering,
            note=note,
            allocation_round=allocation_round(envelope=Decimal("500000")),
            amount_usd=Decimal("600000"),
            reason="fits the strategy",
        )


def test_a_joint_programme_code_is_unique(cast):
    first = note_in(State.JOINT_PROGRAMME, cast)
    second = note_in(State.APPROVED, cast)
    with pytest.raises(InvalidConceptNote, match="already used"):
        create_joint_programme(
            actor=cast.fmu,
            note=second,
            code=first.joint_programme.code,
            starts_on=date(2025, 1, 1),
            ends_on=date(2026, 1, 1),
        )


def test_expenditure_cannot_exceed_the_organisation_budget(cast):
    programme = note_in(State.JOINT_PROGRAMME, cast).joint_programme
    period = {"period_start": date(2025, 1, 1), "period_end": date(2025, 12, 31)}
    record_expenditure(
        actor=cast.organisation,
        programme=programme,
        organisation=organisation("IOM"),
        amount_usd=Decimal("500000"),
        **period,
    )
    with pytest.raises(BudgetRuleBroken, match=r"more than its budget of USD 540,000\.00"):
        record_expenditure(
            actor=cast.fmu,
            programme=programme,
            organisation=organisation("IOM"),
            amount_usd=Decimal("40000.01"),
            period_start=date(2026, 1, 1),
            period_end=date(2026, 6, 30),
        )


def test_a_focal_point_reports_expenditure_only_for_their_organisation(cast):
    programme = note_in(State.JOINT_PROGRAMME, cast).joint_programme
    with pytest.raises(PermissionDenied):
        record_expenditure(
            actor=cast.organisation,
            programme=programme,
            organisation=organisation("UNICEF"),
            amount_usd=Decimal("1"),
            period_start=date(2025, 1, 1),
            period_end=date(2025, 12, 31),
        )


def test_delivery_is_unknown_before_any_transfer(cast):
    programme = note_in(State.JOINT_PROGRAMME, cast).joint_programme
    record_expenditure(
        actor=cast.fmu,
        programme=programme,
        organisation=organisation("UNICEF"),
        amount_usd=Decimal("1000"),
        period_start=date(2025, 1, 1),
        period_end=date(2025, 12, 31),
    )
    rows = {row.organisation.acronym: row for row in delivery(programme)}
    assert rows["UNICEF"].expenditure_usd == Decimal("1000")
    assert rows["UNICEF"].delivery_rate is None
