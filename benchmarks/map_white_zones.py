"""White zones drawn from the commune shapes: page size and time until ready at 390 px.

Ours: the demo ecosystem's Picardie map (self-contained, tile-less) with its coverage and
white zones, each zone the union of its communes' shapes (:mod:`nec_network.territory.shapes`).
Baseline, in the same run: the same page with every zone drawn as before the shapes, from
capped Voronoi cells (:func:`nec_network.views._map_geometry.commune_cells`). A second pair
takes the worst case for the drawing: a threshold so short that most communes are in a zone.

Times are measured inside the page with ``performance.now()`` (from navigation start to the
first frame where ``data-nec-carte="prete"``) in headless Chromium at 390 × 844 px, in
``--pairs`` pairs (default 5, at least 5): our page then the baseline's, back to back in the
same browser; the time ratio is the median of the per-pair ratios, printed with the median
time of each side. Usage: ``python3 benchmarks/map_white_zones.py [--pairs N]``.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path
from unittest import mock

from _browser import MIN_PAIRS, load_seconds, paired

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
    parser.add_argument("--pairs", type=int, default=5, help="paires de mesures (défaut : 5)")
    args = parser.parse_args()
    if args.pairs < MIN_PAIRS:
        parser.error(f"au moins {MIN_PAIRS} paires")
    from playwright.sync_api import sync_playwright

    cases = {"démo, seuil 10 km": 10.0, "pire cas, seuil 2 km": 2.0}
    with tempfile.TemporaryDirectory() as folder, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        for label, km in cases.items():
            built = {}
            for shapes in (True, False):
                html, count, build = page(km, shapes=shapes)
                path = Path(folder) / f"carte-{km:g}-{shapes}.html"
                path.write_text(html, encoding="utf-8")
                built[shapes] = (path, len(html.encode("utf-8")) / 1024 / 1024, build, count)
            ours_path, ours_mb, ours_build, count = built[True]
            base_path, base_mb, base_build, _ = built[False]
            pairs = paired(
                lambda path=ours_path: load_seconds(browser, path, READY, width=390, height=844),
                lambda path=base_path: load_seconds(browser, path, READY, width=390, height=844),
                args.pairs,
            )
            print(
                f"{label} ({count} zones, médianes de {pairs.count} paires, 390 px) : "
                f"formes {ours_mb:.2f} Mo prête en {pairs.ours_median:.2f} s "
                f"(construite en {ours_build:.1f} s) ; "
                f"cellules {base_mb:.2f} Mo, {pairs.floor_median:.2f} s ({base_build:.1f} s) ; "
                f"ratio taille {ours_mb / base_mb:.2f}, ratio temps {pairs.ratio():.2f} "
                f"(objectif ≤ {GOAL_MB:g} Mo et ≤ {GOAL_SECONDS:g} s)"
            )
        browser.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
