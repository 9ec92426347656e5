"""Partnership suggestions: distance filter, links excluded, score formula, sentences, CLI."""

from __future__ import annotations

import argparse
import copy
import itertools
import math

import networkx as nx
import numpy as np
import pandas as pd
import pytest

from nec_network.analysis.spatial import great_circle_km
from nec_network.analysis.suggestions import suggest_partnerships
from nec_network.cli import analysis_suggestions
from nec_network.errors import NecNetworkError
from nec_network.model import Actor, Ecosystem, Partnership
from nec_network.wording import suggestion_sentences

ACCES = "Accès internet et matériel informatique"
DEMARCHES = "Aide aux démarches administratives"
OUTILS = "Maîtrise des outils numériques du quotidien"
KM_PER_DEGREE = 6371.0088 * math.pi / 180  # along a meridian
GUISE = (49.90055, 3.62801)


def _north_of_guise(km: float) -> tuple[float, float]:
    return GUISE[0] + km / KM_PER_DEGREE, GUISE[1]


def _actor(actor_id, nom, point=GUISE, **fields) -> Actor:
    return Actor(actor_id, nom, latitude=point[0], longitude=point[1], **fields)


def _pair(km: float, links=()) -> Ecosystem:
    return Ecosystem(
        [
            _actor("ccas", "CCAS de Guise", services=(DEMARCHES,)),
            _actor(
                "media", "Médiathèque de Guise", _north_of_guise(km), services=(ACCES, DEMARCHES)
            ),
        ],
        links,
    )


def test_complementary_actors_five_km_apart_are_suggested():
    table = suggest_partnerships(_pair(5.0))
    assert len(table) == 1
    row = table.iloc[0]
    assert (row.source, row.target) == (
        "media",
        "ccas",
    )  # the médiathèque offers what the CCAS lacks
    assert row.distance_km == pytest.approx(5.0, abs=0.01)
    assert row.complementarity == pytest.approx(0.5)  # 1 of the 2 services offered by one only
    assert row.score == pytest.approx(0.5)
    assert row.source_services == ACCES and row.target_services == ""
    assert suggestion_sentences(table)[0] == (
        "Médiathèque de Guise (à 5 km) propose « Accès internet et matériel informatique » "
        "que CCAS de Guise n'offre pas."
    )


def test_the_same_actors_thirty_km_apart_are_not_suggested():
    assert suggest_partnerships(_pair(30.0)).empty
    assert len(suggest_partnerships(_pair(30.0), max_km=31)) == 1
    # The threshold is inclusive and great-circle.
    assert len(suggest_partnerships(_pair(14.99))) == 1
    assert suggest_partnerships(_pair(15.01)).empty


@pytest.mark.parametrize("kind", ["partenariat", "orientation"])
@pytest.mark.parametrize("reverse", [False, True])
def test_already_linked_pairs_are_not_suggested(kind, reverse):
    ends = ("media", "ccas") if reverse else ("ccas", "media")
    assert suggest_partnerships(_pair(5.0, [Partnership(*ends, kind)])).empty


def test_common_partners_and_shared_publics_in_score_and_sentence():
    seniors = ("Seniors",)
    eco = Ecosystem(
        [
            _actor("a", "Espace numérique de Guise", services=(ACCES,), publics=seniors),
            _actor(
                "b",
                "CCAS de Guise",
                _north_of_guise(8),
                services=(ACCES,),
                publics=("Seniors", "Jeunes"),
            ),
            Actor("x", "Conseil départemental"),
            Actor("y", "La Poste"),
        ],
        [Partnership(s, c, "partenariat") for s, c in ["ax", "bx", "ay", "by"]],
    )
    table = suggest_partnerships(eco)
    assert len(table) == 1
    row = table.iloc[0]
    aa = 2 / math.log(2)  # x and y each have two partners
    assert row.adamic_adar == pytest.approx(aa, abs=1e-6)
    assert row.common_partners == 2
    assert row.publics_overlap == pytest.approx(0.5)
    assert row.score == pytest.approx(0.5 * 0.5 + aa / (1 + aa), abs=1e-6)
    assert suggestion_sentences(table)[0] == (
        "Espace numérique de Guise et CCAS de Guise sont à 8 km l'un de l'autre ; "
        "tous deux s'adressent au public « Seniors » ; "
        "ils ont 2 partenaires en commun (Conseil départemental et La Poste)."
    )


def test_both_directions_and_elision_in_sentence():
    eco = Ecosystem(
        [
            _actor("a", "CCAS de Guise", services=(DEMARCHES,)),
            _actor("b", "Atelier numérique", _north_of_guise(2.4), services=(ACCES, OUTILS)),
        ]
    )
    assert suggestion_sentences(suggest_partnerships(eco))[0] == (
        # Services in the order of the national standard.
        "Atelier numérique (à 2 km) propose « Maîtrise des outils numériques du quotidien » et "
        "« Accès internet et matériel informatique » que CCAS de Guise n'offre pas, et "
        "CCAS de Guise propose « Aide aux démarches administratives » en retour."
    )
    swapped = Ecosystem([eco["b"], eco["a"]])
    assert suggest_partnerships(swapped).at[0, "source"] == "b"
    # One service each: the first actor in the ecosystem is the subject.
    one_each = Ecosystem([eco["a"], _actor("e", "Espace France Services", services=(OUTILS,))])
    assert "qu'Espace France Services n'offre pas" in suggestion_sentences(suggest_partnerships(one_each))[0]


def test_nothing_to_exchange_is_not_suggested_and_unplaced_actors_are_left_out():
    eco = Ecosystem(
        [
            _actor("a", "A", services=(ACCES,)),
            _actor("b", "B", _north_of_guise(1), services=(ACCES,)),
            Actor("c", "Sans coordonnées", services=(DEMARCHES,)),
            # A network without services of its own has nothing to exchange.
            _actor("n", "Réseau départemental", _north_of_guise(2)),
        ]
    )
    assert suggest_partnerships(eco).empty


def test_ranking_limit_and_ties():
    eco = Ecosystem(
        [
            _actor("a", "A", services=(ACCES,)),
            _actor("b", "B", _north_of_guise(3), services=(DEMARCHES,)),  # complementarity 1
            _actor("c", "C", _north_of_guise(1), services=(ACCES, DEMARCHES)),  # 0.5 with a and b
            _actor("d", "D", _north_of_guise(2), services=(ACCES, DEMARCHES)),
        ]
    )
    table = suggest_partnerships(eco)
    pairs = list(zip(table.source, table.target, strict=True))
    assert pairs[0] == ("a", "b")
    assert table.score.tolist() == sorted(table.score, reverse=True)
    halves = table[table.score == 0.5]
    assert halves.distance_km.tolist() == sorted(halves.distance_km)
    assert len(table) == 5  # every pair except c–d, which offer the same services
    pd.testing.assert_frame_equal(suggest_partnerships(eco, limit=2), table.head(2))
    with pytest.raises(NecNetworkError, match="positive"):
        suggest_partnerships(eco, max_km=0)


def test_matches_a_brute_force_reference_and_networkx_adamic_adar():
    rng = np.random.default_rng(4)
    services = [ACCES, DEMARCHES, OUTILS]
    actors = [
        _actor(
            f"a{i}",
            f"Acteur {i}",
            (49.6 + rng.random() * 0.5, 3.3 + rng.random() * 0.8),
            services=tuple(s for s in services if rng.random() < 0.5),
        )
        for i in range(120)
    ]
    links = [
        Partnership(f"a{s}", f"a{t}", "partenariat")
        for s, t in rng.integers(0, 120, size=(200, 2))
        if s != t
    ]
    eco = Ecosystem(actors, links)
    before = (copy.deepcopy(eco.actors), copy.deepcopy(eco.partnerships))
    table = suggest_partnerships(eco, max_km=12)
    assert (eco.actors, eco.partnerships) == before
    pd.testing.assert_frame_equal(table, suggest_partnerships(eco, max_km=12))

    graph = eco.undirected_graph()
    expected = {}
    for a, b in itertools.combinations(actors, 2):
        km = float(great_circle_km(a.latitude, a.longitude, b.latitude, b.longitude))
        if km > 12 or graph.has_edge(a.id, b.id):
            continue
        union = set(a.services) | set(b.services)
        both = a.services and b.services
        complementarity = len(set(a.services) ^ set(b.services)) / len(union) if both else 0
        ((_, _, aa),) = nx.adamic_adar_index(graph, [(a.id, b.id)])
        score = complementarity + aa / (1 + aa)
        if score > 0:
            expected[frozenset((a.id, b.id))] = score
    found = {frozenset((r.source, r.target)): r.score for r in table.itertuples()}
    assert found.keys() == expected.keys()
    assert all(found[key] == pytest.approx(value, abs=1e-6) for key, value in expected.items())


def _run_suggest(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    analysis_suggestions.register(parser.add_subparsers())
    args = parser.parse_args(["suggest", *argv])
    return args.func(args)


def test_suggest_command_prints_and_writes(tmp_path, capsys):
    from nec_network.io import write_ecosystem

    eco = Ecosystem(
        [
            Actor("ccas", "CCAS de Guise", code_insee="02361", latitude=49.90055,
                  longitude=3.62801, services=(DEMARCHES,)),
            Actor("media", "Médiathèque de Vervins", code_insee="02789", latitude=49.8351,
                  longitude=3.90925, services=(ACCES, DEMARCHES)),
        ]
    )  # fmt: skip
    folder = tmp_path / "ecosysteme"
    write_ecosystem(eco, folder, to="modele")

    assert _run_suggest([str(folder)]) == 0
    assert "Aucune suggestion : pas de paire d'acteurs à moins de 15 km" in capsys.readouterr().out

    output = tmp_path / "suggestions.csv"
    assert _run_suggest([str(folder), "--max-km", "25", "-o", str(output)]) == 0
    printed = capsys.readouterr().out.splitlines()
    assert printed[0].startswith("1 suggestion de partenariat entre acteurs à moins de 25 km")
    assert printed[1] == (
        "1. Médiathèque de Vervins (à 21 km) propose « Accès internet et matériel informatique » "
        "que CCAS de Guise n'offre pas. (score 0,50)"
    )
    written = pd.read_csv(output)
    assert written[["source", "cible"]].values.tolist() == [["media", "ccas"]]
    assert written.at[0, "raison"].startswith("Médiathèque de Vervins (à 21 km)")
    with pytest.raises(NecNetworkError):
        _run_suggest([str(folder), "--limit", "-1"])
