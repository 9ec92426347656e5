"""The report in Chromium: loads offline, hostile names shown as text, charts drawn, 320 px in an iframe."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from nec_network.views.report import write_report

_spec = importlib.util.spec_from_file_location(
    "report_cases", Path(__file__).resolve().parents[1] / "views" / "test_report.py"
)
cases = sys.modules.setdefault("report_cases", importlib.util.module_from_spec(_spec))
_spec.loader.exec_module(cases)

LOADED = "[...document.images].every(image => image.complete)"
OVERFLOW = "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"


@pytest.fixture(scope="module")
def hostile_report(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("rapport")
    return write_report(cases.hostile_synthesis(), folder / "rapport.html")[0]


def test_report_loads_offline_and_shows_hostile_names_as_text(browser_page, hostile_report):
    page = browser_page.open(hostile_report, wait_for=LOADED)
    assert browser_page.console_errors == []
    assert browser_page.outside_requests() == []
    assert browser_page.dialogs == []
    assert (
        page.evaluate("document.querySelectorAll('script, body img:not([src^=\"data:\"])').length")
        == 0
    )
    text = page.inner_text("body")
    for name in cases.XSS_NAMES:
        assert name in text
    assert page.title() == "Rapport de synthèse de l’inclusion numérique"
    widths = page.evaluate("[...document.images].map(image => image.naturalWidth)")
    assert len(widths) >= 3 and all(width > 0 for width in widths)


def test_demo_report_in_a_320px_iframe_scrolls_tables_not_the_page(
    browser_page, iframe_host, tmp_path
):
    demo = cases.synthesize(
        cases.load_demo(), personae=cases.read_personae(cases.demo_path() / "personae.json")
    )
    target = write_report(demo, tmp_path / "rapport.html")[0]
    covered = int(demo.coverage_total["covered_population"].iloc[0])
    page = browser_page.open(iframe_host("rapport.html", width="320px"))
    frame = page.frames[1]
    frame.wait_for_function(LOADED)
    assert frame.evaluate(OVERFLOW)[0] <= frame.evaluate(OVERFLOW)[1]
    scrolling = frame.evaluate(
        "[...document.querySelectorAll('.nec-table-wrap')]"
        ".filter(wrap => wrap.scrollWidth > wrap.clientWidth).length"
    )
    assert scrolling > 0  # wide tables scroll inside their wrapper
    assert frame.evaluate(
        "document.querySelector('[data-chiffre=population_couverte] strong').textContent"
    ) == f"{covered:,d}".replace(",", "\u00a0")
    assert browser_page.console_errors == [] and browser_page.outside_requests() == []

    page.set_viewport_size({"width": 1280, "height": 900})
    browser_page.open(target, wait_for=LOADED)
    assert browser_page.dialogs == []
    browser_page.screenshot("rapport")
