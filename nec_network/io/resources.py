"""``ressources.csv`` of the folder model (sheet « ressources » of a workbook): schemes without a place.

Columns: ``nom`` (required), ``difficulte`` (required: codes or labels of
:data:`~nec_network.model.vocabularies.DIFFICULTIES`, or v1 services, separated
by ``|``), ``lien`` (an http(s) address or a phone number), ``description``,
``public`` (values of the publics or *prise en charge* vocabularies separated by
``|``; empty = everyone). Read through the shared table reader, checked like
the actors: every problem names file, row and column; a row without a name or
a known difficulty is rejected, never dropped silently.

Resources travel with the folder model: ``nec-network import`` gathers those of every
input (:func:`gather_resources`: concatenated, exact duplicates once, every row counted)
and ``export --vers modele`` writes them again; the other formats have no place for them
and the export says so.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
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
        nom="Ligne d'aide numérique fictive (EXEMPLE À SUPPRIMER)",
        difficultes=("demarches", "securite"),
        lien="https://exemple.invalid/ligne-aide",
        description="Ligne d'exemple fictive : décrivez ici un dispositif sans lieu d'accueil (ligne "
        "téléphonique, service en ligne, accompagnement à domicile).",
        publics=("Seniors",),
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
    return Resource(nom=name, difficultes=tuple(difficulties), lien=link,
                    description=row.get("description", "").strip(), publics=tuple(publics))


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


def add_findings(report: Report, resources_report: Report) -> None:
    """Put the problems of ``ressources.csv`` into the report of its folder.

    Its rejected rows go to the rejections too (``rejets.csv``), not to the findings to
    review; the counts of ``report`` stay those of its actors and partnerships.
    """
    report.problems.extend(resources_report.problems)
    report.rejections.extend(resources_report.rejections)


@dataclass(frozen=True)
class GatheredResources:
    """The resources of several inputs put together, and how many rows each step kept.

    ``rows`` resource rows were read in ``files`` files; ``rejected`` of them were
    rejected (reasons in each file's report) and ``duplicates`` were exact copies of an
    earlier one: ``rows - rejected - duplicates == len(resources)``.
    """

    resources: tuple[Resource, ...]
    rows: int = 0
    rejected: int = 0
    duplicates: int = 0
    files: int = 0

    def summary(self, written: int, where: str) -> str:
        """The French line of ``import``: resources read, rejected, merged and ``written`` to ``where``.

        >>> GatheredResources((), rows=3, rejected=1, duplicates=2, files=2).summary(0, "D/ressources.csv")
        'Ressources sans lieu : 3 ressources lues (dans 2 fichiers), 1 rejetée, 2 doublons exacts réunis, 0 écrite dans D/ressources.csv.'
        """
        from nec_network.wording import plural

        return (
            f"Ressources sans lieu : {plural(self.rows, 'ressource lue', 'ressources lues')} "
            f"(dans {plural(self.files, 'fichier')}), {plural(self.rejected, 'rejetée', 'rejetées')}, "
            f"{plural(self.duplicates, 'doublon exact réuni', 'doublons exacts réunis')}, "
            f"{plural(written, 'écrite', 'écrites')} dans {where}."
        )


def gather_resources(reads: Iterable[tuple[tuple[Resource, ...], Report]]) -> GatheredResources:
    """Concatenate the resources read from several inputs, keeping the first of exact duplicates.

    ``reads`` are what :func:`read_resources` returned for each input; an input without
    resources (no row read) does not count as a file.

    >>> line = Resource("Ligne fictive", ("demarches",))
    >>> first, second = Report(rows_read=1, imported=1), Report(rows_read=2, imported=1, rejected=1)
    >>> gathered = gather_resources([((line,), first), ((line,), second)])
    >>> gathered.resources == (line,), gathered.rows, gathered.rejected, gathered.duplicates, gathered.files
    (True, 3, 1, 1, 2)
    """
    kept: dict[Resource, None] = {}
    rows = rejected = accepted = files = 0
    for resources, report in reads:
        if not report.rows_read:
            continue
        files += 1
        rows += report.rows_read
        rejected += report.rejected
        accepted += len(resources)
        kept.update(dict.fromkeys(resources))
    return GatheredResources(tuple(kept), rows=rows, rejected=rejected, duplicates=accepted - len(kept), files=files)


def resources_place(path: str | Path) -> str:
    """Where the resources of a template are, for messages: ``DOSSIER/ressources.csv`` or the sheet.

    >>> resources_place("modele.xlsx"), resources_place("modele")
    ('modele.xlsx (feuille « ressources »)', 'modele/ressources.csv')
    """
    path = Path(path)
    if path.suffix.lower() in WORKBOOK_SUFFIXES:
        return f"{path} (feuille « {RESOURCES_SHEET} »)"
    return str(path / RESOURCES_FILE)


def count_written_resources(path: str | Path) -> int:
    """Resource rows present in a written folder model or workbook (0 when it has none)."""
    return read_resources(path)[1].rows_read
