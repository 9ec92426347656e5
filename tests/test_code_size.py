"""Small modules and small functions: none of nec_network's modules over 500 lines, no function over 80.

A function is counted from its ``def`` (decorators included) to its last line, docstring
included: what a reader has to hold in mind at once.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "nec_network"
MAX_MODULE_LINES = 500
MAX_FUNCTION_LINES = 80


def long_functions(source: str, limit: int = MAX_FUNCTION_LINES) -> list[tuple[str, int]]:
    """(name, lines) of each function or method of ``source`` longer than ``limit`` lines."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            first = min([node.lineno, *(decorator.lineno for decorator in node.decorator_list)])
            length = node.end_lineno - first + 1
            if length > limit:
                found.append((node.name, length))
    return found


def test_no_module_is_over_500_lines():
    long = {str(path.relative_to(PACKAGE)): count for path in sorted(PACKAGE.rglob("*.py"))
            if (count := len(path.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES}
    assert long == {}


def test_no_function_is_over_80_lines():
    found = [f"{path.relative_to(PACKAGE)}: {name} ({lines} lignes)"
             for path in sorted(PACKAGE.rglob("*.py"))
             for name, lines in long_functions(path.read_text(encoding="utf-8"))]
    assert found == []


def test_the_count_sees_a_long_function():
    body = "\n".join(f"    x{i} = {i}" for i in range(80))
    assert long_functions(f"@decorator\ndef f():\n{body}\n") == [("f", 82)]
    assert long_functions("def f():\n" + "\n".join(f"    x{i} = {i}" for i in range(79)) + "\n") == []
