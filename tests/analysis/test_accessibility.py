"""Weekly hours (through the shared opening-hours parser) and the 2SFCA accessibility index."""

from __future__ import annotations

import pandas as pd
import pytest

from nec_network.analysis.criteria import Threshold
from nec_network.analysis.accessibility import (
    actor_capacities,
    two_step_fca,
    weekly_hours,
)
from nec_network.model import Actor, Ecosystem


@pytest.mark.parametrize(
    ("text", "hours"),
    [
        ("Mo-Fr 09:00-12:00,14:00-17:00; Sa 09:00-12:00", 33.0),
        ("Mo-Fr 09:00-12:00, 14:00-17:00", 30.0),
        ("Tu,Th 13:30-17:00", 7.0),
        ("Mo-Sa 09:00-18:00; We off", 45.0),
        ("Mo-Fr 09:00-17:00; Fr 09:00-12:00", 35.0),
        ("Fr-Mo 20:00-02:00", 24.0),
        ("09:00-12:00", 21.0),
        ("24/7", 168.0),
        ("Mo-Fr 09:00-12:00; PH off", 15.0),
        ("Mo-Fr 09:00-12:00 \"sur rendez-vous\"", 15.0),
        ("\"sur rendez-vous\"", None),
        ("Jan-Jun Mo 09:00-12:00", None),
        ("lundi 9h-12h", None),
        ("Mo-Fr 25:00-26:00", None),
        ("", None),
    ],
)
def test_weekly_hours(text, hours):
    assert weekly_hours(text) == hours


def communes_table() -> pd.DataFrame:
    # A at 50.0°N, B at 50.1°N (11.1 km north) on the meridian 2° E.
    return pd.DataFrame(
        {
            "code_insee": ["80001", "80002"],
            "nom": ["A", "B"],
            "departement": "80",
            "epci_code": "200070993",
            "epci_nom": "CC Test",
            "population": [100, 300],
            "rural": True,
            "densite": "Rural",
            "latitude": [50.0, 50.1],
            "longitude": [2.0, 2.0],
        }
    )


def test_hand_computed_two_step_fca():
    # X (10 h/week) reaches A only; Y (30 h/week) halfway reaches both, within 6 km.
    eco = Ecosystem(
        [
            Actor("x", "X", latitude=49.98, longitude=2.0, horaires="Mo-Fr 09:00-11:00"),
            Actor(
                "y", "Y", latitude=50.05, longitude=2.0, horaires="Mo-Fr 09:00-12:00,13:00-16:00"
            ),
        ]
    )
    table = two_step_fca(eco, communes_table(), threshold=Threshold(max_km=6))
    # Capacities normalised to mean 1: X 0.5, Y 1.5. R_X = 0.5/100, R_Y = 1.5/400.
    # A_A = 0.00875, A_B = 0.00375; average per inhabitant (100·A_A + 300·A_B)/400 = 0.005.
    assert table["actors_within_reach"].tolist() == [2, 1]
    assert table["capacity_per_10000"].tolist() == pytest.approx([87.5, 37.5])
    assert table["accessibility_index"].tolist() == pytest.approx([1.75, 0.75])
    assert (table["accessibility_index"] * table["population"]).sum() / 400 == pytest.approx(1.0)


def test_unreadable_hours_take_the_median_with_a_warning():
    actors = [
        Actor("a", "A", horaires="Mo-Fr 09:00-17:00"),
        Actor("b", "B", horaires="sur rendez-vous"),
        Actor("c", "C", horaires="Mo 09:00-12:00"),
        Actor("d", "D", horaires="Sa 09:00-19:00"),
    ]
    capacities = actor_capacities(actors)
    assert capacities["raw_capacity"].tolist() == [40.0, 10.0, 3.0, 10.0]
    assert capacities["estimated"].tolist() == [False, True, False, False]
    assert capacities["capacity"].mean() == pytest.approx(1.0)


def test_capacity_from_an_extra_field():
    actors = [
        Actor("a", "A", extra={"conseillers": "3"}),
        Actor("b", "B", extra={"conseillers": 1}),
    ]
    assert actor_capacities(actors, capacity="conseillers")["capacity"].tolist() == [1.5, 0.5]


def test_itinerant_zone_reaches_its_communes_and_nobody_else():
    bus = Actor(
        "bus", "Bus", itinerant=True, zone_intervention=("80002",), horaires="We 09:00-17:00"
    )
    table = two_step_fca(Ecosystem([bus]), communes_table(), threshold=Threshold(max_km=1))
    assert table["actors_within_reach"].tolist() == [0, 1]
    # Everyone reached is at the average: B is 400/300 of it, A nothing.
    assert table["accessibility_index"].tolist() == pytest.approx([0.0, 4 / 3])
