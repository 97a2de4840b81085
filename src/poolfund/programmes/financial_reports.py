"""Financial reports: an organisation's expenditure on a programme by UNDG category, the
content of the calendar's annual and final financial reports (`poolfund.reporting`).

An annual report covers its year; the final report is cumulative, from the programme's start
to its end. An organisation cannot report more expenditure than it received: the Fund's
transfers (less what it returned) plus what it reports as received from other sources. The
expenditure counts in the delivery figures once the FMU accepts the report."""

import datetime
from collections.abc import Mapping
from decimal import Decimal

from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext

from poolfund.accounts.models import User
from poolfund.accounts.policy import require
from poolfund.audit.choices import AuditAction
from poolfund.audit.services import record_event, snapshot
from poolfund.errors import Conflict, DomainError
from poolfund.ledger.currencies import FUND_CURRENCY, require_exact_amount
from poolfund.programmes.choices import ExpenditureCategory
from poolfund.programmes.models import (
    ExpenditureReport,
    FinancialReport,
    FinancialReportLine,
    JointProgramme,
    ParticipatingOrganisation,
)
from poolfund.programmes.selectors import returned_by_organisation, transferred_by_organisation
from poolfund.reporting.choices import FINANCIAL_KINDS, ReportKind
from poolfund.reporting.models import ScheduledReport
from poolfund.reporting.services import submit_report


class InvalidFinancialReport(DomainError):
    code = "invalid_financial_report"


class ExpenditureAboveReceived(DomainError):
    code = "expenditure_above_received"


def organisation_reports(report: ScheduledReport) -> QuerySet[FinancialReport]:
    """The financial reports of the same organisation for the same programme."""
    return FinancialReport.objects.filter(
        scheduled__programme=report.programme_id, scheduled__organisation=report.organisation_id
    ).prefetch_related("lines")


def annual_reports_besides(report: ScheduledReport) -> list[FinancialReport]:
    return list(
        organisation_reports(report)
        .filter(scheduled__kind=ReportKind.ANNUAL_FINANCIAL)
        .exclude(scheduled=report)
    )


def expenditure_outside_reports(report: ScheduledReport) -> Decimal:
    """Expenditure recorded for the organisation without a financial report (by the FMU)."""
    return sum(
        ExpenditureReport.objects.filter(
            programme=report.programme_id,
            organisation=report.organisation_id,
            financial_report__isnull=True,
        ).values_list("amount_usd", flat=True),
        Decimal(0),
    )


def require_within_received(
    report: ScheduledReport, *, total_usd: Decimal, other_sources_usd: Decimal
) -> None:
    """Refuse expenditure beyond what the organisation received for the programme, all its
    reports counted (the final report alone, as it is cumulative)."""
    spent, other = total_usd, other_sources_usd
    if report.kind != ReportKind.FINAL_FINANCIAL:
        annual = annual_reports_besides(report)
        spent += sum((each.total_usd for each in annual), Decimal(0))
        spent += expenditure_outside_reports(report)
        other += sum((each.other_sources_usd for each in annual), Decimal(0))
    programme = report.programme
    organisation = organisation_of(report)
    from_fund = transferred_by_organisation(programme).get(
        organisation.pk, Decimal(0)
    ) - returned_by_organisation(programme).get(organisation.pk, Decimal(0))
    if spent > from_fund + other:
        raise ExpenditureAboveReceived(
            gettext(
                "%(organisation)s would report USD %(spent)s spent on %(code)s in all, more than "
                "it received: USD %(from_fund)s from the Fund and USD %(other)s from other "
                "sources. Correct the expenditure, or report what came from other sources."
            )
            % {
                "organisation": organisation,
                "spent": f"{spent:,.2f}",
                "code": programme.code,
                "from_fund": f"{from_fund:,.2f}",
                "other": f"{other:,.2f}",
            },
            fields={
                "amounts": gettext("more than received"),
                "other_sources_usd": gettext("too little"),
            },
        )


def _not_financial(report: ScheduledReport) -> InvalidFinancialReport:
    return InvalidFinancialReport(
        gettext("%(report)s is not a financial report.") % {"report": report},
        fields={"report": gettext("not financial")},
    )


def require_financial(report: ScheduledReport) -> None:
    if report.kind not in FINANCIAL_KINDS:
        raise _not_financial(report)


def organisation_of(report: ScheduledReport) -> ParticipatingOrganisation:
    """The organisation whose financial report it is (every financial report names one)."""
    if report.organisation is None:
        raise _not_financial(report)
    return report.organisation


def clean_amounts(amounts: Mapping[str, Decimal]) -> dict[str, Decimal]:
    """Every UNDG category's expenditure, zero or more, in cents (a category not given is 0)."""
    unknown = set(amounts) - set(ExpenditureCategory.values)
    if unknown:
        raise InvalidFinancialReport(
            gettext("Unknown expenditure categories: %(categories)s.")
            % {"categories": ", ".join(sorted(unknown))},
            fields={"amounts": gettext("unknown category")},
        )
    cleaned = {}
    for category in ExpenditureCategory:
        amount = amounts.get(category.value, Decimal(0))
        require_exact_amount(amount, FUND_CURRENCY)
        if amount < 0:
            raise InvalidFinancialReport(
                gettext("%(category)s: expenditure is zero or more.")
                % {"category": category.label},
                fields={category.value: gettext("negative")},
            )
        cleaned[category.value] = amount
    return cleaned


def require_money(value: Decimal, field: str, label: str) -> Decimal:
    require_exact_amount(value, FUND_CURRENCY)
    if value < 0:
        raise InvalidFinancialReport(
            gettext("%(label)s is zero or more.") % {"label": label},
            fields={field: gettext("negative")},
        )
    return value


@transaction.atomic
def submit_financial_report(
    *,
    actor: User,
    report: ScheduledReport,
    amounts: Mapping[str, Decimal],
    other_sources_usd: Decimal = Decimal(0),
    interest_usd: Decimal = Decimal(0),
) -> FinancialReport:
    """Enter an organisation's expenditure by category for a due (or returned) financial
    report and submit it to the FMU (the organisation's focal points)."""
    require(actor, "reporting.enter_report", report)
    require_financial(report)
    report = ScheduledReport.objects.select_for_update().get(pk=report.pk)
    if not report.is_open_for_entry:
        raise Conflict(
            gettext(
                "This report is %(status)s; it can change only when it is due or returned for "
                "revision."
            )
            % {"status": report.get_status_display().lower()}
        )
    cleaned = clean_amounts(amounts)
    other_sources_usd = require_money(
        other_sources_usd, "other_sources_usd", gettext("What came from other sources")
    )
    interest_usd = require_money(interest_usd, "interest_usd", gettext("Interest earned"))
    require_within_received(
        report, total_usd=sum(cleaned.values(), Decimal(0)), other_sources_usd=other_sources_usd
    )
    content = FinancialReport.objects.filter(scheduled=report).first()
    before = snapshot(content) | lines_of(content) if content else None
    if content is None:
        content = FinancialReport(scheduled=report)
    content.other_sources_usd = other_sources_usd
    content.interest_usd = interest_usd
    content.entered_by = actor
    content.save()
    content.lines.all().delete()
    FinancialReportLine.objects.bulk_create(
        FinancialReportLine(report=content, category=category, amount_usd=amount)
        for category, amount in cleaned.items()
    )
    record_event(
        actor=actor,
        action=AuditAction.UPDATE if before else AuditAction.CREATE,
        instance=content,
        before=before,
        after=snapshot(content) | lines_of(content),
        reason="financial report entered",
    )
    submit_report(actor=actor, report=report)
    return content


def lines_of(content: FinancialReport) -> dict[str, dict[str, str]]:
    return {"lines": {line.category: str(line.amount_usd) for line in content.lines.all()}}


def check_financial_submittable(report: ScheduledReport) -> None:
    """The calendar's check before a financial report is submitted: its content is entered
    and still within what the organisation received."""
    content = FinancialReport.objects.filter(scheduled=report).prefetch_related("lines").first()
    if content is None:
        raise InvalidFinancialReport(
            gettext("Enter the expenditure by category before submitting."),
            fields={"amounts": gettext("not entered")},
        )
    require_within_received(
        report, total_usd=content.total_usd, other_sources_usd=content.other_sources_usd
    )


def accept_financial(report: ScheduledReport, actor: User | None) -> None:
    """Once accepted, the expenditure the report adds counts: an annual report's total; for
    the cumulative final report, its total less what is already counted."""
    content = FinancialReport.objects.select_for_update().get(scheduled=report)
    counted = ExpenditureReport.objects.filter(
        programme=report.programme_id, organisation=report.organisation_id
    )
    if content.expenditure_id is not None:
        counted = counted.exclude(pk=content.expenditure_id)
    period_start = report.period_start
    amount = content.total_usd
    if report.kind == ReportKind.FINAL_FINANCIAL:
        already = sum(counted.values_list("amount_usd", flat=True), Decimal(0))
        amount -= already
        if amount < 0:
            raise Conflict(
                gettext(
                    "The final report gives USD %(total)s spent in all, less than the USD "
                    "%(already)s already counted from the annual reports; correct those by a "
                    "revision first."
                )
                % {"total": f"{content.total_usd:,.2f}", "already": f"{already:,.2f}"},
                fields={"amounts": gettext("below the annual reports")},
            )
        last = counted.order_by("-period_end").first()
        if last is not None:
            period_start = max(period_start, last.period_end + datetime.timedelta(days=1))
    expenditure = content.expenditure or ExpenditureReport(
        programme_id=report.programme_id, organisation=organisation_of(report)
    )
    before = snapshot(expenditure) if expenditure.pk else None
    expenditure.period_start = min(period_start, report.period_end)
    expenditure.period_end = report.period_end
    expenditure.amount_usd = amount
    expenditure.reported_by = content.entered_by
    expenditure.save()
    content.expenditure = expenditure
    content.save(update_fields=["expenditure"])
    record_event(
        actor=actor,
        action=AuditAction.UPDATE if before else AuditAction.CREATE,
        instance=expenditure,
        before=before,
        reason=f"{report} accepted",
    )


def interest_reported(programme: JointProgramme) -> Decimal:
    """Interest the organisations reported: each one's final report (cumulative), or the sum
    of its annual reports when it has no final one."""
    annual: dict[int | None, Decimal] = {}
    final: dict[int | None, Decimal] = {}
    reports = FinancialReport.objects.filter(scheduled__programme=programme).select_related(
        "scheduled"
    )
    for content in reports:
        organisation = content.scheduled.organisation_id
        if content.scheduled.kind == ReportKind.FINAL_FINANCIAL:
            final[organisation] = content.interest_usd
        else:
            annual[organisation] = annual.get(organisation, Decimal(0)) + content.interest_usd
    return sum((final.get(pk, amount) for pk, amount in annual.items()), Decimal(0)) + sum(
        (amount for pk, amount in final.items() if pk not in annual), Decimal(0)
    )
