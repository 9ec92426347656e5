"""Evolution of the network: a small case computed by hand, and an independent networkx oracle."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import networkx as nx
import pytest

from nec_network.analysis.evolution import (
    actor_changes,
    event_effect,
    network_at,
    reference_date,
    tie_changes,
)
from nec_network.errors import NecNetworkError
from nec_network.model import Actor, Ecosystem, Event, Partnership, PartialDate

AISNE, SOMME = "02691", "80021"
AT = dt.date(2026, 6, 30)


def _date(text: str) -> PartialDate:
    return PartialDate.parse(text)


def _link(source: str, cible: str, debut: str = "", fin: str = "", **options: object) -> Partnership:
    return Partnership(source, cible, str(options.pop("type", "partenariat")),
                       debut=_date(debut) if debut else None, fin=_date(fin) if fin else None, **options)


@pytest.fixture
def history() -> Ecosystem:
    """The case of the module's hand computation (see each test)."""
    places = {"a": (AISNE, "MUNI"), "b": (AISNE, "MUNI"), "c": (AISNE, "MUNI"), "d": (SOMME, "ASSO"),
              "e": (SOMME, "ASSO"), "f": (SOMME, "MUNI"), "g": (AISNE, "ASSO"), "h": (AISNE, "MUNI")}
    actors = [Actor(x, f"Acteur {x}", code_insee=code, typologies=(kind,)) for x, (code, kind) in places.items()]
    links = [
        _link("a", "b", "2023"),
        _link("b", "c", "2024-02", "2025-09"),
        _link("a", "d", "2025-07"),
        _link("d", "e"),  # undated
        _link("g", "h", "2020", "2024-12"),
        _link("c", "e", fin="2025-10", evenement="nec"),  # born at the event, dated by it
        _link("f", "b", "2025-06-12", "2026-01", type="orientation"),
        _link("b", "f", "2025-06-12", "2026-01"),  # the same tie declared twice counts once
        _link("a", "c", "2025-08"),
        _link("g", "h", "2026-02"),  # ended, then started again
        _link("e", "h", "2026-09"),  # not yet
    ]
    event = Event("nec", "NEC local (fictif)", _date("2025-06-12"), participants=("a", "d", "f"), organisateurs=("b",))
    return Ecosystem(actors, links, events=[event])


def test_the_event_effect_computed_by_hand(history: Ecosystem) -> None:
    effect = event_effect(history, "nec", at=AT)
    assert (effect.ties_before, effect.ties_after, effect.ties_created, effect.ties_ended) == (3, 5, 5, 3)
    assert effect.ties_undated == 1
    assert set(effect.created) == {("a", "d"), ("c", "e"), ("b", "f"), ("a", "c"), ("g", "h")}
    assert set(effect.ended) == {("b", "c"), ("c", "e"), ("b", "f")}
    assert effect.participants == ("a", "b", "d", "f")
    assert (effect.created_among_participants, effect.created_among_others, effect.created_across) == (2, 2, 1)
    # Pairs with no tie before: 6 - 1 among attendees, 6 among the others, 16 - 2 across.
    assert effect.rate_participants == pytest.approx(2 / 5)
    assert effect.rate_others == pytest.approx(2 / 6)
    assert effect.rate_across == pytest.approx(1 / 14)
    reasons = {(bridge.source, bridge.cible): bridge.reasons for bridge in effect.bridges}
    assert reasons == {
        ("a", "d"): ("disconnected", "community", "departement", "typology"),
        ("c", "e"): ("disconnected", "community", "departement", "typology"),
        ("b", "f"): ("disconnected", "departement"),
        ("g", "h"): ("disconnected", "typology"),
    }
    assert effect.bridges_by_reason["disconnected"] == 4
    assert (effect.largest_component_before, effect.largest_component_after) == (3, 5)
    # Burt constraint: before a=1, b=1/4+1/4, d=1; after a=3 x 1/9, b=1, d=1/2 (f has no tie).
    assert effect.constraint_before == pytest.approx((1 + 0.5 + 1) / 3)
    assert effect.constraint_after == pytest.approx((1 / 3 + 1 + 0.5) / 3)
    # Durations: c-e 141 days ended, g-h 149 censored, b-f 233 ended, a-c 333 and a-d 364 censored.
    assert [(p.time, p.at_risk) for p in effect.survival] == [(141.0, 5), (233.0, 3)]
    assert effect.survival_6_months == pytest.approx(4 / 5)
    assert effect.survival_12_months is None


def test_a_distant_pair_is_three_steps_apart(history: Ecosystem) -> None:
    chain = [Actor(x, x) for x in "pqrst"]
    links = [_link("p", "q", "2020"), _link("q", "r", "2020"), _link("r", "s", "2020"),
             _link("p", "r", "2025-07"), _link("p", "s", "2025-07")]
    eco = Ecosystem(chain, links, events=[Event("nec", "NEC", _date("2025-06"))])
    effect = event_effect(eco, "nec", at=AT, communities=False)
    assert {(b.source, b.cible): b.reasons for b in effect.bridges} == {("p", "s"): ("distant",)}


def test_network_at_a_date(history: Ecosystem) -> None:
    def pairs(day: dt.date, **options: bool) -> set[tuple[str, str]]:
        return {tuple(sorted(edge)) for edge in network_at(history, day, **options).undirected_graph().edges}

    assert pairs(dt.date(2023, 1, 1)) == {("a", "b"), ("d", "e"), ("g", "h")}
    assert pairs(dt.date(2022, 12, 31)) == {("d", "e"), ("g", "h")}
    assert pairs(dt.date(2025, 9, 30)) == {("a", "b"), ("b", "c"), ("a", "d"), ("d", "e"), ("c", "e"), ("b", "f"),
                                           ("a", "c")}
    assert pairs(dt.date(2025, 10, 1), include_undated=False) == {("a", "b"), ("a", "d"), ("c", "e"), ("b", "f"),
                                                                  ("a", "c")}
    assert len(network_at(history, AT)) == len(history)


def test_ties_formed_and_ended_per_quarter(history: Ecosystem) -> None:
    table = tie_changes(history, period="quarter", until=AT, since=dt.date(2025, 1, 1))
    rows = {row["period"]: (row["formed"], row["ended"], row["cumulative"]) for row in table.to_dict("records")}
    # Open on 1 January 2025 (dated): a-b, b-c. Q2: c-e and b-f born at/after the event.
    assert rows == {"2025-T1": (0, 0, 2), "2025-T2": (2, 0, 4), "2025-T3": (2, 1, 5), "2025-T4": (0, 1, 4),
                    "2026-T1": (1, 1, 4), "2026-T2": (0, 0, 4)}
    assert set(table["undated"]) == {1}
    assert (table["net"] == table["formed"] - table["ended"]).all()
    months = tie_changes(history, period="month", until=dt.date(2020, 3, 31))
    assert list(months["period"]) == ["2020-01", "2020-02", "2020-03"]


def test_actor_changes(history: Ecosystem) -> None:
    table = actor_changes(history, since=dt.date(2025, 6, 12), at=AT, event_id="nec").set_index("id")
    assert table.loc["a", ["partners_before", "partners_after", "new_partner_ids", "met_at_event_ids"]].tolist() == [
        1, 3, "c|d", "d"]
    assert table.loc["c", ["lost_partner_ids", "new_partner_ids", "met_at_event_ids"]].tolist() == ["b", "a", ""]
    assert table.loc["e", "partners_after"] == 1  # c-e, born at the event, ended in October
    assert bool(table.loc["f", "participant"]) and table.loc["f", "partners_after"] == 0


def test_reference_date_is_the_latest_survey_wave_else_the_latest_date(history: Ecosystem) -> None:
    assert reference_date(history) == dt.date(2026, 9, 1)
    wave = Event("vague-1", "Enquête", _date("2026-03"), nature="enquete")
    assert reference_date(history.with_events([*history.events, wave])) == dt.date(2026, 3, 31)
    assert reference_date(Ecosystem([Actor("a", "A")])) is None


def test_an_unknown_undated_or_future_event_is_said_in_french(history: Ecosystem) -> None:
    with pytest.raises(NecNetworkError, match="Événement inconnu"):
        event_effect(history, "autre", at=AT)
    with pytest.raises(NecNetworkError, match="commence après"):
        event_effect(history, "nec", at=dt.date(2025, 1, 1))
    undated = history.with_events([Event("nec", "NEC")])
    with pytest.raises(NecNetworkError, match="pas de date"):
        event_effect(undated, "nec", at=AT)


# -- an independent oracle: plain networkx snapshots of the same partnerships -----------------
def _random_history(seed: int) -> Ecosystem:
    rng = random.Random(seed)
    actors = [Actor(f"x{i}", f"Acteur {i}", code_insee=rng.choice((AISNE, SOMME, "60057")),
                    typologies=(rng.choice(("MUNI", "ASSO", "CCAS")),)) for i in range(40)]
    participants = tuple(f"x{i}" for i in rng.sample(range(40), 12))
    links = []
    for _ in range(160):
        source, cible = rng.sample([actor.id for actor in actors], 2)
        start = dt.date(2022, 1, 1) + dt.timedelta(days=rng.randrange(1600))
        text = rng.choice((start.isoformat(), start.isoformat()[:7], start.isoformat()[:4], ""))
        end = ""
        if text and rng.random() < 0.4:
            end = (start + dt.timedelta(days=rng.randrange(30, 700))).isoformat()
            if _date(end).last_day < _date(text).first_day:
                end = ""
        links.append(_link(source, cible, text, end, evenement="nec" if rng.random() < 0.1 else "",
                           type=rng.choice(("partenariat", "orientation"))))
    event = Event("nec", "NEC", _date("2024-05-16"), participants=participants)
    return Ecosystem(actors, links, events=[event])


def _oracle(eco: Ecosystem, at: dt.date) -> dict[str, object]:
    day0 = dt.date(2024, 5, 16)

    def bounds(link: Partnership) -> tuple[dt.date, dt.date]:
        start = dt.date(link.debut.year, link.debut.month or 1, link.debut.day or 1) if link.debut else dt.date.min
        if link.evenement == "nec":
            start = max(start, day0)
        end = link.fin.last_day if link.fin else dt.date.max
        return start, end

    def snapshot(day: dt.date) -> nx.Graph:
        graph = nx.Graph()
        graph.add_nodes_from(actor.id for actor in eco)
        graph.add_edges_from((l.source, l.cible) for l in eco.partnerships if bounds(l)[0] <= day <= bounds(l)[1])
        return graph

    def present(pair: frozenset[str], day: dt.date) -> bool:
        return any(frozenset((l.source, l.cible)) == pair and bounds(l)[0] <= day <= bounds(l)[1]
                   for l in eco.partnerships)

    before, after = snapshot(day0 - dt.timedelta(days=1)), snapshot(at)
    old = {frozenset(edge) for edge in before.edges}
    new = {frozenset(edge) for edge in after.edges}
    created = {frozenset((l.source, l.cible)) for l in eco.partnerships if day0 <= bounds(l)[0] <= at} - old
    attendees = set(eco.event("nec").attendees)
    far = 0
    for pair in created:
        u, v = sorted(pair)
        if not nx.has_path(before, u, v) or nx.shortest_path_length(before, u, v) >= 3:
            far += 1
            continue
        one, two = eco[u], eco[v]
        far += one.departement != two.departement or one.typologies != two.typologies
    # Survival: walk each created tie day by day from its start until it is no longer there.
    durations, ended = [], []
    for pair in created:
        start = min(bounds(l)[0] for l in eco.partnerships if frozenset((l.source, l.cible)) == pair
                    and day0 <= bounds(l)[0] <= at)
        day = start
        while day < at and present(pair, day + dt.timedelta(days=1)):
            day += dt.timedelta(days=1)
        durations.append((day - start).days)
        ended.append(day < at or not present(pair, at))
    survival = 1.0
    for time in sorted({d for d, e in zip(durations, ended) if e}):
        if time <= 6 * 365.25 / 12:
            survival *= 1 - sum(1 for d, e in zip(durations, ended) if e and d == time) / sum(
                1 for d in durations if d >= time)
    return {
        "ties_before": len(old), "ties_after": len(new), "ties_created": len(created),
        "ties_ended": len((old | created) - new),
        "ties_undated": len({frozenset((l.source, l.cible)) for l in eco.partnerships
                             if l.debut is None and l.evenement != "nec"}),
        "created_among_participants": sum(1 for pair in created if pair <= attendees),
        "bridges": far,
        "largest_component_before": len(max(nx.connected_components(before), key=len)),
        "largest_component_after": len(max(nx.connected_components(after), key=len)),
        "survival_6_months": survival,
    }


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_figures_equal_plain_networkx_snapshots(seed: int) -> None:
    eco = _random_history(seed)
    at = dt.date(2026, 1, 15)
    effect = event_effect(eco, "nec", at=at, communities=False)
    expected = _oracle(eco, at)
    found = {name: getattr(effect, name) for name in expected if name != "bridges"}
    found["bridges"] = len(effect.bridges)
    assert found == pytest.approx(expected)
    assert effect.ties_created > 5 and effect.ties_ended > 0  # the case exercises what it checks


def test_burt_constraint_is_networkx_s() -> None:
    import math

    from nec_network.analysis.evolution import burt_constraint

    graph = nx.relabel_nodes(nx.gnm_random_graph(120, 400, seed=7), str)
    graph.add_node("seul")
    expected = nx.constraint(graph)
    for node in graph:
        found = burt_constraint(graph, node)
        assert (math.isnan(found) and math.isnan(expected[node])) or found == pytest.approx(expected[node])


def test_two_runs_give_the_same_bridges_whatever_the_hash_seed() -> None:
    import subprocess
    import sys

    script = ("import sys, datetime as dt; sys.path.insert(0, 'tests/analysis'); "
              "from test_evolution import _random_history; from nec_network.analysis.evolution import event_effect; "
              "e = event_effect(_random_history(5), 'nec', at=dt.date(2026, 1, 15)); "
              "print(sorted((b.source, b.cible, b.reasons) for b in e.bridges))")
    root = Path(__file__).resolve().parents[2]
    runs = {subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=root,
                           env={"PYTHONHASHSEED": seed, "PATH": ""}).stdout for seed in ("1", "2", "3")}
    assert len(runs) == 1 and "community" in next(iter(runs))
