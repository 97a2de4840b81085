"""The messages of the reporting calendar: a report returned for revision or accepted, to the
focal points who report it. Sent by `reporting.services`."""

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from poolfund.accounts.choices import Role
from poolfund.accounts.models import User
from poolfund.accounts.selectors import users_holding
from poolfund.inbox.registry import MessageKind, register_message_kind
from poolfund.reporting.choices import ReportKind
from poolfund.reporting.models import ScheduledReport


def focal_points_reporting(report: ScheduledReport) -> QuerySet[User]:
    """The focal points of the report's organisation (financial reports) or of the programme's
    organisations (narrative reports)."""
    organisations = (
        [report.organisation_id]
        if report.organisation_id
        else report.programme.budget_lines.values("organisation_id")
    )
    return users_holding(Role.ORGANISATION_FOCAL_POINT, organisation__in=organisations)


def _named(values) -> dict:
    """The values with `report` named in the reader's language: “JP-1 Annual financial report
    IOM, to 31 December 2025”."""
    kind = str(ReportKind(values["report_kind"]).label)
    who = f" {values['organisation']}" if values.get("organisation", "—") != "—" else ""
    name = gettext("%(programme)s %(kind)s%(who)s, to %(period_end_on)s") % {
        **values,
        "kind": kind,
        "who": who,
    }
    return {**values, "report": name}


REPORT_RETURNED = register_message_kind(
    MessageKind(
        slug="reporting.report-returned",
        label=_("A report of yours is returned for revision"),
        subject=lambda v: gettext("Report returned for revision: %(report)s") % _named(v),
        body=lambda v: (
            gettext(
                "The FMU returned %(report)s for revision on %(returned_on)s; it is due on "
                "%(due_on)s. What to revise: %(comment)s"
            )
            % _named(v)
        ),
        recipients=focal_points_reporting,
    )
)

REPORT_ACCEPTED = register_message_kind(
    MessageKind(
        slug="reporting.report-accepted",
        label=_("A report of yours is accepted"),
        subject=lambda v: gettext("Report accepted: %(report)s") % _named(v),
        body=lambda v: gettext("The FMU accepted %(report)s on %(accepted_on)s.") % _named(v),
        recipients=focal_points_reporting,
    )
)


def tell_about_report(kind: MessageKind, report: ScheduledReport, *, actor, **params) -> None:
    from poolfund.inbox.services import notify

    notify(
        kind.slug,
        about=report,
        actor=actor,
        params={
            "programme": report.programme.code,
            "report_kind": report.kind,
            "organisation": report.organisation.acronym if report.organisation_id else None,
            "period_end_on": report.period_end.isoformat(),
            "due_on": report.due_on.isoformat(),
            **params,
        },
        url=reverse("reporting:report", args=[report.pk]),
    )
