"""A form tool's export of the survey: one row per respondent, « Partenaire 1 » … « Partenaire N ».

Online form tools (LimeSurvey, Framaforms, Google Forms…) export one row per person, with the
questions repeated for each partner. A **survey mapping** (a JSON file, like the column
mappings of :mod:`nec_network.io.mapping`, with a key ``enquete``) says where each answer is::

    {
      "description": "Export du formulaire « Nos partenaires »",
      "enquete": {
        "repondant": "Nom de votre structure",
        "repondant_commune": "Commune de votre structure",
        "date_reponse": "Horodateur",
        "partenaires": {
          "partenaire": "Partenaire {n}",
          "type": "Type de relation {n}",
          "debut": "Depuis quand ({n})",
          "frequence": "Fréquence {n}",
          "commentaire": "Commentaire {n}"
        },
        "valeurs": {"frequence": {"Toutes les semaines": "hebdomadaire"}}
      }
    }

* the keys are the columns of the long table (:data:`~nec_network.model.vocabularies.SURVEY_COLUMNS`);
* ``partenaires``: the columns repeated for each partner, ``{n}`` standing for its number
  (1, 2, 3… as long as a column « Partenaire n » exists);
* ``valeurs``: our column → {their answer: our value} (types and frequencies are also
  recognised by their French labels and the survey's phrases).

The export becomes rows of the long table (:func:`read_wide_rows`); errors name the export's
own column (« Type de relation 2 »). ``data/mappings/enquete-formulaire.json`` is a shipped
example (``reponses.csv:enquete-formulaire``).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from nec_network.errors import DataError, MappingError
from nec_network.tables import read_json, read_table

#: Greatest partner number looked for (a form with more is unusual; the rest would be ignored).
MAX_PARTNERS = 50
_RESPONDENT_KEYS = ("repondant", "repondant_id", "repondant_commune", "date_reponse", "evenement")
_PARTNER_KEYS = (
    "partenaire", "partenaire_id", "partenaire_commune", "type", "sens", "debut", "fin", "evenement",
    "frequence", "fiabilite", "objectifs_communs", "ouverture", "apports", "commentaire",
)  # fmt: skip


def _mapping_path(mapping: str | Path) -> Path | None:
    from nec_network.io.mapping import builtin_mappings

    path = Path(mapping)
    if path.exists():
        return path
    return builtin_mappings().get(str(mapping))


@cache
def _load(path: Path) -> dict[str, Any]:
    document = read_json(path, what="table de correspondance")
    return document if isinstance(document, dict) else {}


def is_survey_mapping(mapping: str | Path) -> bool:
    """Whether ``mapping`` (a JSON file or a shipped name) describes a survey export (key ``enquete``)."""
    path = _mapping_path(mapping)
    return path is not None and path.suffix.lower() == ".json" and isinstance(_load(path).get("enquete"), dict)


def survey_mapping(mapping: str | Path) -> dict[str, Any]:
    """The ``enquete`` part of a survey mapping, checked; :class:`MappingError` naming the problem."""
    path = _mapping_path(mapping)
    if path is None or not is_survey_mapping(path):
        raise MappingError(f"« {mapping} » n'est pas une correspondance d'enquête (clé « enquete » attendue).")
    spec = _load(path)["enquete"]
    unknown = set(spec) - {*_RESPONDENT_KEYS, "partenaires", "valeurs"}
    partners = spec.get("partenaires")
    if not isinstance(partners, dict) or "partenaire" not in partners:
        raise MappingError(f"{path} : « enquete.partenaires.partenaire » manque (la colonne « Partenaire {{n}} »).")
    unknown |= set(partners) - set(_PARTNER_KEYS)
    if unknown:
        raise MappingError(f"{path} : clés inconnues dans « enquete » : {', '.join(sorted(unknown))}.")
    if "repondant" not in spec and "repondant_id" not in spec:
        raise MappingError(f"{path} : « enquete.repondant » manque (la colonne qui nomme la structure qui répond).")
    if any("{n}" not in str(column) for column in partners.values()):
        raise MappingError(f"{path} : chaque colonne de « enquete.partenaires » contient {{n}} (le numéro du partenaire).")
    return spec


def read_wide_rows(
    path: Path, mapping: str | Path
) -> tuple[list[dict[str, str]], list[int], list[str], list[dict[str, str]]]:
    """The export's rows as long rows: (rows, their lines in the export, our columns, each row's
    columns of the export by our column name, for the errors)."""
    spec = survey_mapping(mapping)
    table = read_table(path)
    partners: dict[str, str] = spec["partenaires"]
    respondent_columns = {key: spec[key] for key in _RESPONDENT_KEYS if key in spec}
    missing = [column for column in respondent_columns.values() if column not in table.columns]
    first = partners["partenaire"].replace("{n}", "1")
    if first not in table.columns:
        missing.append(first)
    if missing:
        raise DataError(f"colonne(s) absente(s) de l'export : {', '.join(missing)} (voir la correspondance {mapping})",
                        file=str(path))
    numbers = [n for n in range(1, MAX_PARTNERS + 1) if partners["partenaire"].replace("{n}", str(n)) in table.columns]
    values: dict[str, dict[str, str]] = spec.get("valeurs", {})
    rows, lines, origins = [], [], []
    for row, line in zip(table.rows, table.line_numbers, strict=True):
        base = {key: _value(values, key, row.get(column, "")) for key, column in respondent_columns.items()}
        produced = 0
        for n in numbers:
            columns = {key: column.replace("{n}", str(n)) for key, column in partners.items()}
            if not any((row.get(column) or "").strip() for column in columns.values()):
                continue
            rows.append({**base, **{key: _value(values, key, row.get(column, "")) for key, column in columns.items()}})
            lines.append(line)
            origins.append({**respondent_columns, **columns})
            produced += 1
        if not produced:
            rows.append(base)
            lines.append(line)
            origins.append(dict(respondent_columns))
    return rows, lines, ["repondant", "partenaire", *respondent_columns, *partners], origins


def _value(values: dict[str, dict[str, str]], key: str, text: str) -> str:
    text = (text or "").strip()
    return values.get(key, {}).get(text, text)
