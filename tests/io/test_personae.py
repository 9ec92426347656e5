"""Personae files: read and checked into records (French errors naming file, record, field); lookup by name."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from nec_network.errors import DataError
from nec_network.io.personae import find_persona, persona_from_mapping, read_personae
from nec_network.model.persona import MODES, Persona

DEMO = Path(__file__).resolve().parents[2] / "data" / "demo" / "personae.json"
ADMIN = "Aide aux démarches administratives"


def _write(path: Path, records) -> Path:
    path.write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")
    return path


def test_reading_personae_names_file_record_and_column(tmp_path: Path) -> None:
    path = _write(
        tmp_path / "personae.json",
        [{"id": "a", "nom": "A", "code_insee": "2001", "besoins": ["Aide aux demarche administrative"]}],
    )
    with pytest.raises(DataError) as caught:
        read_personae(path)
    message = str(caught.value)
    assert "personae.json" in message and "ligne 1" in message and "besoins" in message
    assert "Aide aux démarches administratives" in message


def test_second_record_missing_a_field_is_named(tmp_path: Path) -> None:
    good = {"id": "a", "nom": "A", "code_insee": "02001", "besoins": [ADMIN]}
    path = _write(tmp_path / "p.json", [good, {"id": "b", "nom": "B", "besoins": [ADMIN]}])
    with pytest.raises(DataError) as caught:
        read_personae(path)
    assert "ligne 2" in str(caught.value) and "code_insee" in str(caught.value)


def test_unknown_mobility_lists_the_modes() -> None:
    record = {"id": "a", "nom": "A", "code_insee": "02001", "besoins": [ADMIN], "mobilite": "trottinette"}
    with pytest.raises(DataError, match="voiture, transport, velo, pied"):
        persona_from_mapping(record)


def test_one_object_is_a_list_of_one_and_values_are_canonical(tmp_path: Path) -> None:
    path = _write(
        tmp_path / "une.json",
        {"id": "a", "nom": "A", "code_insee": "2001", "besoins": "aide aux démarches administratives",
         "publics": "seniors", "mobilite": "pied", "premier_contact": "ccas"},
    )  # fmt: skip
    (persona,) = read_personae(path)
    assert persona == Persona(
        "a", "A", "02001", (ADMIN,), publics=("Seniors",), mobilite="pied", premier_contact="ccas"
    )


def test_unreadable_json_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "casse.json"
    path.write_text("[{", encoding="utf-8")
    with pytest.raises(DataError, match="casse.json"):
        read_personae(path)


def test_demo_personae_read_and_found_by_id_name_or_first_name() -> None:
    personae = read_personae(DEMO)
    assert 4 <= len(personae) <= 6 and all(p.mobilite in MODES for p in personae)
    jeannine = next(p for p in personae if p.nom.startswith("Jeannine"))
    for wanted in (jeannine.id, jeannine.nom, "jeannine", "JEANNINE"):
        assert find_persona(personae, wanted) == jeannine
    assert find_persona(personae, "personne") is None
    assert find_persona((), "Jeannine") is None


def test_lookup_ignores_accents() -> None:
    people = [Persona("eleve", "Léa, 16 ans", "02001", (ADMIN,))]
    assert find_persona(people, "lea") == people[0]


@pytest.mark.parametrize("code", ["abc", "800211", "8 0021"])
def test_a_malformed_commune_code_is_refused_not_padded(code: str) -> None:
    with pytest.raises(DataError) as caught:
        persona_from_mapping({"id": "p", "nom": "P", "code_insee": code, "besoins": "Accès internet et matériel informatique"},
                             source="personae.json", index=2)
    assert caught.value.column == "code_insee" and "mal formé" in str(caught.value)


def test_short_and_corsican_codes_are_normalised() -> None:
    need = "Accès internet et matériel informatique"
    assert persona_from_mapping({"id": "p", "nom": "P", "code_insee": 2468, "besoins": need}).code_insee == "02468"
    assert persona_from_mapping({"id": "p", "nom": "P", "code_insee": "2a004", "besoins": need}).code_insee == "2A004"
