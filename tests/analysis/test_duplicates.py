"""Duplicates on real records: the real duplicate groups merged, the real non-duplicates kept apart."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import numpy as np
import pytest

from nec_network.analysis.duplicates import (
    address_similarity,
    find_duplicates,
    name_similarity,
    structure_kind,
)
from nec_network.io import read_ecosystem
from nec_network.model import Actor, Ecosystem
from nec_network.wording import duplicate_reason

REAL = Path(__file__).parents[1] / "fixtures" / "real"
CNFS = REAL / "cnfs-lieux-v0-extrait.json"
COURNON = REAL / "mednum-cli-cournon-multi-sources.json"


@pytest.fixture(scope="module")
def cnfs() -> Ecosystem:
    return read_ecosystem(CNFS)[0]


def _decision(result, a: str, b: str) -> str:
    for pair in result.pairs:
        if {pair.first, pair.second} == {a, b}:
            return pair.decision
    return "aucune"


# The five real duplicate groups of the excerpt (same name, address and postal code in the national file).
REAL_DUPLICATES = [
    ("62bc43758dd70306dc40bd3c", "62bc43758dd70306dc40bd3d"),  # Espace Condorcet, Gaillon
    ("62bc44a38dd70306dc40bd5b", "62bc44a38dd70306dc40bd5c"),  # EDS Est centre, Avignon
    ("638621ee0830e306f21ecc20", "638621fa0830e306f21ecc26"),  # Commune de Louhans, two advisers
    ("63871d7f0830e306f21ed52c", "63871d7f0830e306f21ed52d"),  # Mairie de Latillé, no coordinates
    ("63872b890830e306f21ed7b6", "63872b8a0830e306f21ed7b7"),  # Centre socio culturel St Germain
]


def test_every_real_duplicate_group_is_merged_and_nothing_else(cnfs):
    result = find_duplicates(cnfs)
    assert sorted(tuple(sorted(group)) for group in result.groups) == sorted(REAL_DUPLICATES)
    for a, b in REAL_DUPLICATES:
        assert _decision(result, a, b) == "merge"


@pytest.mark.parametrize(("a", "b", "expected"), [
    # a mairie and the France Services next door (11 m apart, 12 and 14 rue du Pavé, Beaurieux, Aisne)
    ("638705ab0830e306f21ed271", "6387067b0830e306f21ed277", "review"),
    # a France Services and a médiathèque on the same square (Vaugneray)
    ("6329868dac7aea06f2f9aa9b", "632990c4ac7aea06f2f9abe8", "review"),
    # two activities of one association, same address, point and contacts, different names (Nevers)
    ("62ac388d8255a806e299d216", "62ac39968255a806e299d22f", "review"),
    # two centres sociaux of one name 700 m apart (Gap)
    ("625ae67705457b079081770b", "62619207b0a4b4079141c31f", "aucune"),
    # one department's two places at two addresses of Avignon
    ("62bc44a38dd70306dc40bd5b", "62bc44e58dd70306dc40bd63", "aucune"),
    # same names in other communes
    ("6259891c05457b0790817590", "625989af05457b079081759e", "aucune"),
    ("62bc420f8dd70306dc40bd25", "62bc42538dd70306dc40bd2f", "aucune"),
    ("626b8d619b30a50644f49428", "626b8e4d9b30a50644f49435", "aucune"),
])  # fmt: skip
def test_real_pairs_that_are_not_duplicates_are_never_merged(cnfs, a, b, expected):
    assert _decision(find_duplicates(cnfs), a, b) == expected


def test_distinct_structures_at_one_address_say_which_kinds():
    result = find_duplicates(read_ecosystem(CNFS)[0])
    beaurieux = next(p for p in result.uncertain if "638705ab0830e306f21ed271" in (p.first, p.second))
    assert (beaurieux.rule, beaurieux.details) == ("distinct_kinds_same_place", ("mairie", "France Services"))
    assert duplicate_reason(beaurieux.rule, beaurieux.details) == (
        "deux structures distinctes au même endroit (mairie, France Services)"
    )
    assert beaurieux.address == 0.0  # 12 and 14 rue du Pavé are two doors
    assert 10 < beaurieux.distance_m < 13


def test_cross_source_records_of_one_place_are_one_group_the_newest_first():
    ecosystem = read_ecosystem(COURNON)[0]
    result = find_duplicates(ecosystem)
    assert len(result.groups) == 1
    group = result.groups[0]
    assert group[0] == "8eeeafab-4de8-4829-b042-52a94177411d"  # dora, date_maj 2023-06-23, the newest
    assert set(group) == {actor.id for actor in ecosystem} - {"mediation-numerique-france-services-2234-mediation-numerique"}
    assert result.uncertain == ()  # what was uncertain between two members is settled by the group


def test_scores_are_explainable_and_bounded(cnfs):
    for pair in find_duplicates(cnfs).pairs:
        assert 0 <= pair.name <= 100 and 0 <= pair.score <= 100
        assert pair.address is None or 0 <= pair.address <= 100
        assert duplicate_reason(pair.rule, pair.details)
        known = [v for v in (pair.name, pair.address, pair.distance) if v is not None]
        assert pair.score == pytest.approx(sum(known) / len(known), abs=0.06)


def test_input_is_not_modified(cnfs):
    before = list(cnfs.actors)
    find_duplicates(cnfs)
    assert list(cnfs.actors) == before


def test_a_bus_and_its_base_are_not_merged():
    base = Actor("a", "France services Vouziers", adresse="1 rue X", code_insee="08490", latitude=49.4, longitude=4.7)
    bus = dataclasses.replace(base, id="b", nom="Bus France services de Vouziers", itinerant=True)
    result = find_duplicates(Ecosystem([base, bus]))
    assert result.groups == () and result.uncertain[0].rule == "fixed_and_itinerant"


def test_similarity_helpers_on_real_spellings():
    assert address_similarity("4 AV DE SAINT MENET".lower(), "4 avenue saint menet") is not None
    assert name_similarity("station ess local ateliers numeriques", "station ess boulevard pierre coubertin") < 85
    assert structure_kind("Centre Communal d'Action Sociale") == "CCAS"
    assert structure_kind("Bibliothèque municipale de Corbény") == "médiathèque"
    assert structure_kind("HARMONIE MUTUELLE") == ""


def test_spatial_candidates_scale_without_comparing_every_pair():
    """8,000 places in 400 communes: every exact copy found, only near or same-commune pairs scored."""
    rng = np.random.default_rng(7)
    actors = []
    for n in range(8_000):
        commune = f"{n % 400:05d}"
        actors.append(Actor(f"p{n}", f"Lieu {n}", adresse=f"{n} rue de la Paix", code_insee=commune,
                            latitude=float(43 + rng.random() * 6), longitude=float(-1 + rng.random() * 7)))
    copies = [dataclasses.replace(actors[n], id=f"c{n}") for n in range(0, 8_000, 80)]
    result = find_duplicates(Ecosystem(actors + copies))
    assert len(result.groups) == len(copies)
    assert len(result.pairs) < 2 * len(copies) + 100


def test_suggest_never_pairs_two_records_of_one_place():
    from nec_network.analysis.suggestions import suggest_partnerships

    ecosystem = read_ecosystem(COURNON)[0]
    same_place = set(find_duplicates(ecosystem).groups[0])
    table = suggest_partnerships(ecosystem)
    pairs = set(zip(table["source"], table["target"], strict=True))
    assert not any(a in same_place and b in same_place for a, b in pairs)
    assert pairs  # the Maison des citoyens, another place 300 m away, is still suggested


LABELLED = Path(__file__).parents[1] / "fixtures" / "real" / "paires-doublons-etiquetees.csv"
_READ = {"france-services-2022-12-extrait.csv": {"mapping": "france-services"}}


def test_merges_are_precise_and_complete_on_the_labelled_real_pairs():
    """Precision and recall of the merges on 167 real pairs labelled by reading (README of the fixtures)."""
    import csv

    with LABELLED.open(encoding="utf-8", newline="") as stream:
        pairs = list(csv.DictReader(stream))
    assert len(pairs) >= 100 and sum(row["meme_lieu"] == "1" for row in pairs) >= 15
    kept = {}
    for name in {row["fichier"] for row in pairs}:
        ecosystem = read_ecosystem(Path(LABELLED).parent / name, **_READ.get(name, {}))[0]
        kept[name] = find_duplicates(ecosystem).duplicate_of()
    true_positive = false_positive = false_negative = 0
    for row in pairs:
        of = kept[row["fichier"]]
        merged = of.get(row["id_1"], row["id_1"]) == of.get(row["id_2"], row["id_2"])
        same = row["meme_lieu"] == "1"
        true_positive += merged and same
        false_positive += merged and not same
        false_negative += same and not merged
    precision = true_positive / (true_positive + false_positive)
    recall = true_positive / (true_positive + false_negative)
    assert precision >= 0.97 and recall >= 0.95, (precision, recall)


def _place(identifier: str, name: str, commune: str, **fields) -> Actor:
    return Actor(identifier, name, code_insee=commune, source="s", latitude=48.89, longitude=2.50, precision="saisie",
                 **fields)


def test_places_in_two_communes_are_never_merged_on_copied_coordinates():
    # Bondy (93010) and Rosny-sous-Bois (93064), the same point and similar names.
    bondy = _place("a", "Centre social Nelson Mandela", "93010", adresse="1 rue A")
    rosny = _place("b", "Centre social Nelson Mandela", "93064", adresse="5 rue B")
    result = find_duplicates(Ecosystem([bondy, rosny]))
    assert result.groups == () and [p.rule for p in result.uncertain] == ["other_commune_same_place"]
    # The same address and SIRET say they are one (a commune code corrected on one record only).
    siret = dict(adresse="1 rue A", pivot="12345678900011")
    one = find_duplicates(Ecosystem([_place("a", "Centre", "93010", **siret), _place("b", "Centre", "93064", **siret)]))
    assert one.groups == (("a", "b"),) and one.merged[0].rule == "other_commune_same_identifier"


def test_two_names_at_one_address_are_uncertain_not_merged():
    first = _place("a", "Association Les Amis du numérique", "93010", adresse="3 rue du Pont")
    second = _place("b", "Association Ensemble solidaires", "93010", adresse="3 rue du Pont")
    result = find_duplicates(Ecosystem([first, second]))
    assert result.groups == () and [p.rule for p in result.uncertain] == ["same_address_different_names"]
