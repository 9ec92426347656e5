"""National standard: v1 and v0 reading, v1 writing checked against the official schema."""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

import pytest

from nec_network.io.mednum import UNKNOWN_PIVOT, V1_COLUMNS, read_mednum, write_mednum
from nec_network.model.phone import french_phone
from nec_network.model import Actor, Ecosystem
from nec_network.model import vocabularies as voc

FIXTURES = Path(__file__).parent / "fixtures"


# -- the official Table Schema, checked by frictionless (tests/fixtures/real, never shipped) -------
REAL = Path(__file__).resolve().parents[1] / "fixtures" / "real"
SCHEMA = REAL / "schema-lieux-mediation-numerique-v1.0.2.json"
EXAMPLE = REAL / "exemple-valide-lieux-mediation-numerique.csv"


def schema_fields() -> list[dict]:
    return json.loads(SCHEMA.read_text(encoding="utf-8"))["fields"]


def schema_violations(path: Path) -> list[str]:
    """Every breach of the official schema in a CSV, as frictionless (the Table Schema
    community's validator) reports it: ``ligne N, champ = 'valeur' : type (note)``."""
    from frictionless import Resource, Schema

    # frictionless refuses absolute paths ("not safe"): the file is named inside its folder,
    # the schema given as its decoded descriptor.
    schema = Schema.from_descriptor(json.loads(SCHEMA.read_text(encoding="utf-8")))
    resource = Resource(path=path.name, basepath=str(path.parent), schema=schema)
    report = resource.validate()
    return [
        f"ligne {error.row_number}, {error.field_name} = {error.cell!r} : {error.type} ({error.note})"
        if hasattr(error, "field_name") else f"{error.type} : {error.note}"
        for task in report.tasks for error in task.errors
    ]  # fmt: skip


# -- tests ---------------------------------------------------------------------------------------
DAY = dt.date(2024, 5, 1)


def _rows(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(path.read_text(encoding="utf-8").splitlines()))


def test_v1_columns_are_the_schema_columns_in_order():
    assert list(V1_COLUMNS) == [field["name"] for field in schema_fields()]


def test_the_validator_catches_each_kind_of_breach(tmp_path):
    rows = _rows(EXAMPLE)
    broken = dict(rows[0], pivot="", telephone="03 23 00 00 00", date_maj="01/05/2024",
                  presentation_resume="x" * 281, latitude="nord", services="Cuisine")
    path = tmp_path / "casse.csv"
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.DictWriter(stream, fieldnames=V1_COLUMNS)
        writer.writeheader()
        writer.writerows([broken, dict(rows[0])])
    found = "\n".join(schema_violations(path))
    for expected in ("ligne 2, pivot = '' : constraint-error", "ligne 2, telephone = '03 23 00 00 00'",
                     "ligne 2, date_maj = '01/05/2024' : type-error", "presentation_resume",
                     "ligne 2, latitude = 'nord' : type-error", "services = 'Cuisine'",
                     "ligne 3, id = 'structure-1' : unique-error"):
        assert expected in found


def test_official_example_is_valid_and_reads_back_to_a_valid_file(tmp_path):
    assert schema_violations(EXAMPLE) == []
    ecosystem, report = read_mednum(EXAMPLE)
    assert report.is_complete() and report.imported == 1 and not report.errors
    actor = ecosystem["structure-1"]
    assert actor.pivot == "43493312300029" and actor.itinerant
    assert actor.formations_labels == ("Formé à « Mon Espace Santé »", "Arnia/MedNum BFC (Bourgogne-Franche-Comté)")
    assert actor.extra["autres_formations_labels"] == "Label et la bête"
    out = tmp_path / "lieux.csv"
    assert write_mednum(ecosystem, out) == []
    assert schema_violations(out) == []
    again, _ = read_mednum(out)
    assert again["structure-1"] == actor


def rich_ecosystem() -> Ecosystem:
    long_text = " ".join(["Atelier fictif"] * 40)
    return Ecosystem([
        Actor("a-1", "Maison fictive d'Amiens", ("MUNI", "EPN"), "1 rue Fictive", "Bâtiment B", "80000",
              "Amiens", "80021", 49.894, 2.296, "adresse", tuple(voc.SERVICES), tuple(voc.PUBLICS),
              tuple(voc.PRISE_EN_CHARGE), tuple(voc.DISPOSITIFS), tuple(voc.FORMATIONS_LABELS),
              tuple(voc.MODALITES_ACCES), tuple(voc.MODALITES_ACCOMPAGNEMENT), ("Gratuit",),
              "Mo-Fr 09:00-12:00", False, (), "03 22 00 00 01", ("a@exemple.invalid", "b@exemple.invalid"),
              ("https://exemple.invalid/",), "https://rdv.exemple.invalid/", long_text, "123 456 789 00012",
              "Ville fictive", "Démonstration fictive", dt.date(2024, 3, 1)),
        Actor("a-2", "Bus fictif", ("ENM",), "Place fictive", code_insee="02408", itinerant=True,
              zone_intervention=("02408", "200043495"), telephone="3949"),
        Actor("a-3", "Lieu sans adresse", code_insee="60057", commune="Beauvais", code_postal="60000"),
    ])


def test_rich_ecosystem_is_written_within_every_constraint(tmp_path):
    out = tmp_path / "lieux.csv"
    problems = write_mednum(rich_ecosystem(), out, default_date=DAY)
    assert schema_violations(out) == []
    rows = {row["id"]: row for row in _rows(out)}
    assert set(rows) == {"a-1", "a-2"}
    first, bus = rows["a-1"], rows["a-2"]
    assert first["telephone"] == "+33322000001" and first["pivot"] == "12345678900012"
    assert len(first["presentation_resume"]) <= 280 and first["presentation_detail"].startswith("Atelier")
    assert "Étapes numériques(La Poste)" in first["formations_labels"]
    assert bus["pivot"] == UNKNOWN_PIVOT and bus["itinerance"] == "Itinérant"
    assert (bus["commune"], bus["code_postal"], bus["date_maj"]) == ("Laon", "02000", "2024-05-01")
    assert bus["telephone"] == ""
    messages = {(p.file, p.column, p.level) for p in problems}
    assert ("a-3", "adresse", "erreur") in messages and ("a-2", "telephone", "avertissement") in messages


def test_schema_fields_survive_a_round_trip(tmp_path):
    out = tmp_path / "lieux.csv"
    write_mednum(rich_ecosystem(), out, default_date=DAY)
    back, report = read_mednum(out)
    original, again = rich_ecosystem()["a-1"], back["a-1"]
    for name in ("nom", "typologies", "adresse", "code_insee", "latitude", "services", "publics",
                 "prise_en_charge", "dispositifs", "formations_labels", "modalites_acces",
                 "modalites_accompagnement", "frais", "horaires", "courriels", "sites_web", "presentation",
                 "structure_parente", "source", "date_maj", "prise_rdv"):
        assert getattr(again, name) == getattr(original, name), name
    assert report.is_complete()


@pytest.mark.parametrize(("given", "expected"), [
    ("03 23 97 53 90", "+33323975390"), ("03.23.97.53.90", "+33323975390"), ("0033 3 23 97 53 90", "+33323975390"),
    ("+33 6 12 34 56 78", "+33612345678"), ("0262 12 34 56", "+262262123456"), ("07 85 78 24 48 / 03 23 00 00 00", "+33785782448"),
    ("12", None), ("", None),
])
def test_french_phone(given, expected):
    assert french_phone(given) == expected


def test_v0_json_of_the_national_cartography(tmp_path):
    ecosystem, report = read_mednum(FIXTURES / "lieux-v0.json")
    assert (report.rows_read, report.imported, report.rejected) == (5, 3, 2) and report.is_complete()
    amiens, laon, beauvais = ecosystem["v0-amiens-1"], ecosystem["v0-laon-2"], ecosystem["v0-beauvais-3"]
    assert amiens.services == ("Maîtrise des outils numériques du quotidien",
                               "Accès internet et matériel informatique", "Aide aux démarches administratives")
    assert (amiens.publics, amiens.prise_en_charge) == (("Seniors",), ("Surdité",))
    assert amiens.frais == ("Gratuit", "Gratuit sous condition")
    assert amiens.dispositifs == ("Conseillers numériques", "Aidants Connect")
    assert amiens.modalites_accompagnement == ("En autonomie", "Dans un atelier collectif")
    assert amiens.extra["publics_accueillis"] == "Adultes" and amiens.extra["labels_nationaux"] == "APTIC"
    assert amiens.extra["cle_ban"] == "80021_0001_00001" and amiens.sites_web[1] == "https://exemple.invalid/agenda"
    assert (laon.code_insee, laon.latitude, laon.telephone, laon.typologies) == ("02408", 49.564, "+33323000002", ("BIB",))
    assert laon.presentation.endswith("le mercredi.") and laon.dispositifs == ("France Services",)
    assert beauvais.extra["services"] == "Cuisiner en ligne" and beauvais.extra["labels_nationaux"] == "French Tech"
    warned = {(p.row, p.column) for p in report.warnings}
    assert {(1, "publics_accueillis"), (1, "labels_nationaux"), (3, "labels_nationaux")} <= warned
    unknown = [p for p in report.errors if p.column == "services"]
    assert [(p.row, p.value) for p in unknown] == [(3, "Cuisiner en ligne")]
    reasons = sorted(p.column for p in report.rejections)
    assert reasons == ["id", "nom"]
    out = tmp_path / "v1.csv"
    assert [p for p in write_mednum(ecosystem, out) if p.level == "erreur"] == []
    assert schema_violations(out) == []
    assert len(_rows(out)) == 3


def test_v0_csv_with_semicolon_lists(tmp_path):
    path = tmp_path / "v0.csv"
    path.write_text(
        "id;nom;commune;code_postal;adresse;date_maj;services;publics_accueillis;labels_nationaux;site_web\n"
        "x1;Lieu fictif;Abbeville;80100;1 rue Fictive;2022-06-02;"
        "Accéder à du matériel,Prendre en main un ordinateur;Adultes;Point numérique CAF;"
        "https://a.invalid/,https://b.invalid/\n",
        encoding="utf-8",
    )
    ecosystem, report = read_mednum(path)
    assert report.is_complete() and report.imported == 1
    # the semicolon is the column separator here, so the services arrive as one unknown value
    assert ecosystem["x1"].dispositifs == ("Point d'accès numérique CAF",)
    assert ecosystem["x1"].sites_web == ("https://a.invalid/", "https://b.invalid/")
