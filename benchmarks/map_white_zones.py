"""White zones drawn from the commune shapes: page size and time until ready at 390 px.

Ours: the demo ecosystem's Picardie map (self-contained, tile-less) with its coverage and
white zones, each zone the union of its communes' shapes (:mod:`nec_network.territory.shapes`).
Baseline, in the same run: the same page with every zone drawn as before the shapes, from
capped Voronoi cells (:func:`nec_network.views._map_geometry.commune_cells`). A second pair
takes the worst case for the drawing: a threshold so short that most communes are in a zone.

Times are measured inside the page with ``performance.now()`` (from navigation start to the
first frame where ``data-nec-carte="prete"``) in headless Chromium at 390 × 844 px; best of
``--repeats`` runs. Usage: ``python3 benchmarks/map_white_zones.py [--repeats N]``.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path
from unittest import mock

from _browser import time_to_ready
from nec_network.analysis.coverage import coverage_by_commune
from nec_network.analysis.criteria import Threshold
from nec_network.analysis.gaps import white_zones
from nec_network.demo import load_demo
from nec_network.views import zones as zone_views
from nec_network.views.map import MapLayers, MapOptions, build_map

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]
READY = "() => document.documentElement.dataset.necCarte === 'prete' && performance.now()"
GOAL_MB, GOAL_SECONDS = 3.0, 2.0


def page(threshold_km: float, *, shapes: bool) -> tuple[str, int, float]:
    """The map page, its number of white zones and the seconds Python took to build it."""
    ecosystem = load_demo()
    coverage = coverage_by_commune(ecosystem, threshold=Threshold(max_km=threshold_km))
    zones = white_zones(coverage)
    layers, options = MapLayers(coverage=coverage, white_zones=zones), MapOptions(tiles=False)
    started = time.perf_counter()
    if shapes:
        html = build_map(ecosystem, layers, options)
    else:
        with mock.patch.object(zone_views, "has_shapes", return_value=False):
            html = build_map(ecosystem, layers, options)
    return html, len(zones), time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3, help="mesures par page (défaut : 3)")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    cases = {"démo, seuil 10 km": 10.0, "pire cas, seuil 2 km": 2.0}
    with tempfile.TemporaryDirectory() as folder, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        for label, km in cases.items():
            measures = {}
            for shapes in (True, False):
                html, count, build = page(km, shapes=shapes)
                path = Path(folder) / f"carte-{km:g}-{shapes}.html"
                path.write_text(html, encoding="utf-8")
                size_mb = len(html.encode("utf-8")) / 1024 / 1024
                measures[shapes] = (size_mb, time_to_ready(browser, path, READY, args.repeats, width=390, height=844), build, count)
            ours_mb, ours_s, ours_build, count = measures[True]
            base_mb, base_s, base_build, _ = measures[False]
            print(
                f"{label} ({count} zones, {args.repeats} mesures, meilleure retenue, 390 px) : "
                f"formes {ours_mb:.2f} Mo prête en {ours_s:.2f} s (construite en {ours_build:.1f} s) ; "
                f"cellules {base_mb:.2f} Mo, {base_s:.2f} s ({base_build:.1f} s) ; "
                f"ratio taille {ours_mb / base_mb:.2f}, ratio temps {ours_s / base_s:.2f} "
                f"(objectif ≤ {GOAL_MB:g} Mo et ≤ {GOAL_SECONDS:g} s)"
            )
        browser.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
