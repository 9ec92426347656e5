"""Characterisation of the analysis commands on the demo: what they print and write, byte for byte.

Each case runs one command in-process and renders a transcript: the exit code,
standard output and error, and for every file written its size in lines, its
SHA-256 and its first lines. The transcript must equal the reference file in
``tests/cli/references/``. The digest makes the comparison byte-exact while the
reference stays small; the excerpt shows what changed in a diff.

When an output changes on purpose, regenerate the references and review the diff:

    NEC_REGENERER_REFERENCES=1 python3 -m pytest tests/cli/test_characterisation.py

Pages are left out: they are HTML whose data is covered by the views' own tests; so are the
markers (``.nec-network``) by which the tool recognises its outputs (tests/io/test_output.py).
"""

from __future__ import annotations

import difflib
import hashlib
import os
from pathlib import Path

import pytest

from nec_network.cli import main
from nec_network.demo import demo_path
from nec_network.io.output import MARKER

REFERENCES = Path(__file__).parent / "references"
REGENERATE_VARIABLE = "NEC_REGENERER_REFERENCES"
#: Lines of each written file kept in the reference (the rest is checked by its digest).
EXCERPT_LINES = 6

#: name → arguments; ``DEMO`` is the demo folder, ``SORTIE/`` the test's output folder.
CASES: dict[str, list[str]] = {
    "coverage": ["coverage", "DEMO", "-o", "SORTIE/couverture.csv"],
    "coverage_service_km": [
        "coverage", "DEMO", "--service", "Aide aux démarches administratives",
        "--max-km", "8", "-o", "SORTIE/couverture.csv",
    ],
    "gaps": ["gaps", "DEMO", "-o", "SORTIE/lacunes.csv", "--zones-blanches", "SORTIE/zones.csv"],
    "recommend": ["recommend", "DEMO", "--k", "5", "--max-km", "10", "-o", "SORTIE/sites.csv"],
    "suggest": ["suggest", "DEMO", "--limit", "8", "-o", "SORTIE/suggestions.csv"],
    "journey": ["journey", "DEMO", "--persona", "Jeannine"],
    "analyse": ["analyse", "DEMO", "--sites", "5", "-o", "SORTIE/tables"],
}


def transcript(name: str, output: Path, capsys: pytest.CaptureFixture[str]) -> str:
    """Run case ``name`` writing into ``output`` and describe everything it did, paths made neutral."""
    demo = str(demo_path())
    arguments = [argument.replace("DEMO", demo).replace("SORTIE", str(output)) for argument in CASES[name]]
    code = main(arguments)
    printed = capsys.readouterr()

    def neutral(text: str) -> str:
        return text.replace(str(output), "SORTIE").replace(demo, "DEMO")

    lines = [
        "$ nec-network " + " ".join(CASES[name]),
        f"code de sortie : {code}",
        "--- sortie standard",
        neutral(printed.out).rstrip("\n"),
        "--- erreur standard",
        neutral(printed.err).rstrip("\n"),
    ]
    for path in sorted(output.rglob("*")):
        if not path.is_file() or path.name == MARKER:
            continue
        content = path.read_bytes()
        text = content.decode("utf-8").splitlines()
        lines.append(
            f"--- fichier {path.relative_to(output).as_posix()} : {len(text)} lignes, "
            f"sha256 {hashlib.sha256(content).hexdigest()}"
        )
        lines.extend(text[:EXCERPT_LINES])
        if len(text) > EXCERPT_LINES:
            lines.append(f"… {len(text) - EXCERPT_LINES} lignes de plus")
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("name", sorted(CASES))
def test_command_outputs_match_their_reference(name: str, tmp_path: Path, capsys) -> None:
    output = tmp_path / "sortie"
    output.mkdir()
    actual = transcript(name, output, capsys)
    reference = REFERENCES / f"{name}.txt"
    if os.environ.get(REGENERATE_VARIABLE):
        reference.parent.mkdir(exist_ok=True)
        reference.write_text(actual, encoding="utf-8", newline="\n")
        return
    expected = reference.read_text(encoding="utf-8") if reference.is_file() else ""
    if actual != expected:
        diff = "".join(
            difflib.unified_diff(
                expected.splitlines(keepends=True),
                actual.splitlines(keepends=True),
                f"références/{name}.txt",
                "obtenu",
                n=1,
            )
        )
        pytest.fail(
            f"The outputs of `nec-network {CASES[name][0]}` on the demo changed ({reference}).\n"
            "If the change is intended, regenerate the references and review their diff:\n"
            f"    {REGENERATE_VARIABLE}=1 python3 -m pytest tests/cli/test_characterisation.py\n"
            f"Otherwise the refactoring changed behaviour:\n{diff[:6000]}",
            pytrace=False,
        )
