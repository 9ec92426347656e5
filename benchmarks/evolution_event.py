"""What one event created, on 20,000 actors and 100,000 dated ties, against the bare snapshots.

Goal: :func:`nec_network.analysis.evolution.event_effect` (ties before, after, created and
ended, new ties among participants against the others, bridges with their reasons — Louvain
communities of the network before included —, largest component, Burt constraint of the
participants, Kaplan–Meier survival) in at most 10 s on the shared 2-core machine.

Baseline, measured in the same run: building the two networkx snapshots alone (the graph the
day before the event and the graph on the reference date, every actor a node, the
partnerships there on each day added as edges, their dates compared in plain Python) — the
least any before/after measure must do. Each repeat times the baseline then ours; the script
prints the median of ``--repeats`` pairs (5 by default) and ``ratio_vs_snapshots``; the same
without the community reason of bridges (``communities=False``: no Louvain), which shows what
the Louvain communities of the network before cost.

The ecosystem is seeded: actors in the three départements with a typology each,
partnerships between random pairs (80 % among the 12 neighbours in a ring, to give a
network with communities), starts spread over 2018–2026 at day, month or year precision,
one in three ended, 5 % undated, 2 % born at the event; 300 participants. Run:
``python3 benchmarks/evolution_event.py [--quick] [--repeats N]`` (``--quick``: 5,000 actors
and 25,000 ties).
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import time

import networkx as nx
import numpy as np

from nec_network.analysis.evolution import event_effect
from nec_network.model import Actor, Ecosystem, Event, PartialDate, Partnership

GOAL_SECONDS = 10.0
EVENT_DAY = dt.date(2024, 6, 12)
AT = dt.date(2026, 6, 30)
_COMMUNES = ("02691", "60057", "80021", "02408", "60159", "80001")
_TYPOLOGIES = ("CCAS", "BIB", "MUNI", "ASSO", "FRANCE_SERVICES", "CS", "TIERS_LIEUX", "PE")


def synthetic_history(actors: int, ties: int, *, seed: int = 0) -> Ecosystem:
    """The seeded ecosystem described in the module docstring."""
    rng = np.random.default_rng(seed)
    people = [Actor(id=f"a{i}", nom=f"Acteur fictif {i}", code_insee=_COMMUNES[int(rng.integers(len(_COMMUNES)))],
                    typologies=(_TYPOLOGIES[int(rng.integers(len(_TYPOLOGIES)))],)) for i in range(actors)]
    participants = tuple(f"a{i}" for i in rng.choice(actors, size=300, replace=False))
    links, seen = [], set()
    first = dt.date(2018, 1, 1).toordinal()
    while len(links) < ties:
        source = int(rng.integers(actors))
        near = rng.random() < 0.8
        cible = (source + int(rng.integers(1, 13))) % actors if near else int(rng.integers(actors))
        pair = (min(source, cible), max(source, cible))
        if source == cible or pair in seen:
            continue
        seen.add(pair)
        start = dt.date.fromordinal(first + int(rng.integers(8 * 365)))
        precision = rng.random()
        debut = (None if precision < 0.05 else PartialDate(start.year) if precision < 0.2
                 else PartialDate(start.year, start.month) if precision < 0.5 else PartialDate.from_date(start))
        fin = None
        if debut is not None and rng.random() < 1 / 3:
            fin = PartialDate.from_date(debut.last_day + dt.timedelta(days=int(rng.integers(30, 900))))
        born = rng.random() < 0.02
        if born:
            source, cible = (int(participants[int(rng.integers(300))][1:]) for _ in range(2))
            if source == cible:
                continue
        links.append(Partnership(source=f"a{source}", cible=f"a{cible}", type="partenariat", debut=debut, fin=fin,
                                 evenement="nec" if born else ""))
    event = Event(id="nec", nom="NEC fictif", date=PartialDate.from_date(EVENT_DAY), participants=participants)
    return Ecosystem(people, links, events=[event])


def snapshots(ecosystem: Ecosystem) -> tuple[nx.Graph, nx.Graph]:
    """The baseline: the graphs the day before the event and on the reference date."""
    day_before = EVENT_DAY - dt.timedelta(days=1)
    graphs = []
    for day in (day_before, AT):
        graph = nx.Graph()
        graph.add_nodes_from(actor.id for actor in ecosystem)
        graph.add_edges_from(
            (link.source, link.cible) for link in ecosystem.partnerships
            if (link.debut is None or link.debut.first_day <= day) and (link.fin is None or day <= link.fin.last_day)
        )
        graphs.append(graph)
    return graphs[0], graphs[1]


def _timed(work) -> float:  # noqa: ANN001 - a callable
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="5,000 actors and 25,000 ties")
    parser.add_argument("--repeats", type=int, default=5, help="pairs of runs (median reported; default 5)")
    args = parser.parse_args()
    actors, ties = (5_000, 25_000) if args.quick else (20_000, 100_000)
    ecosystem = synthetic_history(actors, ties)
    effect = event_effect(ecosystem, "nec", at=AT)
    print(f"{len(ecosystem)} acteurs, {len(ecosystem.partnerships)} liens datés ou non ; événement du "
          f"{EVENT_DAY} ({len(effect.participants)} participants), référence {AT}")
    print(f"liens avant {effect.ties_before}, après {effect.ties_after}, créés {effect.ties_created}, "
          f"terminés {effect.ties_ended}, sans date {effect.ties_undated}, ponts {len(effect.bridges)}, "
          f"survie 6 mois {effect.survival_6_months:.3f}")
    baseline, ours, plain = [], [], []
    for _ in range(args.repeats):
        baseline.append(_timed(lambda: snapshots(ecosystem)))
        ours.append(_timed(lambda: event_effect(ecosystem, "nec", at=AT)))
        plain.append(_timed(lambda: event_effect(ecosystem, "nec", at=AT, communities=False)))
    base, mine, without = statistics.median(baseline), statistics.median(ours), statistics.median(plain)
    print(f"snapshots networkx seuls : {base:.2f} s (médiane de {args.repeats})")
    print(f"event_effect : {mine:.2f} s (médiane de {args.repeats}) ; objectif {GOAL_SECONDS:.0f} s")
    print(f"event_effect sans la raison « communautés » (pas de Louvain) : {without:.2f} s "
          f"ratio_vs_snapshots={without / base:.2f}")
    print(f"evolution {actors} acteurs {ties} liens : {mine:.2f} s (référence snapshots {base:.2f} s) "
          f"ratio_vs_snapshots={mine / base:.2f} ratio_vs_goal={mine / GOAL_SECONDS:.2f}")


if __name__ == "__main__":
    main()
