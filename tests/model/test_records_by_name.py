"""Model records are built by keyword everywhere in the package, so that adding a field is safe.

A positional ``Partnership("a", "b", "orientation", 1.0, "2024")`` silently shifts meaning when
a field is inserted; ``Partnership(source=…, cible=…, type=…)`` does not. The check reads every
module of ``nec_network`` (docstring examples, which are text, are not calls) and lists each
call of a record class of the model with a positional argument. Vocabulary tables and the
opening-hours parser's own records are constants, not data records, and are left out.
"""

from __future__ import annotations

import ast
import dataclasses
import importlib
import pkgutil
from pathlib import Path

import nec_network.model

PACKAGE = Path(nec_network.__file__).resolve().parent
#: Model modules whose dataclasses are vocabulary entries or parser internals.
#: A date value (dates) is not a record either.
NOT_RECORDS = ("nec_network.model.vocabularies", "nec_network.model.opening_hours", "nec_network.model.dates")


def record_classes() -> set[str]:
    """Names of the model's data records (Actor, Partnership, Persona, Resource, and any new one)."""
    names = set()
    for info in pkgutil.iter_modules(nec_network.model.__path__):
        module = importlib.import_module(f"nec_network.model.{info.name}")
        if module.__name__ in NOT_RECORDS:
            continue
        names.update(name for name, value in vars(module).items()
                     if isinstance(value, type) and dataclasses.is_dataclass(value)
                     and value.__module__ == module.__name__)
    return names


def positional_calls(source: str, classes: set[str]) -> list[tuple[int, str]]:
    """(line, class) of each call of one of ``classes`` with a positional argument."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call) or not node.args:
            continue
        func = node.func
        name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
        if name in classes:
            found.append((node.lineno, name))
    return found


def test_the_records_are_the_ones_we_expect():
    assert {"Actor", "Partnership", "Persona", "Resource"} <= record_classes()


def test_every_record_is_built_by_keyword():
    classes = record_classes()
    found = [f"{path.relative_to(PACKAGE.parent)}:{line} {name}(…)"
             for path in sorted(PACKAGE.rglob("*.py"))
             for line, name in positional_calls(path.read_text(encoding="utf-8"), classes)]
    assert found == []


def test_the_check_sees_a_positional_call():
    source = 'from x import Partnership\nlink = Partnership("a", "b", type="partenariat")\n'
    assert positional_calls(source, {"Partnership"}) == [(2, "Partnership")]
    assert positional_calls('"""\n>>> Partnership("a", "b", "x")\n"""\n', {"Partnership"}) == []
