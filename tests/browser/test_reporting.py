"""The reporting year through the pages: an organisation focal point finds a due progress report
from the home page, enters and submits it; the FMU returns it with a comment, then accepts the
resubmission, and the programme page shows the accepted value."""

import pytest
from playwright.sync_api import expect

from poolfund.programmes.choices import ConceptNoteState as State
from tests.browser.test_programme_cycle import sign_in
from tests.programmes.factories import Cast, note_in
from tests.reporting.factories import progress_report
from tests.results.factories import shelter_indicator

pytestmark = pytest.mark.browser


def test_a_focal_point_reports_progress_and_the_fmu_returns_then_accepts_it(page, demo_site):
    cast = Cast.create()
    programme = note_in(State.JOINT_PROGRAMME, cast).joint_programme
    indicator = shelter_indicator(cast, programme, disaggregations=["sex"], objectives=[7])
    report = progress_report(programme, year=2025)
    status = page.get_by_test_id("report-status")

    sign_in(page, demo_site, cast.organisation)
    page.goto(demo_site.url + "/")
    page.locator(f'[data-testid="owed-report"][href="/reporting/{report.pk}/"]').click()

    def enter(male: str) -> None:
        page.fill('[name="narrative"]', "Two shelters opened in Tapachula.")
        page.fill(f'[name="total-{indicator.pk}"]', "700")
        page.fill(f'[name="i{indicator.pk}-sex-female"]', "400")
        page.fill(f'[name="i{indicator.pk}-sex-male"]', male)
        page.get_by_test_id("save-progress").click()

    enter("200")
    expect(page.get_by_test_id("error-summary")).to_contain_text(
        "adds up to 600, not to the total 700"
    )
    assert page.input_value(f'[name="i{indicator.pk}-sex-male"]') == "200", "what was typed stays"
    enter("300")
    expect(page.get_by_test_id("message")).to_have_text("Progress report saved.")
    page.get_by_test_id("submit-form").get_by_role("button").click()
    expect(status).to_have_text("Submitted")

    sign_in(page, demo_site, cast.fmu)
    page.goto(demo_site.url + "/")
    page.get_by_test_id("reports-waiting").click()
    page.locator(f'[data-testid="report-link"][href="/reporting/{report.pk}/"]').click()
    page.fill('[name="comment"]', "Say which shelters, please.")
    page.get_by_test_id("return").click()
    expect(status).to_have_text("Returned for revision")

    sign_in(page, demo_site, cast.organisation)
    page.goto(f"{demo_site.url}/reporting/{report.pk}/")
    assert "Say which shelters, please." in page.get_by_test_id("report-events").inner_text()
    page.fill('[name="narrative"]', "Two shelters opened in Tapachula: Belén and Todo por Ellos.")
    page.get_by_test_id("save-progress").click()
    expect(page.get_by_test_id("message")).to_have_text("Progress report saved.")
    page.get_by_test_id("submit-form").get_by_role("button").click()
    expect(status).to_have_text("Submitted")

    sign_in(page, demo_site, cast.fmu)
    page.goto(f"{demo_site.url}/reporting/{report.pk}/")
    page.get_by_test_id("accept").click()
    expect(status).to_have_text("Accepted")
    page.goto(f"{demo_site.url}/programmes/{programme.code}/")
    expect(page.get_by_test_id("latest-1.1.1")).to_have_text("700")
