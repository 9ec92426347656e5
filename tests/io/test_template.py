"""Our template: hand-made files as coordinators really produce them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest

from nec_network.errors import DataError
from nec_network.io.template import (
    ACTOR_COLUMNS,
    PARTNERSHIP_COLUMNS,
    read_template,
    write_empty_template,
    write_template,
)
from nec_network.model import Actor, Ecosystem, PartialDate, Partnership
from nec_network.model.vocabularies import SERVICES, TYPOLOGY_LABELS

HEADER = ",".join(ACTOR_COLUMNS)


def _row(**values: str) -> str:
    return ",".join(values.get(column, "") for column in ACTOR_COLUMNS)


def _folder(tmp_path: Path, actors: list[str], links: list[str] | None = None, *, header: str = HEADER,
            encoding: str = "utf-8") -> Path:
    folder = tmp_path / "modele"
    folder.mkdir()
    (folder / "acteurs.csv").write_bytes(("\n".join([header, *actors]) + "\n").encode(encoding))
    if links is not None:
        text = "\n".join([",".join(PARTNERSHIP_COLUMNS), *links]) + "\n"
        (folder / "partenariats.csv").write_text(text, encoding="utf-8")
    return folder


def test_empty_template_folder_reads_back_with_its_guide(tmp_path):
    folder = write_empty_template(tmp_path / "vide")
    ecosystem, report = read_template(folder)
    assert [actor.id for actor in ecosystem] == ["exemple-1", "exemple-2"]
    assert all("fictif" in actor.source.lower() for actor in ecosystem)
    assert report.rows_read == 4 and report.imported == 4 and not report.errors  # 2 actors, 1 event, 1 link
    assert [event.id for event in ecosystem.events] == ["exemple-rencontre"]
    assert ecosystem.partnerships[0].evenement == "exemple-rencontre"
    guide = (folder / "LISEZ-MOI.md").read_text(encoding="utf-8")
    assert "evenements.csv" in guide and "enquete" in guide
    for column in ACTOR_COLUMNS:
        assert column in guide
    assert "Aide aux démarches administratives" in guide and "« | »" in guide
    assert "MUNI (Municipalités)" in guide and "orientation (Orientation, orienté)" in guide


def test_empty_template_workbook_has_its_sheets(tmp_path):
    path = write_empty_template(tmp_path / "vide.xlsx")
    workbook = openpyxl.load_workbook(path)
    assert workbook.sheetnames == ["acteurs", "partenariats", "evenements", "ressources", "lisez-moi"]
    guide = "\n".join(str(row[0]) for row in workbook["lisez-moi"].iter_rows(values_only=True) if row[0])
    assert "France Services" in guide
    ecosystem, report = read_template(path)
    assert len(ecosystem) == 2 and len(ecosystem.partnerships) == 1 and report.is_complete()
    assert len(ecosystem.events) == 1 and ecosystem.events[0].participants == ("exemple-2",)


def test_bom_and_crlf_are_read(tmp_path):
    folder = tmp_path / "m"
    folder.mkdir()
    text = HEADER + "\r\n" + _row(id="a1", nom="Médiathèque Élise") + "\r\n"
    (folder / "acteurs.csv").write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    ecosystem, report = read_template(folder)
    assert ecosystem["a1"].nom == "Médiathèque Élise"
    assert report.imported == 1


def test_cp1252_with_semicolons_from_excel(tmp_path):
    header = HEADER.replace(",", ";")
    row = ";".join({"id": "a1", "nom": "Maison des associations", "commune": "Péronne",
                    "services": "Aide aux démarches administratives"}.get(c, "") for c in ACTOR_COLUMNS)
    folder = _folder(tmp_path, [row], header=header, encoding="cp1252")
    ecosystem, report = read_template(folder)
    assert ecosystem["a1"].commune == "Péronne"
    assert ecosystem["a1"].services == ("Aide aux démarches administratives",)
    assert report.is_complete() and report.imported == 1


def test_double_encoded_names_are_repaired_and_counted_as_corrected(tmp_path):
    folder = _folder(tmp_path, [_row(id="a1", nom="MÃ©diathÃ¨que de LÃ©guillon")])
    ecosystem, report = read_template(folder)
    assert ecosystem["a1"].nom == "Médiathèque de Léguillon"
    assert report.corrected == 1
    (repair,) = [p for p in report.corrections if p.category != "typologie_deduite"]
    assert (repair.row, repair.column, repair.suggestion) == (2, "nom", "Médiathèque de Léguillon")
    # No typology given: deduced from the (repaired) name, flagged, listed for review.
    assert ecosystem["a1"].typologies == ("BIB",) and ecosystem["a1"].extra["typologie_deduite"] == "nom"


def test_four_digit_postal_codes_are_padded_in_csv_and_xlsx(tmp_path):
    folder = _folder(tmp_path, [_row(id="a1", nom="Mairie", code_postal="2100", code_insee="2691")])
    ecosystem, report = read_template(folder)
    assert (ecosystem["a1"].code_postal, ecosystem["a1"].code_insee) == ("02100", "02691")
    assert report.corrected == 1
    assert len([p for p in report.corrections if p.category != "typologie_deduite"]) == 2

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "acteurs"
    sheet.append(list(ACTOR_COLUMNS))
    sheet.append([{"id": "a1", "nom": "Mairie", "code_postal": 2100, "code_insee": 2691, "latitude": 49.84,
                   "longitude": 3.29, "date_maj": dt.datetime(2024, 5, 2)}.get(c) for c in ACTOR_COLUMNS])
    workbook.save(tmp_path / "classeur.xlsx")
    ecosystem, report = read_template(tmp_path / "classeur.xlsx")
    actor = ecosystem["a1"]
    assert (actor.code_postal, actor.code_insee, actor.date_maj) == ("02100", "02691", dt.date(2024, 5, 2))
    assert (actor.latitude, actor.longitude) == (49.84, 3.29)
    assert report.rows_read == 1 and report.corrected == 1


def test_unknown_service_is_kept_aside_with_a_suggestion_and_written_back(tmp_path):
    folder = _folder(tmp_path, [_row(id="a1", nom="EPN", services="Aide aux démarche administrative|Cuisine",
                                     typologie="epn|municipalités")])
    ecosystem, report = read_template(folder)
    actor = ecosystem["a1"]
    assert actor.services == ()
    assert actor.typologies == ("EPN", "MUNI")
    assert actor.extra == {"services": "Aide aux démarche administrative|Cuisine"}
    errors = {p.value: p for p in report.errors}
    assert errors["Aide aux démarche administrative"].suggestion == "Aide aux démarches administratives"
    assert errors["Aide aux démarche administrative"].column == "services"
    assert errors["Aide aux démarche administrative"].row == 2
    assert errors["Cuisine"].suggestion == ""
    assert report.imported == 1 and report.rejected == 0
    # The unknown values go back into their cell, where the user typed them.
    write_template(ecosystem, tmp_path / "copie")
    again, _ = read_template(tmp_path / "copie")
    assert again == ecosystem


def test_required_fields_duplicates_and_bad_links_reject_rows(tmp_path):
    folder = _folder(
        tmp_path,
        [_row(id="a1", nom="Un"), _row(id="a2", nom="Deux"), _row(id="a1", nom="Doublon"), _row(id="a3")],
        ["a1,a2,partenariat,2,2021,,", "a1,zz,orientation,,,,", "a2,a2,partenariat,,,,",
         "a1,a2,amitie,,,,", "a2,a1,Partenariat,,,,", "a2,a1,Orientation,1,,,", ",a1,orientation,,,,"],
    )
    ecosystem, report = read_template(folder)
    assert [actor.id for actor in ecosystem] == ["a1", "a2"] and ecosystem["a1"].nom == "Un"
    assert [(link.source, link.cible, link.type) for link in ecosystem.partnerships] == [
        ("a1", "a2", "partenariat"), ("a2", "a1", "orientation")]
    assert report.rows_read == 4 + 7
    assert report.imported == 2 + 2 and report.rejected == 2 + 5 and report.is_complete()
    reasons = {(Path(p.file).name, p.row): p for p in report.rejections}
    assert "double (déjà ligne 2)" in reasons["acteurs.csv", 4].message
    assert reasons["acteurs.csv", 5].column == "nom"
    assert reasons["partenariats.csv", 3].value == "zz"
    assert "lui-même" in reasons["partenariats.csv", 4].message
    assert reasons["partenariats.csv", 5].value == "amitie"
    assert "double" in reasons["partenariats.csv", 6].message  # undirected: b–a is a–b
    assert reasons["partenariats.csv", 8].column == "source"


def test_rejections_file_lists_each_rejected_row(tmp_path):
    folder = _folder(tmp_path, [_row(id="a1", nom="Un"), _row(id="a1", nom="Deux")])
    _, report = read_template(folder)
    report.write_rejections(tmp_path / "rejets.csv")
    lines = (tmp_path / "rejets.csv").read_text(encoding="utf-8").splitlines()
    assert lines[0] == "fichier,ligne,colonne,valeur,motif"
    assert lines[1].endswith(",3,id,a1,identifiant en double (déjà ligne 2)")


def test_extra_columns_are_kept_and_written_after_the_template_columns(tmp_path):
    folder = _folder(tmp_path, [_row(id="a1", nom="Un") + ",Lundi fermé"], header=HEADER + ",remarque")
    ecosystem, _ = read_template(folder)
    assert ecosystem["a1"].extra == {"remarque": "Lundi fermé"}
    write_template(ecosystem, tmp_path / "copie")
    header = (tmp_path / "copie" / "acteurs.csv").read_text(encoding="utf-8").splitlines()[0]
    assert header == HEADER + ",remarque"


def test_malformed_values_are_errors_without_losing_the_row(tmp_path):
    folder = _folder(tmp_path, [_row(id="a1", nom="Un", code_postal="8O000", latitude="nord", date_maj="hier",
                                     itinerance="parfois")])
    ecosystem, report = read_template(folder)
    actor = ecosystem["a1"]
    assert (actor.code_postal, actor.latitude, actor.date_maj, actor.itinerant) == ("", None, None, False)
    # A malformed code is never kept (it would be written back as a code): it stays in the report.
    assert actor.extra == {"latitude": "nord", "date_maj": "hier", "itinerance": "parfois"}
    assert {p.column for p in report.errors} == {"code_postal", "latitude", "date_maj", "itinerance"}
    assert any(p.value == "8O000" and p.category == "code_repare" for p in report.to_review)


def test_missing_actor_file_or_column_is_a_french_error(tmp_path):
    (tmp_path / "vide").mkdir()
    with pytest.raises(DataError, match="fichier manquant"):
        read_template(tmp_path / "vide")
    folder = _folder(tmp_path, ["a1,Un"], header="identifiant,nom")
    with pytest.raises(DataError, match="obligatoire.*id"):
        read_template(folder)


def test_values_under_no_header_are_refused_not_lost(tmp_path):
    folder = _folder(tmp_path, ["a1,Un,perdu,n"], header="id,nom,,note")
    with pytest.raises(DataError, match=r"ligne 2 : valeur « perdu » dans la colonne n° 3"):
        read_template(folder)
    workbook = openpyxl.Workbook()
    workbook.active.title = "acteurs"
    workbook.active.append(["id", "nom"])
    workbook.active.append(["a1", "Un", "note oubliée"])
    workbook.save(tmp_path / "modele.xlsx")
    with pytest.raises(DataError, match=r"#acteurs, ligne 2 : valeur « note oubliée » dans la colonne n° 3"):
        read_template(tmp_path / "modele.xlsx")


def test_written_workbook_keeps_codes_as_text(tmp_path):
    ecosystem = Ecosystem(
        [Actor("a", "Mairie", typologies=("MUNI",), code_postal="02100", code_insee="02691",
               services=(SERVICES.values[0],), latitude=49.8466, longitude=3.2874, date_maj=dt.date(2024, 1, 31))],
        [],
    )
    write_template(ecosystem, tmp_path / "m.xlsx")
    sheet = openpyxl.load_workbook(tmp_path / "m.xlsx")["acteurs"]
    row = dict(zip(ACTOR_COLUMNS, next(sheet.iter_rows(min_row=2, values_only=True)), strict=False))
    assert row["code_postal"] == "02100"
    again, report = read_template(tmp_path / "m.xlsx")
    assert again == ecosystem and report.imported == 1
    assert "MUNI" in TYPOLOGY_LABELS


def test_partnership_fields_survive(tmp_path):
    ecosystem = Ecosystem([Actor("a", "A"), Actor("b", "B")],
                          [Partnership("a", "b", "financement", poids=2.5, debut=PartialDate(2019), note="Convention, « annuelle »", origine="Réunion")])
    write_template(ecosystem, tmp_path / "m")
    again, _ = read_template(tmp_path / "m")
    assert again.partnerships == ecosystem.partnerships
