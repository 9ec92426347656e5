"""Any CSV through a JSON mapping, tried on the real France Services list.

The list is the faithful excerpt in ``tests/fixtures/real`` (508 of the 2,683 national records,
see its README): every site of Picardie and its neighbours, every overseas site and every messy
record of the whole list, so each rejection and repair of the national file is in it. Row
numbers are line numbers of the excerpt.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest

from nec_network.errors import DataError
from nec_network.io.mapping import opening_hours, parse_mapping, read_mapped

REPOSITORY = Path(__file__).resolve().parents[2]
FRANCE_SERVICES = REPOSITORY / "tests" / "fixtures" / "real" / "france-services-2022-12-extrait.csv"
MAPPING = REPOSITORY / "data" / "mappings" / "france-services.json"


@cache
def france_services():
    return read_mapped(FRANCE_SERVICES, MAPPING)


def test_every_france_services_row_is_accounted_for():
    ecosystem, report = france_services()
    assert report.rows_read == 508 and report.imported + report.rejected == 508
    # Every row has usable coordinates or a findable commune (overseas ones included): the
    # 108 records once rejected (98 overseas, 10 antennas without a commune) are all in it.
    assert report.rejected == 0 and len(ecosystem) == 508
    overseas = [actor for actor in ecosystem if actor.departement in ("971", "972", "973", "974", "976")]
    assert overseas and all(actor.code_insee for actor in overseas)


def test_rows_without_coordinates_are_placed_at_their_commune_with_a_correction_note():
    ecosystem, report = france_services()
    trie = ecosystem["france-services-2890"]
    assert (trie.nom, trie.code_insee, trie.precision) == ("Trie-Château", "60644", "commune")
    assert trie.has_coordinates
    # "Fresnes-Léguillon" (the antenna's name): official spelling Fresne-Léguillon, Oise.
    fresnes = ecosystem["france-services-2889"]
    assert (fresnes.code_insee, fresnes.commune, fresnes.precision) == ("60257", "Fresne-Léguillon", "commune")
    (note,) = [p for p in report.problems if p.row == 526 and p.category == "commune_corrigee"]
    assert note.value == "Fresnes-Léguillon" and note.suggestion == "Fresne-Léguillon"
    # "Antenne d'Anould": the commune's name read in the site's name, within its département.
    anould = ecosystem["france-services-2696"]
    assert (anould.code_insee, anould.extra["commune_deduite"]) == ("88009", "nom de commune lu dans le texte")
    assert all(actor.has_coordinates for actor in ecosystem)


def test_double_encoded_names_are_repaired_with_a_correction():
    _, report = france_services()
    repaired = {(p.row, p.suggestion) for p in report.corrections if "doublement encodé" in p.message}
    assert {(526, "Fresnes-Léguillon"), (527, "Trie-Château")} <= repaired


def test_france_services_fields():
    ecosystem, _ = france_services()
    bus = ecosystem["france-services-3"]
    assert bus.typologies == ("RFS",) and bus.dispositifs == ("France Services",)
    assert bus.itinerant and bus.horaires == "Mo-Fr 09:30-16:30" and bus.precision == "saisie"
    assert ecosystem["france-services-7"].horaires == "Mo-Th 09:00-12:00,13:00-17:30; Fr 09:00-12:00,13:00-16:00; Sa 09:00-12:00"
    assert bus.extra["format_fs"] == "Site principal"
    # 276 itinerant sites in the national file, 70 of them in the excerpt (overseas ones included).
    assert sum(actor.itinerant for actor in ecosystem) == 70


def test_opening_hours_left_as_they_came_when_unreadable():
    assert opening_hours({"Mo": "07:30:12:30"}) is None
    assert opening_hours({"Mo": "09:00-12:00 14:00-16:30", "Tu": "-"}) == "Mo 09:00-12:00,14:00-16:30"


def test_value_maps_constants_and_list_separator(tmp_path):
    data = tmp_path / "lieux.csv"
    data.write_text(
        "Nom;Ville;CP;Bus;Offre;Remarque\n"
        "Mairie fictive;Laon;02000;Oui;Démarches,Internet;à vérifier\n"
        ";Laon;02000;Non;;\n"
        "Lieu perdu;Nulle-Part;99999;Non;;\n",
        encoding="utf-8",
    )
    mapping = tmp_path / "table.json"
    mapping.write_text(json.dumps({
        "colonnes": {"nom": "Nom", "commune": "Ville", "code_postal": "CP", "itinerance": "Bus",
                     "services": "Offre"},
        "valeurs": {"itinerance": {"Oui": "Itinérant", "Non": "Fixe"},
                    "services": {"Démarches": "Aide aux démarches administratives",
                                 "Internet": "Accès internet et matériel informatique"}},
        "constantes": {"typologie": "MUNI", "source": "Test fictif"},
        "separateur_listes": ",",
    }), encoding="utf-8")
    ecosystem, report = read_mapped(data, mapping)
    assert (report.rows_read, report.imported, report.rejected) == (3, 1, 2)
    actor = ecosystem.actors[0]
    assert (actor.id, actor.code_insee, actor.itinerant, actor.typologies) == ("2", "02408", True, ("MUNI",))
    assert actor.services == ("Aide aux démarches administratives", "Accès internet et matériel informatique")
    assert actor.extra == {"Remarque": "à vérifier"} and actor.precision == "commune"
    assert sorted(p.row for p in report.rejections) == [3, 4]


@pytest.mark.parametrize("document", [
    [], {}, {"colonnes": {"inconnu": "x"}}, {"colonnes": {"nom": "x"}, "autre": 1},
    {"colonnes": {"nom": "x"}, "valeurs": {"itinerance": "Oui"}},
    {"colonnes": {"nom": "x"}, "horaires_par_jour": {"Lundi": "h"}},
])
def test_malformed_mappings_are_refused_in_french(document):
    with pytest.raises(DataError):
        parse_mapping(document, source="table.json")


def test_shipped_mappings_are_found_by_name(tmp_path):
    from nec_network.errors import DataError
    from nec_network.io.mapping import builtin_mappings, load_mapping

    assert builtin_mappings()["france-services"].read_bytes() == MAPPING.read_bytes()
    assert load_mapping("france-services") == load_mapping(MAPPING)
    with pytest.raises(DataError, match="correspondances fournies : enquete-formulaire, france-services"):
        load_mapping(tmp_path / "absente.json")


def test_mapped_workbook_refuses_duplicate_headers_and_damaged_files(tmp_path):
    import openpyxl

    mapping = tmp_path / "map.json"
    mapping.write_text(json.dumps({"colonnes": {"nom": "Nom", "commune": "Ville"}}), encoding="utf-8")
    workbook = openpyxl.Workbook()
    workbook.active.append(["Nom", "Ville", "Nom"])
    workbook.active.append(["Mairie", "Amiens", "autre"])
    workbook.save(tmp_path / "double.xlsx")
    with pytest.raises(DataError, match="colonnes en double : Nom"):
        read_mapped(tmp_path / "double.xlsx", mapping)
    (tmp_path / "abime.xlsx").write_text("pas un classeur", encoding="utf-8")
    with pytest.raises(DataError, match="classeur illisible"):
        read_mapped(tmp_path / "abime.xlsx", mapping)


def test_mapped_workbook_refuses_values_under_no_header(tmp_path):
    import openpyxl

    mapping = tmp_path / "map.json"
    mapping.write_text(json.dumps({"colonnes": {"nom": "Nom", "commune": "Ville"}}), encoding="utf-8")
    workbook = openpyxl.Workbook()
    workbook.active.append(["Nom", "Ville"])
    workbook.active.append(["Mairie", "Amiens", "ouverte le samedi"])
    workbook.save(tmp_path / "lieux.xlsx")
    with pytest.raises(DataError, match="ligne 2 : valeur « ouverte le samedi » dans la colonne n° 3"):
        read_mapped(tmp_path / "lieux.xlsx", mapping)


def test_france_services_services_come_from_their_label_not_from_the_mapping():
    # The national list names no service: the mapping gives none as if the file said it, and
    # every site receives its charter's services, flagged as deduced from the label.
    from nec_network.model.label_services import SERVICES_DEDUCED, with_label_services

    ecosystem, _ = france_services()
    assert all(actor.services == () for actor in ecosystem)
    deduced = [with_label_services(actor) for actor in ecosystem]
    assert all("Aide aux démarches administratives" in actor.services for actor in deduced)
    assert all(actor.extra[SERVICES_DEDUCED] == "France Services" for actor in deduced)
