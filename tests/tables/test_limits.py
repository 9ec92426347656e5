"""Inputs are bounded: only regular files are read, within caps on bytes, rows, cells and the
inflated size of a workbook; text in UTF-16 is read, binary data is refused."""

from __future__ import annotations

import json
import os
import zipfile
from pathlib import Path

import openpyxl
import pytest

from nec_network.errors import DataError, InputTooLargeError
from nec_network.tables import (
    InputLimits, Workbook, input_limits, read_csv, read_json, read_table, read_workbook, sheet_rows,
)  # fmt: skip
from nec_network.tables.limits import check_input, current_limits

HEADER = "id,nom,commune\n"


def _csv(path: Path, rows: int) -> Path:
    path.write_text(HEADER + "".join(f"a{i},Lieu fictif {i},Amiens\n" for i in range(rows)), encoding="utf-8")
    return path


def test_the_defaults_fit_the_national_files_ten_times():
    limits = current_limits()
    # mednum national files: about 100,000 rows of 30 to 45 columns, tens of MB.
    assert limits.max_rows == 10 * 100_000
    assert limits.max_cells == 10 * 100_000 * 50
    assert limits.max_bytes == 10 * 50_000_000
    assert limits.max_inflated == 2 * limits.max_bytes


@pytest.mark.parametrize("reader", [read_csv, read_json, read_table, read_workbook, check_input])
def test_a_named_pipe_is_refused_without_waiting_for_a_writer(tmp_path, reader):
    fifo = tmp_path / "tube.csv"
    os.mkfifo(fifo)
    with pytest.raises(DataError, match=r"tube\.csv : ce n'est pas un fichier ordinaire \(tube nommé\)"):
        reader(fifo)
    assert fifo.is_fifo()


def test_a_folder_given_as_a_file_is_refused(tmp_path):
    with pytest.raises(DataError, match="c'est un dossier"):
        read_csv(tmp_path)


def test_a_file_over_the_byte_cap_is_refused_naming_the_cap(tmp_path):
    path = _csv(tmp_path / "lieux.csv", 200)  # about 5 kB
    assert len(read_csv(path).rows) == 200
    with input_limits(InputLimits.scaled(size_mb=0.001)), pytest.raises(InputTooLargeError) as caught:
        read_csv(path)
    assert caught.value.kind == "taille"
    assert str(caught.value).startswith(f"{path} : fichier de ")
    assert "au-delà de la limite de 1 ko par fichier lu" in str(caught.value)
    json_path = tmp_path / "lieux.json"
    json_path.write_text(json.dumps([{"id": str(i)} for i in range(200)]), encoding="utf-8")
    with input_limits(InputLimits.scaled(size_mb=0.001)), pytest.raises(InputTooLargeError):
        read_json(json_path)


def test_rows_and_cells_over_their_caps_are_refused(tmp_path):
    path = _csv(tmp_path / "lieux.csv", 30)
    with input_limits(InputLimits.scaled(rows=29)), pytest.raises(InputTooLargeError, match="plus de 29 lignes"):
        read_csv(path)
    with input_limits(InputLimits.scaled(rows=31)):
        assert len(read_csv(path).rows) == 30  # the header and 30 rows: 31 records
    wide = tmp_path / "large.csv"
    wide.write_text(",".join(f"c{i}" for i in range(120)) + "\n" + ",".join("x" * 120) + "\n", encoding="utf-8")
    with input_limits(InputLimits(max_rows=2, max_cells=100)), pytest.raises(
        InputTooLargeError, match="plus de 100 cellules remplies"
    ):
        read_csv(wide)


def _workbook(path: Path, rows: int) -> Path:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["id", "nom"])
    for i in range(rows):
        sheet.append([f"a{i}", f"Lieu {i}"])
    workbook.save(path)
    return path


def test_a_row_bomb_is_refused_before_its_rows_are_parsed(tmp_path):
    """A workbook with more rows than the cap is refused while counting them in the inflated XML."""
    path = _workbook(tmp_path / "bombe.xlsx", 3_000)
    parsed = []

    class Counting(Workbook):
        def _value(self, kind, style, text):  # noqa: ANN001, ANN202 - spy on the parser
            parsed.append(text)
            return super()._value(kind, style, text)

    with input_limits(InputLimits.scaled(rows=1_000)), Counting(path) as workbook:
        with pytest.raises(InputTooLargeError, match="plus de 1\u202f000 lignes") as caught:
            list(workbook.rows(workbook.sheet_names[0]))
    assert parsed == [] and caught.value.kind == "lignes"
    with input_limits(InputLimits.scaled(rows=1_000)), pytest.raises(InputTooLargeError):
        sheet_rows(path)


def test_a_workbook_inflating_beyond_the_cap_is_refused_from_its_declared_size(tmp_path):
    path = tmp_path / "gonfle.xlsx"
    _workbook(path, 10)
    # A sheet padded with 3 MB of spaces: 3 kB zipped, 3 MB inflated.
    padded = tmp_path / "gonfle-2.xlsx"
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(padded, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b"<sheetData>", b"<sheetData>" + b" " * 3_000_000)
            target.writestr(item.filename, data)
    assert padded.stat().st_size < 20_000
    with input_limits(InputLimits(max_inflated=1_000_000)), pytest.raises(
        InputTooLargeError, match=r"gonfle-2\.xlsx : classeur de .* une fois décompressé .* limite de 1 Mo"
    ):
        read_workbook(padded)
    assert len(read_workbook(padded).rows) == 10


def test_utf16_with_or_without_mark_is_decoded(tmp_path):
    text = HEADER + "a1,Médiathèque fictive,Amiens\n"
    for encoding, expected in (("utf-16", "utf-16"), ("utf-16-le", "utf-16-le"), ("utf-16-be", "utf-16-be")):
        path = tmp_path / f"{encoding}.csv"
        path.write_bytes(text.encode(encoding))
        table = read_csv(path)
        assert (table.columns, table.encoding) == (["id", "nom", "commune"], expected)
        assert table.rows == [{"id": "a1", "nom": "Médiathèque fictive", "commune": "Amiens"}]


def test_binary_data_named_csv_is_refused(tmp_path):
    path = tmp_path / "lieux.csv"
    path.write_bytes(bytes(range(256)) * 40)
    with pytest.raises(DataError, match=r"lieux\.csv : ce n'est pas un fichier texte \(données binaires"):
        read_csv(path)
    workbook = _workbook(tmp_path / "classeur.xlsx", 2)
    renamed = tmp_path / "classeur.csv"
    renamed.write_bytes(workbook.read_bytes())
    with pytest.raises(DataError, match=r"classeur\.csv : ce n'est pas un fichier texte mais une archive zip"):
        read_table(renamed)


def test_a_large_csv_is_streamed_not_held_whole(tmp_path):
    """Reading never holds the file's text: the table is the only thing that grows with it."""
    import tracemalloc

    path = _csv(tmp_path / "lieux.csv", 20_000)  # about 600 kB, all in its 20,000 rows
    tracemalloc.start()
    table = read_csv(path)
    _, peak = tracemalloc.get_traced_memory()
    current, _ = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert len(table.rows) == 20_000
    # Text held whole (bytes + str + StringIO) would add about 4 times the file on top of the table.
    assert peak - current < 2 * path.stat().st_size
