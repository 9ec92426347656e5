"""Characterisation of the analysis commands on the demo: what they print and write, text exactly,
numbers with a tolerance.

Each case runs one command in-process and renders a transcript: the exit code,
standard output and error, and for every file written its size in lines, a SHA-256
of its content with every decimal number rounded to :data:`SIGNIFICANT_DIGITS`
significant digits (and the digests a file lists replaced, since they are of the exact
bytes), and its first lines. The transcript must match the reference file in
``tests/cli/references/``: its text exactly, its decimal numbers within
:data:`RELATIVE_TOLERANCE`. So a change of float formatting in the last digit (another
numpy, another platform) passes, and any change of text, count or value fails; the
digest keeps the reference small, the excerpt shows what changed in a diff.

When an output changes on purpose, regenerate the references and review the diff:

    NEC_REGENERER_REFERENCES=1 python3 -m pytest tests/cli/test_characterisation.py

Pages are left out: they are HTML whose data is covered by the views' own tests; so are the
markers (``.nec-network``) by which the tool recognises its outputs (tests/io/test_output.py).
"""

from __future__ import annotations

import difflib
import hashlib
import math
import os
import re
from pathlib import Path

import pytest

from nec_network.cli import main
from nec_network.demo import demo_path
from nec_network.io.output import MARKER

REFERENCES = Path(__file__).parent / "references"
REGENERATE_VARIABLE = "NEC_REGENERER_REFERENCES"
#: Lines of each written file kept in the reference (the rest is checked by its digest).
EXCERPT_LINES = 6
#: Decimal numbers are compared to this relative tolerance, and rounded to this many
#: significant digits in the digests: far above the last digit of a double (about 1e-16),
#: far below any change a person would see.
RELATIVE_TOLERANCE = 1e-9
SIGNIFICANT_DIGITS = 10
#: A decimal number as our files and messages write it, standing alone (integers, codes,
#: digests and versions stay text).
DECIMAL = re.compile(r"(?<![\w.])-?(?:\d+\.\d+(?:[eE][-+]?\d+)?|\d+[eE][-+]?\d+)(?![\w.])")
#: A SHA-256 digest listed in a file (the ``.nec-network`` marker lists those of its folder).
LISTED_DIGEST = re.compile(r"\b[0-9a-f]{64}\b")


def normalised(text: str) -> str:
    """``text`` with each decimal number rounded to :data:`SIGNIFICANT_DIGITS` digits and listed digests hidden."""
    rounded = DECIMAL.sub(lambda match: format(float(match.group()), f".{SIGNIFICANT_DIGITS}g"), text)
    return LISTED_DIGEST.sub("<sha256>", rounded)


def same_line(expected: str, actual: str) -> bool:
    """Whether two transcript lines have the same text and the same numbers within the tolerance."""
    expected_numbers, actual_numbers = DECIMAL.findall(expected), DECIMAL.findall(actual)
    if DECIMAL.split(expected) != DECIMAL.split(actual) or len(expected_numbers) != len(actual_numbers):
        return False
    return all(math.isclose(float(a), float(b), rel_tol=RELATIVE_TOLERANCE, abs_tol=1e-12)
               for a, b in zip(expected_numbers, actual_numbers, strict=True))


def same_transcript(expected: str, actual: str) -> bool:
    """Line by line :func:`same_line`, with the same number of lines."""
    first, second = expected.splitlines(), actual.splitlines()
    return len(first) == len(second) and all(map(same_line, first, second))

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
        content = path.read_bytes().decode("utf-8")
        text = content.splitlines()
        digest = hashlib.sha256(normalised(content).encode("utf-8")).hexdigest()
        lines.append(
            f"--- fichier {path.relative_to(output).as_posix()} : {len(text)} lignes, "
            f"sha256 (nombres arrondis) {digest}"
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
    if not same_transcript(expected, actual):
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


def _last_digit_changed(text: str) -> str:
    """``text`` with each decimal number moved to the next double (as another float formatting would)."""
    return DECIMAL.sub(lambda match: repr(math.nextafter(float(match.group()), math.inf)), text)


def test_the_comparison_survives_a_change_of_the_last_digit_and_sees_any_other():
    reference = (REFERENCES / "analyse.txt").read_text(encoding="utf-8")
    moved = _last_digit_changed(reference)
    assert moved != reference and same_transcript(reference, moved)
    content = "code_insee,indice\n02001,1.0948335381852796\n02002,0.7227734958280497\n"
    assert normalised(_last_digit_changed(content)) == normalised(content)
    assert not same_transcript(reference, reference.replace("communes", "commune", 1))
    assert not same_line("indice 1.0948335381852796", "indice 1.0948335481852796")  # 1e-8 away
    assert normalised(content.replace("1.0948335381852796", "1.0948345381852796")) != normalised(content)
