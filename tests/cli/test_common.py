"""Terminal hygiene: control characters from data are shown escaped in every message of the
command line, whichever command printed it (reports, balances, errors)."""

from __future__ import annotations

import csv
import io
import re

from nec_network.cli import main
from nec_network.cli._common import TerminalStream, printable

#: What a terminal would obey: C0 controls but tab, line feed and a carriage return ending a
#: line, DEL, C1 controls, bidirectional overrides.
OBEYED = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]|\r(?!\n)")
HOSTILE = "Mairie\x1b]0;titre volé\x07\x1b[2J\u009b31m\u202efin\rréécrit"


def test_printable_escapes_every_control_and_keeps_lines_and_tabs():
    shown = printable(HOSTILE + "\r\n\tsuite\x00")
    assert not OBEYED.search(shown)
    assert shown == (
        "Mairie\\x1b]0;titre volé\\x07\\x1b[2J\\x9b31m\\u202efin\\rréécrit\r\n\tsuite\\x00"
    )


def test_a_progress_bar_may_still_redraw_its_line():
    out = io.StringIO()
    TerminalStream(out).write("\rGéocodage [##] 2/4 \x1b[2J")  # type: ignore[arg-type]
    assert out.getvalue() == "\rGéocodage [##] 2/4 \\x1b[2J"


def _hostile_model(folder, source):
    """The demo model with one more actor whose cells carry escape sequences."""
    folder.mkdir()
    for name in ("partenariats.csv",):
        (folder / name).write_bytes((source / name).read_bytes())
    with (source / "acteurs.csv").open(encoding="utf-8", newline="") as stream:
        rows = list(csv.DictReader(stream))
    hostile = dict(rows[0], id="hostile", nom=HOSTILE, typologie="BIB\x1b[2J", services="Inconnu\x1b]0;x\x07")
    with (folder / "acteurs.csv").open("w", encoding="utf-8", newline="") as stream:
        writer = csv.DictWriter(stream, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows([*rows, hostile])


def test_validate_import_and_errors_show_data_controls_escaped(tmp_path, capsys):
    from nec_network.demo import demo_path

    model = tmp_path / "modele"
    _hostile_model(model, demo_path())
    assert main(["validate", str(model)]) == 1
    validated = capsys.readouterr()
    assert "\\x1b[2J" in validated.out  # the unknown typology is reported, escaped
    main(["import", str(model), "-o", str(tmp_path / "importe")])
    imported = capsys.readouterr()
    absent = tmp_path / "absent\x1b[2J.csv"
    assert main(["validate", str(absent), "--format", "mednum"]) == 1
    missing = capsys.readouterr()
    assert "absent\\x1b[2J.csv" in missing.out + missing.err
    for text in (validated.out, validated.err, imported.out, imported.err, missing.out, missing.err):
        assert not OBEYED.search(text), repr(OBEYED.search(text))
