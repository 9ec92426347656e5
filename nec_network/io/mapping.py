"""Any CSV or XLSX file, read through a JSON mapping to our template's columns.

A mapping file says where each of our fields (the columns of the template's
``acteurs.csv``: ``id``, ``nom``, ``typologie``, ``adresse``, ``code_postal``,
``commune``, ``code_insee``, ``latitude``, ``services``, ``itinerance``…) is
found in the file, and how its values translate::

    {
      "colonnes": {"nom": "lib_fs", "commune": "lib_com", "adresse": ["numero", "voie"]},
      "valeurs": {"itinerance": {"Oui": "Itinérant", "Non": "Fixe"}},
      "constantes": {"typologie": "RFS", "dispositifs": "France Services"},
      "separateur_listes": ";",
      "repli": {"commune": "lib_fs"},
      "departement": "insee_dep",
      "horaires_par_jour": {"Mo": "h_lundi", "Tu": "h_mardi", "We": "h_mercredi",
                            "Th": "h_jeudi", "Fr": "h_vendredi", "Sa": "h_samedi"},
      "prefixe_id": "france-services-"
    }

* ``colonnes`` (required): our field → the file's column, or a list of columns
  whose non-empty values are joined with a space (an address in two columns);
* ``valeurs``: our field → {their value: our value}; applied to each item of a
  list field, to the whole cell otherwise; an empty target drops the value;
* ``constantes``: our field → value used when the mapped cell is empty (or the
  field is not mapped): the typology of a whole list, its source…;
* ``separateur_listes``: characters separating the items of list cells in the
  file (``|`` by default; ``";,"`` accepts both);
* ``repli``: our field → a column read when the mapped cell is empty;
* ``departement``: a column holding the département code, used to tell apart
  communes of the same name;
* ``horaires_par_jour``: OSM day (``Mo`` … ``Su``) → column with that day's
  hours (``09:00 - 12:00 / 13:30 - 17:00``; ``-`` or empty = closed), folded
  into one OpenStreetMap ``opening_hours`` value; when a cell cannot be read
  the raw columns are kept in ``Actor.extra`` with a warning;
* ``description``: free text for people, ignored;
* ``prefixe_id``: put before every id (so that ids of several sources do not
  collide); when ``id`` is not mapped, the line number is used.

Every column of the file that the mapping does not use is kept in
``Actor.extra`` under its own name. Rows are placed in their commune by
:mod:`nec_network.io.placement` (INSEE code, postal code and name, closest name,
name in the text within the ``departement`` column when given, else coordinates);
rows without coordinates get their commune's reference point (precision
``commune``); a row with neither coordinates nor a findable commune is rejected
with the reason.
"""

from __future__ import annotations

import functools
import heapq
from importlib import resources
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from nec_network.text import normalize_name
from nec_network.errors import DataError
from nec_network.io._mapped_records import (
    attach_advisers,
    mark_personal,
    parse_partnership_columns,
    parse_personal,
    partnerships_from_columns,
    translate_v0,
)
from nec_network.io._fields import settled_fields
from nec_network.io._values import RowContext
from nec_network.io.placement import ActorFields
from nec_network.io.report import Report
from nec_network.tables import Table, cell_text, read_json, read_table, split_list
from nec_network.io.template import _ACTOR_COLUMN_SET, ACTOR_COLUMNS, actor_fields
from nec_network.io.validation import admit_actors
from nec_network.model import Ecosystem

#: Fields of the template that hold lists.
LIST_FIELDS = (
    "typologie", "services", "publics", "prise_en_charge", "dispositifs", "formations_labels",
    "modalites_acces", "modalites_accompagnement", "frais", "zone_intervention", "courriel", "site_web",
)  # fmt: skip
OSM_DAYS = ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")
_MAPPING_KEYS = {
    "colonnes", "valeurs", "constantes", "separateur_listes", "repli", "departement",
    "horaires_par_jour", "prefixe_id", "description", "personnel", "partenariats",
}  # fmt: skip
_TIME = r"(\d{1,2})\s*[:hH]\s*(\d{2})"
_RANGE = re.compile(_TIME + r"\s*-\s*" + _TIME)
_RANGE_SEPARATORS = re.compile(r"^[\s/,;et]*$")
_CLOSED = {"", "-", "ferme", "fermé", "fermee", "fermée"}


@dataclass(frozen=True)
class ColumnMapping:
    """A parsed mapping file (see the module docstring for its JSON form)."""

    colonnes: dict[str, tuple[str, ...]]
    valeurs: dict[str, dict[str, str]] = field(default_factory=dict)
    constantes: dict[str, str] = field(default_factory=dict)
    separateur_listes: str = "|"
    repli: dict[str, tuple[str, ...]] = field(default_factory=dict)
    departement: str = ""
    horaires_par_jour: dict[str, str] = field(default_factory=dict)
    prefixe_id: str = ""
    personnel: tuple[str, ...] = ()
    partenariats: tuple[tuple[str, str], ...] = ()

    @functools.cached_property
    def used_columns(self) -> frozenset[str]:
        """Columns of the file consumed by the mapping (the others go to ``extra``)."""
        used = {column for columns in self.colonnes.values() for column in columns}
        used |= {column for column, _ in self.partenariats}
        used |= {column for columns in self.repli.values() for column in columns}
        used |= set(self.horaires_par_jour.values())
        if self.departement:
            used.add(self.departement)
        return frozenset(used)

    @functools.cached_property
    def filled_fields(self) -> tuple[tuple[str, tuple[str, ...], tuple[str, ...], str], ...]:
        """The template's fields the mapping can fill, in the template's order: ``(field, its
        columns, its fallback columns, its constant)`` (every other field stays empty)."""
        return tuple(
            (name, self.colonnes.get(name, ()), self.repli.get(name, ()), self.constantes.get(name, ""))
            for name in ACTOR_COLUMNS if name in self.colonnes or name in self.repli or name in self.constantes
        )


def _columns(value: Any, where: str, source: str) -> tuple[str, ...]:
    if isinstance(value, str) and value:
        return (value,)
    if isinstance(value, list) and value and all(isinstance(item, str) and item for item in value):
        return tuple(value)
    raise DataError(f"{where} : nom de colonne ou liste de noms de colonnes attendu", file=source)


def _check_fields(names: Any, where: str, source: str, allowed: tuple[str, ...] = ACTOR_COLUMNS) -> None:
    unknown = sorted(set(names) - set(allowed))
    if unknown:
        raise DataError(
            f"« {where} » : champ(s) inconnu(s) {', '.join(unknown)} (champs admis : {', '.join(allowed)})",
            file=source,
        )


def parse_mapping(document: Any, *, source: str = "") -> ColumnMapping:
    """Check and parse a mapping (the decoded JSON object); raise :class:`DataError` in French.

    >>> m = parse_mapping({"colonnes": {"nom": "Nom", "adresse": ["num", "voie"]},
    ...                    "valeurs": {"itinerance": {"Oui": "Itinérant"}}})
    >>> m.colonnes["adresse"], m.separateur_listes
    (('num', 'voie'), '|')
    """
    if not isinstance(document, dict):
        raise DataError("une table de correspondance est un objet JSON", file=source)
    unknown = sorted(set(document) - _MAPPING_KEYS)
    if unknown:
        raise DataError(
            f"clé(s) inconnue(s) : {', '.join(unknown)} (clés admises : {', '.join(sorted(_MAPPING_KEYS))})",
            file=source,
        )
    colonnes = document.get("colonnes")
    if not isinstance(colonnes, dict) or not colonnes:
        raise DataError("« colonnes » manque ou est vide", file=source)
    _check_fields(colonnes, "colonnes", source)
    valeurs = document.get("valeurs", {})
    constantes = document.get("constantes", {})
    repli = document.get("repli", {})
    days = document.get("horaires_par_jour", {})
    for key, value in (("valeurs", valeurs), ("constantes", constantes), ("repli", repli)):
        if not isinstance(value, dict):
            raise DataError(f"« {key} » doit être un objet", file=source)
        _check_fields(value, key, source)
    for name, table in valeurs.items():
        if not isinstance(table, dict) or not all(isinstance(v, str) for v in table.values()):
            raise DataError(f"« valeurs » de « {name} » : objet {{valeur lue : valeur du modèle}} attendu",
                            file=source)
    if not isinstance(days, dict):
        raise DataError("« horaires_par_jour » doit être un objet", file=source)
    _check_fields(days, "horaires_par_jour", source, OSM_DAYS)
    if "horaires" in colonnes and days:
        raise DataError("« horaires » est à la fois une colonne et « horaires_par_jour »", file=source)
    separator = document.get("separateur_listes", "|")
    if not isinstance(separator, str) or not separator or separator.strip() != separator:
        raise DataError("« separateur_listes » : un ou plusieurs caractères (ni espace ni vide)", file=source)
    return ColumnMapping(
        colonnes={name: _columns(value, f"colonnes.{name}", source) for name, value in colonnes.items()},
        valeurs={name: {str(k): v for k, v in table.items()} for name, table in valeurs.items()},
        constantes={name: cell_text(value) for name, value in constantes.items()},
        separateur_listes=separator,
        repli={name: _columns(value, f"repli.{name}", source) for name, value in repli.items()},
        departement=str(document.get("departement", "")),
        horaires_par_jour={day: _columns(column, f"horaires_par_jour.{day}", source)[0]
                           for day, column in days.items()},
        prefixe_id=str(document.get("prefixe_id", "")),
        personnel=parse_personal(document.get("personnel", []),
                                 {c for value in colonnes.values() for c in _columns(value, "colonnes", source)},
                                 source),
        partenariats=parse_partnership_columns(document.get("partenariats", []), source),
    )


def builtin_mappings() -> dict[str, Path]:
    """Mappings shipped with the package (``data/mappings/*.json``), by name (file stem)."""
    folder = resources.files("nec_network.mappings_data")
    return {
        Path(entry.name).stem: Path(str(entry))
        for entry in sorted(folder.iterdir(), key=lambda item: item.name)
        if entry.name.endswith(".json")
    }


def load_mapping(path: str | Path) -> ColumnMapping:
    """Read and check a mapping file (UTF-8 JSON), or a shipped mapping by name (``france-services``)."""
    shipped = builtin_mappings()
    if not Path(path).exists():
        if str(path) not in shipped:
            raise DataError(
                "table de correspondance introuvable ; correspondances fournies : " + ", ".join(shipped),
                file=str(path),
            )
        path = shipped[str(path)]
    path = Path(path)
    return parse_mapping(read_json(path, what="table de correspondance"), source=str(path))


# -- opening hours ------------------------------------------------------------------------------
@functools.lru_cache(maxsize=1024)
def _day_hours(value: str) -> str | None:
    """``"09:00 - 12:00 / 13:30 - 17:00"`` → ``"09:00-12:00,13:30-17:00"``; "" when closed; None if unreadable."""
    text = value.strip()
    if normalize_name(text) in _CLOSED or text in _CLOSED:
        return ""
    ranges, position = [], 0
    for match in _RANGE.finditer(text):
        if not _RANGE_SEPARATORS.match(text[position:match.start()]):
            return None
        h1, m1, h2, m2 = (int(part) for part in match.groups())
        position = match.end()
        if (h1, m1, h2, m2) == (0, 0, 0, 0):  # "00:00 - 00:00": an empty slot of the national list
            continue
        if not (0 <= h1 <= 24 and 0 <= h2 <= 24 and m1 < 60 and m2 < 60 and (h1, m1) < (h2, m2)):
            return None
        ranges.append(f"{h1:02d}:{m1:02d}-{h2:02d}:{m2:02d}")
    if not position or not _RANGE_SEPARATORS.match(text[position:]):
        return None
    return ",".join(ranges)


def opening_hours(days: dict[str, str]) -> str | None:
    """Fold one cell per OSM day into an OpenStreetMap ``opening_hours`` value.

    Consecutive days with the same hours become a range; closed days are left
    out. None when a cell cannot be read.

    >>> opening_hours({"Mo": "09:00 - 12:00 / 13:30 - 17:00", "Tu": "09:00-12:00/13:30-17:00",
    ...                "We": "09:00 - 12:00", "Th": "-", "Fr": "9h00-12h00", "Sa": ""})
    'Mo-Tu 09:00-12:00,13:30-17:00; We 09:00-12:00; Fr 09:00-12:00'
    >>> opening_hours({"Mo": "sur rendez-vous"}) is None
    True
    >>> opening_hours({"Mo": "00:00 - 00:00 / 08:30 - 12:00", "Tu": "00:00 - 00:00"})
    'Mo 08:30-12:00'
    """
    hours: list[tuple[str, str]] = []
    for day in OSM_DAYS:
        parsed = _day_hours(days.get(day, ""))
        if parsed is None:
            return None
        hours.append((day, parsed))
    rules: list[str] = []
    index = 0
    while index < len(hours):
        day, value = hours[index]
        end = index
        while end + 1 < len(hours) and hours[end + 1][1] == value:
            end += 1
        if value:
            span = day if end == index else f"{day}-{hours[end][0]}"
            rules.append(f"{span} {value}")
        index = end + 1
    return "; ".join(rules)


# -- reading ------------------------------------------------------------------------------------
def _column(rows: list[dict[str, str]], columns: tuple[str, ...]) -> list[str]:
    """Each row's non-empty cells of ``columns``, stripped and joined with a space."""
    if len(columns) == 1:
        column = columns[0]
        return [row.get(column, "").strip() for row in rows]
    return [" ".join(value for column in columns if (value := row.get(column, "").strip())) for row in rows]


def _translate(value: str, name: str, mapping: ColumnMapping) -> str:
    table = mapping.valeurs.get(name)
    if name in LIST_FIELDS:
        items = split_list(value, mapping.separateur_listes)
        if table:
            items = [part for item in items for part in split_list(table.get(item, item), "|")]
        return "|".join(items)
    return table.get(value, value) if table else value


def template_rows(rows: list[dict[str, str]], mapping: ColumnMapping) -> list[dict[str, str]]:
    """The rows of the file turned into rows of our template (their other columns kept as they
    are), field by field: each distinct value of a field is translated once.

    >>> m = parse_mapping({"colonnes": {"nom": "Nom", "services": "Offre"},
    ...                    "valeurs": {"services": {"Démarches": "Aide aux démarches administratives"}},
    ...                    "separateur_listes": ";"})
    >>> template_rows([{"Nom": "Mairie", "Offre": "Démarches;Accès internet", "Note": "x"}], m)
    [{'Note': 'x', 'nom': 'Mairie', 'services': 'Aide aux démarches administratives|Accès internet'}]
    """
    used = mapping.used_columns
    results = [{column: value for column, value in row.items() if column not in used and value} for row in rows]
    for name, columns, fallback, constant in mapping.filled_fields:
        values = _column(rows, columns)
        if fallback:
            values = [value or other for value, other in zip(values, _column(rows, fallback), strict=True)]
        if name not in LIST_FIELDS and not mapping.valeurs.get(name):  # a text taken as it is
            for result, value in zip(results, values, strict=True):
                if value := value or constant:
                    result[name] = value
            continue
        translated: dict[str, str] = {}
        for result, value in zip(results, values, strict=True):
            value = value or constant
            if not value:
                continue
            if value not in translated:
                translated[value] = _translate(value, name, mapping)
            if translated[value]:
                result[name] = translated[value]
    return results


def _read_rows(path: Path) -> Table:
    """The file as a table (:func:`nec_network.tables.read_table`); a JSON ``aidants`` list → its count."""
    table = read_table(path)
    if path.suffix.lower() == ".json":
        attach_advisers(table, path)
    return table


def read_mapped(path: str | Path, mapping_path: str | Path) -> tuple[Ecosystem, Report]:
    """Read any CSV or XLSX file through a mapping file (see the module docstring).

    Every data row is imported or rejected (``report.is_complete()``); rows
    without coordinates are placed at their commune's reference point.
    """
    return read_with_mapping(path, load_mapping(mapping_path))


def read_with_mapping(path: str | Path, mapping: ColumnMapping) -> tuple[Ecosystem, Report]:
    """:func:`read_mapped` with an already parsed :class:`ColumnMapping`."""
    path = Path(path)
    table = _read_rows(path)
    missing = sorted(mapping.used_columns - set(table.columns))
    if missing:
        raise DataError("colonne(s) absente(s) du fichier : " + ", ".join(missing), file=str(path), row=1)
    report = Report()
    for problem in table.corrections:
        report.add(problem)
    first = len(report.problems)
    rows, pending = _mapped_rows(table, mapping, report)
    candidates = _actor_fields_of(rows, report, first, table.line_numbers)
    actors = admit_actors(candidates, report, require_place=True)
    links = partnerships_from_columns(pending, {actor.id for actor in actors}, report)
    return Ecosystem(actors, links, name=path.stem), report


def _mapped_rows(table: Table, mapping: ColumnMapping, report: Report) -> tuple[
        list[tuple[RowContext, dict[str, str]]], list[tuple[RowContext, str, str, str, str]]]:
    """The template row of each row of the file with a name (v0 values translated, personal
    columns named, opening hours folded), and the partnerships its columns declare; a row
    without a name is rejected."""
    repaired_lines = table.corrected_lines()
    rows: list[tuple[RowContext, dict[str, str]]] = []
    pending: list[tuple[RowContext, str, str, str, str]] = []
    folded_weeks: dict[tuple[str, ...], str | None] = {}
    v0_cells: dict[tuple[str, str], Any] = {}
    for line, raw, row in zip(table.line_numbers, table.rows, template_rows(table.rows, mapping), strict=True):
        report.rows_read += 1
        ctx = RowContext(table.path, line, corrected=line in repaired_lines)
        row["id"] = mapping.prefixe_id + (row.get("id") or str(line))
        if not row.get("nom"):
            report.reject(ctx.problem("nom manquant", column=_label(mapping, "nom")))
            continue
        translate_v0(row, ctx, report, v0_cells)
        mark_personal(row, mapping.personnel)
        pending.extend((ctx, row["id"], column, mapping.prefixe_id + target, kind)
                       for column, kind in mapping.partenariats if (target := raw.get(column, "").strip()))
        if mapping.horaires_par_jour:
            _fold_hours(raw, row, mapping, ctx, report, folded_weeks)
        if mapping.departement:
            ctx.departement = raw.get(mapping.departement, "").strip()
        rows.append((ctx, row))
    return rows, pending


def _actor_fields_of(rows: list[tuple[RowContext, dict[str, str]]], report: Report, first: int,
                     lines: list[int]) -> list[tuple[RowContext, ActorFields]]:
    """The actor fields of each template row: column by column for the rows whose cells are all
    settled (:func:`~nec_network.io._fields.settled_fields`), by
    :func:`~nec_network.io.template.actor_fields` for the others, whose problems are put back
    after their row's earlier ones (``report.problems`` from ``first`` is in the order of ``lines``)."""
    present: set[str] = set()
    for _, row in rows:
        present.update(row)
    columns = {name: [row.get(name, "") for _, row in rows] for name in ACTOR_COLUMNS if name in present}
    late = Report()
    candidates: list[tuple[RowContext, ActorFields]] = []
    for (ctx, row), fields in zip(rows, settled_fields(columns, len(rows)), strict=True):
        if fields is None:
            fields = actor_fields(row, ctx=ctx, report=late)
        else:
            fields["extra"] = {column: value for column, value in row.items()
                               if column not in _ACTOR_COLUMN_SET and column and value}
        candidates.append((ctx, fields))
    if late.problems:
        position = {line: index for index, line in enumerate(lines)}
        report.problems[first:] = heapq.merge(report.problems[first:], late.problems,
                                              key=lambda problem: position[problem.row])
    return candidates


def _label(mapping: ColumnMapping, name: str) -> str:
    return " + ".join(mapping.colonnes.get(name, (name,)))


def _fold_hours(raw: dict[str, str], row: dict[str, str], mapping: ColumnMapping,
                ctx: RowContext, report: Report, folded_before: dict[tuple[str, ...], str | None]) -> None:
    """The row's day cells folded into ``horaires`` (each distinct week once per read:
    ``folded_before``), or kept as they are with a warning when one cannot be read."""
    week = tuple(raw.get(column, "") for column in mapping.horaires_par_jour.values())
    if not any(value.strip() for value in week):
        return
    cells = dict(zip(mapping.horaires_par_jour, week, strict=True))
    if week not in folded_before:
        folded_before[week] = opening_hours(cells)
    folded = folded_before[week]
    if folded is None:
        for day, column in mapping.horaires_par_jour.items():
            if cells[day]:
                row[column] = cells[day]
        ctx.record(report, "avertissement",
                   "horaires illisibles : colonnes conservées telles quelles, sans format OpenStreetMap",
                   column=", ".join(mapping.horaires_par_jour.values()))
    elif folded:
        row["horaires"] = folded
