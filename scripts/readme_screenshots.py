"""Take the README's screenshots of the demo site, in headless Chromium, into ``docs/img/``.

    PYTHONPATH=. python3 scripts/readme_screenshots.py              # every image README shows
    PYTHONPATH=. python3 scripts/readme_screenshots.py reseau-focus carte-aplats

The demo site is built first into a temporary folder (``nec-network demo --sans-fond``); if that
build fails, nothing is written. ``SHOTS`` is the one table of the images: file name, page,
viewport and what a person does before the picture is taken (as the README's alt text says).
The images are written into ``docs/img/`` only when README references them, reduced to a
256-colour palette when that is smaller and keeps the colours (see ``smallest_png``).
Every console error or request leaving the machine is printed: a broken page is not pictured
silently.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import io
import re
import sys
import tempfile
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parent.parent
README = REPOSITORY / "README.md"
IMAGES = REPOSITORY / "docs" / "img"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]
LAPTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}
LOCAL = ("file:", "data:", "blob:", "about:", "http://127.0.0.1:")
#: What tells that each page has finished drawing.
READY = {
    "carte.html": "document.documentElement.dataset.necCarte === 'prete'",
    "reseau.html": "window.necReseau && window.necReseau.stable",
    "rapport.html": "[...document.images].every(image => image.complete)",
    "orienter.html": "document.documentElement.getAttribute('data-nec-orienter') === 'pret'",
    "guide.html": "document.querySelectorAll('main h2').length >= 8",
    "preparer.html": "document.querySelectorAll('main h2').length === 3",
    "index.html": "document.documentElement.dataset.necIndex === 'pret'",
    "accueil.html": "document.querySelector('nec-orienter').dataset.necOrienter === 'pret'",
}
#: The demo's village without a car (Gronard, Aisne), asked for as README's example question.
GRONARD = "?commune=02357&difficulte=demarches&public=Seniors&mobilite=pied"
HUB = "France Services d'Amiens"
#: The pages' clock, so that opening hours (« ouvert aujourd'hui ») and the printed sheet's date
#: do not change with the day the images are taken: a Monday morning after the demo's last update.
CLOCK = "2026-10-19T10:00:00+02:00"


# What a person does before each picture (the page is open and drawn).

def as_opened(page) -> None:
    """Nothing: the page as it first shows."""


def open_legend(page) -> None:
    """Unfold the map's legend if it is folded."""
    toggle = page.locator(".nec-legende-bouton")
    if toggle.get_attribute("aria-expanded") != "true":
        toggle.click()


def fragility_with_epci(page) -> None:
    """Legend open; communes coloured by fragility; EPCI outlines on."""
    open_legend(page)
    page.get_by_label("Fragilité numérique (approximation)").check()
    page.get_by_label("Limites des EPCI", exact=False).check()
    page.evaluate("document.querySelector('.nec-legende-corps').scrollTop = 0")


def event_layer(page) -> None:
    """Legend open; the « Événement » layer switched on."""
    open_legend(page)
    page.locator(".nec-legende label", has_text="Événement").locator("input").check()


def uncovered_communes_by_population(page) -> None:
    """« Tableau des communes, sans la carte »; uncovered communes only; sorted by population."""
    page.click(".nec-lien-tableau")
    page.select_option("#nec-filtre-classe", "proche")
    page.locator("#nec-table-communes th button", has_text="Population").click()
    page.wait_for_function("document.querySelector('#nec-table-communes th[aria-sort]')"
                           ".textContent === 'Population'")
    page.locator("#tableau-communes").scroll_into_view_if_needed()
    page.evaluate("document.getElementById('tableau-communes').scrollIntoView()")


def focus_hub(page) -> None:
    """France Services d'Amiens chosen in the network's search field."""
    page.fill("#nec-recherche", HUB)
    page.press("#nec-recherche", "Enter")
    page.wait_for_selector("#nec-focus h2")


def brokers_and_bridges(page) -> None:
    """The network's « Passeurs et ponts » view."""
    page.click("#nec-vue-ponts")
    page.wait_for_function("document.getElementById('nec-vue-ponts').ariaPressed === 'true'")


def after_the_event(page) -> None:
    """The timeline's « Après » button (on a phone, its settings unfolded first)."""
    if page.locator("#nec-apres").is_hidden():
        page.click("#nec-reglages summary")
    page.click("#nec-apres")
    page.wait_for_function("document.getElementById('nec-apres').ariaPressed === 'true'")


def printed_sheet(page) -> None:
    """A first name and a note for the sheet, then print media."""
    page.fill("#fiche-prenom", "Josiane")
    page.fill("#fiche-note", "Rappeler jeudi")
    page.emulate_media(media="print")


def printed(page) -> None:
    """Print media."""
    page.emulate_media(media="print")


@dataclass(frozen=True)
class Shot:
    """One README image: ``page`` (with its query) in ``viewport`` after ``action``."""

    name: str
    page: str
    viewport: dict[str, int]
    action: Callable = as_opened
    full_page: bool = False

    @property
    def file(self) -> str:
        return re.split(r"[?#]", self.page)[0]


#: file name, page (with its query), viewport, what a person does first, whole page or screen.
SHOTS = (
    Shot("carte.png", "carte.html", LAPTOP),
    Shot("carte-telephone.png", "carte.html", PHONE),
    Shot("carte-aplats.png", "carte.html", LAPTOP, fragility_with_epci),
    Shot("carte-evenement.png", "carte.html", LAPTOP, event_layer),
    Shot("carte-tableau.png", "carte.html", LAPTOP, uncovered_communes_by_population),
    Shot("reseau.png", "reseau.html", LAPTOP),
    Shot("reseau-telephone.png", "reseau.html", PHONE),
    Shot("reseau-focus.png", "reseau.html", LAPTOP, focus_hub),
    Shot("reseau-ponts.png", "reseau.html", LAPTOP, brokers_and_bridges),
    Shot("reseau-temps.png", "reseau.html", LAPTOP, after_the_event),
    Shot("reseau-temps-telephone.png", "reseau.html", PHONE, after_the_event),
    Shot("rapport.png", "rapport.html", LAPTOP),
    Shot("rapport-telephone.png", "rapport.html", PHONE),
    Shot("orienter.png", "orienter.html" + GRONARD + "&structure=ccas-laon", LAPTOP),
    Shot("orienter-telephone.png", "orienter.html" + GRONARD, PHONE),
    Shot("orienter-impression.png", "orienter.html" + GRONARD, LAPTOP, printed_sheet, True),
    Shot("guide-impression.png", "guide.html", LAPTOP, printed),
    Shot("site.png", "index.html", LAPTOP, as_opened, True),
    Shot("site-telephone.png", "index.html", PHONE, as_opened, True),
    Shot("element-orienter-1366.png", "accueil.html", LAPTOP),
    Shot("element-orienter-390.png", "accueil.html", PHONE),
    Shot("preparer-telephone.png", "preparer.html", PHONE),
)


def readme_images(readme: Path = README) -> set[str]:
    """File names of ``docs/img/`` that README references."""
    return set(re.findall(r"docs/img/([\w.-]+\.png)", readme.read_text(encoding="utf-8")))


def host_page_of_the_readme(readme: Path = README) -> str:
    """The partner's page README tells a webmaster to copy (``<nec-orienter>``, ``<nec-carte>``)."""
    text = readme.read_text(encoding="utf-8")
    section = text.split("### Intégrer « Où orienter ? » et la carte", 1)[1]
    return re.search(r"```html\n(.*?)```", section, re.S).group(1)


def build_demo(folder: Path) -> None:
    """Write the demo site into ``folder``; raise SystemExit (nothing written) if it fails."""
    from nec_network.cli import main

    refused = "La démonstration n'a pas pu être construite ({}) : aucune capture écrite."
    try:
        code = main(["demo", "-o", str(folder), "--sans-fond", "--force"])
    except Exception as error:  # noqa: BLE001 - any failure of the build stops the screenshots
        raise SystemExit(refused.format(error)) from error
    if code != 0:
        raise SystemExit(refused.format(f"code {code}"))
    (folder / "accueil.html").write_text(host_page_of_the_readme(), encoding="utf-8")


@contextmanager
def served(folder: Path) -> Iterator[str]:
    """Serve ``folder`` on 127.0.0.1 (the partner's page fetches its data); yield its base URL."""
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args) -> None:
            pass

    handler = functools.partial(Quiet, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def smallest_png(png: bytes, tolerance: int = 16, flat: int = 6, frequent: int = 100) -> bytes:
    """``png`` as it is, or as a 256-colour palette when that is smaller and keeps the colours:
    every colour drawn on at least ``frequent`` pixels (fills, swatches, text) within
    ``tolerance`` levels in each channel, and 99 % of those pixels (backgrounds: a tint shows
    on a large area) within ``flat``; rare colours (anti-aliased edges) may move more."""
    import numpy as np
    from PIL import Image

    image = Image.open(io.BytesIO(png)).convert("RGB")
    palette = image.quantize(colors=256, method=Image.Quantize.MAXCOVERAGE, kmeans=2)
    pixels = np.asarray(image).reshape(-1, 3).astype(np.int32)
    error = np.abs(pixels - np.asarray(palette.convert("RGB")).reshape(-1, 3)).max(axis=1)
    colour = pixels @ [65536, 256, 1]
    _, which, counts = np.unique(colour, return_inverse=True, return_counts=True)
    common = error[counts[which] >= frequent]
    if common.size == 0 or common.max() > tolerance or np.percentile(common, 99) > flat:
        return png
    out = io.BytesIO()
    palette.save(out, format="PNG", optimize=True)
    return min(png, out.getvalue(), key=len)


def take(browser, shot: Shot, folder: Path, base_url: str) -> tuple[bytes, list[str]]:
    """The PNG of ``shot`` and what went wrong on its page (console errors, outside requests)."""
    context = browser.new_context(viewport=shot.viewport, locale="fr-FR",
                                  timezone_id="Europe/Paris", service_workers="block")
    context.clock.set_fixed_time(CLOCK)
    problems: list[str] = []

    def keep_offline(route) -> None:
        if route.request.url.startswith(LOCAL):
            route.continue_()
        else:
            problems.append(f"requête sortante : {route.request.url}")
            route.abort()

    def on_console(message) -> None:
        if message.type == "error":
            problems.append(f"console : {message.text}")

    context.route("**/*", keep_offline)
    context.set_default_timeout(30_000)
    page = context.new_page()
    page.on("console", on_console)
    page.on("pageerror", lambda error: problems.append(f"erreur : {error}"))
    query = shot.page[len(shot.file):]
    # The partner's page fetches its data: it is served; the site's own pages open as files.
    served_page = shot.file == "accueil.html"
    url = base_url + shot.page if served_page else (folder / shot.file).as_uri() + query
    try:
        page.goto(url, wait_until="load", timeout=60_000)
        page.wait_for_function(READY[shot.file], timeout=60_000)
        shot.action(page)
        page.wait_for_timeout(300)  # let transitions and redraws end
        return page.screenshot(full_page=shot.full_page), problems
    finally:
        context.close()


def parse_arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Prend les captures du README sur le site de démonstration."
    )
    parser.add_argument("noms", nargs="*",
                        help="captures à reprendre (défaut : toutes), ex. reseau-focus")
    parser.add_argument("-o", "--sortie", type=Path, default=IMAGES,
                        help="dossier des images (défaut : docs/img)")
    return parser.parse_args(argv)


def chosen_shots(names: list[str], referenced: set[str]) -> list[Shot]:
    """The shots named (all when none is); SystemExit on a name unknown here or to README."""
    unknown = [shot.name for shot in SHOTS if shot.name not in referenced]
    if unknown:
        raise SystemExit(f"README ne montre pas {', '.join(unknown)} : "
                         "ajoutez-les au README ou retirez-les de SHOTS.")
    known = {shot.name.removesuffix(".png") for shot in SHOTS}
    if strange := [name for name in names if name.removesuffix(".png") not in known]:
        raise SystemExit(f"Capture inconnue : {', '.join(strange)} "
                         f"(connues : {', '.join(sorted(known))}).")
    wanted = {name.removesuffix(".png") for name in names}
    return [shot for shot in SHOTS if not wanted or shot.name.removesuffix(".png") in wanted]


def main(argv: list[str] | None = None) -> int:
    arguments = parse_arguments(argv)
    referenced = readme_images()
    wanted = chosen_shots(arguments.noms, referenced)
    if not CHROMIUM.exists():
        raise SystemExit(f"{CHROMIUM} absent : apt-get install chromium fonts-dejavu-core")
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="nec-captures-") as name:
        folder = Path(name)
        print("Construction de la démonstration…", file=sys.stderr)
        build_demo(folder)
        arguments.sortie.mkdir(parents=True, exist_ok=True)
        with served(folder) as base_url, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True,
                                                 args=CHROMIUM_ARGS)
            for shot in wanted:
                png, problems = take(browser, shot, folder, base_url)
                data = smallest_png(png)
                (arguments.sortie / shot.name).write_bytes(data)
                print(f"{shot.name} : {len(data) // 1024} Kio "
                      f"({len(png) // 1024} Kio avant réduction)")
                for problem in problems:
                    print(f"  {shot.name} — {problem}")
            browser.close()
    missing = sorted(referenced - {shot.name for shot in SHOTS})
    if missing:
        print(f"README montre aussi, sans capture ici : {', '.join(missing)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
