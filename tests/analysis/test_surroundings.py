"""A restricted territory keeps the places just outside it as context, marked, never as its own."""

from __future__ import annotations

import numpy as np

from nec_network.analysis.criteria import ActorCriteria
from nec_network.analysis.surroundings import territory_with_surroundings
from nec_network.distance import great_circle_km
from nec_network.model import Actor, Ecosystem, Partnership
from nec_network.model.actor import OUTSIDE_TERRITORY
from nec_network.settings import CONTEXT_MARGIN_KM
from nec_network.territory import load_communes


def _km_to_somme(latitude: float, longitude: float) -> float:
    """Oracle: the distance to the nearest reference point of a commune of the Somme, by brute force."""
    somme = load_communes(departements=["80"])
    return float(great_circle_km(latitude, longitude, somme["latitude"].to_numpy(float),
                                 somme["longitude"].to_numpy(float)).min())


def test_the_margin_is_measured_from_the_territory_s_communes():
    # Three places due north of Abbeville, in the Pas-de-Calais, at growing distances.
    points = {f"nord-{step}": (50.15 + 0.09 * step, 1.84) for step in range(6)}
    actors = [Actor(name, name, code_insee="62001", latitude=lat, longitude=lon) for name, (lat, lon) in points.items()]
    split = territory_with_surroundings(Ecosystem(actors), ["80"], margin_km=25)
    expected = {name for name, (lat, lon) in points.items() if _km_to_somme(lat, lon) <= 25}
    assert 0 < len(expected) < len(points)
    assert {actor.id for actor in split.context} == expected
    assert split.left_out == len(points) - len(expected) and len(split.own) == 0


def test_own_context_and_left_out():
    amiens = Actor("amiens", "Amiens", code_insee="80021", latitude=49.894, longitude=2.296)
    bus = Actor("bus", "Bus de l'Oise", code_insee="60057", itinerant=True, zone_intervention=("80001",))
    unknown = Actor("inconnu", "Sans commune")
    gournay = Actor("gournay", "Gournay (sans coordonnées)", code_insee="76312")
    paris = Actor("paris", "Paris", code_insee="75056", latitude=48.857, longitude=2.352)
    nowhere = Actor("ailleurs", "Commune inconnue", code_insee="99999")
    links = [Partnership("amiens", "gournay", "orientation"), Partnership("amiens", "paris", "orientation")]
    every = Ecosystem([amiens, bus, unknown, gournay, paris, nowhere], links)
    split = territory_with_surroundings(every, ["60", "80"])
    assert [actor.id for actor in split.own] == ["amiens", "bus", "inconnu"]
    assert [actor.id for actor in split.context] == ["gournay"]  # placed at its commune's point
    assert split.left_out == 2 and split.margin_km == CONTEXT_MARGIN_KM
    assert [(link.source, link.cible) for link in split.ecosystem.partnerships] == [("amiens", "gournay")]
    assert split.ecosystem["gournay"].outside_territory and not split.ecosystem["amiens"].outside_territory
    assert not every["gournay"].outside_territory  # the input is not changed
    # Network analyses and views of the kept model see the territory's own actors only.
    assert [actor.id for actor in ActorCriteria().territory(split.ecosystem)] == ["amiens", "bus", "inconnu"]


def test_a_context_place_inside_a_new_territory_becomes_its_own():
    gournay = Actor("gournay", "Gournay", code_insee="76312", latitude=49.48, longitude=1.72,
                    extra={OUTSIDE_TERRITORY: "oui", "conseillers": "2"})
    split = territory_with_surroundings(Ecosystem([gournay]), ["76"])
    assert [actor.id for actor in split.own] == ["gournay"]
    assert not split.own["gournay"].outside_territory and split.own["gournay"].extra == {"conseillers": "2"}


def test_a_context_actor_never_belongs_to_any_territory():
    marked = Actor("m", "M", code_insee="80021", extra={OUTSIDE_TERRITORY: "oui"})
    assert not ActorCriteria().in_territory(marked)
    assert not ActorCriteria(departements=["80"]).in_territory(marked)
    assert np.isclose(CONTEXT_MARGIN_KM, 30.0)
