"""The site in Chromium: the index and the pages it links load offline; copy buttons; 320 px iframe."""

from __future__ import annotations

import importlib.util
import sys
from html import unescape
from pathlib import Path

import pytest

_spec = importlib.util.spec_from_file_location(
    "report_cases", Path(__file__).resolve().parents[1] / "views" / "test_report.py"
)
cases = sys.modules.setdefault("report_cases", importlib.util.module_from_spec(_spec))
_spec.loader.exec_module(cases)

INDEX_READY = "document.documentElement.dataset.necIndex === 'pret'"
READY = {
    "orienter.html": "document.documentElement.getAttribute('data-nec-orienter') === 'pret'",
    "carte.html": "document.documentElement.dataset.necCarte === 'prete'",
    "reseau.html": "window.necReseau && window.necReseau.stable",
    "rapport.html": "[...document.images].every(image => image.complete)",
    "guide.html": "document.querySelectorAll('main h2').length >= 8",
    "preparer.html": "document.querySelectorAll('main h2').length === 3",
}


def test_served_index_shows_full_addresses_and_copies_them(
    browser_page, demo_site, serve_directory
):
    base = serve_directory(demo_site)
    browser_page.page.context.grant_permissions(
        ["clipboard-read", "clipboard-write"], origin=base[:-1]
    )
    page = browser_page.open(base + "index.html", wait_for=INDEX_READY)
    snippet = page.inner_text(".nec-page:nth-child(2) pre code")
    assert snippet.startswith(f'<iframe src="{base}carte.html?integre=1" title="Carte des acteurs')
    page.click(".nec-page:nth-child(2) button.nec-copier")
    page.wait_for_function("document.querySelector('.nec-page:nth-child(2) .nec-statut').textContent !== ''")
    assert page.inner_text(".nec-page:nth-child(2) .nec-statut") == "Copié !"
    assert page.evaluate("navigator.clipboard.readText()") == snippet
    # The elements' snippets stay relative: their files are copied to the partner's own site.
    assert page.inner_text("[data-nec-extrait=''] pre code >> nth=0").endswith('<script src="nec-orienter.js"></script>')
    assert browser_page.console_errors == [] and browser_page.dialogs == []


def test_without_clipboard_the_snippet_is_selected(browser_page, demo_site):
    page = browser_page.open(demo_site / "index.html", wait_for=INDEX_READY)
    page.evaluate("Object.defineProperty(navigator, 'clipboard', {value: undefined})")
    page.click(".nec-page:nth-child(3) button.nec-copier")
    assert "Ctrl+C" in page.inner_text(".nec-page:nth-child(3) .nec-statut")
    selected = page.evaluate("window.getSelection().toString()")
    assert selected == unescape(page.inner_text(".nec-page:nth-child(3) pre code"))
    assert selected.startswith('<iframe src="reseau.html?integre=1"')


def test_index_in_a_320px_iframe_has_no_horizontal_scroll(browser_page, demo_site, iframe_host):
    host = iframe_host("index.html", width="320px")
    (demo_site / host.name).write_bytes(host.read_bytes())
    page = browser_page.open(demo_site / host.name)
    frame = page.frames[1]
    frame.wait_for_function(INDEX_READY)
    width, visible = frame.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert width <= visible <= 320
    assert frame.locator("footer.nec-footer").is_visible()
    assert browser_page.console_errors == [] and browser_page.outside_requests() == []


def test_the_audit_catches_a_serious_violation(
    browser_page, tmp_path, assert_no_serious_axe_violations
):
    broken = tmp_path / "sans-nom.html"
    broken.write_text(
        '<!DOCTYPE html><html lang="fr"><head><title>T</title></head>'
        '<body><main><input type="text"><img src="data:,"></main></body></html>',
        encoding="utf-8",
    )
    page = browser_page.open(broken)
    with pytest.raises(AssertionError, match="image-alt|label"):
        assert_no_serious_axe_violations(page)


SITE_PAGES = ("index.html", *READY)


def _check_header(page, name: str) -> None:
    """The site's header: visible, linking every page, the current one marked, the data's date."""
    header = page.locator("#nec-site-entete")
    assert header.is_visible(), name
    links = page.eval_on_selector_all(
        "#nec-site-entete nav a", "links => links.map(a => a.getAttribute('href'))"
    )
    assert set(links) == set(SITE_PAGES), name
    assert page.get_attribute("#nec-site-entete a[aria-current=page]", "href") == name
    assert "Données mises à jour jusqu’au" in header.inner_text(), name


def _check_map_fits_below_the_header(page, width: int, height: int) -> None:
    """The map's first screen is the window less the site's header: its legend button and scale
    are in sight without scrolling, on a phone too."""
    bottom = page.evaluate("document.querySelector('.nec-ecran').getBoundingClientRect().bottom")
    assert height - 2 <= bottom <= height
    for control in (".leaflet-control-scale", ".nec-legende-bouton" if width < 600 else ".nec-legende"):
        box = page.locator(control).bounding_box()
        assert box and 0 <= box["y"] and box["y"] + box["height"] <= height, control
    map_box = page.locator(".folium-map").bounding_box()
    assert page.evaluate("necCarte.map.getSize().y") == pytest.approx(map_box["height"], abs=1)  # Leaflet knows


def _check_guide_links_its_addresses_and_fits_its_tables(page, width: int) -> None:
    links = page.eval_on_selector_all("main a[href^='http']", "links => links.map(a => a.href)")
    assert links and all(link.startswith(("https://", "http://")) for link in links)
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    regions = page.eval_on_selector_all(
        ".nec-table-wrap",
        "divs => divs.map(d => [d.scrollWidth > d.clientWidth, d.tabIndex, d.getAttribute('aria-label')])",
    )
    assert regions
    for overflows, tab_index, label in regions:
        assert tab_index == 0 and label.startswith("Tableau : ")


@pytest.mark.parametrize(("width", "height"), [(1366, 900), (390, 844)])
def test_every_page_is_reached_from_the_index_and_shares_the_header_linking_every_other_page(
    browser_page, demo_site, assert_no_serious_axe_violations, width, height
):
    """One visit of the demo site per width: the index (audited, skip link first), then each
    page reached by its link on the index, with the shared header; the map fits the window below
    the header; the guide fits a phone. The other pages are audited with the site's header on
    real data below, and on the demo data in their own files (test_map_demo_browser...)."""
    browser_page.page.set_viewport_size({"width": width, "height": height})
    page = browser_page.open(demo_site / "index.html", wait_for=INDEX_READY)
    assert page.title() == "Cartographie de l’inclusion numérique"
    assert page.inner_text(".nec-page:first-child h2") == "Où orienter ?"
    links = page.eval_on_selector_all(".nec-page h2 a", "links => links.map(a => a.href)")
    assert [link.rsplit("/", 1)[1] for link in links] == list(READY)
    assert page.locator(".nec-page button.nec-copier").count() == len(READY)
    assert page.locator("[data-nec-extrait=''] button.nec-copier").count() == 2  # the elements' snippets
    _check_header(page, "index.html")
    assert_no_serious_axe_violations(page)
    browser_page.screenshot("site" if width > 400 else "site-telephone", full_page=True)
    if width == 390:
        browser_page.screenshot("site-entete-index.html-390", full_page=False)
    # The skip link is the first stop of the keyboard and leads to the content.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "nec-evitement"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "contenu"
    for link in links:
        name = link.rsplit("/", 1)[1]
        assert (demo_site / name).is_file()
        page.click(f'.nec-page h2 a[href="{name}"]')
        page.wait_for_function(READY[name], timeout=15_000)
        assert page.url == link
        assert page.locator("footer.nec-footer").count() == 1
        _check_header(page, name)
        if name == "carte.html":
            _check_map_fits_below_the_header(page, width, height)
        if name == "guide.html" and width == 390:
            _check_guide_links_its_addresses_and_fits_its_tables(page, width)
            browser_page.screenshot("guide-390", full_page=True)
        if width == 390:
            browser_page.screenshot(f"site-entete-{name}-390", full_page=False)
        page.go_back()
        page.wait_for_function(INDEX_READY)
    assert browser_page.console_errors == []
    assert browser_page.outside_requests() == []
    assert browser_page.dialogs == []


def test_the_header_hides_in_an_iframe_that_asks(browser_page, demo_site, iframe_host):
    for src, shown in (("guide.html?integre=1", False), ("guide.html", True)):
        host = iframe_host(src)
        (demo_site / host.name).write_bytes(host.read_bytes())
        page = browser_page.open(demo_site / host.name)
        frame = page.frame_locator("#cadre")
        frame.locator("main h1").first.wait_for()
        assert frame.locator("#nec-site-entete").is_visible() is shown
    page = browser_page.open((demo_site / "guide.html").resolve().as_uri() + "?integre=1")
    assert page.locator("#nec-site-entete").is_visible()  # alone in a tab, it stays


def test_guide_page_is_accessible_and_prints(
    browser_page, demo_site, assert_no_serious_axe_violations
):
    """The resources guide of the demo (its resources included), audited, then as printed."""
    page = browser_page.open(demo_site / "guide.html", wait_for="document.querySelectorAll('main h2').length === 8")
    assert "Ligne d'écoute numérique des Pays picards (fictive)" in page.inner_text("main")
    assert_no_serious_axe_violations(page)
    page.emulate_media(media="print")
    browser_page.screenshot("guide-impression")
    assert not browser_page.console_errors and not browser_page.outside_requests()


REAL_EXCERPT = Path(__file__).resolve().parents[1] / "fixtures" / "real" / "france-services-2022-12-extrait.csv"


@pytest.fixture(scope="module")
def real_site(tmp_path_factory) -> Path:
    """The site a coordinator builds from the real France Services excerpt, as the README says:
    import for 02, 60 and 80 (with the places around), then ``site``, without tiles."""
    from nec_network.cli import main

    folder = tmp_path_factory.mktemp("reel")
    assert main(["import", f"{REAL_EXCERPT}:france-services", "--departements", "02,60,80",
                 "-o", str(folder / "modele")]) == 0
    assert main(["site", str(folder / "modele"), "--departements", "02,60,80", "--sans-fond",
                 "-o", str(folder / "site")]) == 0
    return folder / "site"


@pytest.mark.parametrize("width", [1366, 390])
def test_every_page_of_a_real_data_site_passes_the_audit_offline(
    browser_page, real_site, assert_no_serious_axe_violations, width
):
    browser_page.page.set_viewport_size({"width": width, "height": 900 if width > 400 else 844})
    for name in SITE_PAGES:
        ready = INDEX_READY if name == "index.html" else READY[name]
        page = browser_page.open(real_site / name, wait_for=ready)
        assert "/2022" in page.inner_text("#nec-site-entete"), name  # the list's own date, not the build's
        width_used = page.evaluate("document.documentElement.scrollWidth")
        assert width_used <= width, (name, width_used)
        assert_no_serious_axe_violations(page)
    assert browser_page.console_errors == [] and browser_page.outside_requests() == []
