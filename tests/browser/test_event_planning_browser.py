"""The page of ``nec-network preparer-evenement`` in Chromium: no console error, axe, phone width, keyboard."""

from __future__ import annotations

from pathlib import Path

import pytest

from nec_network.cli import main
from nec_network.demo import demo_path

LAPTOP = {"width": 1366, "height": 768}
PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def page_path(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("preparer") / "rencontre"
    assert main(["preparer-evenement", str(demo_path()), "-o", str(out)]) == 0
    return out / "preparer.html"


@pytest.mark.parametrize("size", [LAPTOP, PHONE], ids=["1366", "390"])
def test_the_page_renders_cleanly_passes_axe_and_its_tables_are_reached_with_the_keyboard(
    browser_page, page_path, assert_no_serious_axe_violations, size
):
    page = browser_page.page
    page.set_viewport_size(size)
    browser_page.open(page_path)
    assert browser_page.console_errors == []
    assert browser_page.outside_requests() == []
    assert page.locator("main table").count() == 3
    assert page.locator("main table tbody tr").count() > 3
    # the page itself never scrolls sideways: wide tables scroll inside their own region
    assert page.evaluate("document.documentElement.scrollWidth") <= size["width"]
    assert_no_serious_axe_violations(page)
    browser_page.screenshot(f"preparer-{size['width']}")
    # The tables are reached with the keyboard.
    regions = []
    for _ in range(5):
        page.keyboard.press("Tab")
        regions.append(page.evaluate("document.activeElement.getAttribute('role')"))
    assert regions.count("region") == 3
