"""A report's life: due → submitted → returned for revision → accepted, each step a service
with its right checked first, an event and an audit record; overdue is derived, never stored."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile

from poolfund.audit.models import AuditEvent
from poolfund.audit.selectors import history_of
from poolfund.errors import Conflict
from poolfund.programmes.choices import ConceptNoteState as State
from poolfund.programmes.documents import DocumentRefused
from poolfund.reporting.choices import ReportEventKind, ReportKind, ReportStatus
from poolfund.reporting.models import ScheduledReport
from poolfund.reporting.selectors import outstanding_reports_of_focal_point, overdue_reports
from poolfund.reporting.services import (
    InvalidReport,
    accept_report,
    attach_report_document,
    move_due_date,
    return_report,
    start_revision,
    submit_report,
)
from poolfund.results.selectors import latest_totals
from poolfund.results.services import InvalidResults, ReportedValue, save_progress
from tests.programmes.factories import note_in
from tests.reporting.factories import accepted_progress, progress_report, submitted_progress
from tests.results.factories import shelter_indicator

pytestmark = pytest.mark.django_db


@pytest.fixture
def indicator(cast):
    programme = note_in(State.JOINT_PROGRAMME, cast).joint_programme
    return shelter_indicator(cast, programme, disaggregations=["sex"], objectives=[7])


@pytest.fixture
def annual(indicator):
    return progress_report(indicator.output.outcome.programme, year=2025)


def values(indicator, total: int) -> list[ReportedValue]:
    return [ReportedValue(indicator, Decimal(total))]


def test_a_report_goes_due_submitted_returned_submitted_accepted(cast, indicator, annual):
    submitted_progress(cast, annual, values(indicator, 700))
    return_report(actor=cast.fmu, report=annual, comment="Break the total down by sex.")
    annual.refresh_from_db()
    assert annual.status == ReportStatus.RETURNED
    save_progress(
        actor=cast.organisation,
        report=annual,
        narrative="Two shelters opened.",
        values=[ReportedValue(indicator, Decimal(700), {"sex": {"female": 400, "male": 300}})],
    )
    submit_report(actor=cast.organisation, report=annual)
    accept_report(actor=cast.fmu, report=annual)
    annual.refresh_from_db()
    assert annual.status == ReportStatus.ACCEPTED
    assert [(e.kind, e.comment) for e in annual.events.all()] == [
        (ReportEventKind.SUBMITTED, ""),
        (ReportEventKind.RETURNED, "Break the total down by sex."),
        (ReportEventKind.SUBMITTED, ""),
        (ReportEventKind.ACCEPTED, ""),
    ]
    assert history_of(annual).filter(action="transition").count() == 4


def test_values_count_only_once_the_report_is_accepted(cast, indicator, annual):
    programme = annual.programme
    submitted_progress(cast, annual, values(indicator, 700))
    assert latest_totals(programme) == {}
    accept_report(actor=cast.fmu, report=annual)
    assert latest_totals(programme) == {indicator.pk: Decimal(700)}


def test_an_accepted_value_changes_only_through_a_new_revision_which_is_audited(
    cast, indicator, annual
):
    accepted_progress(cast, annual, values(indicator, 700))
    with pytest.raises(Conflict):
        save_progress(
            actor=cast.organisation, report=annual, narrative="x", values=values(indicator, 9)
        )
    start_revision(actor=cast.organisation, report=annual, reason="A shelter was counted twice.")
    save_progress(
        actor=cast.organisation,
        report=annual,
        narrative="Corrected.",
        values=values(indicator, 650),
    )
    assert latest_totals(annual.programme) == {indicator.pk: Decimal(700)}  # until accepted
    submit_report(actor=cast.organisation, report=annual)
    accept_report(actor=cast.fmu, report=annual)
    assert latest_totals(annual.programme) == {indicator.pk: Decimal(650)}
    first, second = annual.progress_revisions.order_by("revision")
    assert first.values.get().value == Decimal(700)  # the accepted revision is kept as it was
    assert first.superseded_at is not None and second.superseded_at is None
    assert AuditEvent.objects.filter(reason="A shelter was counted twice.").exists()


def test_a_report_is_submitted_with_its_narrative(cast, annual):
    with pytest.raises(InvalidResults, match="narrative"):
        submit_report(actor=cast.organisation, report=annual)


def test_a_breakdown_adds_up_to_the_total(cast, indicator, annual):
    with pytest.raises(InvalidResults, match="adds up to 600, not to the total 700"):
        save_progress(
            actor=cast.organisation,
            report=annual,
            narrative="x",
            values=[ReportedValue(indicator, Decimal(700), {"sex": {"female": 300, "male": 300}})],
        )


def test_only_focal_points_of_the_programme_s_organisations_submit(cast, indicator, annual):
    save_progress(actor=cast.organisation, report=annual, narrative="x", values=[])
    for outsider in (cast.other_organisation, cast.fmu, cast.donor, cast.nobody):
        with pytest.raises(PermissionDenied):
            submit_report(actor=outsider, report=annual)


def test_a_financial_report_is_submitted_only_by_its_own_organisation(cast, annual):
    unicef = annual.programme.scheduled_reports.get(
        kind=ReportKind.ANNUAL_FINANCIAL, organisation__acronym="UNICEF"
    )
    with pytest.raises(PermissionDenied):
        submit_report(actor=cast.organisation, report=unicef)  # an IOM focal point


def test_only_the_fmu_reviews_and_the_right_is_checked_before_the_input(cast, indicator, annual):
    submitted_progress(cast, annual, values(indicator, 1))
    with pytest.raises(PermissionDenied):
        return_report(actor=cast.organisation, report=annual, comment="")  # empty, yet 403
    with pytest.raises(PermissionDenied):
        accept_report(actor=cast.steering, report=annual)
    with pytest.raises(InvalidReport, match="revise"):
        return_report(actor=cast.fmu, report=annual, comment=" ")


def test_only_a_submitted_report_is_reviewed(cast, annual):
    with pytest.raises(Conflict):
        accept_report(actor=cast.fmu, report=annual)


def test_overdue_is_derived_from_the_due_date_and_the_status(cast, indicator, annual):
    day_after = annual.due_on + timedelta(days=1)
    assert annual.is_overdue(day_after) and not annual.is_overdue(annual.due_on)
    assert annual in overdue_reports(day_after)
    submitted_progress(cast, annual, values(indicator, 1))
    assert annual not in overdue_reports(day_after)
    return_report(actor=cast.fmu, report=annual, comment="More, please.")
    assert annual in overdue_reports(day_after)  # returned and still owed
    submit_report(actor=cast.organisation, report=annual)
    accept_report(actor=cast.fmu, report=annual)
    start_revision(actor=cast.fmu, report=annual, reason="Typo")
    assert annual not in overdue_reports(day_after)  # it was accepted once, on time or not


def test_the_fmu_moves_a_due_date_with_a_reason(cast, annual):
    with pytest.raises(PermissionDenied):
        move_due_date(actor=cast.organisation, report=annual, due_on=date(2026, 6, 1), reason="")
    with pytest.raises(InvalidReport, match="why"):
        move_due_date(actor=cast.fmu, report=annual, due_on=date(2026, 6, 1), reason=" ")
    move = move_due_date(
        actor=cast.fmu, report=annual, due_on=date(2026, 6, 1), reason="Hurricane season"
    )
    assert (move.moved_from, move.moved_to) == (date(2026, 4, 30), date(2026, 6, 1))
    assert ScheduledReport.objects.get(pk=annual.pk).due_on == date(2026, 6, 1)


def test_a_focal_point_sees_what_their_organisation_owes(cast, annual):
    owed = set(outstanding_reports_of_focal_point(cast.organisation))
    assert annual in owed
    assert {r.organisation.acronym for r in owed if r.organisation} == {"IOM"}
    assert annual not in set(outstanding_reports_of_focal_point(cast.other_organisation))


def test_a_report_returned_for_revision_comes_before_earlier_due_ones(cast, indicator, annual):
    programme = indicator.output.outcome.programme
    later = progress_report(programme)
    assert later.due_on > annual.due_on
    submitted_progress(cast, later, values(indicator, 700))
    return_report(actor=cast.fmu, report=later, comment="Break the total down by sex.")
    owed = list(outstanding_reports_of_focal_point(cast.organisation))
    assert owed[0] == later
    assert owed.index(annual) > 0


def test_attachments_are_recognised_by_their_content(cast, annual):
    attach_report_document(
        actor=cast.organisation,
        report=annual,
        upload=SimpleUploadedFile("annex.pdf", b"%PDF-1.4 annex", "application/pdf"),
    )
    with pytest.raises(DocumentRefused, match="not a PDF, Word \\(DOCX\\) or Excel"):
        attach_report_document(
            actor=cast.organisation,
            report=annual,
            upload=SimpleUploadedFile("annex.pdf", b"MZ not a pdf", "application/pdf"),
        )
    assert annual.attachments.get().media_type == "application/pdf"
