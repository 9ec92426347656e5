"""Structure kept: carrying structures of the Conseillers numériques places, France Services antennas."""

from __future__ import annotations

from pathlib import Path

import pytest

from nec_network.analysis.accessibility import actor_capacities
from nec_network.analysis.structures import link_antennas, link_structures
from nec_network.io import read_ecosystem

REAL = Path(__file__).parents[1] / "fixtures" / "real"


@pytest.fixture(scope="module")
def cnfs():
    return read_ecosystem(REAL / "cnfs-lieux-v0-extrait.json")[0]


def test_each_structure_id_becomes_one_actor_with_its_places_as_members(cnfs):
    ecosystem, links = link_structures(cnfs)
    assert links.actors == len({actor.extra["structureId"] for actor in cnfs}) == 17
    assert links.partnerships == len(cnfs)
    aisne = "structure-60461fd3871498b5cec2072b"
    members = sorted(ecosystem[p.source].nom for p in ecosystem.partnerships if p.cible == aisne)
    assert members == ["Bibliothèque municipale de Corbény", "Espace France Services", "Mairie de Beaurieux",
                       "mairie de bourg et comin"]
    assert all(p.type == "membre_de" for p in ecosystem.partnerships)
    structure = ecosystem[aisne]
    assert structure.extra["nom_deduit"] == "oui" and structure.nom.endswith("(structure porteuse)")
    assert not structure.has_coordinates  # a node of the network, not a place on the map
    assert len(cnfs.partnerships) == 0  # the input is unchanged


@pytest.mark.parametrize(("structure", "typology"), [
    ("structure-604fe689250d66297edf28fa", ("MUNI",)),  # COMMUNE DE LOUHANS, SIRET 217…
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
    picardie = linked.filter(departements=["02", "60", "80"])
    pairs = {(picardie[p.source].nom, picardie[p.cible].nom) for p in picardie.partnerships}
    assert ("France services Ponthieu-Marquenterre - Antenne de Crécy-en-Ponthieu",
            "France services Ponthieu - Marquenterre") in pairs
    assert len(picardie.partnerships) == 5
    antennas = [a for a in ecosystem if a.extra.get("format_fs") == "Antenne"]
    assert links.partnerships + len(links.unlinked) == len(antennas)
    assert all(ecosystem[i].extra.get("format_fs") == "Antenne" for i in links.unlinked)
