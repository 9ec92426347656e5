"""Journeys: what a helper can tell a person, computed by hand on a tiny territory."""

from __future__ import annotations

import math

from pathlib import Path

import pandas as pd
import pytest

from nec_network.analysis.journeys import journey, journeys
from nec_network.io.personae import read_personae
from nec_network.model.persona import Persona
from nec_network.analysis.spatial import great_circle_km
from nec_network.errors import NecNetworkError
from nec_network.model import Actor, Ecosystem, Partnership
from nec_network.model.vocabularies import PARTNERSHIP_LABELS
from nec_network.wording import journey_answer

ADMIN = "Aide aux démarches administratives"
OUTILS = "Maîtrise des outils numériques du quotidien"
ROOT = Path(__file__).resolve().parents[2]

COMMUNES = pd.DataFrame(
    {
        "code_insee": ["02001", "02002", "02003"],
        "nom": ["Village", "Bourg", "Ville"],
        "departement": "02",
        "epci_code": ["200000001", "200000001", "200000002"],
        "epci_nom": "",
        "population": [200, 1500, 20000],
        "rural": [True, True, False],
        "densite": "",
        "latitude": [49.80, 49.80, 49.80],
        "longitude": [3.50, 3.57, 3.78],
    }
)


def _ecosystem(*, linked: bool = True) -> Ecosystem:
    actors = [
        Actor(
            "fs",
            "France Services du Bourg",
            code_insee="02002",
            latitude=49.80,
            longitude=3.57,
            services=(ADMIN,),
            telephone="+33323000000",
        ),
        Actor(
            "epn",
            "EPN de la Ville",
            code_insee="02003",
            latitude=49.80,
            longitude=3.78,
            services=(OUTILS,),
        ),
        Actor(
            "bus",
            "Bus numérique",
            code_insee="02003",
            latitude=49.80,
            longitude=3.78,
            services=(OUTILS,),
            itinerant=True,
            zone_intervention=("02001",),
        ),
        Actor(
            "jeunes",
            "Point jeunes du Bourg",
            code_insee="02002",
            latitude=49.80,
            longitude=3.57,
            services=(ADMIN, OUTILS),
            publics=("Jeunes",),
        ),
        Actor("ccas", "CCAS de la Ville", code_insee="02003", latitude=49.80, longitude=3.78),
    ]
    links = (
        [Partnership("ccas", "epn", "partenariat"), Partnership("epn", "fs", "orientation")]
        if linked
        else []
    )
    return Ecosystem(actors, links)


def _persona(**changes) -> Persona:
    values = dict(
        id="p",
        nom="Jeannine",
        code_insee="02001",
        besoins=(ADMIN, OUTILS),
        publics=("Seniors",),
        mobilite="voiture",
        premier_contact="ccas",
    )
    values.update(changes)
    return Persona(**values)


def _answer(result) -> str:
    return journey_answer(result, type_labels=PARTNERSHIP_LABELS)


def test_options_in_reach_ranked_with_itinerant_bus_at_distance_zero() -> None:
    result = journey(_ecosystem(), _persona(), COMMUNES)
    bourg_km = float(great_circle_km(49.80, 3.50, 49.80, 3.57))
    assert result.radius_km == pytest.approx(20 / 60 * 50 / 1.3)
    # The youth point serves only young people: not an option for a senior.
    assert list(result.options["actor"]) == ["bus", "fs"]
    assert result.options.loc[0, "distance_km"] == 0.0 and result.options.loc[0, "serves_commune"]
    assert result.options.loc[1, "distance_km"] == pytest.approx(bourg_km)
    assert result.unmet_needs == ()


def test_without_a_car_the_radius_shrinks_and_needs_go_unmet() -> None:
    result = journey(_ecosystem(), _persona(mobilite="pied"), COMMUNES)
    assert list(result.options["actor"]) == ["bus"]
    assert result.unmet_needs == (ADMIN,)
    beyond = result.beyond_reach.iloc[0]
    assert beyond["actor"] == "fs"
    assert "France Services du Bourg" in _answer(result) and "hors de portée" in _answer(result)


def test_referral_path_follows_partnerships_from_the_first_contact() -> None:
    result = journey(_ecosystem(), _persona(), COMMUNES)
    assert result.referral_path == ("ccas", "epn", "fs")
    assert result.referral_types == ("partenariat", "orientation")
    assert "Chemin d'orientation depuis CCAS de la Ville" in _answer(result)


def test_without_any_chain_the_sentence_says_whom_to_contact() -> None:
    result = journey(_ecosystem(linked=False), _persona(), COMMUNES)
    assert result.referral_path == ()
    assert "contactez directement Bus numérique" in _answer(result)


def test_young_persona_is_served_by_the_youth_point() -> None:
    result = journey(_ecosystem(), _persona(publics=("Jeunes",)), COMMUNES)
    assert result.options.loc[0, "actor"] in {"jeunes", "bus"}
    assert "jeunes" in set(result.options["actor"])


def test_inputs_are_not_mutated() -> None:
    ecosystem = _ecosystem()
    before_actors, before_links = ecosystem.actors, ecosystem.partnerships
    communes = COMMUNES.copy()
    journey(ecosystem, _persona(), communes)
    assert ecosystem.actors == before_actors and ecosystem.partnerships == before_links
    pd.testing.assert_frame_equal(communes, COMMUNES)


def test_unknown_commune_or_contact_is_a_french_error() -> None:
    with pytest.raises(NecNetworkError, match="n'est pas dans le territoire"):
        journey(_ecosystem(), _persona(code_insee="80021"), COMMUNES)
    with pytest.raises(NecNetworkError, match="premier contact"):
        journey(_ecosystem(), _persona(premier_contact="inconnu"), COMMUNES)


def test_demo_personae_all_get_an_answer() -> None:
    from nec_network.io import read_ecosystem

    ecosystem, _ = read_ecosystem(ROOT / "data" / "demo")
    personae = read_personae(ROOT / "data" / "demo" / "personae.json")
    assert 4 <= len(personae) <= 6
    for result in journeys(ecosystem, personae):
        assert _answer(result).startswith("Depuis ")
        assert set(result.unmet_needs) <= set(result.persona.besoins)


def test_funding_links_are_not_referral_channels() -> None:
    base = _ecosystem(linked=False)
    funded = Ecosystem(base.actors, [Partnership("ccas", "fs", "financement")])
    result = journey(funded, _persona(), COMMUNES)
    assert result.referral_path == ()
    assert "aucun lien de partenariat" in _answer(result)


def test_the_threshold_reaches_the_journeys_km_minutes_and_detour():
    from nec_network.analysis.criteria import Threshold
    from nec_network.analysis.journeys import journeys
    from nec_network.analysis.spatial import km_for_minutes
    from nec_network.analysis.synthesis import synthesize
    from nec_network.demo import load_demo, load_demo_personae

    ecosystem, personae = load_demo(), load_demo_personae()[:2]
    by_km = journeys(ecosystem, personae, threshold=Threshold(max_km=3))
    assert all(trip.radius_km == 3 for trip in by_km)
    slow = Threshold(max_minutes=30, detour=2.0)
    for trip in journeys(ecosystem, personae, threshold=slow):
        assert math.isclose(trip.radius_km, km_for_minutes(30, mode=trip.persona.mobilite, detour=2.0))
    # synthesize no longer turns a threshold in km into the 20-minute default.
    trips = synthesize(ecosystem, personae=personae, threshold=Threshold(max_km=3), sites=1).journeys
    assert [trip.radius_km for trip in trips] == [3.0, 3.0]
