"""A no-cost extension recorded on the programme page moves the reporting calendar."""

import pytest

from poolfund.programmes.choices import ConceptNoteState as State
from poolfund.reporting.choices import ReportKind
from tests.browser.test_programme_cycle import sign_in
from tests.programmes.factories import Cast, note_in

pytestmark = pytest.mark.browser


def test_a_no_cost_extension_moves_the_calendar(page, demo_site):
    cast = Cast.create()
    programme = note_in(State.JOINT_PROGRAMME, cast).joint_programme  # ends 2026-12-31
    final = programme.scheduled_reports.filter(kind=ReportKind.FINAL_FINANCIAL).first()
    assert final.period_end.isoformat() == "2026-12-31"

    sign_in(page, demo_site, cast.fmu)
    page.goto(f"{demo_site.url}/programmes/{programme.code}/")
    form = page.get_by_test_id("programme-extension-form")
    form.locator('[name="new_end"]').fill("2027-06-30")
    form.locator('[name="reason"]').fill("Elections delayed the municipal agreements.")
    form.locator('[name="approved_by"]').fill("Steering Committee, 14th meeting")
    form.locator('[name="approved_on"]').fill("2026-10-01")
    form.get_by_role("button").click()
    extensions = page.get_by_test_id("extensions")
    extensions.wait_for()
    assert "No-cost extension recorded." in page.inner_text("main")
    assert "2026-12-31" in extensions.inner_text() and "2027-06-30" in extensions.inner_text()
    assert "Steering Committee, 14th meeting" in extensions.inner_text()

    page.goto(f"{demo_site.url}/financial-reports/{final.pk}/")
    period = page.get_by_test_id("report-period").inner_text()
    assert period.startswith("2025-01-01") and period.endswith("2027-06-30")
    assert page.get_by_test_id("report-due").inner_text() == "2028-06-30"
    final.refresh_from_db()
    assert final.period_end.isoformat() == "2027-06-30"
    assert final.due_on.isoformat() == "2028-06-30"
