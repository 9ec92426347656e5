"""The survey page in headless Chromium: keyboard only, the file it produces read back by the
import, the prefilled e-mail within its limit, phone width, print, accessibility, nothing sent."""

from __future__ import annotations

import urllib.parse
from pathlib import Path

import pytest

from nec_network.demo import load_demo
from nec_network.io.survey import read_responses
from nec_network.io.survey_import import import_survey
from nec_network.model import Actor, Ecosystem
from nec_network.views.survey import MAILTO_LIMIT, write_survey_page

pytestmark = pytest.mark.browser

READY = "document.documentElement.getAttribute('data-nec-enquete') === 'pret'"
CONTACT = "coordination@exemple.invalid"
NOTHING_STORED = "localStorage.length + sessionStorage.length + document.cookie.length"


@pytest.fixture(scope="module")
def demo():
    return load_demo()


@pytest.fixture(scope="module")
def demo_page(tmp_path_factory, demo) -> Path:
    folder = tmp_path_factory.mktemp("enquete")
    return write_survey_page(folder / "enquete.html", demo, contact=CONTACT)


def _tab_to(page, selector: str, limit: int = 80) -> None:
    """Press Tab until ``selector`` has the focus (what a keyboard user does)."""
    for _ in range(limit):
        if page.evaluate("(s) => document.activeElement && document.activeElement.matches(s)", selector):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"{selector} never reached with Tab")


def _produced_csv(page) -> str:
    href = page.get_attribute("#telecharger", "href")
    assert href.startswith("blob:")
    return page.evaluate("(url) => fetch(url).then(r => r.text())", href)


def test_keyboard_alone_fills_the_survey_and_the_file_is_imported(browser_page, demo_page, demo, tmp_path):
    page = browser_page.open(demo_page, wait_for=READY)
    _tab_to(page, "#repondant-saisie")
    page.keyboard.type("mediatheque st q")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    assert "Médiathèque de Saint-Quentin" in page.inner_text("#repondant-statut")
    _tab_to(page, "#p1-saisie")
    page.keyboard.type("ccas soiss")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    _tab_to(page, "#p1-relation")
    page.keyboard.press("ArrowDown")  # « Nous leur orientons des personnes »
    _tab_to(page, "#p1-debut")
    page.keyboard.type("03/2024")
    _tab_to(page, "#ajouter")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "p2-saisie"
    page.keyboard.type("Secours populaire de Beauvais")
    _tab_to(page, "#p2-commune")
    page.keyboard.type("Beauvais")
    _tab_to(page, "#ajouter")
    page.keyboard.press("Enter")
    _tab_to(page, "#p3-retirer")
    page.keyboard.press("Enter")
    assert page.locator(".nec-partenaire").count() == 2
    _tab_to(page, "button[type=submit]")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "envoi"
    assert "2 partenaires" in page.inner_text("#envoi-resume")
    answers = tmp_path / page.get_attribute("#telecharger", "download")
    answers.write_text(_produced_csv(page), encoding="utf-8")
    assert answers.name == "reponses-mediatheque-de-st-quentin.csv"
    responses, report = read_responses(answers)
    assert report.rejected == 0
    result = import_survey(demo, [(responses, report)])
    new = [link for link in result.ecosystem.partnerships if link.origine == f"enquête {answers.name}"]
    keys = {link.key for link in new} | {link.key for link in result.ecosystem.partnerships
                                         if "mediatheque-saint-quentin" in link.declare_par}
    assert ("mediatheque-saint-quentin", "ccas-soissons", "orientation") in keys
    assert [unknown.name for unknown in result.unknown] == ["Secours populaire de Beauvais"]
    assert result.unknown[0].commune == "Beauvais"
    assert browser_page.console_errors == [] and browser_page.outside_requests() == []
    assert page.evaluate(NOTHING_STORED) == 0


def test_the_picker_forgives_typing_errors_after_exact_matches(browser_page, demo_page):
    page = browser_page.open(demo_page, wait_for=READY)
    field = page.locator("#repondant-saisie")
    field.fill("mediateque beautr")  # two typing errors, no accent
    assert page.locator("#repondant-suggestions li").first.inner_text() == "Médiathèque de Beautor"
    field.fill("ccas")  # short words must match exactly: every CCAS, and no typo guess before them
    assert all(text.startswith("CCAS") for text in page.locator("#repondant-suggestions li").all_inner_texts())
    field.fill("zzzz qqqq")
    assert page.locator("#repondant-suggestions li").count() == 0
    assert not browser_page.console_errors


def test_the_prefilled_e_mail_stays_within_its_limit_and_says_what_is_missing(browser_page, demo_page):
    page = browser_page.open(demo_page, wait_for=READY)
    page.fill("#repondant-saisie", "Centre social de Laon")
    for index in range(1, 13):  # 12 partners write far more than the e-mail can hold
        if index > 1:
            page.click("#ajouter")
        page.fill(f"#p{index}-saisie", f"Partenaire fictif numéro {index} au nom assez long pour remplir")
    page.click("button[type=submit]")
    href = page.get_attribute("#courriel", "href")
    assert href.startswith(f"mailto:{CONTACT}?subject=") and len(href) <= MAILTO_LIMIT
    body = urllib.parse.parse_qs(urllib.parse.urlsplit(href).query)["body"][0]
    assert "partenaires de plus : voir le fichier joint" in body
    assert "repondant_id,repondant," in body
    assert "joignez-y le fichier" in page.inner_text("#envoi-resume")
    assert _produced_csv(page).count("Partenaire fictif numéro") == 12
    assert browser_page.outside_requests() == [] and page.evaluate(NOTHING_STORED) == 0


def test_errors_are_said_in_french_and_focus_the_field(browser_page, demo_page):
    page = browser_page.open(demo_page, wait_for=READY)
    page.click("button[type=submit]")
    assert "nom de votre structure" in page.inner_text("#erreur-formulaire")
    assert page.evaluate("document.activeElement.id") == "repondant-saisie"
    page.fill("#repondant-saisie", "CCAS de Laon")
    page.fill("#p1-saisie", "Mission locale de Laon")
    page.fill("#p1-debut", "13/2024")
    page.click("button[type=submit]")
    assert "2023 ou 03/2023" in page.inner_text("#erreur-formulaire")
    assert page.evaluate("document.activeElement.id") == "p1-debut"
    assert page.is_hidden("#envoi")
    page.fill("#p1-debut", "03/2024")
    page.click("button[type=submit]")
    assert page.is_visible("#envoi")
    page.fill("#p1-commentaire", "changé après coup")
    assert page.is_hidden("#envoi")  # a file prepared before the change is not offered


@pytest.mark.parametrize(("width", "height"), [(390, 844), (1366, 900)])
def test_fits_the_width_and_has_no_serious_accessibility_violation(
    browser_page, demo_page, assert_no_serious_axe_violations, width, height
):
    page = browser_page.page
    page.set_viewport_size({"width": width, "height": height})
    browser_page.open(demo_page, wait_for=READY)
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert_no_serious_axe_violations(page)
    page.fill("#repondant-saisie", "mediatheque")
    page.click("#p1-saisie")
    page.fill("#p1-saisie", "ccas")
    page.locator(".nec-facultatif summary").first.click()
    assert_no_serious_axe_violations(page)
    page.fill("#repondant-saisie", "Médiathèque de Laon")
    page.click("button[type=submit]")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert_no_serious_axe_violations(page)
    browser_page.screenshot(f"enquete-{width}", full_page=True)


def test_the_paper_version_is_what_prints(browser_page, tmp_path):
    path = write_survey_page(tmp_path / "enquete.html", Ecosystem([Actor("a", "CCAS de Laon")]))
    page = browser_page.open(path, wait_for=READY)
    page.emulate_media(media="print")
    assert page.is_hidden("#enquete-formulaire") and page.is_visible(".nec-papier")
    assert page.locator(".nec-papier-table tbody tr").count() == 8
    page.emulate_media(media="screen")
    assert page.is_visible("#enquete-formulaire") and page.is_hidden(".nec-papier")


HOSTILE = '<img src=x onerror="window.piege=1">'


def test_hostile_names_stay_text(browser_page, tmp_path):
    ecosystem = Ecosystem([Actor("x</script><script>window.piege=2</script>", HOSTILE, commune=HOSTILE)])
    page = browser_page.open(write_survey_page(tmp_path / "e.html", ecosystem), wait_for=READY)
    page.fill("#repondant-saisie", "img")
    assert HOSTILE in page.inner_text("#repondant-suggestions")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.click("button[type=submit]")
    assert page.evaluate("window.piege") is None
    answers = tmp_path / "reponses.csv"
    answers.write_text(_produced_csv(page), encoding="utf-8")
    (respondent,) = read_responses(answers)[0].respondents
    assert (respondent.name, respondent.commune) == (HOSTILE, HOSTILE)
    assert not browser_page.dialogs and not browser_page.console_errors
