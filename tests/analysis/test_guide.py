"""The guide of resources per difficulty, on a hand-made territory."""

from __future__ import annotations

import pandas as pd

from nec_network.analysis.coverage import coverage_all_services
from nec_network.analysis.criteria import Threshold
from nec_network.analysis.guide import resource_guide
from nec_network.model import Actor, Ecosystem, Partnership
from nec_network.model.resource import Resource

ADMIN = "Aide aux démarches administratives"


def communes() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "code_insee": ["02001", "02002", "80001"],
            "nom": ["A", "B", "C"],
            "departement": ["02", "02", "80"],
            "epci_code": ["E1", "E1", "E2"],
            "epci_nom": "",
            "population": [100, 300, 600],
            "rural": True,
            "densite": "",
            "latitude": [49.5, 49.5, 50.0],
            "longitude": [3.0, 3.5, 2.0],
        }
    )


def test_places_per_departement_population_within_reach_resources_and_examples():
    ecosystem = Ecosystem(
        [
            Actor(
                "a", "Lieu A", code_insee="02001", latitude=49.5, longitude=3.0, services=(ADMIN,)
            ),
            Actor(
                "hub",
                "Tête",
                code_insee="80001",
                latitude=50.0,
                longitude=2.0,
                services=(ADMIN,),
                modalites_acces=("Ce lieu n'accueille pas de public",),
            ),
            Actor(
                "bus",
                "Bus",
                code_insee="80001",
                latitude=50.0,
                longitude=2.0,
                services=(ADMIN,),
                itinerant=True,
                zone_intervention=("E1",),
            ),
            Actor(
                "b",
                "Lieu B",
                code_insee="02002",
                latitude=49.5,
                longitude=3.5,
                services=("Loisirs et créations numériques",),
            ),
        ],
        [Partnership("a", "b", "partenariat")],
    )
    table = communes()
    matrix = coverage_all_services(ecosystem, table, threshold=Threshold(max_km=1))
    resources = (Resource("Ligne fictive", ("demarches",)), Resource("Jeu fictif", ("loisirs",)))
    guide = {
        item.difficulty.code: item for item in resource_guide(ecosystem, matrix, resources, table)
    }
    admin = guide["demarches"]
    assert admin.places == 2  # the hub receives nobody
    rows = admin.by_departement.set_index("departement")
    assert (
        rows.loc["02", "places"] == 2 and rows.loc["02", "itinerant_count"] == 1
    )  # the bus serves E1 (Aisne)
    assert rows.loc["80", "places"] == 1
    # Covered for ADMIN: A (place at 0 km), B (bus zone), C (the bus's own point).
    assert admin.population_within_reach == 1000 and admin.share_within_reach == 1.0
    assert [r.nom for r in admin.resources] == ["Ligne fictive"]
    assert [a.id for a in admin.examples] == ["bus", "a"]
    leisure = guide["loisirs"]
    assert leisure.places == 1 and leisure.population_within_reach == 300
    assert guide["emploi"].places == 0 and guide["emploi"].examples == ()
