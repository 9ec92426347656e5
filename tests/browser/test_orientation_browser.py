"""« Où orienter ? » in headless Chromium: by address and by typing, order checked independently,
refinements, referral, print sheet, phone, accessibility, hostile names, no request."""

from __future__ import annotations

import datetime as dt
import http.server
import json
import math
import re
import threading
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest

from nec_network.analysis.criteria import Threshold
from nec_network.analysis.orientation import OrientationQuery, orient
from nec_network.demo import load_demo, load_demo_personae, load_demo_resources
from nec_network.model import Actor, Ecosystem
from nec_network.territory import load_communes
from nec_network.views.orientation import OrientationOptions, why_sentence, write_orientation

pytestmark = pytest.mark.browser

READY = "document.documentElement.getAttribute('data-nec-orienter') === 'pret'"
CARDS = "els => els.map(e => e.getAttribute('data-acteur'))"
# Gronard (02357), Aisne: the demo's village without a car.
GRONARD = {"commune": "02357", "difficulte": "demarches", "public": "Seniors", "mobilite": "pied"}


@pytest.fixture(scope="module")
def demo() -> Ecosystem:
    """The demo's ecosystem, read once for the module (analyses never mutate it)."""
    return load_demo()


@pytest.fixture(scope="module")
def demo_page(tmp_path_factory, demo) -> Path:
    folder = tmp_path_factory.mktemp("orienter")
    return write_orientation(
        folder / "orienter.html",
        demo,
        options=OrientationOptions(resources=load_demo_resources(), personae=load_demo_personae()),
    )


def _open(browser_page, path: Path, query: dict | None = None):
    url = path.resolve().as_uri() + ("?" + urlencode(query) if query else "")
    return browser_page.open(url, wait_for=READY)


def _independent_order(
    ecosystem: Ecosystem, code: str, services: set[str], public: str | None, mode_kmh: float
):
    """Nearest first by plain haversine, written again here: itinerant actors serving the commune first."""
    commune = load_communes(codes_insee=[code]).iloc[0]
    lat1, lon1 = math.radians(commune["latitude"]), math.radians(commune["longitude"])
    rows = []
    for actor in ecosystem:
        if (
            not services & set(actor.services)
            or "Ce lieu n'accueille pas de public" in actor.modalites_acces
        ):
            continue
        if public and actor.publics and public not in actor.publics:
            continue
        serves = actor.itinerant and (
            code in actor.zone_intervention or commune["epci_code"] in actor.zone_intervention
        )
        lat2, lon2 = math.radians(actor.latitude), math.radians(actor.longitude)
        h = (
            math.sin((lat2 - lat1) / 2) ** 2
            + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
        )
        km = 0.0 if serves else 2 * 6371.0088 * math.asin(math.sqrt(h))
        rows.append((not serves, km, actor.id, km * 1.3 / mode_kmh * 60))
    rows.sort()
    return [(actor_id, minutes) for _, _, actor_id, minutes in rows]


def test_opening_an_address_shows_the_answer_in_the_independent_order(browser_page, demo, demo_page):
    page = _open(browser_page, demo_page, GRONARD)
    shown = page.eval_on_selector_all("[data-acteur]", CARDS)
    expected = _independent_order(
        demo, "02357", {"Aide aux démarches administratives"}, "Seniors", 4.5
    )
    within = [actor_id for actor_id, minutes in expected if minutes <= 20]
    assert shown == [actor_id for actor_id, _ in expected][: max(10, len(within))]
    assert shown[0] == "bus-france-services-vervins"  # the bus stops in the village: first
    first = page.locator("[data-acteur]").first
    assert "Vient dans la commune" in first.inner_text()
    # Hours in French, with a status for today (the clock of the machine).
    assert "le lundi, le mercredi et le vendredi" in first.inner_text()
    # Built without a contact: no card links to report an error (the other half: below).
    assert page.locator(".nec-signaler").count() == 0
    assert not browser_page.console_errors and not browser_page.outside_requests()


def test_browser_and_python_give_the_same_answer_for_every_demo_example(browser_page, demo, demo_page):
    ecosystem = demo
    page = _open(browser_page, demo_page)
    buttons = page.locator(".nec-exemple")
    assert buttons.count() == len(load_demo_personae())
    assert re.match(r"Exemple : Jeannine, 78 ans, Gronard$", buttons.first.inner_text())
    for number in range(buttons.count()):
        buttons.nth(number).click()
        query = dict(p.split("=", 1) for p in page.evaluate("location.search")[1:].split("&"))
        result = orient(
            ecosystem,
            OrientationQuery(
                commune=query["commune"],
                difficulty=query.get("difficulte"),
                public=page.eval_on_selector("#public", "e => e.value") or None,
                threshold=Threshold(mode=query["mobilite"]),
                helper=query.get("structure"),
            ),
        )
        shown = page.eval_on_selector_all("[data-acteur]", CARDS)
        # Places answering the need, or (when none does) those that receive anyone.
        assert shown == [place.actor.id for place in (*result.places, *result.welcoming)]
        if result.query.helper:
            paths = page.eval_on_selector_all(
                "[data-acteur]",
                "els => els.map(e => (e.querySelector('dd:last-of-type') || {}).textContent || '')",
            )
            assert len(paths) == len(shown)
        expected_why = why_sentence(result)
        assert page.text_content("#pourquoi") == expected_why


def test_typing_a_commune_with_accents_or_a_postal_code_and_choosing_by_keyboard(
    browser_page, demo_page
):
    page = _open(browser_page, demo_page)
    box = page.locator("#commune-saisie")
    box.fill("abbe")
    assert box.get_attribute("aria-expanded") == "true"
    options = page.locator("#commune-suggestions [role=option]")
    assert "Abbeville (80100)" in options.all_inner_texts()
    box.press("ArrowDown")
    assert box.get_attribute("aria-activedescendant") == "commune-option-0"
    # Accents and case do not matter, either way round.
    for typed in ("epehy", "ÉPÉHY"):
        box.fill("")
        box.type(typed)
        assert options.first.inner_text() == "Épehy (80740)"
    box.fill("")
    box.type("SAINT-QUENTIN")
    assert options.first.inner_text() == "Saint-Quentin (02100)"
    box.fill("Abbeville")
    box.press("Enter")
    assert box.input_value() == "Abbeville (80100)"
    page.select_option("#difficulte", "securite")
    page.click("button[type=submit]")
    page.wait_for_selector("[data-acteur]")
    assert "commune=80001" in page.evaluate("location.search")
    # A postal code, then keyboard only.
    box.fill("")
    box.type("02140")
    texts = options.all_inner_texts()
    assert texts and all("02140" in text for text in texts)
    box.press("ArrowDown")
    box.press("Enter")
    assert box.input_value() in texts
    box.press("Enter")  # the list is closed: Enter submits the question
    page.wait_for_function(
        "location.search.indexOf('commune=02357') >= 0 || location.search.indexOf('commune=02') >= 0"
    )
    assert page.locator("[data-acteur]").count() >= 1
    assert not browser_page.console_errors


def test_sending_the_question_without_a_chosen_commune(browser_page, demo_page):
    page = _open(browser_page, demo_page)
    box = page.locator("#commune-saisie")
    box.fill("Zzzville")
    page.evaluate("document.getElementById('commune-suggestions').hidden = true")
    page.click("button[type=submit]")
    assert "Choisissez la commune de la personne" in page.inner_text("#erreur-formulaire")
    assert box.get_attribute("aria-invalid") == "true"
    assert page.evaluate("document.activeElement.id") == "commune-saisie"
    assert page.locator("[data-acteur]").count() == 0
    # A name typed in full, not chosen from the list, is taken when it names one commune.
    box.fill("Abbeville")
    page.click("button[type=submit]")
    page.wait_for_selector("[data-acteur]")
    assert "commune=80001" in page.evaluate("location.search")
    assert page.inner_text("#erreur-formulaire") == ""
    assert box.get_attribute("aria-invalid") is None
    assert not browser_page.console_errors


def test_refinements_open_at_free_without_appointment_and_maximum_with_why(browser_page, demo, demo_page):
    tuesday_ten = "2026-12-01T10:00"
    query = {**GRONARD, "ouvert": tuesday_ten, "gratuit": "1", "sans_rdv": "1"}
    page = _open(browser_page, demo_page, query)
    result = orient(
        demo,
        OrientationQuery(
            "02357",
            "demarches",
            "Seniors",
            Threshold(mode="pied"),
            free=True,
            walk_in=True,
            open_at=dt.datetime(2026, 12, 1, 10, 0),
        ),
    )
    assert page.eval_on_selector_all("[data-acteur]", CARDS) == [p.actor.id for p in result.places]
    assert page.eval_on_selector("#ouvert", "e => e.value") == "le"
    far = _open(
        browser_page,
        demo_page,
        {**GRONARD, "mobilite": "voiture", "max_minutes": "10", "public": ""},
    )
    result = orient(
        demo, OrientationQuery("02357", "demarches", None, Threshold(max_minutes=10), maximum=True)
    )
    assert far.eval_on_selector_all("[data-acteur]", CARDS) == [p.actor.id for p in result.places]
    why = far.text_content("#pourquoi")
    assert why == why_sentence(result)
    assert result.places and why == ""
    # Marle, a computer or a connection, by public transport, 30 minutes at most: nothing; say why.
    marle = {"commune": "02468", "difficulte": "equipement", "mobilite": "transport", "max_minutes": "30"}
    empty = _open(browser_page, demo_page, marle)
    result = orient(demo, OrientationQuery("02468", "equipement", None, Threshold(max_minutes=30, mode="transport"), maximum=True))
    assert result.places == () and empty.locator("[data-acteur]").count() == 0
    assert empty.text_content("#pourquoi") == why_sentence(result)
    assert why_sentence(result).startswith(
        "Aucun lieu à moins de 30 minutes en transports ; le plus proche est Bus France Services"
    )
    assert empty.text_content("#resume").startswith("Aucun lieu à proposer pour")
    assert "Prêt de tablettes avec connexion (fictif)" in empty.inner_text("#sans-deplacement")


def test_referral_path_from_the_helpers_structure_on_a_large_screen(browser_page, demo, demo_page):
    browser_page.page.set_viewport_size({"width": 1366, "height": 900})
    page = _open(browser_page, demo_page, {**GRONARD, "structure": "ccas-laon"})
    assert page.evaluate("document.getElementById('reponse').getBoundingClientRect().top") < 900
    browser_page.screenshot("orienter")
    result = orient(
        demo, OrientationQuery("02357", "demarches", "Seniors", Threshold(mode="pied"), helper="ccas-laon")
    )
    cards = page.locator("[data-acteur]")
    for number, place in enumerate(result.places):
        text = cards.nth(number).inner_text()
        if len(place.referral) == 2:
            assert "partenaire direct de votre structure" in text
        elif len(place.referral) > 2:
            # Same number of steps as the Python path (ties between equal paths may differ).
            via = re.search(r"via (.+)", text).group(1).split("\n")[0]
            assert via.count(" → ") == len(place.referral) - 3


def test_printed_sheet_fits_one_a4_page_and_keeps_the_first_name_out_of_the_address(
    browser_page, demo_page, tmp_path
):
    page = _open(browser_page, demo_page, GRONARD)
    page.fill("#fiche-prenom", "Josiane")
    page.fill("#fiche-note", "Rappeler jeudi")
    assert "Josiane" not in page.evaluate("location.href")
    assert "Josiane" not in page.input_value("#lien-partage")
    page.evaluate("document.getElementById('fiche-prenom').dispatchEvent(new Event('input'))")
    page.emulate_media(media="print")
    assert page.is_visible("#fiche-pour") and page.inner_text("#fiche-pour") == "Pour Josiane"
    assert not page.is_visible("#orienter-formulaire")
    kept = page.locator(".nec-lieu.nec-retenu")
    assert kept.count() == 3 and all(
        page.locator(".nec-lieu").nth(i).is_visible() for i in range(3)
    )
    assert not page.locator(".nec-lieu").nth(3).is_visible()
    # The sheet says what it prints: the 3 kept places, out of all those proposed.
    total = page.locator(".nec-lieu").count()
    assert not page.is_visible("#resume")
    assert page.inner_text("#resume-imprime").startswith(f"3 lieux retenus sur {total} proposés — ")
    page.emulate_media(media="screen")
    page.locator(".nec-retenir-case").nth(3).check()
    page.locator(".nec-retenir-case").nth(0).uncheck()
    page.locator(".nec-retenir-case").nth(1).uncheck()
    page.emulate_media(media="print")
    assert page.inner_text("#resume-imprime").startswith(f"2 lieux retenus sur {total} proposés")
    assert page.locator(".nec-lieu.nec-retenu").count() == 2
    page.emulate_media(media="screen")
    page.locator(".nec-retenir-case").nth(0).check()
    page.locator(".nec-retenir-case").nth(1).check()
    page.locator(".nec-retenir-case").nth(3).uncheck()
    page.emulate_media(media="print")
    browser_page.screenshot("orienter-impression", full_page=True)
    pdf = page.pdf(format="A4", print_background=True)
    assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) == 1
    # Nothing was stored.
    assert (
        page.evaluate("localStorage.length + sessionStorage.length + document.cookie.length") == 0
    )


def test_phone_viewport_and_accessibility(
    browser_page, demo_page, assert_no_serious_axe_violations
):
    page = browser_page.page
    page.set_viewport_size({"width": 390, "height": 844})
    _open(browser_page, demo_page, GRONARD)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert page.evaluate("document.getElementById('reponse').getBoundingClientRect().top") < 844
    browser_page.screenshot("orienter-telephone")
    assert_no_serious_axe_violations(page)
    page.locator("#commune-saisie").fill("marl")
    assert_no_serious_axe_violations(page)


HOSTILE = '<img src=x onerror="window.piege=1">'


def test_hostile_names_stay_text(browser_page, tmp_path):
    amiens = load_communes(codes_insee=["80021"]).iloc[0]
    point = {
        "latitude": float(amiens["latitude"]),
        "longitude": float(amiens["longitude"]),
        "code_insee": "80021",
    }
    ecosystem = Ecosystem(
        [
            Actor(
                "x</script><script>window.piege=2</script>",
                HOSTILE,
                services=("Aide aux démarches administratives",),
                horaires=HOSTILE,
                telephone=HOSTILE,
                courriels=('a@b.fr"><b>',),
                sites_web=("javascript:alert(1)",),
                commune=HOSTILE,
                **point,
            ),
        ]
    )
    path = write_orientation(tmp_path / "o.html", ecosystem)
    page = _open(browser_page, path, {"commune": "80021"})
    card = page.locator("[data-acteur]").first
    assert HOSTILE in card.inner_text()
    assert page.evaluate("window.piege") is None
    assert page.locator("a[href^='javascript']").count() == 0
    assert not browser_page.dialogs and not browser_page.console_errors


def test_today_status_in_the_browser_is_the_python_one(browser_page, demo_page):
    from nec_network.model.opening_hours import opening_status, parse_opening_hours

    page = _open(browser_page, demo_page)
    texts = [
        "Mo-Fr 09:00-12:00,14:00-17:00; PH off",
        "Fr 20:00-02:00",
        'Sa "sur rendez-vous"',
        "24/7",
        "Tu,Th 13:30-17:00; We off",
        "Mo-Su 08:00-12:00; PH 10:00-11:00",
    ]
    moments = [
        dt.datetime(2026, 12, day, hour, minute)
        for day in (1, 4, 5, 25)
        for hour, minute in (
            (0, 30),
            (1, 30),
            (9, 0),
            (11, 59),
            (12, 0),
            (13, 45),
            (17, 0),
            (21, 0),
        )
    ]
    for text in texts:
        week = parse_opening_hours(text).as_record()
        shown = page.evaluate(  # every moment in one call
            "([w, ts]) => ts.map(t => window.necOrienter.openingStatus(w, new Date(t[0], t[1] - 1, t[2], t[3], t[4])))",
            [week, [[when.year, when.month, when.day, when.hour, when.minute] for when in moments]],
        )
        assert len(shown) == len(moments)
        for when, status in zip(moments, shown):
            assert status == opening_status(text, when, separator="\u00a0"), (text, when)


def test_service_in_the_address_selects_its_difficulty(browser_page, demo, demo_page):
    page = _open(
        browser_page,
        demo_page,
        {"commune": "02468", "service": "Aide aux démarches administratives"},
    )
    assert page.eval_on_selector("#difficulte", "e => e.value") == "demarches"
    assert page.eval_on_selector("#commune-saisie", "e => e.value") == "Marle (02250)"
    result = orient(demo, OrientationQuery("02468", "demarches"))
    assert page.eval_on_selector_all("[data-acteur]", CARDS) == [p.actor.id for p in result.places]


def test_a_link_to_a_commune_outside_the_page_says_so(browser_page, demo_page):
    page = _open(browser_page, demo_page, {"commune": "75056"})
    assert "75056" in page.inner_text("#erreur-formulaire")
    assert page.locator("[data-acteur]").count() == 0 and not browser_page.console_errors


def test_services_deduced_from_the_label_are_said_so_on_the_card(browser_page, tmp_path):
    from nec_network.model.label_services import with_label_services

    amiens = load_communes(codes_insee=["80021"]).iloc[0]
    point = {"latitude": float(amiens["latitude"]), "longitude": float(amiens["longitude"]), "code_insee": "80021"}
    deduced = with_label_services(Actor("fs", "France services Amiens", dispositifs=("France Services",), **point))
    given = Actor("cyber", "Cyber-base d'Amiens", services=("Accès internet et matériel informatique",), **point)
    path = write_orientation(tmp_path / "o.html", Ecosystem([deduced, given]))
    page = _open(browser_page, path, {"commune": "80021", "difficulte": "equipement"})
    fs = page.locator("[data-acteur='fs']").inner_text()
    assert "Aide aux démarches administratives, Accès internet et matériel informatique (déduits du label France Services)" in fs
    assert "déduits" not in page.locator("[data-acteur='cyber']").inner_text()
    assert not browser_page.console_errors


def test_service_in_the_address_filters_on_exactly_that_service(browser_page, demo, demo_page):
    solidarity = "Acquisition de matériel informatique à prix solidaire"
    page = _open(browser_page, demo_page, {"commune": "02468", "service": solidarity})
    exact = orient(demo, OrientationQuery("02468", service=solidarity))
    widened = orient(demo, OrientationQuery("02468", "equipement"))
    shown = page.eval_on_selector_all("[data-acteur]", CARDS)
    assert shown == [p.actor.id for p in exact.places] and shown
    assert all(solidarity in p.actor.services for p in exact.places)
    assert [p.actor.id for p in widened.places] != shown  # the difficulty would lend a computer too
    assert "le service « Acquisition de matériel informatique à prix solidaire »" in page.inner_text("main").replace("\u00a0", " ")
    # Choosing a difficulty in the form asks for the difficulty again.
    page.select_option("#difficulte", "equipement")
    page.locator("form button[type=submit]").first.click()
    # The answer is written at once, and the question in the page's address.
    page.wait_for_function("location.search.includes('difficulte=equipement') && !location.search.includes('service=')")
    assert page.eval_on_selector_all("[data-acteur]", CARDS)[:10] == [p.actor.id for p in widened.places][:10]
    assert not browser_page.console_errors


def test_when_nothing_offers_the_need_the_page_says_so_and_proposes_who_receives_anyone(browser_page, tmp_path):
    amiens = load_communes(codes_insee=["80021"]).iloc[0]
    point = {"latitude": float(amiens["latitude"]), "longitude": float(amiens["longitude"]), "code_insee": "80021"}
    ecosystem = Ecosystem([
        Actor("fs", "France services Amiens", dispositifs=("France Services",),
              services=("Aide aux démarches administratives",), **point),
        Actor("ccas", "CCAS d'Amiens", typologies=("CCAS",), **point),
        Actor("bib", "Médiathèque", typologies=("BIB",), services=("Loisirs et créations numériques",), **point),
    ])  # fmt: skip
    path = write_orientation(tmp_path / "o.html", ecosystem)
    page = _open(browser_page, path, {"commune": "80021", "difficulte": "bases"})
    expected = orient(ecosystem, OrientationQuery("80021", "bases"))
    assert page.eval_on_selector_all("[data-acteur]", CARDS) == [p.actor.id for p in expected.welcoming]
    assert page.locator(".nec-accueil-tous-note").count() == len(expected.welcoming) == 2
    text = page.inner_text("main").replace("\u00a0", " ")
    assert why_sentence(expected).replace("\u00a0", " ") in text and "accueillent tout le monde" in text
    assert not browser_page.console_errors


def test_cards_and_the_printed_sheet_say_how_old_the_information_is(browser_page, tmp_path):
    from nec_network.views.orientation import OrientationOptions

    amiens = load_communes(codes_insee=["80021"]).iloc[0]
    point = {"latitude": float(amiens["latitude"]), "longitude": float(amiens["longitude"]), "code_insee": "80021"}
    old = Actor("old", "France services Amiens", services=("Aide aux démarches administratives",),
                date_maj=dt.date(2022, 12, 1), horaires="24/7", **point)
    fresh = Actor("fresh", "Médiathèque d'Amiens", services=("Aide aux démarches administratives",),
                  date_maj=dt.date(2023, 11, 1), horaires="24/7", **point)
    path = write_orientation(tmp_path / "o.html", Ecosystem([old, fresh]), None,
                             OrientationOptions(at=dt.date(2024, 1, 15)))
    page = _open(browser_page, path, {"commune": "80021"})
    card = page.locator("[data-acteur='old']").inner_text()
    assert "du 01/12/2022 — à vérifier (plus d’un an)" in card
    # Today's status from old hours says they are to be checked; recent ones do not.
    assert "ouvert maintenant (d’après des horaires à vérifier)" in card
    fresh_card = page.locator("[data-acteur='fresh']").inner_text()
    assert "ouvert maintenant" in fresh_card and "horaires à vérifier" not in fresh_card
    page.emulate_media(media="print")
    assert "du 01/12/2022 — à vérifier" in page.locator("[data-acteur='old']").inner_text()
    assert not browser_page.console_errors


TARGETS = """() => Array.from(document.querySelectorAll(
  '#reponse a, #reponse button, #reponse label.nec-retenir')).filter(e => e.offsetParent !== null)
  .map(e => [e.textContent.trim().slice(0, 40), e.getBoundingClientRect().height])"""
VISIBLE = """sel => { const r = document.querySelector(sel).getBoundingClientRect();
  return r.top >= 0 && r.bottom <= window.innerHeight && r.height > 0; }"""


@pytest.mark.parametrize("size", [(390, 844), (1366, 900)])
def test_after_find_the_summary_has_focus_and_the_first_card_and_button_are_in_sight(
    browser_page, demo_page, size
):
    page = browser_page.page
    page.set_viewport_size({"width": size[0], "height": size[1]})
    _open(browser_page, demo_page)
    page.fill("#commune-saisie", "Gronard")
    page.press("#commune-saisie", "Enter")
    page.select_option("#difficulte", "demarches")
    page.select_option("#mobilite", "pied")
    page.click("button[type=submit]")
    page.wait_for_selector("[data-acteur]")
    assert page.evaluate("document.activeElement.id") == "resume"
    count = page.locator(".nec-lieu").count()
    summary = page.inner_text("#resume")
    assert summary.startswith(f"{count} lieux, le premier vient dans la commune — ")
    first_card = page.evaluate(
        "document.querySelector('.nec-lieu').getBoundingClientRect().top"
    )
    assert 0 <= first_card < size[1] - 40
    assert page.evaluate(VISIBLE, "#resume")
    assert page.evaluate(VISIBLE, "button[type=submit]")
    targets = page.evaluate(TARGETS)
    assert targets and all(height >= 44 for _, height in targets), [
        t for t in targets if t[1] < 44
    ]
    browser_page.screenshot(f"orienter-apres-trouver-{size[0]}")
    assert not browser_page.console_errors and not browser_page.outside_requests()


def test_summary_gives_the_nearest_distance(browser_page, demo_page):
    page = _open(browser_page, demo_page, {"commune": "80001", "difficulte": "securite"})
    first = page.inner_text(".nec-lieu .nec-trajet").split("\xa0km")[0]
    count = page.locator(".nec-lieu").count()
    assert page.inner_text("#resume").startswith(f"{count} lieux, le plus proche à {first}\xa0km — ")


TYPING_ERRORS = [("Grandviliers", "Grandvilliers (60210)"), ("Crevecoeur", "Crèvecœur-le-Grand (60360)"),
                 ("St Quentin", "Saint-Quentin (02100)"), ("Amiesn", "Amiens (80000)")]


def test_a_commune_typed_with_a_typing_error_is_still_proposed_first(browser_page, demo_page):
    page = _open(browser_page, demo_page)
    box = page.locator("#commune-saisie")
    for typed, first in TYPING_ERRORS:
        box.fill("")
        box.type(typed)
        assert page.locator("#commune-suggestions [role=option]").first.inner_text() == first, typed
    assert not browser_page.console_errors


def test_each_card_links_to_report_an_error_only_when_a_contact_is_given(browser_page, demo, tmp_path):
    # Without a contact, no link: checked on the demo page in the first test of this file.
    path = write_orientation(tmp_path / "o.html", demo, options=OrientationOptions(contact="signalement@exemple.invalid"))
    page = _open(browser_page, path, GRONARD)
    cards = page.locator(".nec-lieu")
    assert page.locator(".nec-signaler").count() == cards.count() > 0
    first_id = cards.first.get_attribute("data-acteur")
    href = page.get_attribute(".nec-signaler", "href")
    parts = urlsplit(href)
    assert parts.scheme == "mailto" and parts.path == "signalement@exemple.invalid"
    fields = parse_qs(parts.query)
    name = demo[first_id].nom
    assert f"({first_id})" in fields["subject"][0] and name in fields["subject"][0]
    assert f"Identifiant : {first_id}" in fields["body"][0]
    assert page.evaluate("document.querySelector('.nec-signaler').getBoundingClientRect().height") >= 44
    page.emulate_media(media="print")
    assert not page.locator(".nec-signaler").first.is_visible()
    assert not browser_page.console_errors and not browser_page.outside_requests()


@pytest.mark.parametrize("size", [(390, 844), (1366, 900)], ids=["telephone", "ordinateur"])
def test_the_limit_is_a_time_or_a_distance_chosen_on_a_slider(
    browser_page, demo, demo_page, assert_no_serious_axe_violations, size
):
    page = browser_page.page
    page.set_viewport_size({"width": size[0], "height": size[1]})
    _open(browser_page, demo_page, {"commune": "80001", "difficulte": "demarches", "max_minutes": "30"})
    assert page.input_value("#limite") == "minutes" and page.is_visible("#max_minutes")
    assert not page.is_visible("#max_km")
    page.select_option("#limite", "km")
    assert page.is_visible("#max_km") and not page.is_visible("#max_minutes")
    slider = page.locator("#max_km")
    assert (slider.get_attribute("min"), slider.get_attribute("max")) == ("5", "100")
    assert page.inner_text("#max_km_valeur") == "20\u00a0km"
    slider.focus()
    for _ in range(2):
        page.keyboard.press("ArrowLeft")  # 5 km a step: 20 → 10 km
    assert page.inner_text("#max_km_valeur") == "10\u00a0km"
    page.click("button[type=submit]")
    page.wait_for_function("location.search.includes('max_km=10')")
    assert "max_minutes" not in page.evaluate("location.search")
    result = orient(demo, OrientationQuery("80001", "demarches", threshold=Threshold(max_km=10), maximum=True))
    assert result.places and all(place.distance_km <= 10 for place in result.places)
    assert page.eval_on_selector_all("[data-acteur]", CARDS) == [p.actor.id for p in result.places]
    assert_no_serious_axe_violations(page)
    assert not browser_page.console_errors and not browser_page.outside_requests()


def test_a_page_built_with_a_threshold_in_km_lists_and_explains_as_the_library(browser_page, tmp_path):
    # Two places 8.0 and 20 km from Laon (02408); near is 3 km: both beyond, both listed anyway.
    places = [Actor(id_, id_, services=("Aide aux démarches administratives",), latitude=lat, longitude=lon)
              for id_, lat, lon in (("barenton", 49.63333, 3.65143), ("loin", 49.7431, 3.6271))]
    ecosystem, near = Ecosystem(places), Threshold(max_km=3, detour=1.6)
    path = write_orientation(tmp_path / "o.html", ecosystem, None, OrientationOptions(threshold=near))
    page = _open(browser_page, path, {"commune": "02408", "difficulte": "demarches", "mobilite": "velo"})
    expected = orient(ecosystem, OrientationQuery("02408", "demarches", threshold=Threshold(max_km=3, mode="velo",
                                                                                             detour=1.6)))
    assert page.eval_on_selector_all("[data-acteur]", CARDS) == [p.actor.id for p in expected.places]
    assert expected.reason == "far" and page.text_content("#pourquoi") == why_sentence(expected)
    assert why_sentence(expected).startswith("Aucun lieu à moins de 3\u00a0km ; le plus proche est barenton")
    assert "× 1,6 (détour)" in page.inner_text("body")
    assert not browser_page.console_errors


BAN = Path(__file__).resolve().parents[1] / "fixtures" / "ban"


ADDRESSES = [
    ("12 Rue des Trois Cailloux, 80000 Amiens", "80021"),
    ("3 rue Saint-Martin 02200 Soissons", "02722"),
    ("8 rue de la Gare, Grandviliers", "60286"),  # a typing error in the commune's name
    ("5 place de l'Hôtel de Ville Marle", "02468"),  # no comma, no postal code: the last words
]


def test_an_address_is_read_offline_to_its_commune_with_no_request(browser_page, demo, demo_page):
    page = _open(browser_page, demo_page)
    assert page.locator("#adresse-ban").count() == 0  # built without --adresse-en-ligne
    page.select_option("#difficulte", "demarches")
    for typed, code in ADDRESSES:  # one after the other, as a person asks again (each code differs)
        page.fill("#commune-saisie", typed)
        page.click("button[type=submit]")
        page.wait_for_function("code => document.getElementById('commune-code').value === code", arg=code)
        page.wait_for_selector("[data-acteur]")
        note = page.inner_text("#adresse-note")
        assert note.startswith(f"Adresse « {typed} » : la page compte depuis sa commune, "), typed
        result = orient(demo, OrientationQuery(code, "demarches"))
        assert page.eval_on_selector_all("[data-acteur]", CARDS) == [p.actor.id for p in result.places], typed
    assert browser_page.requests and all(url.startswith("file:") for url in browser_page.requests)
    assert not browser_page.console_errors


class _RecordedBan(http.server.BaseHTTPRequestHandler):
    """The BAN's /search/ on 127.0.0.1: the recorded answer for its query, an empty one otherwise."""

    asked: list[str] = []

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        query = parse_qs(urlsplit(self.path).query)
        self.asked.append(self.path)
        answers = {json.loads(p.read_text(encoding="utf-8"))["query"]: p.read_bytes() for p in BAN.glob("*.json")}
        body = answers.get(query.get("q", [""])[0], b'{"type": "FeatureCollection", "features": []}')
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Access-Control-Allow-Origin", "*")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args) -> None:
        pass


@pytest.fixture(scope="module")
def ban_server():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _RecordedBan)
    # A short poll: shutdown() waits for the loop's next look (0.5 s by default).
    threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
    ).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/search/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def ban_page(tmp_path_factory, demo, ban_server) -> Path:
    """The demo's page built with ``--adresse-en-ligne`` pointing at the recorded BAN."""
    folder = tmp_path_factory.mktemp("orienter-ban")
    return write_orientation(folder / "orienter.html", demo, options=OrientationOptions(address_service=ban_server))


@pytest.mark.parametrize("size", [(390, 844), (1366, 900)], ids=["telephone", "ordinateur"])
def test_the_address_button_asks_the_ban_only_when_clicked_and_sends_only_the_address(
    browser_page, ban_page, assert_no_serious_axe_violations, size
):
    _RecordedBan.asked = []
    page_path = ban_page
    page = browser_page.page
    page.set_viewport_size({"width": size[0], "height": size[1]})
    _open(browser_page, page_path)
    button = page.locator("#adresse-ban")
    assert button.inner_text() == "Chercher cette adresse dans la Base Adresse Nationale"
    assert "Envoie seulement le texte tapé dans le champ à 127.0.0.1:" in page.inner_text("#adresse-ban-aide")
    assert button.bounding_box()["height"] >= 44
    typed = "12 Rue des Trois Cailloux, 80000 Amiens"
    page.fill("#commune-saisie", typed)
    page.select_option("#difficulte", "demarches")
    assert _RecordedBan.asked == []  # typing sends nothing
    button.click()
    page.wait_for_function("document.getElementById('commune-code').value !== ''")
    assert page.input_value("#commune-code") == "80021"
    assert page.inner_text("#adresse-note") == (
        "Adresse trouvée par la Base Adresse Nationale : « 12 Rue des Trois Cailloux 80000 Amiens » : "
        "la page compte depuis sa commune, Amiens (80000)."
    )
    (asked,) = _RecordedBan.asked
    assert parse_qs(urlsplit(asked).query) == {"q": [typed], "limit": ["1"]}
    # An address the BAN does not know: said, and read offline instead.
    page.fill("#commune-saisie", "99 Chemin des Écureuils Bleus, 60000 Beauvais")
    button.click()
    page.wait_for_function("document.getElementById('commune-code').value === '60057'")
    assert page.inner_text("#adresse-note").startswith("La Base Adresse Nationale ne connaît pas cette adresse ; adresse lue hors ligne")
    page.click("button[type=submit]")
    page.wait_for_selector("[data-acteur]")
    assert_no_serious_axe_violations(page)
    assert not browser_page.console_errors and browser_page.outside_requests() == []
