"""``geocode`` changes only the position cells of the actors it places; every other cell stays as typed."""

from __future__ import annotations

import openpyxl

from nec_network.cli import main
from nec_network.io.template import ACTOR_COLUMNS, write_template
from nec_network.model import Actor, Ecosystem
from nec_network.territory import get_commune


def _row(**cells: str) -> str:
    return ",".join(cells.get(column, "") for column in ACTOR_COLUMNS)


def _folder(tmp_path):
    folder = tmp_path / "modele"
    folder.mkdir()
    rows = [
        _row(id="a", nom="Sans position", code_insee="80021", commune="Amiens", adresse="1 rue X"),
        _row(id="b", nom="Latitude illisible", code_insee="80021", latitude="999", longitude="2.3"),
        _row(id="c", nom="Longitude illisible", code_insee="80021", latitude="49.9", longitude="NaN"),
        _row(id="d", nom="Saisie précise", code_insee="80021", latitude="49,8942", longitude="2.2957"),
        _row(id="e", nom="Latitude seule", code_insee="80021", latitude="49.9"),
    ]
    text = "\r\n".join([",".join(ACTOR_COLUMNS), *rows]) + "\r\n"
    (folder / "acteurs.csv").write_text(text, encoding="utf-8")
    (folder / "partenariats.csv").write_text("source,cible,type\r\na,d,partenariat\r\n", encoding="utf-8")
    return folder


def _cells(path):
    import csv

    with path.open(encoding="utf-8", newline="") as stream:
        return {row["id"]: row for row in csv.DictReader(stream)}


def test_unreadable_and_given_coordinates_stay_exactly_as_typed_run_after_run(tmp_path, capsys):
    folder = _folder(tmp_path)
    before = _cells(folder / "acteurs.csv")
    cache = tmp_path / "cache.sqlite"
    assert main(["geocode", str(folder), "--offline", "--cache", str(cache), "-o", str(tmp_path / "une")]) == 0
    out = capsys.readouterr().out
    assert "illisibles ou incomplètes" in out
    first = _cells(tmp_path / "une" / "acteurs.csv")
    for actor_id in "bcde":
        assert first[actor_id] == before[actor_id], actor_id
    amiens = get_commune("80021")
    assert (float(first["a"]["latitude"]), float(first["a"]["longitude"])) == (amiens.latitude, amiens.longitude)
    assert first["a"]["precision"] == "commune"
    assert (tmp_path / "une" / "partenariats.csv").read_bytes() == (folder / "partenariats.csv").read_bytes()
    # A second run (in place this time) changes nothing more.
    once = (tmp_path / "une" / "acteurs.csv").read_bytes()
    assert main(["geocode", str(tmp_path / "une"), "--offline", "--cache", str(cache), "--sur-place"]) == 0
    assert (tmp_path / "une" / "acteurs.csv").read_bytes() == once
    assert (folder / "acteurs.csv").read_text(encoding="utf-8").count("999") == 1


def test_a_workbook_keeps_its_other_cells(tmp_path, capsys):
    source = tmp_path / "modele.xlsx"
    write_template(Ecosystem([
        Actor("a", "Sans position", code_insee="80021", commune="Amiens"),
        Actor("d", "Saisie", code_insee="80021", latitude=49.8942, longitude=2.2957, precision="saisie"),
    ]), source)
    target = tmp_path / "geocode.xlsx"
    assert main(["geocode", str(source), "--offline", "--cache", str(tmp_path / "c.sqlite"), "-o", str(target)]) == 0
    sheet = openpyxl.load_workbook(target)["acteurs"]
    header = [cell.value for cell in sheet[1]]
    rows = {row[0]: dict(zip(header, row, strict=False)) for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert rows["d"]["latitude"] == "49.8942" and rows["d"]["longitude"] == "2.2957"
    assert rows["a"]["precision"] == "commune" and rows["a"]["latitude"]
    assert "lisez-moi" in openpyxl.load_workbook(target).sheetnames
