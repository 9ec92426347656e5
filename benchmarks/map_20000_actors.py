"""Map of 20,000 actors: time until markers or clusters show in Chromium, and page size.

Ours: :func:`nec_network.views.map.build_map` (self-contained, tile-less) on 20,000 seeded
synthetic actors placed around the communes of Picardie. Baseline, in the same run: a
plain folium map with one ``folium.Marker`` per actor on a 2,000-actor sample (also
self-contained and tile-less), whose time is extrapolated linearly to 20,000 (it grows at
least linearly: one DOM element and one script statement per marker).

Times are measured inside the page with ``performance.now()`` (from navigation start to
the first frame where the condition holds), in ``--pairs`` pairs (default 5, at least 5): our
page until the first marker or cluster shows, then the baseline page, back to back in the same
browser; the ratio is the median of the per-pair ratios (ours / baseline extrapolated), printed
with the median time of each side. The time until our clustering is finished is the median of
as many further loads.

Page build (Python) against its floor: folium's ``FastMarkerCluster`` on the same points
(coordinates only, no popups), built and rendered in the same run; the ratio is the median
of ``--pairs`` pairs (default 5), each pair timing ours then the floor back to back, each
build started after a collection of the garbage before it. The same ratio in CPU time
(``time.process_time``) is printed too: on a shared machine it moves less with the load.
Usage: ``python3 benchmarks/map_20000_actors.py [--quick] [--pairs N] [--build-only]``.
"""

from __future__ import annotations

import argparse
import gc
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

import folium
from _browser import MIN_PAIRS, load_seconds, paired
from folium.plugins import FastMarkerCluster

from nec_network.model import Actor, Ecosystem
from nec_network.model.vocabularies import PUBLICS, SERVICES, TYPOLOGIES
from nec_network.territory import load_communes
from nec_network.views._page_inlining import make_self_contained
from nec_network.views.map import MapOptions, build_map

GOAL_SECONDS = 5.0
SAMPLE = 2_000
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]

OURS_LOADED = "() => document.documentElement.dataset.necCarte === 'prete' && performance.now()"
OURS_VISIBLE = (
    "() => window.necCarte && document.querySelector('.marker-cluster, .nec-pin') "
    "&& performance.now()"
)


def baseline_visible(count: int) -> str:
    return (
        f"() => document.querySelectorAll('.leaflet-marker-icon').length >= {count} "
        "&& performance.now()"
    )


def synthetic_ecosystem(size: int, seed: int = 0) -> Ecosystem:
    """``size`` actors around random communes of Picardie, with typologies and services."""
    rng = random.Random(seed)
    communes = load_communes()
    rows = list(communes.itertuples(index=False))
    typologies = sorted(TYPOLOGIES.values)[:12]
    services = list(SERVICES.values)
    publics = list(PUBLICS.values)
    actors = []
    for number in range(size):
        commune = rng.choice(rows)
        actors.append(
            Actor(
                id=f"a{number}",
                nom=f"Acteur {number} de {commune.nom}",
                typologies=(rng.choice(typologies),),
                adresse=f"{rng.randint(1, 80)} rue de la Mairie",
                code_postal=commune.codes_postaux.split("|")[0],
                commune=commune.nom,
                code_insee=commune.code_insee,
                latitude=commune.latitude + rng.uniform(-0.01, 0.01),
                longitude=commune.longitude + rng.uniform(-0.01, 0.01),
                services=tuple(rng.sample(services, 3)),
                publics=tuple(rng.sample(publics, 2)),
                horaires="Mo-Fr 09:00-12:00",
                telephone="03 22 00 00 00",
                courriels=(f"contact{number}@exemple.fr",),
                sites_web=(f"https://exemple.fr/{number}",),
            )
        )
    return Ecosystem(actors)


def folium_baseline(ecosystem: Ecosystem) -> str:
    """What folium users write: one Marker (with popup and tooltip) per actor."""
    carte = folium.Map(location=[49.6, 2.8], zoom_start=8, tiles=None, maxZoom=18)
    for actor in ecosystem:
        folium.Marker([actor.latitude, actor.longitude], popup=actor.nom, tooltip=actor.nom).add_to(
            carte
        )
    return make_self_contained(carte.get_root().render())


def fast_marker_cluster(ecosystem: Ecosystem) -> str:
    """The floor of a page build: folium's FastMarkerCluster over the bare coordinates."""
    carte = folium.Map(location=[49.6, 2.8], zoom_start=8, tiles=None, maxZoom=18)
    FastMarkerCluster([[actor.latitude, actor.longitude] for actor in ecosystem]).add_to(carte)
    return carte.get_root().render()


def _timed(build, *args) -> tuple[float, float]:
    """Wall and CPU seconds of ``build(*args)``, started without earlier garbage: a collection
    set off by the previous build's leftovers would otherwise be billed to this one."""
    gc.collect()
    wall, cpu = time.perf_counter(), time.process_time()
    build(*args)
    return time.perf_counter() - wall, time.process_time() - cpu


def build_ratio(ecosystem: Ecosystem, pairs: int) -> tuple[float, float, float, float]:
    """Median build time of ours and of the floor (s), the median of per-pair ratios of wall
    time, and of CPU time (less moved by the other processes of a shared machine)."""
    ours_times, floor_times, ratios, cpu_ratios = [], [], [], []
    for _ in range(pairs):
        ours, ours_cpu = _timed(build_map, ecosystem, None, MapOptions(tiles=False))
        floor, floor_cpu = _timed(fast_marker_cluster, ecosystem)
        ours_times.append(ours)
        floor_times.append(floor)
        ratios.append(ours / floor)
        cpu_ratios.append(ours_cpu / floor_cpu)
    return (statistics.median(ours_times), statistics.median(floor_times), statistics.median(ratios),
            statistics.median(cpu_ratios))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="5 000 acteurs au lieu de 20 000")
    parser.add_argument("--pairs", type=int, default=5, help="paires de mesures (5)")
    parser.add_argument("--build-only", action="store_true", help="construction seule")
    args = parser.parse_args()
    if args.pairs < MIN_PAIRS:
        parser.error(f"au moins {MIN_PAIRS} paires")
    size = 5_000 if args.quick else 20_000
    sample = min(SAMPLE, size)

    from playwright.sync_api import sync_playwright

    ecosystem = synthetic_ecosystem(size)
    ours_build, floor_build, ratio, cpu_ratio = build_ratio(ecosystem, args.pairs)
    print(
        f"construction de la page, {size} acteurs : {ours_build:.2f} s contre FastMarkerCluster "
        f"{floor_build:.2f} s (médianes de {args.pairs} paires) ratio {ratio:.2f} (objectif ≤ 2), "
        f"ratio temps CPU {cpu_ratio:.2f}"
    )
    if args.build_only:
        return 0
    started = time.perf_counter()
    ours = build_map(ecosystem, None, MapOptions(tiles=False))
    build_seconds = time.perf_counter() - started
    baseline = folium_baseline(Ecosystem(ecosystem.actors[:sample]))
    empty_kb = len(folium_baseline(Ecosystem()).encode("utf-8")) / 1024

    with tempfile.TemporaryDirectory() as folder, sync_playwright() as playwright:
        ours_path = Path(folder) / "carte.html"
        ours_path.write_text(ours, encoding="utf-8")
        base_path = Path(folder) / "folium.html"
        base_path.write_text(baseline, encoding="utf-8")
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        pairs = paired(
            lambda: load_seconds(browser, ours_path, OURS_VISIBLE),
            lambda: load_seconds(browser, base_path, baseline_visible(sample)),
            args.pairs,
        )
        loaded_seconds = statistics.median(
            load_seconds(browser, ours_path, OURS_LOADED) for _ in range(args.pairs)
        )
        browser.close()

    extrapolated = pairs.floor_median * size / sample
    ours_kb = len(ours.encode("utf-8")) / 1024
    base_kb = len(baseline.encode("utf-8")) / 1024
    print(
        f"acteurs : {size} (référence folium sur {sample}, extrapolée), {pairs.count} paires "
        "(notre page puis la référence), médianes"
    )
    print(f"construction de la page (Python) : {build_seconds:.2f} s")
    per_actor_kb = (base_kb - empty_kb) / sample
    print(
        f"taille : carte {ours_kb:.0f} ko ; folium brut {base_kb:.0f} ko pour {sample} acteurs "
        f"(~{empty_kb + per_actor_kb * size:.0f} ko extrapolés à {size})"
    )
    print(
        f"carte {size} acteurs : {pairs.ours_median:.2f} s "
        f"(référence folium brut {extrapolated:.2f} s, {pairs.floor_median:.2f} s mesurées "
        f"sur {sample} ; médianes de {pairs.count} paires) "
        f"ratio {pairs.ratio(size / sample):.2f}"
    )
    print(
        f"carte {size} acteurs entièrement chargée (regroupement terminé) : "
        f"{loaded_seconds:.2f} s (médiane de {args.pairs} chargements)"
    )
    print(f"ratio_vs_goal={pairs.ours_median / GOAL_SECONDS:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
