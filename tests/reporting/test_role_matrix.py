"""Who may reach the reporting calendar's pages and API: the programme's organisations' focal
points enter and submit, the FMU reviews and moves due dates, readers see the calendar."""

from decimal import Decimal

from poolfund.accounts.choices import Role
from poolfund.programmes.choices import ConceptNoteState as State
from poolfund.reporting.services import accept_report
from poolfund.results.services import ReportedValue, save_progress
from tests.matrix import Endpoint, role_matrix
from tests.programmes.factories import Cast, note_in
from tests.programmes.test_role_matrix import speaking_for_iom
from tests.reporting.factories import progress_report, submitted_progress
from tests.results.factories import shelter_indicator

READERS = {
    Role.FMU,
    Role.STEERING_COMMITTEE,
    Role.ORGANISATION_FOCAL_POINT,
    Role.DONOR_FOCAL_POINT,
}
ENTERS = {Role.ORGANISATION_FOCAL_POINT}


def report_in(state: str):
    """An annual progress report of an IOM programme: "due", "ready" (due, its content
    entered), "submitted" or "accepted"; the caller, if a focal point, speaks for IOM."""

    def setup(user) -> dict:
        speaking_for_iom(user)
        cast = Cast.create()
        programme = note_in(State.JOINT_PROGRAMME, cast).joint_programme
        indicator = shelter_indicator(cast, programme, disaggregations=["sex"], objectives=[7])
        report = progress_report(programme, year=2025)
        if state == "ready":
            save_progress(actor=cast.organisation, report=report, narrative="Done.", values=[])
        if state in ("submitted", "accepted"):
            submitted_progress(cast, report, [ReportedValue(indicator, Decimal(10))])
        if state == "accepted":
            accept_report(actor=cast.fmu, report=report)
        return {"report": report, "indicator": indicator, "programme": programme}

    return setup


def api(path: str):
    return lambda context: f"/api/v1/reports/{context['report'].pk}/{path}"


def progress(context) -> dict:
    return {
        "narrative": "Shelters opened.",
        "values": [{"indicator": context["indicator"].pk, "total": "5"}],
    }


test_reporting_role_matrix = role_matrix(
    Endpoint("list reports in the API", "GET", "/api/v1/reports/", allowed=READERS, api=True),
    Endpoint(
        "see a report in the API",
        "GET",
        api(""),
        allowed=READERS,
        api=True,
        setup=report_in("due"),
    ),
    Endpoint(
        "see a progress report's values in the API",
        "GET",
        api("progress/"),
        allowed=READERS,
        api=True,
        setup=report_in("due"),
    ),
    Endpoint(
        "enter a progress report in the API",
        "PUT",
        api("progress/"),
        allowed=ENTERS,
        api=True,
        setup=report_in("due"),
        payload=progress,
    ),
    Endpoint(
        "submit a report in the API",
        "POST",
        api("submit/"),
        allowed=ENTERS,
        api=True,
        setup=report_in("ready"),
    ),
    Endpoint(
        "return a report in the API",
        "POST",
        api("return/"),
        allowed={Role.FMU},
        api=True,
        setup=report_in("submitted"),
        payload={"comment": "Add the breakdown by sex."},
    ),
    Endpoint(
        "accept a report in the API",
        "POST",
        api("accept/"),
        allowed={Role.FMU},
        api=True,
        setup=report_in("submitted"),
        payload={"comment": ""},
    ),
    Endpoint(
        "revise an accepted report in the API",
        "POST",
        api("revise/"),
        allowed={Role.FMU, Role.ORGANISATION_FOCAL_POINT},
        api=True,
        setup=report_in("accepted"),
        payload={"reason": "A figure was counted twice."},
    ),
    Endpoint(
        "move a report's due date in the API",
        "POST",
        api("move-due-date/"),
        allowed={Role.FMU},
        api=True,
        setup=report_in("due"),
        payload={"due_on": "2026-06-30", "reason": "Elections."},
    ),
)
