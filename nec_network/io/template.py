"""Our own template, the format coordinators edit: ``acteurs.csv`` + ``partenariats.csv`` or one ``.xlsx``.

A folder holds ``acteurs.csv``, ``partenariats.csv`` and ``evenements.csv`` (UTF-8, comma,
French headers, lists separated by ``|``; see :mod:`nec_network.io.events` for the events);
a workbook holds the sheets ``acteurs``, ``partenariats``, ``evenements`` and ``lisez-moi``. Columns other than :data:`ACTOR_COLUMNS`
are kept in :attr:`Actor.extra` (empty cells are not). A value that could not be understood stays in
``extra`` under its own column name and is written back into that cell, so a
user sees it again where they typed it (see :mod:`nec_network.io._values`).
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from nec_network.errors import DataError
from nec_network.io._values import (
    Cells,
    RowContext,
    parse_code,
    parse_date,
    parse_float,
    parse_itinerance,
    parse_list,
    parse_partnership_type,
    parse_precision,
    parse_text_list,
    read_link_dates,
    parse_zone,
    partnership_type_problem,
)
from nec_network.io.csv_output import write_csv
from nec_network.io.events import EVENT_COLUMNS, EVENTS_FILE, EVENTS_SHEET, admit_events, event_row
from nec_network.io.output import write_output
from nec_network.io.workbook_output import write_workbook
from nec_network.io.placement import ActorFields
from nec_network.io.report import Report
from nec_network.io.validation import admit_actors, admit_partnerships
from nec_network.model import Actor, Ecosystem, Event, Partnership
from nec_network.model.dates import PartialDate
from nec_network.model import vocabularies as voc
from nec_network.tables import WORKBOOK_SUFFIXES, Table, Workbook, cell_text, read_sheet, read_table

#: Columns of ``acteurs.csv``, in order.
ACTOR_COLUMNS: tuple[str, ...] = (
    "id", "nom", "typologie", "adresse", "complement_adresse", "code_postal", "commune", "code_insee",
    "latitude", "longitude", "precision", "services", "publics", "prise_en_charge", "dispositifs",
    "formations_labels", "modalites_acces", "modalites_accompagnement", "frais", "itinerance",
    "zone_intervention", "telephone", "courriel", "site_web", "prise_rdv", "horaires", "presentation",
    "pivot", "structure_parente", "source", "date_maj",
)  # fmt: skip

_ACTOR_COLUMN_SET = frozenset(ACTOR_COLUMNS)
#: A row with every column empty: what a row lacks reads as empty.
_EMPTY_ROW = dict.fromkeys(ACTOR_COLUMNS, "")

#: Columns of ``partenariats.csv``, in order.
PARTNERSHIP_COLUMNS: tuple[str, ...] = (
    "source", "cible", "type", "poids", "debut", "fin", "evenement", "declare_par", "note", "origine",
)  # fmt: skip

#: The partnership fields read as they are (text): every column but ``type``, ``poids``, the
#: dates and ``declare_par``, which are read through their vocabulary, number, date and list
#: parsers.
PARTNERSHIP_TEXT_FIELDS: tuple[str, ...] = tuple(
    column for column in PARTNERSHIP_COLUMNS if column not in ("type", "poids", "debut", "fin", "declare_par")
)

#: Template column → :class:`Actor` field, where the names differ.
COLUMN_FIELDS: dict[str, str] = {
    "typologie": "typologies",
    "itinerance": "itinerant",
    "courriel": "courriels",
    "site_web": "sites_web",
}

_VOCABULARY_COLUMNS: dict[str, voc.Vocabulary] = {
    "services": voc.SERVICES,
    "publics": voc.PUBLICS,
    "prise_en_charge": voc.PRISE_EN_CHARGE,
    "dispositifs": voc.DISPOSITIFS,
    "formations_labels": voc.FORMATIONS_LABELS,
    "modalites_acces": voc.MODALITES_ACCES,
    "modalites_accompagnement": voc.MODALITES_ACCOMPAGNEMENT,
    "frais": voc.FRAIS,
}
_TEXT_COLUMNS = (
    "adresse", "complement_adresse", "commune", "telephone", "prise_rdv", "horaires", "presentation",
    "pivot", "structure_parente", "source",
)  # fmt: skip
_LIST_COLUMNS = ("typologie", *_VOCABULARY_COLUMNS, "zone_intervention", "courriel", "site_web")

ACTORS_FILE = "acteurs.csv"
PARTNERSHIPS_FILE = "partenariats.csv"
README_FILE = "LISEZ-MOI.md"
SHEETS = ("acteurs", "partenariats", EVENTS_SHEET, "lisez-moi")


# -- reading ----------------------------------------------------------------------------------
def read_template(path: str | Path) -> tuple[Ecosystem, Report]:
    """Read a template folder (``acteurs.csv`` + optional ``partenariats.csv`` and
    ``evenements.csv``), ``.xlsx`` workbook, or a lone CSV table of actors in the template's columns.

    The report counts actor, event and partnership rows together: ``rows_read`` = actor
    rows + event rows + partnership rows, each one imported or rejected.
    Raises :class:`DataError` when the folder or workbook lacks its actors table
    or a required column.
    """
    path = Path(path)
    if path.is_dir():
        actors_sheet = _csv_sheet(path / ACTORS_FILE, required=True)
        partnerships_sheet = _csv_sheet(path / PARTNERSHIPS_FILE, required=False)
        events_sheet = _csv_sheet(path / EVENTS_FILE, required=False)
    elif path.suffix.lower() in WORKBOOK_SUFFIXES:
        actors_sheet, partnerships_sheet, events_sheet = _xlsx_sheets(path)
    elif path.suffix.lower() == ".csv":
        # A lone table of actors in the template's columns (acteurs-a-ajouter.csv of a survey's import).
        actors_sheet, partnerships_sheet, events_sheet = read_table(path), None, None
    else:
        raise DataError("un modèle est un dossier (acteurs.csv, partenariats.csv), un classeur .xlsx ou un "
                        "tableau CSV d'acteurs aux colonnes du modèle", file=str(path))
    assert actors_sheet is not None
    report = Report()
    # ressources.csv (or the « ressources » sheet) is checked with the model; its rows are not actors.
    from nec_network.io.resources import add_findings, read_resources

    add_findings(report, read_resources(path)[1])
    actors = _read_actors(actors_sheet, report)
    actor_ids = {actor.id for actor in actors}
    events = _read_events(events_sheet, actor_ids, report) if events_sheet is not None else []
    partnerships = (
        _read_partnerships(partnerships_sheet, actor_ids, report, events={event.id: event for event in events})
        if partnerships_sheet is not None
        else []
    )
    return Ecosystem(actors, partnerships, events=events, name=path.stem), report


def _csv_sheet(path: Path, *, required: bool) -> Table | None:
    if not path.exists():
        if required:
            raise DataError("fichier manquant dans le modèle", file=str(path))
        return None
    return read_table(path)


def _xlsx_sheets(path: Path) -> tuple[Table, Table | None, Table | None]:
    with Workbook(path) as workbook:
        names = {name.strip().lower(): name for name in workbook.sheet_names}
        if "acteurs" not in names:
            raise DataError("feuille « acteurs » manquante dans le classeur", file=str(path))
        actors = read_sheet(workbook, names["acteurs"], label=f"{path}#acteurs")
        partnerships, events = (
            read_sheet(workbook, names[sheet], label=f"{path}#{sheet}") if sheet in names else None
            for sheet in ("partenariats", EVENTS_SHEET)
        )
    return actors, partnerships, events


def _require_columns(sheet: Table, required: Iterable[str]) -> None:
    missing = [column for column in required if column not in sheet.columns]
    if missing:
        raise DataError("colonne(s) obligatoire(s) manquante(s) : " + ", ".join(missing), file=sheet.path, row=1)


def _complete_rows(
    sheet: Table, required: tuple[str, ...], report: Report
) -> Iterator[tuple[RowContext, dict[str, str]]]:
    """Each row of the sheet with its context; rows missing a required value are rejected.

    Every row is counted as read; the repairs and refusals made while reading the sheet are reported.
    """
    repaired_rows = sheet.corrected_lines()
    for problem in sheet.corrections:
        report.add(problem)
    for line, row in zip(sheet.line_numbers, sheet.rows, strict=True):
        report.rows_read += 1
        ctx = RowContext(sheet.path, line, corrected=line in repaired_rows)
        missing = [column for column in required if not row.get(column, "")]
        if missing:
            report.reject(ctx.problem(f"champ obligatoire vide : {', '.join(missing)}", column=missing[0]))
            continue
        yield ctx, row


def _read_actors(sheet: Table, report: Report) -> list[Actor]:
    _require_columns(sheet, ("id", "nom"))
    candidates = [
        (ctx, actor_fields(row, ctx=ctx, report=report))
        for ctx, row in _complete_rows(sheet, ("id", "nom"), report)
    ]
    return admit_actors(candidates, report)


def actor_fields(row: dict[str, str], *, ctx: RowContext, report: Report) -> ActorFields:
    """The keyword arguments of the :class:`Actor` of a template row (``id`` and ``nom`` must be
    non-empty), recording problems; :func:`~nec_network.io.validation.admit_actors` builds it."""
    extra: dict[str, Any] = {
        column: value for column, value in row.items() if column not in _ACTOR_COLUMN_SET and column and value
    }
    fields: dict[str, Any] = {"id": row["id"], "nom": row["nom"]}
    cell = _EMPTY_ROW | row
    for column in _TEXT_COLUMNS:
        fields[column] = cell[column]
    cells = Cells(ctx, report, extra)
    fields["typologies"] = parse_list(cell["typologie"], voc.TYPOLOGIES, column="typologie", cells=cells)
    for column, vocabulary in _VOCABULARY_COLUMNS.items():
        fields[column] = parse_list(cell[column], vocabulary, column=column, cells=cells)
    for column in ("code_postal", "code_insee"):
        fields[column] = parse_code(cell[column], column, column=column, cells=cells)
    fields["latitude"] = parse_float(cell["latitude"], column="latitude", minimum=-90, maximum=90, cells=cells)
    fields["longitude"] = parse_float(
        cell["longitude"], column="longitude", minimum=-180, maximum=180, cells=cells
    )
    if (fields["latitude"] is None) != (fields["longitude"] is None):
        given, missing = ("latitude", "longitude") if fields["longitude"] is None else ("longitude", "latitude")
        ctx.record(report, "erreur", f"{given} sans {missing} : le point ne peut pas être placé à ces "
                   "coordonnées (valeur conservée à part)", column=missing, value=cell[given])
        extra[given] = cell[given]
        fields["latitude"] = fields["longitude"] = None
    fields["precision"] = parse_precision(cell["precision"], column="precision", cells=cells)
    fields["itinerant"] = parse_itinerance(cell["itinerance"], column="itinerance", cells=cells)
    fields["zone_intervention"] = parse_zone(cell["zone_intervention"], column="zone_intervention", cells=cells)
    fields["courriels"] = parse_text_list(cell["courriel"])
    fields["sites_web"] = parse_text_list(cell["site_web"])
    fields["date_maj"] = parse_date(cell["date_maj"], column="date_maj", cells=cells)
    fields["extra"] = extra
    return fields


def _read_events(sheet: Table, actor_ids: set[str], report: Report) -> list[Event]:
    _require_columns(sheet, ("id", "nom"))
    return admit_events(_complete_rows(sheet, ("id", "nom"), report), actor_ids, report)


def _read_partnerships(sheet: Table, actor_ids: set[str], report: Report, *,
                       events: Mapping[str, Event]) -> list[Partnership]:
    _require_columns(sheet, ("source", "cible", "type"))
    candidates: list[tuple[RowContext, Partnership]] = []
    for ctx, row in _complete_rows(sheet, ("source", "cible"), report):
        cells = Cells(ctx, report)
        kind = parse_partnership_type(row.get("type", ""), cells=cells, column="type")
        if kind is None:
            report.reject(partnership_type_problem(row.get("type", ""), ctx=ctx, column="type"))
            continue
        weight = parse_float(row.get("poids", ""), cells=cells, column="poids", minimum=0)
        if weight is None and row.get("poids", ""):
            report.reject(ctx.problem("poids illisible ou négatif", column="poids", value=row["poids"]))
            continue
        dates = read_link_dates(row, ctx=ctx, report=report)
        if dates is None:
            continue
        candidates.append((ctx, partnership_from_row(row, kind=kind, weight=weight, dates=dates)))
    return admit_partnerships(candidates, actor_ids, report, events=events)


def partnership_from_row(
    row: Mapping[str, str],
    *,
    kind: str,
    weight: float | None,
    dates: tuple[PartialDate | None, PartialDate | None] = (None, None),
) -> Partnership:
    """A partnership from a template row (its columns are the fields' names), with its type,
    weight (None: the default 1.0) and dates (``debut``, ``fin``; see
    :func:`~nec_network.io._values.read_link_dates`) already read; every field is given by name."""
    text = {name: row.get(name, "") for name in PARTNERSHIP_TEXT_FIELDS}
    return Partnership(**text, type=kind, poids=1.0 if weight is None else weight, debut=dates[0], fin=dates[1],
                       declare_par=parse_text_list(row.get("declare_par", "")))


# -- writing ----------------------------------------------------------------------------------
def _number(value: float | None) -> str:
    if value is None:
        return ""
    return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)


def extra_columns(actors: Iterable[Actor]) -> list[str]:
    """Columns for the actors' extra attributes not already in the template, in order of appearance."""
    columns: dict[str, None] = {}
    for actor in actors:
        for key in actor.extra:
            if key not in ACTOR_COLUMNS:
                columns.setdefault(str(key), None)
    return list(columns)


def actor_row(actor: Actor) -> dict[str, str]:
    """Template row of an actor (strings); values kept aside in ``extra`` go back into their cell."""
    row: dict[str, str] = {}
    for column in ACTOR_COLUMNS:
        value = getattr(actor, COLUMN_FIELDS.get(column, column))
        aside = cell_text(actor.extra.get(column, ""))
        if column in _LIST_COLUMNS:
            row[column] = "|".join([*value, *([aside] if aside else [])])
            continue
        if column == "itinerance":
            text = "Itinérant" if value else ("Fixe" if not aside else "")
        elif column in ("latitude", "longitude"):
            text = _number(value)
        elif isinstance(value, dt.date):
            text = value.isoformat()
        else:
            text = "" if value is None else str(value)
        row[column] = f"{text}|{aside}" if text and aside else text or aside
    for key, value in actor.extra.items():
        if key not in ACTOR_COLUMNS:
            row[str(key)] = cell_text(value)
    return row


def partnership_row(link: Partnership) -> dict[str, str]:
    """Template row of a partnership (strings), one column per field, by name: dates in ISO form
    (as precise as given), lists joined with ``|``."""
    return {column: _partnership_cell(getattr(link, column)) for column in PARTNERSHIP_COLUMNS}


def _partnership_cell(value: object) -> str:
    if isinstance(value, float):
        return _number(value)
    if isinstance(value, tuple):
        return "|".join(value)
    return "" if value is None else str(value)


def write_template(ecosystem: Ecosystem, path: str | Path, *, resources: Iterable[Any] | None = None) -> Path:
    """Write the ecosystem as a template: a folder, or a workbook when ``path`` ends in ``.xlsx``.

    The events go to ``evenements.csv`` (sheet « evenements »), written even when there are
    none (a header only).

    ``resources`` (:class:`~nec_network.model.resource.Resource`) go to ``ressources.csv`` or
    the sheet « ressources », written even when empty (a header only: no stale file of an
    earlier run stays beside the new actors); None writes neither. Returns the path written.
    """
    from nec_network.io.resources import RESOURCE_COLUMNS, RESOURCES_SHEET, resource_row, write_resources

    path = Path(path)
    resources = None if resources is None else tuple(resources)
    actor_columns = [*ACTOR_COLUMNS, *extra_columns(ecosystem)]
    actor_rows = [actor_row(actor) for actor in ecosystem]
    link_rows = [partnership_row(link) for link in ecosystem.partnerships]
    event_rows = [event_row(event) for event in ecosystem.events]
    if path.suffix.lower() == ".xlsx":
        sheets = [("acteurs", actor_columns, actor_rows), ("partenariats", list(PARTNERSHIP_COLUMNS), link_rows),
                  (EVENTS_SHEET, list(EVENT_COLUMNS), event_rows)]
        if resources is not None:
            sheets.append((RESOURCES_SHEET, list(RESOURCE_COLUMNS), [resource_row(r) for r in resources]))
        write_workbook(path, sheets, guide=guide_text())
    else:
        _write_csv(path / ACTORS_FILE, actor_columns, actor_rows)
        _write_csv(path / PARTNERSHIPS_FILE, list(PARTNERSHIP_COLUMNS), link_rows)
        _write_csv(path / EVENTS_FILE, list(EVENT_COLUMNS), event_rows)
        if resources is not None:
            write_resources(resources, path)
    return path


def count_actor_rows(path: str | Path) -> int:
    """The actor rows of a written template: lines of ``acteurs.csv``, or actors read back from a workbook."""
    path = Path(path)
    if path.suffix.lower() == ".xlsx":
        return len(read_template(path)[0])
    with (path / ACTORS_FILE).open(encoding="utf-8", newline="") as stream:
        return sum(1 for _ in csv.DictReader(stream))


def _write_csv(path: Path, columns: list[str], rows: list[dict[str, str]]) -> None:
    write_csv(path, rows, columns=columns)


# -- empty template ---------------------------------------------------------------------------
EXAMPLE_ACTORS: tuple[Actor, ...] = (
    Actor(
        id="exemple-1",
        nom="Espace numérique fictif de Démonstration-sur-Somme (EXEMPLE À SUPPRIMER)",
        typologies=("MUNI",),
        adresse="1 place de l'Exemple",
        code_postal="80000",
        commune="Amiens",
        code_insee="80021",
        latitude=49.8942,
        longitude=2.2957,
        precision="commune",
        services=("Aide aux démarches administratives", "Maîtrise des outils numériques du quotidien"),
        publics=("Seniors",),
        dispositifs=("Conseillers numériques",),
        modalites_acces=("Se présenter",),
        modalites_accompagnement=("Accompagnement individuel",),
        frais=("Gratuit",),
        telephone="+33300000000",
        courriels=("contact@exemple.invalid",),
        sites_web=("https://exemple.invalid",),
        horaires="Mo-Fr 09:00-12:00",
        presentation="Ligne d'exemple fictive : remplacez-la par vos acteurs.",
        source="Exemple fictif",
        date_maj=dt.date(2024, 1, 1),
    ),
    Actor(
        id="exemple-2",
        nom="Bus numérique fictif (EXEMPLE À SUPPRIMER)",
        typologies=("ASSO",),
        itinerant=True,
        zone_intervention=("80021", "80001"),
        services=("Accès internet et matériel informatique",),
        source="Exemple fictif",
    ),
)
EXAMPLE_PARTNERSHIPS = (
    Partnership(source="exemple-2", cible="exemple-1", type="orientation", debut=PartialDate(2024, 6),
                evenement="exemple-rencontre", note="Exemple fictif", origine="saisie"),
)
EXAMPLE_EVENTS = (
    Event(id="exemple-rencontre", nom="Rencontre fictive (EXEMPLE À SUPPRIMER)", date=PartialDate(2024, 6, 12),
          commune="80021", organisateurs=("exemple-1",), participants=("exemple-2",),
          note="Ligne d'exemple fictive : remplacez-la par vos événements."),
)


def guide_text() -> str:
    """The short French guide written with an empty template (columns, allowed values, conventions)."""
    lines = [
        "# Modèle nec-network : mode d'emploi",
        "",
        "Trois tableaux : « acteurs » (un acteur par ligne), « partenariats » (un lien par ligne) et "
        "« evenements » (une rencontre ou une vague d'enquête par ligne).",
        "Listes : séparez les valeurs par une barre verticale « | » (ex. : Seniors|Jeunes).",
        "Codes INSEE et postaux sur 5 caractères, en texte (02100, pas 2100). Dates : AAAA-MM-JJ.",
        "Les lignes « exemple » sont fictives : supprimez-les. Toute colonne ajoutée est conservée.",
        "",
        "## Colonnes du tableau acteurs",
        "- id (obligatoire) : identifiant unique, repris dans les partenariats",
        "- nom (obligatoire)",
        "- typologie : codes data·inclusion (liste), voir plus bas",
        "- adresse, complement_adresse, code_postal, commune, code_insee",
        "- latitude, longitude : degrés décimaux (WGS 84) ; precision : "
        + ", ".join(f"{code} ({label})" for code, label in voc.PRECISIONS.items()),
        "- itinerance : Fixe ou Itinérant ; zone_intervention : codes INSEE des communes ou SIREN des EPCI",
        "- telephone, courriel, site_web (plusieurs valeurs possibles), prise_rdv (lien)",
        "- horaires : syntaxe OpenStreetMap opening_hours (ex. : Mo-Fr 09:00-12:00)",
        "- presentation, pivot (SIRET ou RNA), structure_parente, source, date_maj",
        "",
        "## Colonnes du tableau partenariats",
        "- source, cible (obligatoires) : id des deux acteurs ; type (obligatoire) ; poids (nombre, 1 par défaut)",
        "- debut et fin (année, mois AAAA-MM ou date AAAA-MM-JJ ; fin vide si le lien dure ; l'ancienne "
        "colonne depuis est lue comme debut), evenement (identifiant de l'événement où le lien est né), "
        "declare_par (acteurs qui l'ont déclaré, séparés par |), note, origine (d'où vient "
        "l'information : identifiant d'une vague d'enquête, fichier, saisie)",
        "- la colonne source désigne le premier acteur du lien ; d'où vient l'information se dit dans origine",
        "- un lien terminé puis repris s'écrit sur deux lignes, une par période (la fin de l'une au plus tard "
        "au début de l'autre) ; un lien sans date est gardé et compté « sans date »",
        "",
        "## Colonnes du tableau evenements (fichier evenements.csv)",
        "- id et nom (obligatoires) ; date (année, mois ou jour ; un événement prévu peut être à venir)",
        "- commune : code INSEE du lieu ; organisateurs et participants : id d'acteurs séparés par |",
        "- note ; nature : rencontre (par défaut) ou enquete (une vague d'enquête : sa date est le jour où "
        "les réponses ont été recueillies ; un partenariat dont l'origine est l'id de la vague ne peut pas "
        "commencer après elle)",
        "",
        "## Fichier ressources.csv (feuille « ressources » du classeur) : dispositifs sans lieu",
        "- nom et difficulte (obligatoires), lien (adresse http(s) ou téléphone), description, public",
        "- difficulte : " + "; ".join(f"{code} ({item.label})" for code, item in voc.DIFFICULTIES.items()),
        "",
        "## Valeurs admises",
    ]
    lines.append("- type (partenariats) : " + "; ".join(
        f"{code} ({kind.label}, {'orienté' if kind.directed else 'sans direction'})"
        for code, kind in voc.PARTNERSHIP_TYPES.items()
    ))
    lines.append("- typologie : " + "; ".join(f"{code} ({label})" for code, label in voc.TYPOLOGY_LABELS.items()))
    for column, vocabulary in _VOCABULARY_COLUMNS.items():
        lines.append(f"- {column} : " + "; ".join(vocabulary.values))
    lines.append("- itinerance : " + "; ".join(voc.ITINERANCE.values))
    return "\n".join(lines) + "\n"


def write_empty_template(path: str | Path) -> Path:
    """Write a template with fictional example rows and the French guide (folder or ``.xlsx``)."""
    path = Path(path)
    from nec_network.io.resources import EXAMPLE_RESOURCES

    write_template(Ecosystem(EXAMPLE_ACTORS, EXAMPLE_PARTNERSHIPS, events=EXAMPLE_EVENTS), path,
                   resources=EXAMPLE_RESOURCES)
    if path.suffix.lower() != ".xlsx":
        write_output(path / README_FILE, guide_text())
    return path

