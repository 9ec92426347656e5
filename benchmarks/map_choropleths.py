"""Communes coloured on the map: page size, time until ready and time to colour them, at 390 px.

Ours: the demo ecosystem's Picardie map (self-contained, tile-less) with its coverage, white
zones, the embedded fragility and the 2SFCA accessibility, and the shapes of the 2,248
communes (a topology of shared arcs, :func:`nec_network.territory.shapes.topology`) with the
département and EPCI outlines drawn from them. Baseline, in the same run: the same page
without the shape layers (no topology, so no coloured communes and Natural Earth's
département lines), as before the choropleths.

Measured inside the page with ``performance.now()`` in headless Chromium at 390 × 844 px: the
time from navigation start to the first frame where ``data-nec-carte="prete"``, and, on our
page, the time from choosing the fragility layer (the first choice builds the 2,248 polygons)
to the second frame after it. ``--repeats`` pairs, ours and the baseline back to back, each
first in every other pair (so a busy moment weighs on both); the ratios are the medians of the
pairs', the times the medians of each side. Goals (issue #17): ≤ 3 MB and interactive in ≤ 2 s.
Usage: ``python3 benchmarks/map_choropleths.py [--repeats N]``.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
from pathlib import Path
from unittest import mock

from _browser import MIN_PAIRS, load_seconds
from nec_network.analysis.accessibility import two_step_fca
from nec_network.analysis.coverage import coverage_by_commune
from nec_network.analysis.criteria import Threshold
from nec_network.analysis.gaps import white_zones
from nec_network.demo import load_demo
from nec_network.territory.fragility import embedded_fragility
from nec_network.views import _map_choropleth
from nec_network.views.map import MapLayers, MapOptions, build_map

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]
READY = "() => document.documentElement.dataset.necCarte === 'prete' && performance.now()"
COLOUR = """() => new Promise((done) => {
    const start = performance.now();
    necCarte.aplats.show('fragilite');
    requestAnimationFrame(() => requestAnimationFrame(() => done(performance.now() - start)));
})"""
GOAL_MB, GOAL_SECONDS = 3.0, 2.0
THRESHOLD = Threshold(max_km=10)


def page(*, shapes: bool) -> str:
    """The demo's Picardie map, with or without the communes' shapes."""
    ecosystem = load_demo()
    coverage = coverage_by_commune(ecosystem, threshold=THRESHOLD)
    layers = MapLayers(coverage=coverage, white_zones=white_zones(coverage), fragility=embedded_fragility(),
                       accessibility=two_step_fca(ecosystem, threshold=THRESHOLD))
    options = MapOptions(tiles=False, threshold=THRESHOLD)
    if shapes:
        return build_map(ecosystem, layers, options)
    no_topology = {"echelle": 10_000, "arcs": [], "communes": {}}
    # The territory's shapes are cached per territory: without clearing the cache, the
    # baseline would get the shapes our page computed (and ours the baseline's lack of them).
    _map_choropleth._territory_shapes.cache_clear()
    try:
        with mock.patch.object(_map_choropleth, "topology", return_value=no_topology):
            return build_map(ecosystem, layers, options)
    finally:
        _map_choropleth._territory_shapes.cache_clear()


def ready_and_colour(browser, path: Path) -> tuple[float, float]:  # noqa: ANN001 - a Playwright browser
    """Seconds until the page is ready, then from choosing the fragility layer to the second
    frame after it; a page error stops the benchmark."""
    tab = browser.new_page(viewport={"width": 390, "height": 844})
    errors: list[str] = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    tab.goto(path.as_uri(), wait_until="commit", timeout=120_000)
    ready = tab.wait_for_function(READY, polling="raf", timeout=120_000).json_value() / 1000
    colour = tab.evaluate(COLOUR) / 1000
    tab.close()
    if errors:
        raise SystemExit(f"erreur dans la page {path.name} : {errors[0]}")
    return ready, colour


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5, help="paires de mesures (défaut : 5)")
    args = parser.parse_args()
    if args.repeats < MIN_PAIRS:
        parser.error(f"au moins {MIN_PAIRS} paires")
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as folder, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        paths, sizes = {}, {}
        for shapes in (True, False):
            html = page(shapes=shapes)
            paths[shapes] = Path(folder) / f"carte-{shapes}.html"
            paths[shapes].write_text(html, encoding="utf-8")
            sizes[shapes] = len(html.encode("utf-8")) / 1024 / 1024
        pairs = []
        for k in range(args.repeats):
            # Each side goes first in every other pair.
            if k % 2:
                base = load_seconds(browser, paths[False], READY, width=390, height=844)
            ours, colour = ready_and_colour(browser, paths[True])
            if not k % 2:
                base = load_seconds(browser, paths[False], READY, width=390, height=844)
            pairs.append((ours, colour, base))
        browser.close()
    ours_s, colour_s, base_s = (statistics.median(pair[k] for pair in pairs) for k in range(3))
    ready_ratio = statistics.median(ours / base for ours, _, base in pairs)
    coloured_ratio = statistics.median((ours + colour) / base for ours, colour, base in pairs)
    print(
        f"carte de la démo, Picardie, 2 248 communes ({args.repeats} paires, 390 px) : "
        f"avec les formes {sizes[True]:.2f} Mo, prête en {ours_s:.2f} s, communes colorées en {colour_s:.2f} s "
        f"de plus ; sans les formes {sizes[False]:.2f} Mo, prête en {base_s:.2f} s (temps médians) ; "
        f"ratio taille {sizes[True] / sizes[False]:.2f}, ratio temps {ready_ratio:.2f}, "
        f"ratio temps coloré {coloured_ratio:.2f} (médianes des paires ; "
        f"objectif ≤ {GOAL_MB:g} Mo et ≤ {GOAL_SECONDS:g} s, couleurs comprises)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
