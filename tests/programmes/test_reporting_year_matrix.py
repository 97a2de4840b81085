"""Who may reach the pages and API of a programme's later life: budget revisions and their
Steering Committee decision, no-cost extensions, closure, returns, financial reports."""

from datetime import date
from decimal import Decimal

from poolfund.accounts.choices import Role
from poolfund.programmes.choices import ConceptNoteState as State
from poolfund.programmes.choices import ExpenditureCategory
from poolfund.programmes.closure import close_operationally
from poolfund.programmes.financial_reports import submit_financial_report
from poolfund.programmes.revisions import Move, revise_budget
from poolfund.reporting.choices import ReportKind
from tests.accounts.factories import user_with_role
from tests.matrix import ANONYMOUS, SIGNED_IN, Endpoint, public, role_matrix
from tests.programmes.factories import Cast, note_in, organisation
from tests.programmes.test_reporting_year import accept_every_report
from tests.programmes.test_role_matrix import speaking_for_iom
from tests.programmes.test_transfers import pool_with, send

public(
    "a programme's revisions, extensions, returns and closure are public like its page",
    "api/v1/programmes/<str:code>/closure/",
)

REPORT_READERS = {
    Role.FMU,
    Role.STEERING_COMMITTEE,
    Role.ORGANISATION_FOCAL_POINT,
    Role.DONOR_FOCAL_POINT,
}


def open_programme(user) -> dict:
    speaking_for_iom(user)
    return {"programme": note_in(State.JOINT_PROGRAMME, Cast.create()).joint_programme}


def pending_revision(user) -> dict:
    context = open_programme(user)
    context["revision"] = revise_budget(
        actor=user_with_role(Role.FMU),
        programme=context["programme"],
        moves=[Move(organisation("IOM"), organisation("UNICEF"), Decimal("300000"))],
        effective_on=date(2025, 3, 1),
        reason="UNICEF leads the second year.",
    )
    return context


def closed_with_money_left(user) -> dict:
    cast = Cast.create()
    programme = note_in(State.JOINT_PROGRAMME, cast).joint_programme
    send(cast, programme, "5000", pool=pool_with("100000"))
    close_operationally(
        actor=cast.fmu, programme=programme, closed_on=date(2025, 6, 1), remarks="Done."
    )
    return {"programme": programme}


def closed_and_reported(user) -> dict:
    cast = Cast.create()
    programme = note_in(State.JOINT_PROGRAMME, cast).joint_programme
    close_operationally(
        actor=cast.fmu, programme=programme, closed_on=date(2025, 6, 1), remarks="Done."
    )
    accept_every_report(cast, programme, {"IOM": "0", "UNICEF": "0"})
    return {"programme": programme}


def iom_financial_report(user) -> dict:
    context = open_programme(user)
    context["report"] = context["programme"].scheduled_reports.get(
        kind=ReportKind.ANNUAL_FINANCIAL, organisation=organisation("IOM"), period_end__year=2025
    )
    return context


def entered_iom_financial_report(user) -> dict:
    context = iom_financial_report(user)
    submit_financial_report(
        actor=user_with_role(Role.ORGANISATION_FOCAL_POINT, organisation=organisation("IOM")),
        report=context["report"],
        amounts={"staff": Decimal("0")},
    )
    return context


def programme_url(tail: str, api: bool = False):
    prefix = "/api/v1" if api else ""
    return lambda context: f"{prefix}/programmes/{context['programme'].code}/{tail}"


def move_on_page(context) -> dict:
    return {
        "from_organisation": organisation("IOM").pk,
        "to_organisation": organisation("UNICEF").pk,
        "amount_usd": "1000",
        "effective_on": "2025-03-01",
        "reason": "UNICEF runs the hotline.",
    }


MOVE_IN_API = {
    "moves": [{"from_organisation": "IOM", "to_organisation": "UNICEF", "amount_usd": "1000"}],
    "effective_on": "2025-03-01",
    "reason": "UNICEF runs the hotline.",
}
EXTENSION = {
    "new_end": "2027-06-30",
    "reason": "Elections delayed the work.",
    "approved_by": "Steering Committee",
    "approved_on": "2026-10-01",
}
CLOSURE = {"closed_on": "2025-06-30", "remarks": "Activities ended."}
RETURN = {"amount_usd": "100", "occurred_on": "2025-07-01"}
DECISION = {"approve": "yes", "reason": "Agreed at the meeting."}


def revision_url(api: bool):
    prefix = "/api/v1" if api else ""
    return lambda context: (
        f"{prefix}/programmes/{context['programme'].code}/revisions/"
        f"{context['revision'].pk}/decision/"
    )


def report_url(api: bool):
    prefix = "/api/v1" if api else ""
    return lambda context: f"{prefix}/financial-reports/{context['report'].pk}/"


test_reporting_year_role_matrix = role_matrix(
    Endpoint(
        "record a budget revision on the programme page",
        "POST",
        programme_url("revisions/"),
        allowed={Role.FMU},
        setup=open_programme,
        payload=move_on_page,
        success=(302,),
    ),
    Endpoint(
        "record a budget revision in the API",
        "POST",
        programme_url("revisions/", api=True),
        allowed={Role.FMU},
        api=True,
        setup=open_programme,
        payload=MOVE_IN_API,
        success=(201,),
    ),
    Endpoint(
        "decide a budget revision above the threshold on the programme page",
        "POST",
        revision_url(api=False),
        allowed={Role.STEERING_COMMITTEE},
        setup=pending_revision,
        payload=DECISION,
        success=(302,),
    ),
    Endpoint(
        "decide a budget revision above the threshold in the API",
        "POST",
        revision_url(api=True),
        allowed={Role.STEERING_COMMITTEE},
        api=True,
        setup=pending_revision,
        payload={"approve": True, "reason": "Agreed at the meeting."},
    ),
    Endpoint(
        "record a no-cost extension on the programme page",
        "POST",
        programme_url("extensions/"),
        allowed={Role.FMU},
        setup=open_programme,
        payload=EXTENSION,
        success=(302,),
    ),
    Endpoint(
        "record a no-cost extension in the API",
        "POST",
        programme_url("extensions/", api=True),
        allowed={Role.FMU},
        api=True,
        setup=open_programme,
        payload=EXTENSION,
        success=(201,),
    ),
    Endpoint(
        "close a programme operationally on its page",
        "POST",
        programme_url("operational-closure/"),
        allowed={Role.FMU},
        setup=open_programme,
        payload=CLOSURE,
        success=(302,),
    ),
    Endpoint(
        "close a programme operationally in the API",
        "POST",
        programme_url("operational-closure/", api=True),
        allowed={Role.FMU},
        api=True,
        setup=open_programme,
        payload=CLOSURE,
    ),
    Endpoint(
        "return an unspent balance on the programme page",
        "POST",
        programme_url("returns/"),
        allowed={Role.FMU},
        setup=closed_with_money_left,
        payload=lambda context: {**RETURN, "organisation": organisation("IOM").pk},
        success=(302,),
    ),
    Endpoint(
        "return an unspent balance in the API",
        "POST",
        programme_url("returns/", api=True),
        allowed={Role.FMU},
        api=True,
        setup=closed_with_money_left,
        payload={**RETURN, "organisation": "IOM"},
        success=(201,),
    ),
    Endpoint(
        "close a programme financially on its page",
        "POST",
        programme_url("financial-closure/"),
        allowed={Role.FMU},
        setup=closed_and_reported,
        payload=CLOSURE,
        success=(302,),
    ),
    Endpoint(
        "close a programme financially in the API",
        "POST",
        programme_url("financial-closure/", api=True),
        allowed={Role.FMU},
        api=True,
        setup=closed_and_reported,
        payload=CLOSURE,
    ),
    Endpoint(
        "see IOM's financial report",
        "GET",
        report_url(api=False),
        allowed=REPORT_READERS,
        setup=iom_financial_report,
    ),
    Endpoint(
        "submit IOM's financial report on its page",
        "POST",
        report_url(api=False),
        allowed={Role.ORGANISATION_FOCAL_POINT},
        setup=iom_financial_report,
        payload={"other_sources_usd": "0", "interest_usd": "0"}
        | dict.fromkeys(ExpenditureCategory.values, "0"),
        success=(302,),
    ),
    Endpoint(
        "see IOM's financial report in the API",
        "GET",
        report_url(api=True),
        allowed=REPORT_READERS,
        api=True,
        setup=entered_iom_financial_report,
    ),
    Endpoint(
        "submit IOM's financial report in the API",
        "POST",
        report_url(api=True),
        allowed={Role.ORGANISATION_FOCAL_POINT},
        api=True,
        setup=iom_financial_report,
        payload={"amounts": {"staff": "0"}, "other_sources_usd": "0", "interest_usd": "0"},
    ),
    Endpoint(
        "see a programme's budget revisions in the API",
        "GET",
        programme_url("revisions/", api=True),
        allowed={*SIGNED_IN, ANONYMOUS},
        api=True,
        setup=open_programme,
    ),
)
