"""The one table reader: every row, whatever a workbook declares; NUL, oversized and
double-encoded cells noted with file, row and column; values as openpyxl gives them."""

from __future__ import annotations

import datetime as dt
import json
import re
import tracemalloc
import zipfile
from pathlib import Path

import openpyxl
import pytest

from nec_network.errors import DataError
from nec_network.io.mapping import read_mapped
from nec_network.io.template import read_template, write_template
from nec_network.model import Actor, Ecosystem
from nec_network.tables import CELL_LIMIT, Workbook, cell_text, read_csv, read_records, read_table

FIELDS = ["id", "nom", "commune", "code_insee", "latitude", "longitude"]


def _rows(count: int) -> list[list[str]]:
    return [[f"a{i}", f"Lieu fictif {i}", "Amiens", "80021", "49.89", "2.29"] for i in range(count)]


def _shrink_dimension(path: Path, declared: str) -> None:
    """Rewrite every sheet's <dimension> as ``declared`` (what many producers get wrong)."""
    rewritten = path.with_suffix(".tmp")
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(rewritten, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename.startswith("xl/worksheets/sheet"):
                text = data.decode("utf-8")
                if "<dimension" in text:
                    text = re.sub(r'<dimension ref="[^"]*"', f'<dimension ref="{declared}"', text)
                else:
                    text = text.replace("<sheetData", f'<dimension ref="{declared}"/><sheetData', 1)
                data = text.encode("utf-8")
            target.writestr(item, data)
    rewritten.replace(path)


def test_a_sheet_declaring_fewer_rows_than_it_has_is_read_whole(tmp_path):
    path = tmp_path / "lieux.xlsx"
    workbook = openpyxl.Workbook()
    workbook.active.title = "acteurs"
    workbook.active.append(FIELDS)
    for row in _rows(10):
        workbook.active.append(row)
    workbook.save(path)
    _shrink_dimension(path, "A1:B3")
    # What openpyxl's read-only mode sees: the declared size, 2 data rows of 10.
    lazy = openpyxl.load_workbook(path, read_only=True)
    assert len(list(lazy.active.iter_rows(values_only=True))) == 3
    lazy.close()
    ecosystem, report = read_template(path)
    assert (report.rows_read, report.imported, len(ecosystem)) == (10, 10, 10)
    mapping = tmp_path / "map.json"
    mapping.write_text(json.dumps({"colonnes": {"id": "id", "nom": "nom", "commune": "commune",
                                                "code_insee": "code_insee"}}), encoding="utf-8")
    ecosystem, report = read_mapped(path, mapping)
    assert (report.rows_read, report.imported) == (10, 10)


def test_workbook_values_are_those_openpyxl_gives(tmp_path):
    path = tmp_path / "types.xlsx"
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["texte", "entier", "décimal", "date", "date et heure", "heure", "booléen", "code"])
    sheet.append(["  Mairie d'Amiens ", 2100, 49.894, dt.date(2024, 3, 1), dt.datetime(2024, 3, 1, 9, 30),
                  dt.time(14, 5), True, "02100"])
    sheet.append(["Ligne 2\navec retour", 43493312300029, -0.5, dt.date(1900, 1, 15), None, None, False, "2A004"])
    sheet["A5"] = "après une ligne vide"
    workbook.save(path)
    expected = openpyxl.load_workbook(path, data_only=True).active
    with Workbook(path) as ours:
        rows = dict(ours.rows(ours.sheet_names[0]))
    for number in (1, 2, 3, 5):
        theirs = [cell_text(cell.value) for cell in expected[number]]
        mine = [cell_text(value) for value in rows[number]]
        assert mine == theirs[: len(mine)] and not any(theirs[len(mine):]), number
    assert 4 not in rows


def test_damaged_and_hostile_workbooks_are_refused_in_french(tmp_path):
    (tmp_path / "abime.xlsx").write_text("pas un classeur", encoding="utf-8")
    with pytest.raises(DataError, match="classeur illisible"):
        read_table(tmp_path / "abime.xlsx")
    path = tmp_path / "entites.xlsx"
    workbook = openpyxl.Workbook()
    workbook.active.append(["nom"])
    workbook.active.append(["x"])
    workbook.save(path)
    hostile = tmp_path / "hostile.xlsx"
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(hostile, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                declaration, _, body = data.partition(b"?>") if data.startswith(b"<?xml") else (b"", b"", data)
                data = declaration + _ + b'<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">]>' + body
            target.writestr(item, data)
    with pytest.raises(DataError, match="DOCTYPE"):
        read_table(hostile)


def test_a_huge_workbook_cell_is_refused_without_holding_it(tmp_path):
    path = tmp_path / "enorme.xlsx"
    workbook = openpyxl.Workbook()
    workbook.active.append(["id", "nom", "presentation"])
    workbook.active.append(["a1", "Lieu fictif", "ENORME"])
    workbook.active.append(["a2", "Autre lieu", "court"])
    workbook.save(path)
    # openpyxl cuts a cell at Excel's 32,767 characters: write the 20 MB text into the XML itself.
    rewritten = tmp_path / "enorme-20mo.xlsx"
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(rewritten, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            target.writestr(item, data.replace(b">ENORME<", b">" + b"x" * 20_000_000 + b"<"))
    path = rewritten
    tracemalloc.start()
    table = read_table(path)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert peak < 8_000_000  # the 20 MB text is counted while streaming, never kept
    assert [row["presentation"] for row in table.rows] == ["", "court"]
    (refused,) = table.corrections
    assert (refused.level, refused.file, refused.row, refused.column) == ("erreur", str(path), 2, "presentation")
    assert "20\u202f000\u202f000 caractères refusée" in refused.message


def test_a_huge_csv_cell_is_refused_and_the_other_rows_kept(tmp_path):
    path = tmp_path / "lieux.csv"
    path.write_text("id,nom,presentation\n" f"a1,Lieu,{'y' * 1_000_000}\n" "a2,Autre,court\n", encoding="utf-8")
    table = read_csv(path)
    assert [row["id"] for row in table.rows] == ["a1", "a2"] and table.rows[0]["presentation"] == ""
    (refused,) = table.corrections
    assert (refused.row, refused.column, refused.level) == (2, "presentation", "erreur")
    assert f"au plus {CELL_LIMIT:,}".replace(",", "\u202f") in refused.message


@pytest.mark.parametrize("suffix", [".csv", ".json"])
def test_cells_are_measured_one_by_one_not_by_their_row(tmp_path, suffix):
    # A row longer than the limit keeps its cells when each is within it; one cell over is refused
    # wherever its row falls in the blocks cleaned together.
    within, over = "w" * (CELL_LIMIT - 1), "o" * (CELL_LIMIT + 1)
    records = [{"id": f"a{n}", "nom": within, "presentation": within if n != 1500 else over} for n in range(2000)]
    path = tmp_path / f"lieux{suffix}"
    if suffix == ".csv":
        path.write_text("id,nom,presentation\n" + "".join(f"{r['id']},{r['nom']},{r['presentation']}\n"
                                                          for r in records), encoding="utf-8")
    else:
        path.write_text(json.dumps(records), encoding="utf-8")
    table = read_table(path)
    (refused,) = table.corrections
    assert (refused.row, refused.column) == (1502 if suffix == ".csv" else 1501, "presentation")
    assert table.cells["nom"] == [within] * 2000 and table.cells["presentation"].count(within) == 1999


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_a_row_holding_only_a_huge_cell_is_reported_not_skipped_as_blank(tmp_path, suffix):
    huge = "y" * (CELL_LIMIT + 10)
    path = tmp_path / f"lieux{suffix}"
    if suffix == ".csv":
        path.write_text(f"id,nom,presentation\n,,{huge}\na2,Autre,court\n", encoding="utf-8")
    else:  # openpyxl writes the cell whole as long as it stays under Excel's 32,767 characters
        workbook = openpyxl.Workbook()
        for row in (["id", "nom", "presentation"], [None, None, huge], ["a2", "Autre", "court"]):
            workbook.active.append(row)
        workbook.save(path)
    table = read_table(path)
    assert table.line_numbers == [2, 3] and table.rows[0] == {"id": "", "nom": "", "presentation": ""}
    (refused,) = table.corrections
    assert (refused.row, refused.column, refused.level) == (2, "presentation", "erreur")


def test_nul_characters_are_removed_with_a_note(tmp_path):
    path = tmp_path / "lieux.csv"
    path.write_bytes(b"id,nom\na1,Mai\x00rie\x00\n")
    table = read_csv(path)
    assert table.rows == [{"id": "a1", "nom": "Mairie"}]
    (note,) = table.corrections
    assert (note.level, note.row, note.column, note.suggestion) == ("correction", 2, "nom", "Mairie")
    assert table.corrected_lines() == {2}


def test_double_encoded_text_is_repaired_by_ftfy_with_a_note(tmp_path):
    path = tmp_path / "lieux.csv"
    path.write_text("id;nom\na1;Â«Â Espace numÃ©rique Â»\na2;Café « ici »\n", encoding="utf-8")
    table = read_csv(path)
    assert [row["nom"] for row in table.rows] == ["«\u00a0Espace numérique »", "Café « ici »"]
    assert [(note.row, note.column, note.message) for note in table.corrections] == [
        (2, "nom", "texte doublement encodé réparé")
    ]


def test_notes_found_column_by_column_come_in_the_order_of_the_cells(tmp_path):
    # More rows than one block of cleaning, repairs in two columns: notes by row, then column.
    from nec_network.tables.table import BLOCK_ROWS

    lines = ["id,nom,commune,vide"] + [f"a{k},Lieu {k},Laon," for k in range(BLOCK_ROWS + 5)]
    lines[3] = "a2,Mai\x00rie,LaÃ©on"
    lines[BLOCK_ROWS + 2] = "a1025,Ã‰cole,Soi\x00ssons"
    lines.append("a9,court")  # missing cells are empty
    path = tmp_path / "lieux.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    table = read_csv(path)
    assert len(table.rows) == BLOCK_ROWS + 6 and table.line_numbers[-1] == BLOCK_ROWS + 7
    assert table.rows[2] == {"id": "a2", "nom": "Mairie", "commune": "Laéon", "vide": ""}
    assert table.rows[-1] == {"id": "a9", "nom": "court", "commune": "", "vide": ""}
    assert [(note.row, note.column) for note in table.corrections] == [
        (4, "nom"), (4, "commune"), (BLOCK_ROWS + 3, "nom"), (BLOCK_ROWS + 3, "commune")]
    assert table.rows[BLOCK_ROWS + 1]["nom"] == "École"


def test_a_header_alone_gives_no_rows(tmp_path):
    path = tmp_path / "vide.csv"
    path.write_text("id,nom\n", encoding="utf-8")
    table = read_csv(path)
    assert (table.columns, table.rows, table.corrections) == (["id", "nom"], [], [])


def test_json_records_read_as_a_table(tmp_path):
    path = tmp_path / "lieux.json"
    path.write_text(json.dumps({"items": [
        {"id": "a1", "nom": "Lieu\u0000", "services": ["Accès", "Démarches"]},
        {"id": "a2", "nom": "Autre", "contact": {"telephone": "03"}},
    ]}), encoding="utf-8")  # fmt: skip
    table = read_records(path)
    assert table.columns == ["id", "nom", "services", "contact"]
    assert table.rows[0] == {"id": "a1", "nom": "Lieu", "services": "Accès|Démarches", "contact": ""}
    assert table.rows[1]["contact"] == '{"telephone": "03"}' and table.line_numbers == [1, 2]
    assert [(note.row, note.column) for note in table.corrections] == [(1, "nom")]
    path.write_text("[1, 2]", encoding="utf-8")
    with pytest.raises(DataError, match="ligne 1 : enregistrement illisible"):
        read_records(path)


def test_a_latitude_without_longitude_is_reported_where_it_was_typed(tmp_path):
    folder = write_template(Ecosystem([Actor("a1", "Lieu fictif", code_insee="80021", latitude=49.9,
                                             longitude=2.3)]), tmp_path / "modele")
    text = (folder / "acteurs.csv").read_text(encoding="utf-8").replace(",49.9,2.3,", ",49.9,,")
    (folder / "acteurs.csv").write_text(text, encoding="utf-8")
    ecosystem, report = read_template(folder)
    actor = ecosystem["a1"]
    assert not actor.has_coordinates and actor.extra["latitude"] == "49.9"
    (problem,) = [p for p in report.errors if p.column == "longitude"]
    assert problem.row == 2 and problem.file.endswith("acteurs.csv") and "latitude sans longitude" in problem.message


def test_a_column_set_after_reading_shows_in_the_cells_and_the_rows(tmp_path):
    from nec_network.tables import read_table

    path = tmp_path / "lieux.csv"
    path.write_text("nom,aidants\nMairie,x\nMédiathèque,\n", encoding="utf-8")
    table = read_table(path)
    assert table.rows[0] == {"nom": "Mairie", "aidants": "x"}  # the rows view, made once
    table.set_column("aidants", ["[]", "[]"])
    table.set_column("conseillers", ["0", "0"])
    assert table.columns == ["nom", "aidants", "conseillers"]
    assert table.cells["aidants"] == ["[]", "[]"]
    assert table.rows == [{"nom": "Mairie", "aidants": "[]", "conseillers": "0"},
                          {"nom": "Médiathèque", "aidants": "[]", "conseillers": "0"}]
    assert table.row(1) == table.rows[1]
