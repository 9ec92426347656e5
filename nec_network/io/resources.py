"""``ressources.csv`` of the folder model (sheet « ressources » of a workbook): schemes without a place.

Columns: ``nom`` (required), ``difficulte`` (required: codes or labels of
:data:`~nec_network.model.vocabularies.DIFFICULTIES`, or v1 services, separated
by ``|``), ``lien`` (an http(s) address or a phone number), ``description``,
``public`` (values of the publics or *prise en charge* vocabularies separated by
``|``; empty = everyone). Read through the shared table reader, checked like
the actors: every problem names file, row and column; a row without a name or
a known difficulty is rejected, never dropped silently.
"""

from __future__ import annotations

import re
from pathlib import Path

from nec_network.errors import DataError
from nec_network.io._values import RowContext
from nec_network.io.csv_output import write_csv
from nec_network.io.report import Report
from nec_network.tables import WORKBOOK_SUFFIXES, Table, Workbook, read_sheet, read_table
from nec_network.model.resource import Resource
from nec_network.model.vocabularies import DIFFICULTIES, PRISE_EN_CHARGE, PUBLICS, find_difficulty

RESOURCES_FILE = "ressources.csv"
#: Sheet of a template workbook holding the same table.
RESOURCES_SHEET = "ressources"
RESOURCE_COLUMNS: tuple[str, ...] = ("nom", "difficulte", "lien", "description", "public")
#: The example row written by ``nec-network template`` (fictional, and says so).
EXAMPLE_RESOURCES: tuple[Resource, ...] = (
    Resource(
        "Ligne d'aide numérique fictive (EXEMPLE À SUPPRIMER)",
        ("demarches", "securite"),
        "https://exemple.invalid/ligne-aide",
        "Ligne d'exemple fictive : décrivez ici un dispositif sans lieu d'accueil (ligne téléphonique, "
        "service en ligne, accompagnement à domicile).",
        ("Seniors",),
    ),
)
_PHONE = re.compile(r"^\+?[\d .\-()]{6,20}$")
_URL = re.compile(r"^https?://[^\s/<>\"']+[^\s<>\"']*$", re.I)


def read_resources(path: str | Path) -> tuple[tuple[Resource, ...], Report]:
    """Read ``ressources.csv`` (a folder's, or the file itself) or the ``ressources`` sheet of a
    template workbook; no file or sheet gives no resource.

    An actors file given instead of a folder (``lieux.csv``, ``reseau.gexf``…) has none.
    """
    path = Path(path)
    if path.suffix.lower() in WORKBOOK_SUFFIXES and path.is_file():
        with Workbook(path) as workbook:
            names = {name.strip().lower(): name for name in workbook.sheet_names}
            if RESOURCES_SHEET not in names:
                return (), Report()
            table = read_sheet(workbook, names[RESOURCES_SHEET], label=f"{path}#{RESOURCES_SHEET}")
        return _from_table(table)
    file = path / RESOURCES_FILE if path.is_dir() else path
    if file.name != RESOURCES_FILE or not file.is_file():
        return (), Report()
    return _from_table(read_table(file))


def _from_table(table: Table) -> tuple[tuple[Resource, ...], Report]:
    report = Report()
    for problem in table.corrections:
        report.add(problem)
    missing = [column for column in ("nom", "difficulte") if column not in table.columns]
    if missing:
        raise DataError(
            "colonne(s) obligatoire(s) manquante(s) : " + ", ".join(missing), file=table.path, row=1
        )
    resources = []
    for line, row in zip(table.line_numbers, table.rows, strict=True):
        report.rows_read += 1
        ctx = RowContext(table.path, line)
        resource = _resource(row, ctx, report)
        if resource is not None:
            resources.append(resource)
            report.accept(corrected=ctx.corrected)
    return tuple(resources), report


def _resource(row: dict[str, str], ctx: RowContext, report: Report) -> Resource | None:
    name = row.get("nom", "").strip()
    if not name:
        report.reject(ctx.problem("champ obligatoire vide : nom", column="nom"))
        return None
    difficulties = []
    for value in _items(row.get("difficulte", "")):
        found = find_difficulty(value)
        if found is None:
            ctx.record(
                report,
                "erreur",
                f"difficulté inconnue « {value} »",
                column="difficulte",
                value=value,
                suggestion=", ".join(DIFFICULTIES),
            )
        elif found.code not in difficulties:
            difficulties.append(found.code)
    if not difficulties:
        report.reject(
            ctx.problem(
                "aucune difficulté reconnue : la ressource ne peut être classée",
                column="difficulte",
                value=row.get("difficulte", ""),
            )
        )
        return None
    link = row.get("lien", "").strip()
    if link and not (_URL.match(link) or _PHONE.match(link)):
        ctx.record(
            report,
            "erreur",
            "lien ni adresse http(s) ni numéro de téléphone : non publié",
            column="lien",
            value=link,
        )
        link = ""
    publics = []
    for value in _items(row.get("public", "")):
        found = PUBLICS.match(value) or PRISE_EN_CHARGE.match(value)
        if found is None:
            suggestion = PUBLICS.suggest(value) or PRISE_EN_CHARGE.suggest(value)
            ctx.record(
                report,
                "erreur",
                f"public inconnu « {value} » : la ressource est présentée à tous",
                column="public",
                value=value,
                suggestion=suggestion,
            )
        else:
            publics.append(found)
    return Resource(
        name, tuple(difficulties), link, row.get("description", "").strip(), tuple(publics)
    )


def _items(cell: str) -> list[str]:
    return [part.strip() for part in cell.split("|") if part.strip()]


def resource_row(resource: Resource) -> dict[str, str]:
    """The CSV row of a resource."""
    return {
        "nom": resource.nom,
        "difficulte": "|".join(resource.difficultes),
        "lien": resource.lien,
        "description": resource.description,
        "public": "|".join(resource.publics),
    }


def write_resources(resources: tuple[Resource, ...] | list[Resource], folder: str | Path) -> Path:
    """Write ``ressources.csv`` into ``folder`` with the one CSV writer (formulas neutralised)."""
    path = Path(folder) / RESOURCES_FILE
    write_csv(path, [resource_row(resource) for resource in resources], columns=RESOURCE_COLUMNS)
    return path
