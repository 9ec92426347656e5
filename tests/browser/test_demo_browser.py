"""``nec-network demo`` end to end: the four pages, opened with no network at all, show the demo.

This is the README's main command (its images: ``scripts/readme_screenshots.py``).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from nec_network.demo import load_demo

MAP_READY = "document.documentElement.dataset.necCarte === 'prete'"
NETWORK_STABLE = "window.necReseau && window.necReseau.stable"
SHOWN_ACTORS = """() => {
    const single = document.querySelectorAll('.leaflet-marker-pane .nec-pin').length;
    const grouped = [...document.querySelectorAll('.marker-cluster')]
        .reduce((sum, c) => sum + Number(c.textContent.trim()), 0);
    return single + grouped;
}"""


def test_demo_writes_the_four_pages(demo_site: Path) -> None:
    for name in ("carte.html", "reseau.html", "rapport.html", "rapport.md", "index.html"):
        assert (demo_site / name).stat().st_size > 1000, name


def _offline(browser_page) -> None:
    assert browser_page.console_errors == []
    assert browser_page.dialogs == []
    outside = [url for url in browser_page.requests if not url.startswith(("file:", "data:"))]
    assert outside == []


def test_map_shows_every_demo_actor_offline(browser_page, demo_site: Path) -> None:
    page = browser_page.open(demo_site / "carte.html", wait_for=MAP_READY)
    page.wait_for_function("document.querySelector('.marker-cluster, .nec-pin')")
    placed = sum(actor.has_coordinates for actor in load_demo())
    assert page.evaluate(SHOWN_ACTORS) == placed
    assert "Légende" in page.locator(".nec-legende").inner_text()
    assert "Démonstration fictive" in page.locator("footer").inner_text()
    browser_page.screenshot("demo-carte")
    _offline(browser_page)


def test_network_holds_every_demo_actor_offline(browser_page, demo_site: Path) -> None:
    page = browser_page.open(demo_site / "reseau.html", wait_for=NETWORK_STABLE)
    demo = load_demo()
    assert page.evaluate("network.body.data.nodes.length") == len(demo)
    assert page.evaluate("edges.length") == len(demo.partnerships)
    browser_page.screenshot("demo-reseau")
    _offline(browser_page)


def test_report_and_index_offline(browser_page, demo_site: Path) -> None:
    page = browser_page.open(demo_site / "rapport.html")
    assert "Chiffres clés" in page.locator("body").inner_text()
    assert page.locator("img[src^='data:image/png']").count() >= 2
    browser_page.screenshot("demo-rapport")
    _offline(browser_page)

    page = browser_page.open(demo_site / "index.html")
    targets = page.evaluate("[...document.querySelectorAll('a[href$=\".html\"]')].map(a => a.getAttribute('href'))")
    assert {"carte.html", "reseau.html", "rapport.html"} <= set(targets)
    browser_page.screenshot("demo-site")
    _offline(browser_page)
