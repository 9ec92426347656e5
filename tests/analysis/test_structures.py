"""Structure kept: carrying structures of the Conseillers numériques places, France Services antennas."""

from __future__ import annotations

from pathlib import Path

import pytest

from nec_network.analysis.accessibility import actor_capacities
from nec_network.analysis.structures import is_derived_link, link_antennas, link_structures
from nec_network.io import read_ecosystem

REAL = Path(__file__).parents[1] / "fixtures" / "real"


@pytest.fixture(scope="module")
def cnfs():
    return read_ecosystem(REAL / "cnfs-lieux-v0-extrait.json")[0]


#: Places of the excerpt whose SIRET is their commune's and whose name says so: each is its
#: structure's own record (Pamandzi, Bordeaux, Labarthe-sur-Lèze, Louhans).
OWN_STRUCTURES = {
    "62ac3a748255a806e299d245": "Commune de Pamandzi",
    "62bc39d88dd70306dc40bc87": "Commune de Bordeaux",
    "62bc57338dd70306dc40beec": "Commune de Labarthe-sur-Lèze",
    "638621ee0830e306f21ecc20": "Commune de Louhans-Châteaurenaud",
}


def test_each_structure_id_becomes_one_actor_with_its_places_as_members(cnfs):
    ecosystem, links = link_structures(cnfs)
    structures = {actor.extra["structureId"] for actor in cnfs}
    assert len(structures) == 17
    assert links.places_as_structure == len(OWN_STRUCTURES)
    assert links.actors == len(structures) - len(OWN_STRUCTURES)
    # Every place is linked to its structure, but the places that are the structure.
    assert links.partnerships == len(cnfs) - len(OWN_STRUCTURES)
    aisne = "structure-60461fd3871498b5cec2072b"
    members = sorted(ecosystem[p.source].nom for p in ecosystem.partnerships if p.cible == aisne)
    assert members == ["Bibliothèque municipale de Corbény", "Espace France Services", "Mairie de Beaurieux",
                       "mairie de bourg et comin"]
    assert all(p.type == "membre_de" and is_derived_link(p) for p in ecosystem.partnerships)
    structure = ecosystem[aisne]
    assert structure.extra["nom_deduit"] == "oui"
    assert structure.nom == "Structure porteuse n° 60461fd3871498b5cec2072b (4 lieux)"
    assert not structure.has_coordinates  # a node of the network, not a place on the map
    assert len(cnfs.partnerships) == 0  # the input is unchanged


def test_no_structure_is_named_after_one_of_its_places(cnfs):
    ecosystem, _ = link_structures(cnfs)
    for structure in (actor for actor in ecosystem if actor.id.startswith("structure-")):
        places = [ecosystem[p.source] for p in ecosystem.partnerships if p.cible == structure.id]
        assert places and all(place.nom not in structure.nom for place in places), structure.nom
        assert structure.nom.startswith("Structure porteuse ") and f"({len(places)} lieu" in structure.nom


def test_a_place_that_is_its_structure_becomes_the_structure_s_record(cnfs):
    ecosystem, _ = link_structures(cnfs)
    for place, body in OWN_STRUCTURES.items():
        assert ecosystem[place].extra["structure_porteuse"] == body
        assert ecosystem[place].typologies  # a commune
    bordeaux = [(p.source, p.cible) for p in ecosystem.partnerships if p.cible == "62bc39d88dd70306dc40bc87"]
    assert bordeaux == [("62bc39258dd70306dc40bc7b", "62bc39d88dd70306dc40bc87")]  # Bibliothèque Mériadeck
    assert "structure-60461fe0871498b5cec2085e" not in ecosystem


@pytest.mark.parametrize(("structure", "typology"), [
    ("structure-60a695a6838083d33923adc1", ("ASSO",)),  # Croix-Rouge française, SIRET 775…
    ("structure-60461fd3871498b5cec2072b", ()),         # only 000… SIRETs: nothing deduced
])  # fmt: skip
def test_structure_typology_comes_from_the_siren_and_is_flagged(cnfs, structure, typology):
    actor = link_structures(cnfs)[0][structure]
    assert actor.typologies == typology
    assert ("typologie_deduite" in actor.extra) == bool(typology)


def test_advisers_become_the_capacity_of_the_place(cnfs):
    capacities = actor_capacities([cnfs["62bc39258dd70306dc40bc7b"], cnfs["62bc39d88dd70306dc40bc87"]],
                                  capacity="conseillers")
    assert capacities["raw_capacity"].tolist() == [2.0, 1.0]  # Bibliothèque Mériadeck has two advisers


def test_france_services_antennas_are_linked_to_their_main_site():
    ecosystem = read_ecosystem(REAL / "france-services-2022-12-extrait.csv", mapping="france-services")[0]
    linked, links = link_antennas(ecosystem)
    picardie = linked.subset(lambda actor: actor.departement in ("02", "60", "80"))
    pairs = {(picardie[p.source].nom, picardie[p.cible].nom) for p in picardie.partnerships}
    assert ("France services Ponthieu-Marquenterre - Antenne de Crécy-en-Ponthieu",
            "France services Ponthieu - Marquenterre") in pairs
    assert len(picardie.partnerships) == 5
    antennas = [a for a in ecosystem if a.extra.get("format_fs") == "Antenne"]
    assert links.partnerships + len(links.unlinked) == len(antennas)
    assert all(ecosystem[i].extra.get("format_fs") == "Antenne" for i in links.unlinked)
