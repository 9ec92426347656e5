"""Where partnerships go: isolated actors, actors without a local partner, matrices across borders."""

from __future__ import annotations

from nec_network.analysis.partnership_links import (
    actors_without_local_partner,
    isolated_actors,
    links_across_departements,
    links_across_typologies,
)
from nec_network.model import Actor, Ecosystem, Partnership

AISNE, OISE, SOMME = "02691", "60057", "80021"


def test_isolated_and_actors_without_local_partner():
    places = {"a": AISNE, "b": OISE, "c": OISE, "d": SOMME, "e": SOMME, "x": ""}
    actors = [Actor(x, f"Acteur {x}", code_insee=code) for x, code in places.items()]
    eco = Ecosystem(actors, [Partnership(p[0], p[1], "partenariat") for p in ("ab", "bc", "ad")])
    assert isolated_actors(eco)["id"].tolist() == ["e", "x"]
    table = actors_without_local_partner(eco)
    assert table[["id", "partners", "partner_departements"]].to_dict("records") == [
        {"id": "a", "partners": 2, "partner_departements": "60|80"},
        {"id": "d", "partners": 1, "partner_departements": "02"},
    ]


def cross_border_ecosystem() -> Ecosystem:
    actors = [
        Actor("a", "Acteur a", code_insee=AISNE, typologies=("CCAS",)),
        Actor("b", "Acteur b", code_insee=SOMME, typologies=("BIB",)),
        Actor("c", "Acteur c", code_insee=SOMME, typologies=("BIB", "MUNI")),
        Actor("d", "Acteur d", code_insee="", typologies=()),
    ]
    return Ecosystem(
        actors,
        [
            Partnership("a", "b", "orientation"),
            Partnership("b", "a", "partenariat"),
            Partnership("b", "c", "partenariat"),
            Partnership("c", "d", "partenariat"),
        ],
    )


def test_links_across_departements_and_typologies():
    eco = cross_border_ecosystem()
    by_departement = links_across_departements(eco)
    assert by_departement.index.tolist() == ["02", "80", "(inconnu)"]
    assert by_departement.loc["02", "80"] == by_departement.loc["80", "02"] == 2
    assert by_departement.loc["80", "80"] == 1
    assert by_departement.loc["80", "(inconnu)"] == 1
    assert by_departement.loc["02", "02"] == 0
    by_typology = links_across_typologies(eco)
    assert by_typology.loc["BIB", "CCAS"] == 2 and by_typology.loc["BIB", "BIB"] == 1


def test_empty_ecosystem():
    assert isolated_actors(Ecosystem()).empty and actors_without_local_partner(Ecosystem()).empty
    assert links_across_departements(Ecosystem()).empty
