"""Merging real duplicates: one actor keeping every source, every value and every adviser."""

from __future__ import annotations

from pathlib import Path

from nec_network.analysis.duplicates import find_duplicates
from nec_network.analysis.merging import merge_duplicates
from nec_network.io import read_ecosystem
from nec_network.model import Actor, Ecosystem, Partnership

REAL = Path(__file__).parents[1] / "fixtures" / "real"


def test_two_records_of_one_mairie_for_two_advisers_become_one_place_with_two_advisers():
    ecosystem = read_ecosystem(REAL / "cnfs-lieux-v0-extrait.json")[0]
    merged, merges = merge_duplicates(ecosystem, find_duplicates(ecosystem))
    assert len(merged) == len(ecosystem) - 5 == len(ecosystem) - len(merges)
    louhans = merged["638621ee0830e306f21ecc20"]
    assert "638621fa0830e306f21ecc26" not in merged
    assert louhans.extra["conseillers"] == 2  # aidant-fictif-13 and aidant-fictif-14
    assert louhans.extra["provenance"] == (
        "conseiller-numerique:638621ee0830e306f21ecc20|conseiller-numerique:638621fa0830e306f21ecc26"
    )
    gaillon = merged["62bc43758dd70306dc40bd3c"]
    assert gaillon.extra["conseillers"] == 1  # the same adviser named twice is counted once


def test_cross_source_merge_keeps_the_newest_values_and_sets_the_others_aside():
    ecosystem = read_ecosystem(REAL / "mednum-cli-cournon-multi-sources.json")[0]
    merged, merges = merge_duplicates(ecosystem, find_duplicates(ecosystem))
    assert len(merged) == 2 and len(merges) == 3
    place = merged["8eeeafab-4de8-4829-b042-52a94177411d"]
    assert place.source == "dora" and place.date_maj.isoformat() == "2023-06-23"
    sources = [item.split(":", 1)[0] for item in place.extra["provenance"].split("|")]
    assert sorted(sources) == ["aidants-connect", "conseiller-numerique", "dora", "hinaura"]
    assert place.telephone == "+33473699269"  # empty in the kept record, taken from the others
    assert "nom : Maison des Solidarités de Cournon" in place.extra["valeurs_ecartees"]
    assert "pivot : 26630793300058" in place.extra["valeurs_ecartees"]  # hinaura's other SIRET, not lost
    services = set(place.services)
    for record in ecosystem:
        if record.id != "mediation-numerique-france-services-2234-mediation-numerique":
            assert set(record.services) <= services


def test_partnerships_follow_the_kept_actor_and_inner_links_disappear():
    a = Actor("a", "Médiathèque", adresse="1 rue X", code_insee="80021")
    b = Actor("b", "Médiathèque", adresse="1 rue X", code_insee="80021")
    c = Actor("c", "CCAS", adresse="9 rue Y", code_insee="80021")
    ecosystem = Ecosystem([a, b, c], [Partnership("b", "c", "orientation"), Partnership("a", "b", "partenariat"),
                                      Partnership("a", "c", "orientation")])
    merged, _ = merge_duplicates(ecosystem, find_duplicates(ecosystem))
    assert [(p.source, p.cible, p.type) for p in merged.partnerships] == [("a", "c", "orientation")]
    assert len(ecosystem.partnerships) == 3  # the input is unchanged


def test_events_and_declarants_follow_the_kept_actor_and_a_restarted_tie_stays_twice():
    from nec_network.analysis.duplicates import DuplicatePair, DuplicateResult
    from nec_network.model import Event, PartialDate

    actors = [Actor("a", "Mairie fictive"), Actor("a2", "Mairie fictive"), Actor("b", "Association fictive")]
    links = [
        Partnership("a", "b", "partenariat", debut=PartialDate(2020), fin=PartialDate(2022), declare_par=("a2", "a")),
        Partnership("a2", "b", "partenariat", debut=PartialDate(2024)),  # started again: another period
        Partnership("a2", "b", "partenariat", debut=PartialDate(2021)),  # the same period, from the duplicate
    ]
    events = [Event("nec", "NEC", PartialDate(2023), organisateurs=("a2",), participants=("a", "a2", "b"))]
    pair = DuplicatePair(first="a", second="a2", name=100.0, address=None, distance_m=None, distance=None, score=100.0,
                         decision="merge", rule="same_name")
    result = DuplicateResult(pairs=(pair,), groups=(("a", "a2"),))
    merged, _ = merge_duplicates(Ecosystem(actors, links, events=events), result)
    assert [(link.source, str(link.debut)) for link in merged.partnerships] == [("a", "2020"), ("a", "2024")]
    assert merged.partnerships[0].declare_par == ("a",)
    assert (merged.event("nec").organisateurs, merged.event("nec").participants) == (("a",), ("a", "b"))
