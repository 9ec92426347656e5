"""Layer check: each package of nec_network imports only packages below it.

Order, bottom to top: the shared bottom modules (``tables``, ``codes``, ``text``,
``distance``, ``wording``, ``settings``, ``errors``, ``lazy``), then territory, model, io,
geocoding, analysis, views, cli. Imports are read from every module's AST at any
level (inside functions too), so lazy imports are checked as well. There is no
exception: the last one (the synthesis CSV writer in io) moved to views/tables.py.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "nec_network"

BOTTOM = ("tables", "codes", "text", "distance", "wording", "settings", "errors", "lazy")
ORDER = ("territory", "model", "io", "geocoding", "analysis", "views", "cli")


def _rank(part: str) -> int | None:
    if part in BOTTOM:
        return 0
    if part in ORDER:
        return ORDER.index(part) + 1
    return None  # __init__, __main__, demo: top-level glue, unchecked


def _layer_of(module: str) -> str | None:
    parts = module.split(".")
    if parts[0] != "nec_network" or len(parts) < 2:
        return None
    return parts[1]


def _imports(path: Path, module: str) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            found.append(target)
            if not node.module:
                found.extend(f"{target}.{alias.name}" for alias in node.names)
    return found


def _modules():
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE.parent).with_suffix("")
        parts = list(rel.parts)
        if parts[-1] == "__init__":
            parts.pop()
        yield path, ".".join(parts)


def violations() -> list[str]:
    """List ``module imports target`` for every import of a higher layer."""
    found = []
    for path, module in _modules():
        layer = _layer_of(module)
        own = _rank(layer) if layer else None
        if own is None:
            continue
        for target in _imports(path, module):
            other = _layer_of(target)
            rank = _rank(other) if other else None
            if rank is None or other == layer or rank <= own:
                continue
            found.append(f"{module} imports {target} ({layer} < {other})")
    return found


def test_no_package_imports_a_layer_above_it():
    assert violations() == []


def test_the_check_sees_a_lazy_import(tmp_path):
    source = tmp_path / "m.py"
    source.write_text("def f():\n    from nec_network.cli import main\n", encoding="utf-8")
    assert "nec_network.cli" in _imports(source, "nec_network.io.m")
