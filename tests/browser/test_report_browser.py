"""The report in Chromium: offline, hostile names as text, charts drawn, 320 px in an iframe,
laptop and phone layouts, keyboard, accessibility audit."""

from __future__ import annotations

import importlib.util
import shutil
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
    browser_page, iframe_host, tmp_path, demo_synthesis, demo_report
):
    shutil.copyfile(demo_report, tmp_path / "rapport.html")  # beside its host page
    covered = int(demo_synthesis.coverage_total["covered_population"].iloc[0])
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



LAPTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}
HEIGHT = "document.body.scrollHeight"
#: Tables whose content is wider than their box, and by how much.
TABLES_TOO_WIDE = (
    "[...document.querySelectorAll('.nec-table-wrap')].filter(w => w.offsetParent)"
    ".filter(w => w.scrollWidth > w.clientWidth + 1).map(w => w.getAttribute('aria-label'))"
)


@pytest.fixture(scope="module")
def demo_report(tmp_path_factory, demo_synthesis) -> Path:
    return write_report(demo_synthesis, tmp_path_factory.mktemp("rapport-demo") / "rapport.html")[0]


def _audit_with_the_folded_lists_open(page, audit) -> None:
    page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
    audit(page)


def test_demo_report_on_a_laptop_and_a_phone_passes_the_accessibility_audit(
    browser_page, demo_report, assert_no_serious_axe_violations
):
    """Each width's layout checked as the report opens, then audited with every folded list open."""
    page = browser_page.page
    page.set_viewport_size(LAPTOP)
    browser_page.open(demo_report, wait_for=LOADED)
    laptop = page.evaluate(HEIGHT)
    # Every table fits its box on a laptop (the last column of « Sites recommandés » included).
    assert page.evaluate(TABLES_TOO_WIDE) == []
    # Chart titles are text captions under their image, and the images never overflow.
    assert page.locator("figure.nec-graphique figcaption").count() >= 3
    assert page.evaluate(
        "[...document.images].every(i => i.getBoundingClientRect().right <= innerWidth)"
    )
    # Words are never cut anywhere: only URLs may break anywhere.
    cut = page.evaluate(
        "[...document.querySelectorAll('main p, main li, main td, main th')]"
        ".filter(e => ['anywhere', 'break-word'].includes(getComputedStyle(e).overflowWrap)"
        " || getComputedStyle(e).wordBreak === 'break-all').length"
    )
    assert cut == 0
    assert page.evaluate("getComputedStyle(document.querySelector('main p')).hyphens") == "auto"
    browser_page.screenshot("rapport")
    _audit_with_the_folded_lists_open(page, assert_no_serious_axe_violations)

    page.set_viewport_size(PHONE)
    browser_page.open(demo_report, wait_for=LOADED)
    phone = page.evaluate(HEIGHT)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    # Wide tables keep readable columns and scroll inside their own named, focusable box.
    boxes = page.evaluate(
        "[...document.querySelectorAll('.nec-table-wrap')].filter(w => w.scrollWidth > w.clientWidth)"
        ".map(w => [w.getAttribute('role'), w.tabIndex, w.getAttribute('aria-label')])"
    )
    assert boxes and all(role == "region" and index == 0 and name for role, index, name in boxes)
    narrowest = page.evaluate(
        "Math.min(...[...document.querySelectorAll('.nec-large th[scope=col]')]"
        ".filter(c => c.offsetParent).map(c => c.getBoundingClientRect().width))"
    )
    assert narrowest >= 40  # no column squeezed to a few letters
    assert phone <= 3 * laptop, (laptop, phone)
    browser_page.screenshot("rapport-telephone")
    _audit_with_the_folded_lists_open(page, assert_no_serious_axe_violations)
    assert browser_page.console_errors == [] and browser_page.outside_requests() == []


def test_folded_lists_show_their_count_print_open_and_open_with_the_keyboard(browser_page, demo_report):
    page = browser_page.open(demo_report, wait_for=LOADED)
    summaries = page.locator("details.nec-plie > summary")
    assert summaries.count() >= 2
    for text in summaries.all_inner_texts():
        assert any(char.isdigit() for char in text), text  # the count is visible when folded
    # Printed, every folded list is open (and the table of contents left out).
    page.emulate_media(media="print")
    assert page.evaluate("getComputedStyle(document.querySelector('.nec-sommaire')).display") == "none"
    hidden = page.evaluate(
        "[...document.querySelectorAll('details.nec-plie table')].filter(t => !t.offsetParent).length"
    )
    assert hidden == 0
    page.emulate_media(media="screen")
    first = summaries.first
    first.focus()
    assert page.evaluate("document.activeElement.tagName") == "SUMMARY"
    assert page.evaluate("document.querySelector('details.nec-plie').open") is False
    page.keyboard.press("Enter")
    assert page.evaluate("document.querySelector('details.nec-plie').open") is True
    # The tables scroll with the keyboard too: their box takes the focus.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getAttribute('role')") in ("region", None)
