"""Typology deduced from a place's name, tried on real names of the national files."""

from __future__ import annotations

import pytest

from nec_network.model.typology import NAME_RULES, typology_from_name
from nec_network.model.vocabularies import TYPOLOGY_LABELS

# Names as they are written in the national v0 export of the Conseillers numériques places
# (anct-cartographie-nationale/mednum-cli, assets/input/cnfs.json) and in the France Services
# list of December 2022 (tests/fixtures/real), with the typology a coordinator would give.
REAL_NAMES = [
    ("Bibliothèque Mériadeck", "BIB"),
    ("Médiathèque de Vaugneray", "BIB"),
    ("Médiathèque la Pléiade", "BIB"),
    ("Bibliothèque municipale de Corbény", "BIB"),
    ("mairie de bourg et comin", "MUNI"),
    ("Mairie de Beaurieux", "MUNI"),
    ("mairie de latillé", "MUNI"),
    ("COMMUNE DE PAMANDZI", "MUNI"),
    ("Commune de Labarthe sur Lèze", "MUNI"),
    ("Centre Social de Fontreyne", "CS"),
    ("Centre Social de Fontreyne - Quartier des Cèdres", "CS"),
    ("Centre socio Culturel St Germain", "CSC"),
    ("Espace France Services", "RFS"),
    ("Espace Condorcet Centre Social France Service", "RFS"),
    ("Bus France services Thiérache Sambre et Oise", "RFS"),
    ("France services de Chauny", "RFS"),
]
# Real names that say nothing of the kind of place: no guess.
NO_TYPOLOGY = ["HARMONIE MUTUELLE", "GERMINAL", "CROIX ROUGE FRANCAISE", "Maison du lien social",
               "Direction Régionale Nord Ouest", "Station ESS Local Ateliers Numériques"]


@pytest.mark.parametrize(("name", "code"), REAL_NAMES)
def test_real_names_give_the_typology_a_coordinator_would(name, code):
    assert typology_from_name(name)[0] == code


@pytest.mark.parametrize("name", NO_TYPOLOGY)
def test_names_that_say_nothing_give_no_typology(name):
    assert typology_from_name(name) is None


def test_every_rule_names_a_data_inclusion_typology():
    assert {code for code, _ in NAME_RULES} <= set(TYPOLOGY_LABELS)


def test_a_deduced_typology_is_flagged_and_never_overrides_a_given_one(tmp_path):
    from nec_network.io import read_ecosystem
    from nec_network.io.template import ACTOR_COLUMNS

    folder = tmp_path / "modele"
    folder.mkdir()
    rows = [{"id": "a", "nom": "Médiathèque de Vaugneray"}, {"id": "b", "nom": "Médiathèque", "typologie": "ASSO"}]
    lines = [",".join(ACTOR_COLUMNS)] + [",".join(r.get(c, "") for c in ACTOR_COLUMNS) for r in rows]
    (folder / "acteurs.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    ecosystem, report = read_ecosystem(folder)
    assert ecosystem["a"].typologies == ("BIB",) and ecosystem["a"].extra["typologie_deduite"] == "nom"
    assert ecosystem["b"].typologies == ("ASSO",) and "typologie_deduite" not in ecosystem["b"].extra
    assert report.review_counts()["typologie_deduite"] == 1
