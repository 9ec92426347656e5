"""Personae written back (``write_personae``), read record by record, put together and re-pointed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from nec_network.errors import DataError
from nec_network.io.personae import (
    PERSONA_KEYS,
    actor_renames,
    export_personae,
    gather_personae,
    persona_to_record,
    read_personae,
    read_personae_report,
    remap_contacts,
    write_personae,
)
from nec_network.io.report import Report
from nec_network.model.persona import Persona

DEMO = Path(__file__).resolve().parents[2] / "data" / "demo" / "personae.json"
ADMIN = "Aide aux démarches administratives"


def test_read_write_read_gives_the_same_personae_and_the_demo_file_byte_for_byte(tmp_path):
    personae = read_personae(DEMO)
    written = write_personae(personae, tmp_path / "personae.json")
    assert read_personae(written) == personae
    assert written.read_bytes() == DEMO.read_bytes()
    records = json.loads(written.read_text(encoding="utf-8"))
    assert all(tuple(record) == PERSONA_KEYS for record in records)
    assert "é" in written.read_text(encoding="utf-8")  # accents as they are, not \u00e9


def test_every_field_survives_the_round_trip(tmp_path):
    full = Persona("p", "Paul, 40 ans", "80021", (ADMIN,), "Description « guillemets »", ("Seniors",),
                   (), "transport", "ccas-abbeville")
    assert read_personae(write_personae([full], tmp_path / "p.json")) == (full,)
    assert persona_to_record(full)["premier_contact"] == "ccas-abbeville"


def test_a_bad_record_is_rejected_with_file_record_and_field_the_others_kept(tmp_path):
    path = tmp_path / "personae.json"
    good = {"id": "a", "nom": "A", "code_insee": "02001", "besoins": [ADMIN]}
    path.write_text(json.dumps([good, {"id": "b", "nom": "B", "code_insee": "02001", "besoins": ["Yoga"]}]),
                    encoding="utf-8")
    personae, report = read_personae_report(path)
    assert [p.id for p in personae] == ["a"]
    assert (report.rows_read, report.imported, report.rejected) == (2, 1, 1)
    problem = report.rejections[0]
    assert (problem.file, problem.row, problem.column) == (str(path), 2, "besoins")
    assert "Yoga" in problem.message


@pytest.mark.parametrize("content", ['"texte"', "[1, 2]", "[{]"])
def test_a_file_that_is_not_a_list_of_objects_is_a_french_error(tmp_path, content):
    path = tmp_path / "personae.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(DataError, match="personae.json"):
        read_personae_report(path)
    with pytest.raises(DataError):
        read_personae(path)


def test_identical_records_once_a_different_one_with_a_taken_id_set_aside():
    a = Persona("a", "A", "02001", (ADMIN,))
    other_a = Persona("a", "A bis", "02001", (ADMIN,))
    b = Persona("b", "B", "02001", (ADMIN,))
    gathered = gather_personae([("x.json", (a,), Report(rows_read=1)),
                                ("y.json", (a, other_a, b), Report(rows_read=3))])
    assert gathered.personae == (a, b)
    assert gathered.origins == (0, 1)
    assert (gathered.read, gathered.files, gathered.duplicates, gathered.conflicts) == (4, 2, 1, (("a", "y.json"),))


def test_contacts_follow_renames_and_merges_and_are_cleared_when_not_written():
    renames = actor_renames([["m", "k"], ["m2", "m"]], ["m", "k", "m2", "y:m"], {"m2": "m", "y:m": "k"})
    assert renames == [{}, {"m2": "m", "m": "k"}]
    first = Persona("p", "P", "02001", (ADMIN,), premier_contact="k")
    second = Persona("q", "Q", "02001", (ADMIN,), premier_contact="m")
    personae, cleared = remap_contacts([first, second], [renames[0], renames[1]], {"k"})
    assert [p.premier_contact for p in personae] == ["k", "k"]
    personae, cleared = remap_contacts([first, second], [renames[0], renames[1]], {"m"})
    assert [p.premier_contact for p in personae] == [None, None]
    assert cleared == (("p", "k"), ("q", "m"))


def test_export_writes_the_model_personae_or_says_the_format_cannot_carry_them(tmp_path: Path) -> None:
    source, output = tmp_path / "modele", tmp_path / "copie"
    source.mkdir()
    output.mkdir()
    (source / "personae.json").write_text("[]\n", encoding="utf-8")
    assert export_personae(source, output, carried=True) == ((), [f"Personae : 0 repris dans {output / 'personae.json'}."])
    assert json.loads((output / "personae.json").read_text(encoding="utf-8")) == []
    problems, lines = export_personae(source, tmp_path / "lieux.csv", carried=False)
    assert problems == () and "n'est pas exporté" in lines[0]
