"""The national standard of *lieux de médiation numérique*: read v1 and v0, write v1.

* **v1** (``schema-lieux-mediation-numerique`` v1.0.x): CSV, lists separated by
  ``|``; columns ``publics_specifiquement_adresses``, ``frais_a_charge``,
  ``dispositif_programmes_nationaux``…
* **v0** (what the national cartography published in 2022-2023): CSV or JSON,
  lists separated by ``;``, verb-style services (« Prendre en main un
  ordinateur »), ``publics_accueillis``, ``conditions_acces``,
  ``labels_nationaux``, ``cle_ban``; in JSON, ``adresse``, ``localisation``,
  ``contact`` and ``presentation`` may be nested objects and lists may be arrays.
  Values are converted with the v0 → v1 tables of
  :mod:`nec_network.model.vocabularies`; a value without v1 equivalent (public
  « Adultes », label « APTIC »…) is kept in ``Actor.extra`` under its v0 column
  with a warning.

:func:`write_mednum` writes a v1 CSV meeting every constraint of the official
schema. Where a required value is missing it does what the national tooling
does or leaves the place out, and says so in the problems it returns:
unknown SIRET → ``pivot`` ``00000000000000``; no ``date_maj`` → the date given
(today by default); no address or commune → the place is not written.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import json
import re
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

from nec_network import codes, territory
from nec_network.errors import DataError, NecNetworkError
from nec_network.io._fields import settled_fields
from nec_network.io._values import RowContext
from nec_network.io.placement import ActorFields
from nec_network.io.csv_output import write_csv
from nec_network.io.report import Problem, Report
from nec_network.tables import Table, cell_text, clean_cell, json_records, read_json, read_table, split_list
from nec_network.io.template import actor_fields
from nec_network.io.validation import admit_actors
from nec_network.model import Actor, Ecosystem, without_personal_data
from nec_network.model import vocabularies as voc
from nec_network.model.personal import ADVISERS, adviser_cells
from nec_network.model.phone import french_phone

#: Columns of the v1 schema, in the schema's order.
V1_COLUMNS: tuple[str, ...] = (
    "id", "pivot", "nom", "commune", "code_postal", "code_insee", "adresse", "complement_adresse",
    "latitude", "longitude", "typologie", "telephone", "courriels", "site_web", "horaires",
    "presentation_resume", "presentation_detail", "source", "itinerance", "structure_parente", "date_maj",
    "services", "publics_specifiquement_adresses", "prise_en_charge_specifique", "frais_a_charge",
    "dispositif_programmes_nationaux", "formations_labels", "autres_formations_labels", "modalites_acces",
    "modalites_accompagnement", "fiche_acces_libre", "prise_rdv",
)  # fmt: skip

#: v1 column → template column, where the names differ.
V1_TO_TEMPLATE: dict[str, str] = {
    "courriels": "courriel",
    "publics_specifiquement_adresses": "publics",
    "prise_en_charge_specifique": "prise_en_charge",
    "frais_a_charge": "frais",
    "dispositif_programmes_nationaux": "dispositifs",
    "presentation_resume": "presentation",
}
#: v1 columns kept in ``Actor.extra`` (no field of ours) and written back from it.
V1_EXTRA_COLUMNS = ("presentation_detail", "autres_formations_labels", "fiche_acces_libre")

#: What the national tooling writes when the SIRET is unknown.
UNKNOWN_PIVOT = "00000000000000"
RESUME_MAX_LENGTH = 280

_V0_MARKERS = {"publics_accueillis", "conditions_acces", "conditions_access", "labels_nationaux", "cle_ban", "labels_autres",
               "accessibilite", "courriel"}
_PIVOT = re.compile(r"^[a-zA-Z0-9]{9,14}$")
_SCHEMA_SPELLING_BACK = {v: k for k, v in voc.SCHEMA_V1_SPELLING.items()}


# -- reading ------------------------------------------------------------------------------------
def read_mednum(path: str | Path) -> tuple[Ecosystem, Report]:
    """Read a v1 CSV, or a v0 CSV or JSON file, of the national standard.

    Every record is imported or rejected (``report.is_complete()``).
    """
    path = Path(path)
    if path.suffix.lower() == ".json":
        repairs, label = [], str(path)
        records = _json_records(path, repairs)
        lines, settled = [line for line, _ in records], [None] * len(records)
        record_at: Callable[[int], dict[str, str]] = lambda index: records[index][1]
    else:
        table = read_table(path)
        repairs, label, lines, record_at = table.corrections, table.path, table.line_numbers, table.row
        settled = _settled_v1_fields(table)
    report = Report()
    for problem in repairs:
        report.add(problem)
    repaired_rows = {problem.row for problem in repairs if problem.level == "correction"}
    candidates: list[tuple[RowContext, ActorFields]] = []
    for index, (row_number, fields) in enumerate(zip(lines, settled, strict=True)):
        report.rows_read += 1
        ctx = RowContext(label, row_number, corrected=row_number in repaired_rows)
        if fields is not None:
            candidates.append((ctx, fields))
            continue
        record = record_at(index)
        v0 = not record.keys().isdisjoint(_V0_MARKERS) or _has_v0_services(record)
        row = _v0_row(record, ctx, report) if v0 else _v1_row(record)
        missing = [name for name in ("id", "nom") if not row.get(name)]
        if missing:
            report.reject(ctx.problem(f"champ obligatoire vide : {', '.join(missing)}", column=missing[0]))
            continue
        candidates.append((ctx, actor_fields(row, ctx=ctx, report=report)))
    return Ecosystem(admit_actors(candidates, report, require_place=True), name=path.stem), report


def _settled_v1_fields(table: Table) -> list[ActorFields | None]:
    """The fields of each v1 row whose cells are all settled (:func:`~nec_network.io._fields.settled_fields`),
    read column by column as :func:`_v1_row` and :func:`~nec_network.io.template.actor_fields` read
    them row by row; None for the others (and for every row of a v0 file or of a table whose
    renamed columns would collide)."""
    count = len(table.line_numbers)
    names = list(table.cells)
    renamed = [V1_TO_TEMPLATE.get(name, name) for name in names if name != "presentation_detail"]
    if not count or not _V0_MARKERS.isdisjoint(names) or len(set(renamed)) != len(renamed) or (
            "presentation_detail" in names and "presentation" in names):
        return [None] * count
    cells = table.cells
    columns = {V1_TO_TEMPLATE.get(name, name): cells[name] for name in names if name != "presentation_detail"}
    services = columns.get("services", [])
    v0_services = {cell for cell in set(services) if _names_v0_services(cell)}
    v0_rows = {row for row, cell in enumerate(services) if cell in v0_services} if v0_services else set()
    if "formations_labels" in columns:
        spelt = {labels: _our_spelling(labels) if labels else labels for labels in set(columns["formations_labels"])}
        columns["formations_labels"] = list(map(spelt.__getitem__, columns["formations_labels"]))
    if "presentation_detail" in cells:
        joined = [_joined_presentation(resume, detail) for resume, detail in
                  zip(columns.get("presentation", [""] * count), cells["presentation_detail"], strict=True)]
        columns["presentation"] = [presentation for presentation, _ in joined]
        columns["presentation_detail"] = [detail for _, detail in joined]
    fields = settled_fields(columns, count)
    return [None if row in v0_rows else found for row, found in enumerate(fields)] if v0_rows else fields


def _json_records(path: Path, notes: list[Problem]) -> list[tuple[int, dict[str, Any]]]:
    """The places of a v0 JSON file, flattened, each cell cleaned like any table's (notes kept)."""
    records = []
    for index, record in enumerate(json_records(read_json(path), path), start=1):
        if not isinstance(record, dict):
            raise DataError("un lieu doit être un objet JSON", file=str(path), row=index)
        records.append((index, {
            key: clean_cell(value, notes, file=str(path), row=index, column=key)
            for key, value in _flatten(record).items()
        }))  # fmt: skip
    return records


def _flatten(record: dict[str, Any]) -> dict[str, str]:
    """Nested v0 objects (adresse, localisation, contact, presentation) and arrays → flat text cells."""
    flat: dict[str, str] = {}
    nested = {"adresse": {"voie": "adresse"}, "localisation": {}, "contact": {}, "presentation":
              {"resume": "presentation_resume", "detail": "presentation_detail"}}
    for key, value in record.items():
        if key == ADVISERS:
            flat.update(adviser_cells(value))
        elif isinstance(value, dict) and key in nested:
            for inner, inner_value in value.items():
                flat[nested[key].get(inner, inner)] = _text(inner_value)
        else:
            flat[key] = _text(value)
    return flat


def _text(value: Any) -> str:
    if isinstance(value, list):
        return ";".join(_text(item) for item in value if _text(item))
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return cell_text(value)


def _has_v0_services(record: dict[str, str]) -> bool:
    return _names_v0_services(record.get("services", ""))


@functools.lru_cache(maxsize=1 << 12)
def _names_v0_services(services: str) -> bool:
    """Whether a services cell names a v0 service (once per distinct cell)."""
    return any(voc.V0_SERVICES.match(item) for item in split_list(services, ";|"))


def _v1_row(record: dict[str, str]) -> dict[str, str]:
    row = {V1_TO_TEMPLATE.get(column, column): value for column, value in record.items() if value}
    row.pop("presentation_detail", None)
    _join_presentation(row, record.get("presentation_resume", ""), record.get("presentation_detail", ""))
    if "formations_labels" in row:
        row["formations_labels"] = _our_spelling(row["formations_labels"])
    return row


@functools.lru_cache(maxsize=1 << 12)
def _our_spelling(labels: str) -> str:
    """A v1 ``formations_labels`` cell with each label spelt as ours (once per distinct cell)."""
    return "|".join(_SCHEMA_SPELLING_BACK.get(item, item) for item in split_list(labels))


def _v0_row(record: dict[str, str], ctx: RowContext, report: Report) -> dict[str, str]:
    """A v0 record → a template row, recording each conversion."""
    row: dict[str, str] = {}
    lists: dict[str, list[str]] = {name: [] for name in (
        "services", "publics", "prise_en_charge", "frais", "dispositifs", "formations_labels",
        "modalites_accompagnement")}
    for column, value in record.items():
        if not value:
            continue
        handler = V0_LISTS.get(column)
        if handler is not None:
            # A v0 value without v1 equivalent stays in the v0 column (hence Actor.extra).
            columns, aside, converted = convert_v0_items(split_list(value, ";|"), handler)
            for name, values in columns.items():
                lists[name].extend(values)
            if aside:
                row[column] = "|".join(aside)
            record_v0(ctx, report, column, value, aside, converted)
            continue
        row[_V0_COLUMNS.get(column, column)] = value
    for name, values in lists.items():
        merged = [*split_list(row.get(name, "")), *values]
        if merged:
            row[name] = "|".join(dict.fromkeys(merged))
    for column, separators in (("typologie", ";|,"), ("courriel", ";|"), ("site_web", ";|"),
                               ("formations_labels", ";|")):
        if column in row:
            items = [part for item in split_list(row[column], separators)
                     for part in re.split(r",\s*(?=https?://)", item)]
            row[column] = "|".join(items)
    _join_presentation(row, row.pop("presentation_resume", ""), row.pop("presentation_detail", ""))
    return row


def _join_presentation(row: dict[str, str], resume: str, detail: str) -> None:
    """One presentation: the detail when the summary is its beginning, else the summary (detail kept aside)."""
    presentation, aside = _joined_presentation(resume, detail)
    if presentation:
        row["presentation"] = presentation
    if aside:
        row["presentation_detail"] = aside


def _joined_presentation(resume: str, detail: str) -> tuple[str, str]:
    """The presentation and the detail kept aside (empty when none) of a summary and a detail."""
    if detail and (not resume or detail.startswith(resume.rstrip("…").rstrip())):
        return detail, ""
    return resume, detail if resume else ""


def convert_v0_items(
    items: list[str], handler: tuple[voc.Vocabulary, dict[str, Any], str]
) -> tuple[dict[str, list[str]], list[str], list[tuple[str, str]]]:
    """Sort the values of one v0 list cell by the template column they go to.

    ``handler`` is an entry of :data:`V0_LISTS`. Returns the values of each template column
    (a value unknown to v0 goes unchanged to the handler's column, so that the template
    parser reports it with a suggestion), the v0 values without v1 equivalent, and each
    ``(value, v1 value)`` converted.

    >>> columns, aside, converted = convert_v0_items(["France Services", "Autre"], V0_LISTS["labels_nationaux"])
    >>> dict(columns)
    {'dispositifs': ['France Services', 'Autre']}
    """
    vocabulary, table, default_column = handler
    columns: dict[str, list[str]] = defaultdict(list)
    aside, converted = [], []
    for item in items:
        v0 = vocabulary.match(item)
        if v0 is None:
            columns[default_column].append(item)
            continue
        target = table[v0]
        if target is None:
            aside.append(v0)
            continue
        column, v1 = target if isinstance(target, tuple) else (default_column, target)
        columns[column].append(v1)
        converted.append((item, v1))
    return columns, aside, converted


def record_v0(ctx: RowContext, report: Report, column: str, value: str, aside: list[str],
              converted: list[tuple[str, str]]) -> None:
    """Record what :func:`convert_v0_items` did to cell ``column``: an ``avertissement`` for the
    values set aside, a ``correction`` listing the conversions."""
    if aside:
        ctx.record(report, "avertissement", "valeur(s) v0 sans équivalent en v1, conservée(s) à part",
                   column=column, value="|".join(aside))
    if converted:
        ctx.record(report, "correction", "valeurs du standard v0 converties en v1", column=column,
                   value=value, suggestion=" ; ".join(f"{item} → {v1}" for item, v1 in converted))


#: v0 list column → (v0 vocabulary, v0 → v1 table, template column for plain values).
V0_LISTS: dict[str, tuple[voc.Vocabulary, dict[str, Any], str]] = {
    "services": (voc.V0_SERVICES, voc.V0_SERVICE_TO_V1, "services"),
    "publics_accueillis": (voc.V0_PUBLICS, voc.V0_PUBLIC_TO_V1, "publics"),
    "conditions_acces": (voc.V0_CONDITIONS_ACCES, voc.V0_CONDITION_TO_FRAIS, "frais"),
    # The Conseillers numériques export spells it so.
    "conditions_access": (voc.V0_CONDITIONS_ACCES, voc.V0_CONDITION_TO_FRAIS, "frais"),
    "labels_nationaux": (voc.V0_LABELS_NATIONAUX, voc.V0_LABEL_TO_V1, "dispositifs"),
    "modalites_accompagnement": (voc.V0_MODALITES_ACCOMPAGNEMENT, voc.V0_MODALITE_TO_V1,
                                 "modalites_accompagnement"),
}
#: v0 column → template column or v1 extra column, where the names differ.
_V0_COLUMNS = {
    "lieu": "nom",
    "typologies": "typologie",
    "formations_labels": "formations_labels",
    "courriel": "courriel",
    "labels_autres": "autres_formations_labels",
    "accessibilite": "fiche_acces_libre",
}


# -- writing ------------------------------------------------------------------------------------
def _resume(text: str) -> str:
    if len(text) <= RESUME_MAX_LENGTH:
        return text
    cut = text[: RESUME_MAX_LENGTH - 1]
    cut = cut[: cut.rfind(" ")] if " " in cut[RESUME_MAX_LENGTH // 2:] else cut
    return cut.rstrip(" ,;:") + "…"


def _joined(values: tuple[str, ...], vocabulary: voc.Vocabulary, column: str, warn: Callable) -> str:
    kept = [value for value in values if value in vocabulary]
    for value in values:
        if value not in vocabulary:
            warn("valeur hors du standard v1, non écrite", column, value)
    return "|".join(voc.SCHEMA_V1_SPELLING.get(value, value) for value in kept)


def _v1_place(actor: Actor, warn: Callable[..., None]) -> tuple[str, str, str]:
    """Commune, postal code and INSEE code to write: a malformed INSEE code dropped, a missing
    commune or postal code deduced from the INSEE code (each said through ``warn``)."""
    commune, code_postal, code_insee = actor.commune, actor.code_postal, actor.code_insee
    if code_insee and not codes.is_insee_code(code_insee):
        warn("code INSEE mal formé, non écrit", "code_insee", code_insee)
        code_insee = ""
    if code_insee and (not commune or not codes.is_postal_code(code_postal)):
        try:
            reference = territory.get_commune(code_insee)
        except NecNetworkError:
            reference = None
        if reference is not None:
            postal_codes = [code for code in str(reference.codes_postaux or "").split("|") if code]
            if not commune:
                commune = reference.nom
                warn("commune déduite du code INSEE", "commune", commune)
            if not codes.is_postal_code(code_postal) and postal_codes:
                code_postal = postal_codes[0]
                warn("code postal déduit du code INSEE", "code_postal", code_postal)
    return commune, code_postal, code_insee


def mednum_row(actor: Actor, *, default_date: dt.date, problems: list[Problem]) -> dict[str, str] | None:
    """The v1 row of an actor, or None (with an ``erreur`` in ``problems``) when it cannot be valid."""

    def warn(message: str, column: str = "", value: str = "", level: str = "avertissement",
             category: str = "") -> None:
        problems.append(Problem(level, message, actor.id, None, column, value, "", category))  # type: ignore[arg-type]

    commune, code_postal, code_insee = _v1_place(actor, warn)
    missing = [name for name, value in (("adresse", actor.adresse), ("commune", commune),
                                        ("code_postal", code_postal if codes.is_postal_code(code_postal) else ""))
               if not value]
    if missing:
        warn(f"champ(s) obligatoire(s) du standard manquant(s) : {', '.join(missing)} ; lieu non écrit",
             missing[0], level="erreur", category="non_exporte")
        return None
    pivot = re.sub(r"\s", "", actor.pivot)
    if not _PIVOT.match(pivot):
        if pivot:
            warn("SIRET/RNA mal formé", "pivot", actor.pivot)
        pivot = UNKNOWN_PIVOT
    telephone = ""
    if actor.telephone:
        telephone = french_phone(actor.telephone) or ""
        if not telephone:
            warn("numéro de téléphone non reconnu, non écrit", "telephone", actor.telephone)
    date_maj = actor.date_maj
    if date_maj is None:
        date_maj = default_date
        warn("date de mise à jour absente : date de l'export utilisée", "date_maj", date_maj.isoformat())
    extra = {column: cell_text(actor.extra.get(column, "")) for column in V1_EXTRA_COLUMNS}
    resume = _resume(actor.presentation)
    detail = extra["presentation_detail"]
    if resume != actor.presentation:
        detail = actor.presentation + (f"\n\n{detail}" if detail else "")
    row = {
        "id": actor.id,
        "pivot": pivot,
        "nom": actor.nom,
        "commune": commune,
        "code_postal": code_postal,
        "code_insee": code_insee,
        "adresse": actor.adresse,
        "complement_adresse": actor.complement_adresse,
        # A commune's reference point is not the place's position (see nec_network.io.export).
        "latitude": "" if actor.latitude is None or actor.precision == "commune" else repr(actor.latitude),
        "longitude": "" if actor.longitude is None or actor.precision == "commune" else repr(actor.longitude),
        "typologie": "|".join(actor.typologies),
        "telephone": telephone,
        "courriels": "|".join(actor.courriels),
        "site_web": "|".join(actor.sites_web),
        "horaires": actor.horaires,
        "presentation_resume": resume,
        "presentation_detail": detail,
        "source": actor.source,
        "itinerance": "Itinérant" if actor.itinerant else "Fixe",
        "structure_parente": actor.structure_parente,
        "date_maj": date_maj.isoformat(),
        "services": _joined(actor.services, voc.SERVICES, "services", warn),
        "publics_specifiquement_adresses": _joined(actor.publics, voc.PUBLICS, "publics", warn),
        "prise_en_charge_specifique": _joined(actor.prise_en_charge, voc.PRISE_EN_CHARGE, "prise_en_charge",
                                              warn),
        "frais_a_charge": _joined(actor.frais, voc.FRAIS, "frais", warn),
        "dispositif_programmes_nationaux": _joined(actor.dispositifs, voc.DISPOSITIFS, "dispositifs", warn),
        "formations_labels": _joined(actor.formations_labels, voc.FORMATIONS_LABELS, "formations_labels",
                                     warn),
        "autres_formations_labels": extra["autres_formations_labels"],
        "modalites_acces": _joined(actor.modalites_acces, voc.MODALITES_ACCES, "modalites_acces", warn),
        "modalites_accompagnement": _joined(actor.modalites_accompagnement, voc.MODALITES_ACCOMPAGNEMENT,
                                            "modalites_accompagnement", warn),
        "fiche_acces_libre": extra["fiche_acces_libre"],
        "prise_rdv": actor.prise_rdv,
    }
    return row


def write_mednum(ecosystem: Ecosystem, path: str | Path, *, default_date: dt.date | None = None
                 ) -> list[Problem]:
    """Write the actors as a v1 CSV (UTF-8, comma, the schema's column order).

    Returns what was changed or left out (``file`` holds the actor id): pivot
    ``00000000000000`` for an unknown SIRET, ``default_date`` (today when None)
    for a missing ``date_maj``, phone numbers put in ``+33…`` form, places
    without address or commune not written (``erreur``). Partnerships, zones
    and dispositifs outside the standard are not part of it.
    """
    ecosystem, _ = without_personal_data(ecosystem)  # a published format: never an adviser's data
    default_date = default_date or dt.date.today()
    problems: list[Problem] = []
    rows = [row for actor in ecosystem if (row := mednum_row(actor, default_date=default_date,
                                                               problems=problems)) is not None]
    write_csv(path, rows, columns=V1_COLUMNS)
    return problems


def carried_columns() -> set[str]:
    """The template columns (and extra keys) a v1 CSV carries: what ``export`` does not call dropped."""
    carried = {V1_TO_TEMPLATE.get(column, column) for column in V1_COLUMNS}
    return carried | {"typologie", "courriel", "site_web", "itinerance", *V1_EXTRA_COLUMNS}


def count_places(path: str | Path) -> int:
    """The place records of a written v1 CSV (its lines after the header)."""
    with Path(path).open(encoding="utf-8", newline="") as stream:
        return sum(1 for _ in csv.DictReader(stream))

