"""One concept note walked from draft to Joint Programme, and its first transfer, through the
pages, by the people whose roles allow each step."""

from datetime import date

import pytest
from django.conf import settings
from django.test import Client

from poolfund.allocation.models import AllocationRound
from poolfund.programmes.models import ParticipatingOrganisation
from tests.programmes.factories import Cast

pytestmark = pytest.mark.browser


def sign_in(page, live_server, user) -> None:
    client = Client()
    client.force_login(user)
    page.context.clear_cookies()
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )


def act(page, action: str, fields: dict[str, str]) -> None:
    form = page.locator(f'form[data-action="{action}"]')
    for name, value in fields.items():
        field = form.locator(f'[name="{action}-{name}"]')
        if field.evaluate("element => element.tagName") == "SELECT":
            field.select_option(value)
        else:
            field.fill(value)
    form.get_by_role("button").click()


def test_a_concept_note_goes_from_draft_to_joint_programme(page, demo_site):
    cast = Cast.create()
    AllocationRound.objects.create(name="2024 Americas round", decided_on=date(2024, 6, 1))
    iom = ParticipatingOrganisation.objects.get(acronym="IOM")
    unicef = ParticipatingOrganisation.objects.get(acronym="UNICEF")

    sign_in(page, demo_site, cast.organisation)
    page.goto(demo_site.url + "/concept-notes/new/")
    page.fill('[name="title"]', "Safe passage in Chiapas")
    page.fill('[name="summary"]', "Local authorities protect migrants in transit.")
    page.select_option('[name="countries"]', "MEX")
    page.select_option('[name="thematic_area"]', "2")
    page.select_option('[name="objectives"]', ["7", "23"])
    page.fill('[name="requested_budget_usd"]', "1000000")
    page.fill(f'[name="share_{iom.pk}"]', "600000")
    page.fill(f'[name="share_{unicef.pk}"]', "400000")
    page.fill('[name="duration_months"]', "24")
    for marker in ("gender_marker", "human_rights_marker", "child_sensitivity_marker"):
        page.select_option(f'[name="{marker}"]', "2")
    page.get_by_role("button", name="Save draft").click()
    state = page.get_by_test_id("state")
    assert state.inner_text() == "Draft"
    note_url = page.url

    act(page, "submit", {})
    assert state.inner_text() == "Submitted"

    sign_in(page, demo_site, cast.fmu)
    page.goto(note_url)
    act(page, "screen", {"eligible": "yes", "reasons": "Endorsed by the government."})
    assert state.inner_text() == "Screened: eligible"
    act(
        page,
        "score",
        {
            "points_strategic-relevance": "30",
            "points_programme-quality": "20",
            "points_cost-effectiveness": "12",
            "points_monitoring": "12",
            "recommendation": "fund",
            "comment": "Strong whole-of-society approach.",
        },
    )
    assert state.inner_text() == "Under review"
    assert "74" in page.inner_text("main")  # the review's total points

    sign_in(page, demo_site, cast.steering)
    page.goto(note_url)
    act(page, "prioritise", {"reason": "Fills a gap on the northern route."})
    assert state.inner_text() == "In pipeline"
    round_id = str(AllocationRound.objects.get().pk)
    act(
        page,
        "approve",
        {"allocation_round": round_id, "amount_usd": "900000", "reason": "Geographic balance."},
    )
    assert state.inner_text() == "Approved for funding"

    sign_in(page, demo_site, cast.fmu)
    page.goto(note_url)
    act(
        page,
        "create-joint-programme",
        {"code": "MEX-2025-01", "starts_on": "2025-01-01", "ends_on": "2026-12-31"},
    )
    page.wait_for_url("**/programmes/MEX-2025-01/")
    assert page.get_by_test_id("programme-budget").inner_text() == "USD 900,000.00"
    budget = page.get_by_test_id("budget-lines").inner_text()
    assert "IOM" in budget and "504,672.90" in budget and "35,327.10" in budget
    assert "Geographic balance." not in budget

    transfer = page.get_by_test_id("transfer-form")
    transfer.locator('[name="organisation"]').select_option(label="IOM")
    transfer.locator('[name="pool"]').select_option(label="Unearmarked")
    transfer.locator('[name="amount_usd"]').fill("100000")
    transfer.locator('[name="occurred_on"]').fill("2025-02-01")
    transfer.get_by_role("button").click()
    assert "Transfer posted to the ledger." in page.inner_text("main")
    assert "100,000.00" in page.get_by_test_id("delivery").inner_text()

    page.goto(note_url)
    assert state.inner_text() == "Joint Programme"


def test_filtering_the_portfolio_updates_the_table_and_a_shareable_address(page, demo_site):
    page.goto(demo_site.url + "/programmes/")
    rows = page.get_by_test_id("programme-row")
    assert rows.count() == 16
    page.select_option('[name="region"]', "029")
    page.wait_for_url("**/programmes/?region=029")
    assert rows.count() == 2
    page.select_option('[name="thematic_area"]', "4")
    page.wait_for_url("**/programmes/?region=029&thematic_area=4")
    assert rows.count() == 1
    page.reload()
    assert rows.count() == 1
    assert page.get_by_test_id("portfolio-total").inner_text() == "2,500,000.00"
