"""Planning the next event (nec_network.analysis.event_planning), on cases counted by hand."""

from __future__ import annotations

import pandas as pd
import pytest

from nec_network.analysis.event_planning import introductions, invitations, venue_ranking
from nec_network.analysis.spatial import travel_minutes
from nec_network.distance import great_circle_km
from nec_network.errors import NecNetworkError
from nec_network.model import Actor, Ecosystem, Partnership

COMMUNES = pd.DataFrame(
    [
        {"code_insee": "80021", "nom": "Amiens", "departement": "80", "rural": False, "latitude": 49.9, "longitude": 2.3},
        {"code_insee": "80001", "nom": "Abbeville", "departement": "80", "rural": False, "latitude": 50.1, "longitude": 1.8},
        {"code_insee": "80500", "nom": "Village", "departement": "80", "rural": True, "latitude": 49.7, "longitude": 2.9},
    ]
)


def _actor(actor_id: str, code: str, **fields) -> Actor:
    row = COMMUNES.set_index("code_insee").loc[code]
    return Actor(actor_id, actor_id.upper(), code_insee=code, commune=row["nom"],
                 latitude=float(row["latitude"]), longitude=float(row["longitude"]), **fields)


def test_the_venue_minimises_weighted_travel_and_names_the_farthest():
    ecosystem = Ecosystem([_actor("a", "80021"), _actor("b", "80001"), _actor("v", "80500")])
    ranked = venue_ranking(ecosystem, COMMUNES, rural_weight=3)
    # Independent computation: minutes from each actor to each commune, the rural one × 3.
    expected = {}
    for code, lat, lon in COMMUNES[["code_insee", "latitude", "longitude"]].itertuples(index=False):
        minutes = {a.id: float(travel_minutes(great_circle_km(a.latitude, a.longitude, lat, lon))) for a in ecosystem}
        expected[code] = (minutes["a"] + minutes["b"] + 3 * minutes["v"], max(minutes.values()))
    assert list(ranked["code_insee"]) == sorted(expected, key=lambda c: expected[c][0])
    for row in ranked.itertuples():
        assert row.weighted_minutes == pytest.approx(expected[row.code_insee][0])
        assert row.farthest_minutes == pytest.approx(expected[row.code_insee][1])
    assert ranked["farthest_actor"].iloc[0] in {"a", "b", "v"}
    # With weight 1 the rural actor counts like the others; a given list restricts the venues.
    even = venue_ranking(ecosystem, COMMUNES, rural_weight=1, venues=["80001"])
    assert list(even["code_insee"]) == ["80001"] and even["weighted_minutes"].iloc[0] == pytest.approx(even["total_minutes"].iloc[0])


def test_itinerant_actors_host_nothing_and_bad_input_is_refused():
    bus = _actor("bus", "80500", itinerant=True)
    ranked = venue_ranking(Ecosystem([_actor("a", "80021"), bus]), COMMUNES)
    assert list(ranked["code_insee"]) == ["80021"]
    # A host outside the territory's communes is invited, but its commune is no candidate venue.
    away = Actor("away", "AWAY", code_insee="05061", latitude=44.56, longitude=6.08)
    assert list(venue_ranking(Ecosystem([_actor("a", "80021"), away]), COMMUNES)["code_insee"]) == ["80021"]
    with pytest.raises(NecNetworkError, match="Commune inconnue"):
        venue_ranking(Ecosystem([_actor("a", "80021")]), COMMUNES, venues=["99999"])
    with pytest.raises(NecNetworkError, match="Poids"):
        venue_ranking(Ecosystem([_actor("a", "80021")]), COMMUNES, rural_weight=0.5)


def test_whom_to_invite_with_reasons():
    actors = [_actor("a", "80021"), _actor("b", "80021"), _actor("c", "80021"), _actor("d", "80001"),
              _actor("e", "80001"), _actor("f", "80001"), _actor("seul", "80500")]
    links = [Partnership("a", "b", "partenariat"), Partnership("b", "c", "partenariat"), Partnership("a", "c", "partenariat"),
             Partnership("d", "e", "partenariat"), Partnership("e", "f", "partenariat"), Partnership("d", "f", "partenariat"),
             Partnership("c", "d", "orientation")]
    zones = pd.DataFrame([{"nom": "Village", "commune_codes": "80500", "latitude": 49.7, "longitude": 2.9}])
    table = invitations(Ecosystem(actors, links), white_zones=zones, near_km=5).set_index("id")
    assert table.loc["seul", "reasons"] == "isolated|white_zone" and table.loc["seul", "white_zone"] == "Village"
    # a, b, c at Amiens: no other community within 5 km, two partners or more: not invited.
    assert not {"a", "b"} & set(table.index)
    bridging = invitations(Ecosystem(actors, links), near_km=60).set_index("id")
    # a has no tie into Abbeville's community, 41 km away; c has one (c → d): not a bridge to make.
    assert "would_bridge" in bridging.loc["a", "reasons"] and bridging.loc["a", "bridge_community_name"]
    assert "c" not in bridging.index


def test_introductions_cross_communities_with_complementary_services():
    services = {"a": ("Aide aux démarches administratives",), "b": ("Maîtrise des outils numériques du quotidien",)}
    actors = [_actor(i, "80021", services=services.get(i, ("Aide aux démarches administratives",))) for i in "abcdef"]
    links = [Partnership("a", "c", "partenariat"), Partnership("c", "e", "partenariat"), Partnership("a", "e", "partenariat"),
             Partnership("b", "d", "partenariat"), Partnership("d", "f", "partenariat"), Partnership("b", "f", "partenariat")]
    table = introductions(Ecosystem(actors, links), max_km=5)
    pairs = {frozenset(pair) for pair in zip(table["source"], table["target"], strict=True)}
    assert frozenset("ab") in pairs  # different communities, one service each
    assert all(table["complementarity"] > 0)
    assert all(table["source_community"] != table["target_community"])
