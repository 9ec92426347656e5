"""Test-side validator of the official v1 Table Schema (reads ../shared, never shipped)."""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
from pathlib import Path

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"
SCHEMA = SHARED / "reference" / "schema-lieux-mediation-numerique-v1.0.2.json"
EXAMPLE = SHARED / "reference" / "exemple-valide-lieux-mediation-numerique.csv"


def schema_fields() -> list[dict]:
    return json.loads(SCHEMA.read_text(encoding="utf-8"))["fields"]


def schema_violations(path: Path) -> list[str]:
    """Every breach of the schema in a CSV: columns and order, required, unique, pattern,
    maxLength, number and date types (constraints apply to non-empty values, as Frictionless does)."""
    fields = schema_fields()
    with path.open(encoding="utf-8", newline="") as stream:
        reader = csv.DictReader(stream)
        header = reader.fieldnames or []
        rows = list(reader)
    names = [field["name"] for field in fields]
    problems = [] if header == names else [f"colonnes {header} au lieu de {names}"]
    for field in fields:
        name, constraints = field["name"], field.get("constraints", {})
        seen: set[str] = set()
        for line, row in enumerate(rows, start=2):
            value = row.get(name) or ""
            where = f"ligne {line}, {name} = {value!r}"
            if not value:
                if constraints.get("required"):
                    problems.append(f"{where} : obligatoire")
                continue
            if constraints.get("unique"):
                if value in seen:
                    problems.append(f"{where} : en double")
                seen.add(value)
            if "pattern" in constraints and not re.fullmatch(constraints["pattern"], value):
                problems.append(f"{where} : motif {constraints['pattern']}")
            if "maxLength" in constraints and len(value) > constraints["maxLength"]:
                problems.append(f"{where} : plus de {constraints['maxLength']} caractères")
            if field["type"] == "number":
                try:
                    float(value)
                except ValueError:
                    problems.append(f"{where} : nombre attendu")
            if field["type"] == "date":
                try:
                    dt.date.fromisoformat(value)
                except ValueError:
                    problems.append(f"{where} : date AAAA-MM-JJ attendue")
    return problems
