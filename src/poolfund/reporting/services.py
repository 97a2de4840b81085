"""The reporting year's writes: the calendar follows the programme's dates, the organisations
submit, the FMU returns with comments or accepts, and moves a due date with a reason."""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import ProtectedError
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext

from poolfund.accounts.policy import require, require_unless_system
from poolfund.audit.choices import AuditAction
from poolfund.audit.services import record_event, snapshot
from poolfund.errors import Conflict, DomainError
from poolfund.programmes.documents import DOCX, PDF, XLSX, store_checked_upload
from poolfund.programmes.models import JointProgramme
from poolfund.reporting.choices import OUTSTANDING, ReportEventKind, ReportStatus
from poolfund.reporting.contents import content_of
from poolfund.reporting.models import DueDateMove, ReportAttachment, ReportEvent, ScheduledReport
from poolfund.reporting.notifications import REPORT_ACCEPTED, REPORT_RETURNED, tell_about_report
from poolfund.reporting.schedule import obligations, report_key, stated_dates

ATTACHMENT_TYPES = (PDF, DOCX, XLSX)


class InvalidReport(DomainError):
    code = "invalid_report"


@dataclass
class CalendarChange:
    created: list[ScheduledReport] = field(default_factory=list)
    updated: list[ScheduledReport] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    kept: list[ScheduledReport] = field(default_factory=list)
    """Reports the calendar no longer asks for but which were already submitted or reviewed."""


@transaction.atomic
def regenerate_calendar(
    *, programme: JointProgramme, actor=None, actor_label: str = ""
) -> CalendarChange:
    """Bring `programme`'s scheduled reports in line with its current dates and organisations.

    Idempotent. Call it after the programme's start or end date or its organisations change
    (a no-cost extension does): an annual report is matched by the year it covers, a final
    report by its kind and organisation, so a moved end date moves the final reports' period
    and due date. An FMU's move of a due date stands while the report's period is unchanged.
    Reports no longer owed are removed if still due and without content, else kept as they
    are. A programme whose start or end date is not stated is left as it is: the calendar
    cannot say what it owes, and reports recorded for it by other means stay. With `actor`,
    the FMU's right to manage the calendar is checked; system work passes `actor=None` and
    names itself in `actor_label`.
    """
    require_unless_system(actor, "reporting.manage_calendar", programme)
    label = actor_label or ("" if actor is not None else "reporting calendar")
    if stated_dates(programme) is None:
        return CalendarChange()
    organisation_ids = sorted(
        programme.budget_lines.values_list("organisation_id", flat=True).distinct()
    )
    owed = {obligation.key: obligation for obligation in obligations(programme, organisation_ids)}
    existing = {
        report_key(report.kind, report.organisation_id, report.period_end): report
        for report in ScheduledReport.objects.select_for_update(of=("self",)).filter(
            programme=programme
        )
    }
    change = CalendarChange()
    for key, obligation in owed.items():
        report = existing.pop(key, None)
        if report is None:
            report = ScheduledReport.objects.create(
                programme=programme,
                kind=obligation.kind,
                organisation_id=obligation.organisation_id,
                period_start=obligation.period_start,
                period_end=obligation.period_end,
                calendar_due_on=obligation.due_on,
                due_on=obligation.due_on,
            )
            record_event(
                actor=actor,
                actor_label=label,
                action=AuditAction.CREATE,
                instance=report,
                after=snapshot(report),
                reason="reporting calendar",
            )
            change.created.append(report)
            continue
        before = snapshot(report)
        period_moved = (report.period_start, report.period_end) != (
            obligation.period_start,
            obligation.period_end,
        )
        was_moved_by_fmu = report.due_on != report.calendar_due_on
        report.period_start, report.period_end = obligation.period_start, obligation.period_end
        report.calendar_due_on = obligation.due_on
        if period_moved or not was_moved_by_fmu:
            report.due_on = obligation.due_on
        after = snapshot(report)
        if after != before:
            report.save()
            record_event(
                actor=actor,
                actor_label=label,
                action=AuditAction.UPDATE,
                instance=report,
                before=before,
                after=after,
                reason="reporting calendar follows the programme's dates",
            )
            change.updated.append(report)
    for report in existing.values():
        if report.status != ReportStatus.DUE:
            change.kept.append(report)
            continue
        before, name = snapshot(report), str(report)
        try:
            with transaction.atomic():
                report.delete()
        except ProtectedError:  # content was entered: keep it for a person to decide
            change.kept.append(report)
            continue
        report.pk = before["id"]
        record_event(
            actor=actor,
            actor_label=label,
            action=AuditAction.DELETE,
            instance=report,
            before=before,
            reason="no longer owed by the reporting calendar",
        )
        change.removed.append(name)
    return change


@transaction.atomic
def move_due_date(
    *, actor, report: ScheduledReport, due_on: datetime.date, reason: str
) -> DueDateMove:
    """The FMU gives a report another due date; the reason is kept with the move."""
    require(actor, "reporting.manage_calendar", report)
    report = ScheduledReport.objects.select_for_update().get(pk=report.pk)
    if not reason.strip():
        raise InvalidReport(
            gettext("Say why the due date moves."), fields={"reason": gettext("Required.")}
        )
    if due_on == report.due_on:
        raise InvalidReport(
            gettext("The report is already due on %(day)s.")
            % {"day": date_format(due_on, "d F Y")},
            fields={"due_on": gettext("Unchanged.")},
        )
    if report.status == ReportStatus.ACCEPTED:
        raise Conflict(gettext("An accepted report is due no more; its due date stays as it was."))
    before = snapshot(report)
    move = DueDateMove.objects.create(
        report=report, moved_from=report.due_on, moved_to=due_on, reason=reason, moved_by=actor
    )
    report.due_on = due_on
    report.save(update_fields=["due_on"])
    record_event(
        actor=actor,
        action=AuditAction.UPDATE,
        instance=report,
        before=before,
        after=snapshot(report),
        reason=reason,
    )
    return move


def _transition(
    report: ScheduledReport,
    *,
    actor,
    to: ReportStatus,
    event: ReportEventKind,
    comment: str = "",
) -> ReportEvent:
    before = snapshot(report)
    report.status = to
    now = timezone.now()
    if to == ReportStatus.SUBMITTED:
        report.submitted_at = now
    if to == ReportStatus.ACCEPTED and report.accepted_at is None:
        report.accepted_at = now
    report.save()
    step = ReportEvent.objects.create(report=report, kind=event, actor=actor, comment=comment)
    record_event(
        actor=actor,
        action=AuditAction.TRANSITION,
        instance=report,
        before=before,
        after=snapshot(report),
        reason=comment or event.label,
    )
    return step


def _locked(report: ScheduledReport) -> ScheduledReport:
    return ScheduledReport.objects.select_for_update().select_related("programme").get(pk=report.pk)


@transaction.atomic
def submit_report(*, actor, report: ScheduledReport) -> ReportEvent:
    """The organisation sends a due or returned report to the FMU, once its content (registered
    for the kind in `reporting.contents`) is complete."""
    require(actor, "reporting.enter_report", report)
    report = _locked(report)
    if report.status not in OUTSTANDING:
        raise Conflict(
            gettext("This report is %(status)s; it is not due.")
            % {"status": report.get_status_display().lower()}
        )
    content = content_of(report.kind)
    if content is not None:
        content.check_submittable(report)
    return _transition(
        report, actor=actor, to=ReportStatus.SUBMITTED, event=ReportEventKind.SUBMITTED
    )


@transaction.atomic
def return_report(*, actor, report: ScheduledReport, comment: str) -> ReportEvent:
    """The FMU sends a submitted report back for revision, saying what to change."""
    require(actor, "reporting.review_report", report)
    report = _locked(report)
    if not comment.strip():
        raise InvalidReport(
            gettext("Say what the organisation should revise."),
            fields={"comment": gettext("Required.")},
        )
    if report.status != ReportStatus.SUBMITTED:
        raise Conflict(gettext("Only a submitted report can be returned for revision."))
    step = _transition(
        report,
        actor=actor,
        to=ReportStatus.RETURNED,
        event=ReportEventKind.RETURNED,
        comment=comment,
    )
    tell_about_report(
        REPORT_RETURNED,
        report,
        actor=actor,
        returned_on=timezone.localdate().isoformat(),
        comment=comment,
    )
    return step


@transaction.atomic
def accept_report(*, actor, report: ScheduledReport, comment: str = "") -> ReportEvent:
    """The FMU accepts a submitted report: its content counts from now on (accepted indicator
    values feed the results roll-ups and the IATI export) and can change only by a revision."""
    require(actor, "reporting.review_report", report)
    report = _locked(report)
    if report.status != ReportStatus.SUBMITTED:
        raise Conflict(gettext("Only a submitted report can be accepted."))
    step = _transition(
        report,
        actor=actor,
        to=ReportStatus.ACCEPTED,
        event=ReportEventKind.ACCEPTED,
        comment=comment,
    )
    content = content_of(report.kind)
    if content is not None:
        content.accepted(report, actor)
    tell_about_report(
        REPORT_ACCEPTED, report, actor=actor, accepted_on=timezone.localdate().isoformat()
    )
    return step


@transaction.atomic
def start_revision(*, actor, report: ScheduledReport, reason: str) -> ReportEvent:
    """Open an accepted report again to correct it: it goes back to "returned for revision"
    with a new revision of its content; the accepted content keeps counting until the new
    revision is accepted."""
    require(actor, "reporting.revise_accepted_report", report)
    report = _locked(report)
    if not reason.strip():
        raise InvalidReport(
            gettext("Say why the accepted report is revised."),
            fields={"reason": gettext("Required.")},
        )
    if report.status != ReportStatus.ACCEPTED:
        raise Conflict(gettext("Only an accepted report is revised; this one can still be edited."))
    step = _transition(
        report,
        actor=actor,
        to=ReportStatus.RETURNED,
        event=ReportEventKind.REVISION,
        comment=reason,
    )
    content = content_of(report.kind)
    if content is not None:
        content.revision_started(report, actor, reason)
    return step


@transaction.atomic
def attach_report_document(
    *, actor, report: ScheduledReport, upload: UploadedFile
) -> ReportAttachment:
    """Attach a PDF, DOCX or XLSX to a report still open for entry, checked by its content."""
    require(actor, "reporting.enter_report", report)
    if report.status not in OUTSTANDING:
        raise Conflict(
            gettext("Documents are attached to reports that are due or returned for revision.")
        )
    attachment = ReportAttachment(report=report, uploaded_by=actor)
    store_checked_upload(attachment, upload, accepted=ATTACHMENT_TYPES)
    attachment.save()
    record_event(actor=actor, action=AuditAction.CREATE, instance=attachment, reason="attached")
    return attachment


@dataclass(frozen=True)
class Step:
    """A move of a report a person makes from its page or the API: the right it takes (checked
    by the view before the input) and the service, called with the step's fields."""

    permission: str
    perform: Callable[..., object]


STEPS: dict[str, Step] = {
    "submit": Step("reporting.enter_report", submit_report),
    "return": Step("reporting.review_report", return_report),
    "accept": Step("reporting.review_report", accept_report),
    "revise": Step("reporting.revise_accepted_report", start_revision),
    "move-due-date": Step("reporting.manage_calendar", move_due_date),
}
