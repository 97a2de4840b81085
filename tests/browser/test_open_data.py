from pathlib import Path

import pytest

pytestmark = pytest.mark.browser


def test_open_data_page_downloads_a_dataset_as_csv(page, demo_site):
    page.goto(demo_site.url + "/")
    page.get_by_test_id("menu-data").click()
    page.get_by_role("link", name="Open data").click()
    page.wait_for_url("**/open-data/")
    row = page.get_by_test_id("dataset").filter(has_text="GCM objectives")
    with page.expect_download() as download_info:
        row.get_by_role("link", name="CSV").click()
    download = download_info.value
    assert download.suggested_filename == "poolfund-framework-objectives.csv"
    lines = Path(download.path()).read_text(encoding="utf-8").splitlines()
    assert lines[0] == "number,short_label,title,thematic_area"
    assert len(lines) == 24
