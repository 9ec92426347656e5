"""Orientation: places answering a difficulty from a commune, nearest first, refinements, why."""

from __future__ import annotations

import datetime as dt
import math

import pandas as pd
import pytest

from nec_network.analysis.criteria import Threshold
from nec_network.analysis.orientation import OrientationQuery, orient, query_for_persona
from nec_network.analysis.spatial import DETOUR_FACTOR, SPEEDS_KMH
from nec_network.demo import load_demo, load_demo_personae
from nec_network.errors import NecNetworkError
from nec_network.model import Actor, Ecosystem, Partnership

ADMIN = "Aide aux démarches administratives"


def communes() -> pd.DataFrame:
    """Home H at (50, 2) and three communes due east at 0.1° steps (≈ 7.15 km each)."""
    return pd.DataFrame(
        {
            "code_insee": ["H", "A", "B", "C"],
            "nom": ["Home", "Aa", "Bb", "Cc"],
            "departement": "80",
            "epci_code": ["E1", "E1", "E2", "E2"],
            "epci_nom": "",
            "population": 100,
            "rural": True,
            "densite": "",
            "latitude": 50.0,
            "longitude": [2.0, 2.1, 2.2, 2.3],
        }
    )


def ecosystem() -> Ecosystem:
    return Ecosystem(
        [
            Actor(
                "far",
                "Loin",
                code_insee="C",
                latitude=50.0,
                longitude=2.3,
                services=(ADMIN,),
                frais=("Gratuit",),
                modalites_acces=("Se présenter",),
                horaires="Mo-Fr 09:00-12:00",
            ),
            Actor(
                "near",
                "Près",
                code_insee="A",
                latitude=50.0,
                longitude=2.1,
                services=(ADMIN,),
                frais=("Payant",),
                horaires="Sa 09:00-12:00",
            ),
            Actor(
                "bus",
                "Bus",
                code_insee="C",
                latitude=50.0,
                longitude=2.3,
                services=(ADMIN,),
                itinerant=True,
                zone_intervention=("E1",),
            ),
            Actor(
                "hub",
                "Tête de réseau",
                code_insee="H",
                latitude=50.0,
                longitude=2.0,
                services=(ADMIN,),
                modalites_acces=("Ce lieu n'accueille pas de public",),
            ),
            Actor(
                "seniors",
                "Club",
                code_insee="B",
                latitude=50.0,
                longitude=2.2,
                services=(ADMIN,),
                publics=("Seniors",),
                modalites_accompagnement=("À distance",),
            ),
            Actor(
                "other",
                "Autre",
                code_insee="H",
                latitude=50.0,
                longitude=2.0,
                services=("Loisirs et créations numériques",),
            ),
        ],
        [
            Partnership("hub", "seniors", "orientation"),
            Partnership("seniors", "far", "partenariat"),
            Partnership("hub", "near", "financement"),
        ],
    )


def test_itinerant_serving_the_commune_first_then_nearest_with_coverage_speeds():
    result = orient(ecosystem(), OrientationQuery("H", "demarches", threshold=Threshold(mode="transport")), communes())
    assert [p.actor.id for p in result.places] == ["bus", "near", "seniors", "far"]
    assert result.places[0].serves_commune and result.places[0].distance_km == 0
    near = result.places[1]
    assert near.minutes == pytest.approx(
        near.distance_km * DETOUR_FACTOR / SPEEDS_KMH["transport"] * 60
    )
    assert near.distance_km == pytest.approx(7.15, abs=0.02)
    assert result.remote == ("seniors",) and result.reason == ""


def test_public_rule_is_the_coverage_rule():
    result = orient(ecosystem(), OrientationQuery("H", "demarches", public="Jeunes"), communes())
    assert "seniors" not in [p.actor.id for p in result.places]
    result = orient(ecosystem(), OrientationQuery("H", "demarches", public="Surdité"), communes())
    assert result.places == () and result.reason == "no_offer"


def test_refinements_and_why():
    free = orient(
        ecosystem(), OrientationQuery("H", "demarches", free=True, walk_in=True), communes()
    )
    assert [p.actor.id for p in free.places] == ["far"]
    tuesday = dt.datetime(2026, 12, 1, 10, 0)
    open_now = orient(ecosystem(), OrientationQuery("H", "demarches", open_at=tuesday), communes())
    assert [p.actor.id for p in open_now.places] == [
        "far"
    ]  # the bus's hours are unknown: not "open"
    none = orient(
        ecosystem(), OrientationQuery("H", "demarches", reduced_mobility=True), communes()
    )
    assert none.places == () and none.reason == "refinements"
    limited = orient(
        ecosystem(), OrientationQuery("H", "demarches", threshold=Threshold(max_minutes=10), maximum=True, free=True), communes()
    )
    assert limited.places == () and limited.reason == "too_far"
    assert limited.nearest_beyond.actor.id == "far"
    assert limited.nearest_beyond.minutes == pytest.approx(21.45 * 1.3 / 50 * 60, rel=0.01)


def test_the_threshold_gives_the_detour_and_the_maximum_in_km_or_minutes():
    bus = Threshold(mode="transport")
    slower = orient(ecosystem(), OrientationQuery("H", "demarches", threshold=Threshold(mode="transport", detour=2.0)),
                    communes())
    usual = orient(ecosystem(), OrientationQuery("H", "demarches", threshold=bus), communes())
    near = {p.actor.id: p for p in usual.places}["near"]
    assert {p.actor.id: p for p in slower.places}["near"].minutes == pytest.approx(near.minutes * 2.0 / 1.3)
    # « near » is 7.15 km away, « seniors » and « far » beyond 8 km: a maximum of 8 km keeps the bus and « near ».
    within_8 = orient(ecosystem(), OrientationQuery("H", "demarches", threshold=Threshold(max_km=8), maximum=True),
                      communes())
    assert [p.actor.id for p in within_8.places] == ["bus", "near"] and within_8.reason == ""
    within_5 = orient(ecosystem(), OrientationQuery("H", "demarches", threshold=Threshold(max_km=5), maximum=True),
                      communes())
    assert [p.actor.id for p in within_5.places] == ["bus"]


def test_at_least_ten_nearest_whatever_the_distance():
    actors = [
        Actor(
            f"a{n:02d}",
            f"Lieu {n}",
            latitude=50.0,
            longitude=2.0 + 0.5 + n * 0.01,
            services=(ADMIN,),
        )
        for n in range(15)
    ]
    result = orient(Ecosystem(actors), OrientationQuery("H", "demarches"), communes())
    assert [p.actor.id for p in result.places] == [f"a{n:02d}" for n in range(10)]
    assert result.reason == "far" and result.nearest_beyond.actor.id == "a00"


def test_referral_chain_from_the_helpers_structure_skips_funding():
    result = orient(ecosystem(), OrientationQuery("H", "demarches", helper="hub"), communes())
    paths = {p.actor.id: p.referral for p in result.places}
    assert paths["seniors"] == ("hub", "seniors")
    assert paths["far"] == ("hub", "seniors", "far")
    assert paths["near"] == ()  # funding is not a referral path


def test_unknown_inputs_are_french_errors():
    with pytest.raises(NecNetworkError, match="Commune inconnue"):
        orient(ecosystem(), OrientationQuery("Z"), communes())
    with pytest.raises(NecNetworkError, match="Difficulté inconnue"):
        orient(ecosystem(), OrientationQuery("H", "voyager"), communes())
    with pytest.raises(NecNetworkError, match="Mode de déplacement"):
        orient(ecosystem(), OrientationQuery("H", threshold=Threshold(mode="fusée")), communes())


def test_demo_personae_get_an_answer_ordered_by_distance():
    demo = load_demo()
    for persona in load_demo_personae():
        result = orient(demo, query_for_persona(persona))
        assert len(result.places) >= min(10, result.refined)
        distances = [p.distance_km for p in result.places if not p.serves_commune]
        assert distances == sorted(distances)
        assert all(math.isfinite(p.minutes) for p in result.places)


def test_a_service_asks_for_exactly_that_service():
    from nec_network.model import Actor, Ecosystem

    point = {"code_insee": "80021", "latitude": 49.894, "longitude": 2.296}
    lends = Actor("prete", "Espace public numérique", services=("Accès internet et matériel informatique",), **point)
    sells = Actor("vend", "Ressourcerie", services=("Acquisition de matériel informatique à prix solidaire",), **point)
    ecosystem = Ecosystem([lends, sells])
    exact = orient(ecosystem, OrientationQuery("80021", service="Acquisition de matériel informatique à prix solidaire"))
    assert [place.actor.id for place in exact.places] == ["vend"]
    widened = orient(ecosystem, OrientationQuery("80021", "equipement"))
    assert {place.actor.id for place in widened.places} == {"prete", "vend"}


def test_when_nothing_offers_the_need_places_that_receive_anyone_are_proposed():
    point = {"code_insee": "80021", "latitude": 49.894, "longitude": 2.296}
    near = {"code_insee": "80021", "latitude": 49.90, "longitude": 2.30}
    ecosystem = Ecosystem([
        Actor("fs", "France services Amiens", dispositifs=("France Services",), services=("Aide aux démarches administratives",), **near),
        Actor("mairie", "Mairie d'Amiens", typologies=("MUNI",), **point),
        Actor("bib", "Médiathèque", typologies=("BIB",), services=("Loisirs et créations numériques",), **point),
    ])  # fmt: skip
    answer = orient(ecosystem, OrientationQuery("80021", "parentalite"))
    assert answer.reason == "no_offer" and answer.places == ()
    assert [place.actor.id for place in answer.welcoming] == ["fs", "mairie"]  # the nearest first
    assert orient(ecosystem, OrientationQuery("80021", "loisirs")).welcoming == ()  # something offers it
