"""Layer check: each package of nec_network imports only packages below it, and no module
imports itself back through others.

Order, bottom to top: the shared bottom modules (``tables``, ``codes``, ``text``,
``distance``, ``wording``, ``settings``, ``errors``, ``lazy``, ``gc_pause``), then territory, model, io,
geocoding, analysis, views, cli. Imports are read from every module's AST at any
level (inside functions and ``TYPE_CHECKING`` blocks too), so lazy imports are checked as
well. There is no exception to the order: the last one (the synthesis CSV writer in io)
moved to views/tables.py.

Two further rules. Analyses and views read the rules of the model (trust, positions,
placement vocabulary, personal data) from ``model``, never from ``io``: the only io
modules they may import are the writers named in :data:`IO_WRITERS`. And the import graph
of the package's modules has no circle (:func:`circles`).
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "nec_network"

#: The io modules analyses and views may import: the one file writer (atomic, refusing to
#: overwrite what the tool did not write) and the one CSV writer (formulas neutralised).
IO_WRITERS = ("nec_network.io.output", "nec_network.io.csv_output")
#: Layers that may import io only through :data:`IO_WRITERS`.
ABOVE_IO_READERS = ("geocoding", "analysis", "views")

BOTTOM = ("tables", "codes", "text", "distance", "wording", "settings", "errors", "lazy", "gc_pause")
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


def io_imports_above() -> list[str]:
    """``module imports target`` for each io module imported by geocoding, analysis or views, writers aside."""
    found = []
    for path, module in _modules():
        if _layer_of(module) not in ABOVE_IO_READERS:
            continue
        for target in _imports(path, module):
            if _layer_of(target) == "io" and not target.startswith(IO_WRITERS):
                found.append(f"{module} imports {target}")
    return found


def test_analyses_and_views_import_from_io_only_the_named_writers():
    assert io_imports_above() == []


def _module_graph() -> dict[str, set[str]]:
    """Each module → the modules of the package it imports (a ``from package import sub`` names ``sub``)."""
    paths = dict((module, path) for path, module in _modules())
    graph: dict[str, set[str]] = {}
    for module, path in paths.items():
        targets = set()
        for target in _imports(path, module):
            parts = target.split(".")
            while parts and ".".join(parts) not in paths:
                parts.pop()
            if parts and ".".join(parts) != module:
                targets.add(".".join(parts))
        graph[module] = targets
    # ``from package import sub``: the module imported is ``sub``, not the package.
    for module, path in paths.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and not node.level:
                for alias in node.names:
                    sub = f"{node.module}.{alias.name}"
                    if sub in paths and sub != module:
                        graph[module].discard(node.module)
                        graph[module].add(sub)
    return graph


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The groups of modules that import each other, directly or through others (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for other in sorted(graph.get(node, ())):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return sorted(found)


def test_no_module_imports_itself_back():
    assert circles(_module_graph()) == []


def test_circles_are_found_through_other_modules():
    assert circles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert circles({"a": {"b"}, "b": set()}) == []


def test_the_circle_check_sees_a_lazy_circle(tmp_path):
    first, second = tmp_path / "a.py", tmp_path / "b.py"
    first.write_text("from nec_network.io import b\n", encoding="utf-8")
    second.write_text("def f():\n    from nec_network.io.a import x\n", encoding="utf-8")
    graph = {"nec_network.io.a": {"nec_network.io.b"},
             "nec_network.io.b": set(_imports(second, "nec_network.io.b"))}
    assert circles(graph) == [["nec_network.io.a", "nec_network.io.b"]]


def test_the_personal_data_rule_lives_in_the_model_only():
    """One rule decides what is personal (nec_network.model.personal); nothing takes it from io."""
    found = [f"{module} imports {target}" for path, module in _modules() for target in _imports(path, module)
             if "personal" in target and not target.startswith("nec_network.model.personal")]
    assert found == []
    assert not (PACKAGE / "io" / "personal.py").exists()
