"""Benchmark: a 2,000-actor network page, visible and stable in headless Chromium.

Generates a seeded ecosystem of 2,000 actors placed at communes of the Pays picards
(drawn by population) with about 4,600 partnerships, writes our page with the
geographic layout (what ``layout="auto"`` picks at this size) and with the physics
layout, and next to them a baseline: the page plain pyvis writes for the same graph
(``Network.from_nx`` with its default options, assets inlined the same way). Each page is
opened in the Chromium of the browser tests; times are read inside the page with
``performance.now()`` (milliseconds since navigation start): *visible* at the first
drawing, *stable* when the forces are off or vis-network reports the layout stabilised.

Run: ``python3 benchmarks/network_2000_nodes.py [--quick] [--repeats N]``. The full run
takes about five minutes, mostly waiting for the baseline (three minutes of stabilisation at
2,000 nodes); ``--quick`` (600 actors, one repeat) about one. The last line
is ``ratio_vs_goal=<seconds/5>`` for the default (auto) page: below 1 meets the goal of
a network visible and stable in under 5 s.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import networkx as nx
import numpy as np
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import sync_playwright
from pyvis.network import Network

from nec_network.model import Actor, Ecosystem, Partnership
from nec_network.model.vocabularies import PARTNERSHIP_TYPES, SERVICES
from nec_network.territory import load_communes
from nec_network.views._page_inlining import make_self_contained
from nec_network.views.network import NetworkOptions, build_network, network_layout

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]
GOAL_SECONDS = 5.0
TIMEOUT_SECONDS = 180
TYPOLOGIES = ("RFS", "BIB", "CCAS", "CS", "MUNI", "ML", "EPN", "ASSO", "TIERS_LIEUX")

# Installed before any page script of the baseline page, which records nothing itself: as
# soon as pyvis' ``network`` exists (before its stabilisation starts, which vis-network runs
# in later tasks), note when the stabilisation ends and the layout is shown, and when vis-network
# reports the nodes at rest ("stabilized": pyvis leaves the forces on).
PROBE = """
(() => {
  window.__shown = null;
  window.__still = null;
  const tick = () => {
    const net = window.network;
    if (net && net.physics) {
      net.once("stabilizationIterationsDone", () => { window.__shown = performance.now(); });
      net.on("stabilized", () => {
        if (window.__still === null) { window.__still = performance.now(); }
      });
      return;
    }
    setTimeout(tick, 5);
  };
  tick();
})();
"""
#: How long the baseline is watched for rest once its layout is shown.
STILL_SECONDS = 30


def generated_ecosystem(size: int, seed: int = 2024) -> Ecosystem:
    """``size`` actors at communes of 02, 60 and 80 (weighted by population), seeded links."""
    rng = np.random.default_rng(seed)
    communes = load_communes(departements=["02", "60", "80"]).reset_index(drop=True)
    weights = communes["population"].to_numpy(dtype=float)
    picked = rng.choice(len(communes), size=size, p=weights / weights.sum())
    services = list(SERVICES)
    actors = []
    for number, row_index in enumerate(picked):
        commune = communes.iloc[int(row_index)]
        typology = TYPOLOGIES[int(rng.integers(len(TYPOLOGIES)))]
        offered = rng.choice(len(services), size=int(rng.integers(1, 4)), replace=False)
        actors.append(
            Actor(
                id=f"a{number:04d}",
                nom=f"{typology} {commune['nom']} n°{number}",
                typologies=(typology,),
                code_insee=commune["code_insee"],
                commune=commune["nom"],
                latitude=float(commune["latitude"]),
                longitude=float(commune["longitude"]),
                services=tuple(services[int(i)] for i in sorted(offered)),
            )
        )
    types = list(PARTNERSHIP_TYPES)
    links = []
    for number in range(1, size):
        for _ in range(int(rng.integers(1, 4))):
            other = int(rng.integers(number))
            links.append(
                Partnership(
                    actors[number].id, actors[other].id, types[int(rng.integers(len(types)))]
                )
            )
    return Ecosystem(actors, links, name="Banc d'essai")


def baseline_page(ecosystem: Ecosystem) -> str:
    """What plain pyvis writes for the same graph (default options), assets inlined."""
    graph = nx.Graph()
    for actor in ecosystem:
        graph.add_node(actor.id, label=actor.nom)
    graph.add_edges_from((link.source, link.cible) for link in ecosystem.partnerships)
    network = Network(cdn_resources="remote")
    network.from_nx(graph)
    return make_self_contained(network.generate_html())


def measure(browser, path: Path, repeats: int) -> dict[str, float | None]:
    """Best times in seconds over ``repeats`` fresh pages (None: not reached in time).

    ``visible``: first drawing; ``stable``: layout final, nothing moves any more (our page
    turns the forces off), or for the baseline its stabilisation done and the layout shown;
    ``still``: the baseline at rest, which pyvis' ever-running forces may never reach.
    """
    found: dict[str, list[float]] = {"visible": [], "stable": [], "still": []}
    for _ in range(repeats):
        context = browser.new_context(viewport={"width": 1280, "height": 800})
        context.add_init_script(PROBE)
        page = context.new_page()
        page.goto(path.as_uri(), wait_until="load", timeout=TIMEOUT_SECONDS * 1000)
        try:
            page.wait_for_function(
                "(window.necReseau && window.necReseau.stable) || window.__shown !== null",
                timeout=TIMEOUT_SECONDS * 1000,
                polling=50,
            )
        except PlaywrightTimeout:
            context.close()
            continue
        own = page.evaluate("window.necReseau || null")
        if own:
            found["visible"].append(own["visible"] / 1000)
            found["stable"].append(own["duree"] / 1000)
        else:
            found["stable"].append(page.evaluate("window.__shown") / 1000)
            try:
                page.wait_for_function(
                    "window.__still !== null", timeout=STILL_SECONDS * 1000, polling=100
                )
                found["still"].append(page.evaluate("window.__still") / 1000)
            except PlaywrightTimeout:
                pass
        context.close()
    return {name: min(values) if values else None for name, values in found.items()}


def seconds(value: float | None, missing: str = f"> {TIMEOUT_SECONDS} s") -> str:
    return f"{value:.2f} s".replace(".", ",") if value is not None else missing


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="600 actors, one repeat")
    parser.add_argument("--repeats", type=int, default=3)
    options = parser.parse_args()
    size = 600 if options.quick else 2000
    repeats = 1 if options.quick else options.repeats

    ecosystem = generated_ecosystem(size)
    print(
        f"Écosystème généré : {len(ecosystem)} acteurs, {len(ecosystem.partnerships)} partenariats"
    )
    folder = Path(tempfile.mkdtemp(prefix="banc-reseau-"))
    pages: dict[str, Path] = {}
    for name, layout in (("auto", "auto"), ("physique", "physique")):
        builds = []
        for _ in range(repeats):
            start = time.perf_counter()
            html = build_network(ecosystem, NetworkOptions(layout=layout))
            builds.append(time.perf_counter() - start)
        pages[name] = folder / f"reseau-{name}.html"
        pages[name].write_text(html, encoding="utf-8")
        print(
            f"page {name} ({network_layout(ecosystem, layout)}) : construite en "
            f"{seconds(min(builds))} (meilleure de {repeats}), "
            f"{pages[name].stat().st_size / 1000:.0f} ko"
        )
    pages["pyvis"] = folder / "reseau-pyvis.html"
    pages["pyvis"].write_text(baseline_page(ecosystem), encoding="utf-8")
    print(f"page pyvis brut : {pages['pyvis'].stat().st_size / 1000:.0f} ko")

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        # The baseline takes minutes at this size: one run of it.
        results = {
            name: measure(browser, path, 1 if name == "pyvis" else repeats)
            for name, path in pages.items()
        }
        browser.close()
    for name in ("auto", "physique"):
        print(
            f"{name} : visible {seconds(results[name]['visible'])}, stable et immobile "
            f"{seconds(results[name]['stable'])} (meilleur de {repeats}, {size} nœuds)"
        )
    baseline = results["pyvis"]["stable"]
    still = results["pyvis"]["still"]
    print(
        f"pyvis brut : disposition affichée {seconds(baseline)}, immobile "
        f"{seconds(still, f'pas en {STILL_SECONDS} s de plus')} (forces jamais coupées ; "
        "une seule mesure)"
    )
    for name in ("auto", "physique"):
        stable = results[name]["stable"]
        ratio = f"{stable / baseline:.2f}" if stable is not None and baseline is not None else "n/a"
        print(
            f"reseau {size} noeuds {name} : {seconds(stable)} "
            f"(référence pyvis brut {seconds(baseline)}) ratio {ratio}"
        )
    auto = results["auto"]["stable"]
    print(f"ratio_vs_goal={(auto if auto is not None else TIMEOUT_SECONDS) / GOAL_SECONDS:.3f}")


if __name__ == "__main__":
    main()
