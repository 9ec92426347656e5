"""Mappings over JSON records, v0 values translated by the built-in tables, personal and partnership columns."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from nec_network.errors import DataError
from nec_network.io import read_ecosystem
from nec_network.model.personal import without_personal_data

REAL = Path(__file__).parents[1] / "fixtures" / "real"
CNFS_MAPPING = {
    "colonnes": {"id": "id", "nom": "nom", "adresse": "adresse", "code_postal": "code_postal",
                 "commune": "commune", "latitude": "latitude", "longitude": "longitude",
                 "services": "services", "frais": "conditions_access", "dispositifs": "labels_nationaux",
                 "pivot": "pivot", "date_maj": "date_maj", "source": "source", "horaires": "horaires",
                 "telephone": "telephone", "courriel": "courriel", "site_web": "site_web"},
    "separateur_listes": ";",
    "prefixe_id": "cnfs-",
}  # fmt: skip


def _mapping(tmp_path: Path, document: dict) -> Path:
    path = tmp_path / "correspondance.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return path


def test_a_mapping_reads_the_real_v0_json_and_translates_its_values_without_a_valeurs_table(tmp_path):
    ecosystem, report = read_ecosystem(REAL / "cnfs-lieux-v0-extrait.json", mapping=_mapping(tmp_path, CNFS_MAPPING))
    value_errors = [p for p in report.errors if p.column in ("services", "frais", "dispositifs")]
    assert value_errors == []
    place = ecosystem["cnfs-62bc39258dd70306dc40bc7b"]  # Bibliothèque Mériadeck
    assert place.services == ("Maîtrise des outils numériques du quotidien", "Compréhension du monde numérique")
    assert place.frais == ("Gratuit",)
    assert place.dispositifs == ("Conseillers numériques", "France Services")
    assert place.extra["conseillers"] == "2" and place.extra["champs_personnels"] == "aidants"
    assert report.imported + report.rejected == report.rows_read == 36


def test_v0_values_without_v1_equivalent_are_kept_aside_with_a_warning(tmp_path):
    source = tmp_path / "lieux.csv"
    source.write_text("nom;ville;publics\nMédiathèque;Amiens;Adultes|Seniors (+ 65 ans)\n", encoding="utf-8")
    mapping = _mapping(tmp_path, {"colonnes": {"nom": "nom", "commune": "ville", "publics": "publics"}})
    ecosystem, report = read_ecosystem(source, mapping=mapping)
    actor = next(iter(ecosystem))
    assert actor.publics == ("Seniors",) and actor.extra["publics_v0"] == "Adultes"
    assert any(p.level == "avertissement" and p.column == "publics" for p in report.problems)


def test_a_partnership_column_links_each_row_to_its_parent(tmp_path):
    source = tmp_path / "reseau.csv"
    source.write_text("code;nom;ville;parent\n1;Réseau des médiathèques;Amiens;\n"
                      "2;Médiathèque Hélène Bernheim;Amiens;1\n3;Médiathèque Léon Gontier;Amiens;1\n"
                      "4;Ludothèque;Amiens;99\n", encoding="utf-8")
    mapping = _mapping(tmp_path, {"colonnes": {"id": "code", "nom": "nom", "commune": "ville"},
                                  "prefixe_id": "amiens-",
                                  "partenariats": [{"colonne": "parent", "type": "membre_de"}]})
    ecosystem, report = read_ecosystem(source, mapping=mapping)
    assert [(p.source, p.cible, p.type) for p in ecosystem.partnerships] == [
        ("amiens-2", "amiens-1", "membre_de"), ("amiens-3", "amiens-1", "membre_de")]
    assert any(p.value == "amiens-99" and "introuvable" in p.message for p in report.warnings)
    assert "parent" not in ecosystem["amiens-2"].extra


def test_columns_marked_personal_are_left_out_like_advisers(tmp_path):
    source = tmp_path / "lieux.csv"
    source.write_text("nom;ville;referente\nCCAS;Amiens;Conseiller Fictif 01\n", encoding="utf-8")
    mapping = _mapping(tmp_path, {"colonnes": {"nom": "nom", "commune": "ville"}, "personnel": ["referente"]})
    ecosystem, _ = read_ecosystem(source, mapping=mapping)
    actor = next(iter(ecosystem))
    assert actor.extra["champs_personnels"] == "referente"
    clean, removed = without_personal_data(ecosystem)
    assert removed.actors == 1 and "referente" not in next(iter(clean)).extra


@pytest.mark.parametrize(("document", "message"), [
    ({"colonnes": {"nom": "nom"}, "personnel": ["nom"]}, "déjà lue"),
    ({"colonnes": {"nom": "nom"}, "partenariats": [{"colonne": "p", "type": "amitie"}]}, "type inconnu"),
    ({"colonnes": {"nom": "nom"}, "partenariats": {"colonne": "p"}}, "liste"),
])  # fmt: skip
def test_wrong_personal_or_partnership_keys_are_explained_in_french(tmp_path, document, message):
    source = tmp_path / "lieux.csv"
    source.write_text("nom;p\nCCAS;\n", encoding="utf-8")
    with pytest.raises(DataError, match=message):
        read_ecosystem(source, mapping=_mapping(tmp_path, document))
