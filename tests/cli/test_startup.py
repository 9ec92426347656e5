"""Help and argument errors answer at once: the heavy libraries load only in the commands.

Not a timed test (see ``benchmarks/cli_startup.py`` for the ratio): it checks, in a fresh
interpreter, which modules the command line imported before answering.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

#: Libraries that take tens to hundreds of milliseconds to import.
HEAVY = (
    "pandas", "numpy", "scipy", "matplotlib", "folium", "branca", "jinja2", "networkx",
    "pyvis", "geopy", "openpyxl", "shapely", "IPython", "requests",
)

_PROBE = """
import contextlib, io, json, sys
from nec_network.cli import main
with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
    try:
        code = main(sys.argv[1:])
    except SystemExit as stop:
        code = stop.code
print(json.dumps({"code": code, "modules": sorted({name.split(".")[0] for name in sys.modules})}))
"""


def _modules_after(*args: str) -> tuple[int, set[str]]:
    done = subprocess.run(
        [sys.executable, "-c", _PROBE, *args], capture_output=True, text=True, check=True
    )
    answer = json.loads(done.stdout.splitlines()[-1])
    return answer["code"], set(answer["modules"])


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (("-h",), 0),
        (("--version",), 0),
        (("map", "-h"), 0),
        (("network", "-h"), 0),
        (("geocode", "-h"), 0),
        (("commande-inconnue",), 2),
        (("map", "DOSSIER"), 2),  # -o is missing
        (("suggest", "DOSSIER", "--max-km", "loin"), 2),
    ],
)
def test_help_and_argument_errors_load_no_heavy_library(args: tuple[str, ...], code: int) -> None:
    returned, modules = _modules_after(*args)
    assert returned == code
    assert sorted(modules.intersection(HEAVY)) == []


def test_writing_the_empty_template_loads_no_heavy_library(tmp_path) -> None:
    returned, modules = _modules_after("template", "-o", str(tmp_path / "modele"))
    assert returned == 0
    assert sorted(modules.intersection(HEAVY)) == []


def test_the_probe_sees_heavy_libraries_when_a_command_runs(tmp_path) -> None:
    # Guards the test itself: a command that reads communes does load pandas.
    target = str(tmp_path / "communes.csv")
    returned, modules = _modules_after("communes", "--departements", "80", "-o", target)
    assert returned == 0
    assert "pandas" in modules


def test_the_command_line_does_not_patch_argparse_for_the_process():
    import argparse
    import gettext

    from nec_network.cli import build_parser

    build_parser()
    assert argparse._ is gettext.gettext
