"""The Steering Committee opens a round, pins a note in, re-runs and records the decision."""

import pytest

from poolfund.allocation.services import run_round
from poolfund.programmes.choices import ConceptNoteState
from poolfund.programmes.models import ConceptNote
from tests.allocation.stored import stored_round
from tests.browser.test_programme_cycle import sign_in
from tests.programmes.factories import Cast

pytestmark = pytest.mark.browser


def test_the_committee_pins_a_note_re_runs_and_records_the_decision(page, demo_site):
    round_ = stored_round(Cast.create())
    _data, proposal = run_round(round_.allocation_round)
    chosen = ConceptNote.objects.get(reference=proposal["left_out"][0]["id"])
    sign_in(page, demo_site, round_.cast.steering)
    page.goto(f"{demo_site.url}/")
    page.get_by_test_id("menu-fund").click()
    page.get_by_test_id("nav-allocation-rounds").click()
    page.get_by_role("link", name=round_.allocation_round.name).click()
    row = page.get_by_test_id(f"note-{chosen.reference}")
    assert row.get_by_test_id("outcome").inner_text().startswith("left out")

    page.select_option(f'[name="pin-{chosen.reference}"]', "in")
    page.get_by_test_id("re-run").click()
    outcome = page.get_by_test_id(f"note-{chosen.reference}").get_by_test_id("outcome")
    outcome.filter(has_text="fund 1000000.00").wait_for()
    assert page.locator(f'[name="pin-{chosen.reference}"]').input_value() == "in"

    page.fill('[name="reason"]', "Thematic area 4 has no programme yet.")
    page.get_by_test_id("decide").click()
    page.get_by_test_id("decisions").wait_for()
    assert chosen.reference in page.get_by_test_id("decisions").inner_text()
    chosen.refresh_from_db()
    assert chosen.state == ConceptNoteState.APPROVED
