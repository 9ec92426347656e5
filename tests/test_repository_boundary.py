"""Tests and package read only what a fresh clone has: nothing outside the repository.

The audit hook of ``tests/conftest.py`` fails any test that opens a file outside the repository
while it runs; these tests check that the hook does see such reads, and scan the sources for
paths that leave the repository (which also covers files opened in a subprocess).
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCANNED = ("tests", "nec_network", "benchmarks", "scripts")


@pytest.fixture
def guard(request):
    found = request.config.pluginmanager.get_plugin("nec-read-guard")
    assert found is not None, "the audit hook of tests/conftest.py is not installed"
    return found


def test_the_guard_tells_inside_from_outside(guard, tmp_path):
    assert guard.outside(ROOT.parent / "shared" / "data" / "france-services-2022-12.csv")
    assert guard.outside(ROOT / ".." / "shared" / "reference" / "schema.json")
    assert not guard.outside(ROOT / "tests" / "fixtures" / "real" / "README.md")
    assert not guard.outside(tmp_path / "lieux.csv")
    assert not guard.outside(Path(sys.prefix) / "lib" / "anything.py")
    assert not guard.outside(Path(pytest.__file__))


def test_the_guard_sees_a_real_read_outside(guard, tmp_path):
    outside = ROOT.parent / "shared" / "absent-for-this-test" / "liste.csv"
    with guard.expected() as seen:
        with pytest.raises(OSError):
            outside.read_text(encoding="utf-8")
        with pytest.raises(OSError):
            open(ROOT / ".." / "shared" / "absent-for-this-test" / "b.csv", "rb")  # noqa: SIM115
        (tmp_path / "inside.csv").write_text("a\n", encoding="utf-8")
    assert seen == [str(outside), str(outside.parent / "b.csv")]


def _leaving_paths(path: Path, text: str | None = None) -> list[str]:
    """``".."`` path parts, and ``parents[n]`` of ``__file__`` above the repository, in ``path``
    (or in ``text`` judged as if it were the content of ``path``)."""
    source = path.read_text(encoding="utf-8") if text is None else text
    tree = ast.parse(source, filename=str(path))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            if node.value == ".." or node.value.startswith(("../", "..\\")) or "/../" in node.value:
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}: {node.value!r}")
        if (
            isinstance(node, ast.Subscript)
            and isinstance(node.value, ast.Attribute)
            and node.value.attr == "parents"
            and isinstance(node.slice, ast.Constant)
            and "__file__" in ast.unparse(node.value)
        ):
            if not path.parents[node.slice.value].is_relative_to(ROOT):
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}: parents[{node.slice.value}]")
    return found


def test_no_source_builds_a_path_out_of_the_repository():
    # This file names the old ways on purpose; every other source is scanned.
    sources = [
        p for folder in SCANNED for p in sorted((ROOT / folder).rglob("*.py"))
        if p != Path(__file__).resolve()
    ]  # fmt: skip
    assert len(sources) > 100
    leaving = [line for source in sources for line in _leaving_paths(source)]
    assert leaving == []


def test_the_scan_catches_the_old_ways():
    old = 'A = Path(__file__).resolve().parents[2] / ".." / "shared"\nB = Path(__file__).parents[3]\n'
    # Judged as if it lived in tests/io: parents[2] is the repository, parents[3] its parent.
    found = [line.split(": ", 1)[1] for line in _leaving_paths(ROOT / "tests" / "io" / "x.py", old)]
    assert sorted(found) == ["'..'", "parents[3]"]
