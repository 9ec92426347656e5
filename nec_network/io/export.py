"""Export that says exactly what it wrote: records written, actors left out and why, columns dropped.

:func:`export_ecosystem` writes an ecosystem in one of the output formats, then counts
the records really present in what was written (not the actors it was given), lists each
actor the format could not take with the reason (written beside the export by
:func:`write_left_out`), and names the columns of the actors that the format cannot carry.

Coordinates: an actor placed at its commune's reference point (``precision`` ``commune``)
was not located by its source. The national v1 standard and data·inclusion have no field
for the precision of a point, and both allow a place without coordinates, so these
formats leave latitude and longitude empty for such actors rather than present the
commune's point as the place's; an importer places them at their commune again. GeoJSON
needs a point for every feature: it keeps the commune's point and says so in the
``precision`` property. Our template, GraphML and GEXF carry ``precision`` as it is.

What each format carries (partnerships, resources, the template columns) is declared in
:data:`nec_network.io.formats.FORMATS`; this module reads it. Resources (``ressources.csv``:
schemes without a place) are written by the template only; the other formats have no
place for them, and the summary says how many stayed behind.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from nec_network.io import write_ecosystem
from nec_network.io.csv_output import write_csv
from nec_network.io.formats import Format, get_format
from nec_network.io.report import Problem
from nec_network.io.template import ACTOR_COLUMNS, actor_row
from nec_network.model import Ecosystem
from nec_network.model.personal import (
    PersonalData,
    PersonalRemoval,
    resources_without_personal_data,
    without_personal_data,
)

if TYPE_CHECKING:
    from nec_network.model.resource import Resource

#: Name of the list of actors left out, in a folder output.
LEFT_OUT_FILE = "non-exportes.csv"
#: Columns of ``*.non-exportes.csv``.
LEFT_OUT_COLUMNS = ("id", "nom", "motif")
#: Problem category the writers give to an actor they did not write.
LEFT_OUT = "non_exporte"


@dataclasses.dataclass(frozen=True)
class ExportResult:
    """What an export wrote.

    ``written`` counts the actor records in the written file(s); ``left_out`` holds one
    problem per actor not written (``file`` is the actor's id, ``message`` the reason);
    ``uncarried`` the columns (template columns or extra attributes, with a value for at
    least one actor) the format has no place for; ``commune_points`` the ids of actors
    whose commune point was not written as coordinates; ``unreadable_coordinates`` the ids of
    actors written without the coordinates the model kept as unreadable text (every format but
    the template types them as numbers); ``problems`` everything else
    the writer changed (pivot, phone, date…). ``resources`` counts the resources given,
    ``resources_written`` the resource rows in what was written (0 outside the template).
    """

    path: Path
    to: str
    actors: int
    written: int
    left_out: tuple[Problem, ...]
    uncarried: tuple[str, ...]
    commune_points: tuple[str, ...]
    problems: tuple[Problem, ...]
    resources: int = 0
    resources_written: int = 0
    unreadable_coordinates: tuple[str, ...] = ()
    #: Advisers' data left out (:func:`~nec_network.model.personal.without_personal_data`).
    personal: PersonalRemoval = PersonalRemoval()
    #: Events of the ecosystem given, and dated partnerships (a ``debut`` or ``fin``).
    events: int = 0
    dated: int = 0


def uncarried_columns(ecosystem: Ecosystem, to: str) -> list[str]:
    """Columns with a value for at least one actor that format ``to`` cannot write, in template order.

    >>> from nec_network.model import Actor
    >>> eco = Ecosystem([Actor("a", "A", zone_intervention=("80021",), extra={"remarque": "x"})])
    >>> uncarried_columns(eco, "mednum"), uncarried_columns(eco, "geojson")
    (['zone_intervention', 'remarque'], [])
    """
    carried = get_format(to, to_write=True).carried_columns()
    if carried is None:
        return []
    used: dict[str, None] = {}
    for actor in ecosystem:
        for column, value in actor_row(actor).items():
            if value and column not in carried:
                used.setdefault(column, None)
    order = {column: index for index, column in enumerate(ACTOR_COLUMNS)}
    return sorted(used, key=lambda column: order.get(column, len(order)))


def export_ecosystem(
    ecosystem: Ecosystem, path: str | Path, *, to: str, resources: Sequence[Resource] | None = None,
    keep_personal: bool = False,
) -> ExportResult:
    """Write ``ecosystem`` in format ``to`` and return what was really written (:class:`ExportResult`).

    ``resources`` go with the formats that carry them (the template: ``ressources.csv``,
    written even when empty, or the sheet « ressources »); the others cannot carry them
    (counted, not written). Each writer names the actor it left out in ``file``.
    Personal data is left out (counted in ``personal``), unless ``keep_personal`` and the
    format may carry it (``modele``).
    """
    from nec_network.io.resources import count_written_resources

    path = Path(path)
    fmt = get_format(to, to_write=True)
    removed = PersonalRemoval()
    if not (keep_personal and fmt.personal_data):
        original = ecosystem
        ecosystem, removed = without_personal_data(original)
        if resources is not None:
            resources = resources_without_personal_data(resources, original)
    with_resources = fmt.carries_content("resources") and resources is not None
    problems = write_ecosystem(ecosystem, path, to=to, resources=resources if with_resources else None,
                               keep_personal=True)
    left_out = tuple(p for p in problems if p.category == LEFT_OUT)
    commune_points = tuple(
        actor.id for actor in ecosystem
        if not fmt.commune_points and actor.precision == "commune" and actor.has_coordinates
        and actor.id not in {p.file for p in left_out}
    )
    from nec_network.io.graph_formats import unreadable_coordinates

    unreadable = () if fmt.output == "template" else tuple(
        actor.id for actor in ecosystem
        if unreadable_coordinates(actor) and actor.id not in {p.file for p in left_out}
    )
    return ExportResult(
        path=path,
        to=to,
        actors=len(ecosystem),
        written=fmt.count_written(path),
        left_out=left_out,
        uncarried=tuple(uncarried_columns(ecosystem, to)),
        commune_points=commune_points,
        problems=tuple(p for p in problems if p.category != LEFT_OUT),
        resources=len(resources or ()),
        # Counted only when given: without them, a folder's own ressources.csv is left as it was.
        resources_written=count_written_resources(path) if with_resources else 0,
        unreadable_coordinates=unreadable,
        personal=removed,
        events=len(ecosystem.events),
        dated=sum(1 for link in ecosystem.partnerships if link.debut is not None or link.fin is not None),
    )


def left_out_path(result: ExportResult) -> Path:
    """Where the list of actors left out goes: beside the file (``lieux.non-exportes.csv``) or in the folder."""
    if result.path.is_dir():
        return result.path / LEFT_OUT_FILE
    return result.path.with_name(result.path.stem + ".non-exportes.csv")


def write_left_out(result: ExportResult, ecosystem: Ecosystem) -> Path:
    """Write one line per actor left out (id, nom, motif) beside the export; returns its path."""
    path = left_out_path(result)
    personal = PersonalData.of_ecosystem(ecosystem)
    rows = []
    for problem in result.left_out:
        name = personal.remove(ecosystem[problem.file].nom) if problem.file in ecosystem else ""
        rows.append([problem.file, name, problem.message])
    write_csv(path, rows, columns=LEFT_OUT_COLUMNS)
    return path


def export_summary(result: ExportResult, *, partnerships: int, left_out_file: Path | None) -> str:
    """The French lines printed by ``nec-network export``: what was written, left out, dropped."""
    from nec_network.wording import plural

    fmt = get_format(result.to, to_write=True)
    format_name, carries_partnerships = fmt.label, fmt.carries_content("partnerships")
    lines = [
        f"{plural(result.written, 'acteur exporté', 'acteurs exportés')} sur {result.actors} "
        f"en {format_name} : {result.path}"
        + (f", avec {plural(partnerships, 'partenariat')}" if carries_partnerships
           else " (ce format ne porte pas les partenariats)")
        + "."
    ]
    if result.left_out:
        lines.append(f"{plural(len(result.left_out), 'acteur non exporté', 'acteurs non exportés')}, "
                     f"avec le motif : {left_out_file}")
    if result.personal.actors:
        lines.append(f"Données personnelles laissées de côté : conseillers de "
                     f"{plural(result.personal.actors, 'lieu', 'lieux')}"
                     + (f", dont {plural(result.personal.values, 'valeur retrouvée', 'valeurs retrouvées')} ailleurs"
                        if result.personal.values else "") + ".")
    if result.uncarried:
        lines.append("Colonnes que ce format ne porte pas (non écrites) : " + ", ".join(result.uncarried) + ".")
    if fmt.carries_content("resources") and (result.resources or result.resources_written):
        from nec_network.io.resources import resources_place

        lines.append(f"{plural(result.resources_written, 'ressource sans lieu écrite', 'ressources sans lieu écrites')}"
                     f" sur {result.resources} : {resources_place(result.path)}.")
    elif result.resources:
        lines.append(f"{plural(result.resources, 'ressource sans lieu', 'ressources sans lieu')} (ressources.csv) "
                     f"non {'exportée' if result.resources == 1 else 'exportées'} : ce format ne porte pas les "
                     "ressources ; elles restent dans le modèle lu.")
    lines.extend(_time_lines(result, fmt))
    if result.unreadable_coordinates:
        count = len(result.unreadable_coordinates)
        lines.append(f"{plural(count, 'acteur exporté', 'acteurs exportés')} sans coordonnées : "
                     f"{'la sienne est illisible' if count == 1 else 'les leurs sont illisibles'} dans le modèle "
                     f"({', '.join(result.unreadable_coordinates[:5])}{' …' if count > 5 else ''} ; "
                     "fichier, ligne et colonne ci-dessus).")
    if result.commune_points:
        count = len(result.commune_points)
        lines.append(f"{plural(count, 'lieu placé', 'lieux placés')} au point de référence de "
                     f"{'sa' if count == 1 else 'leur'} commune : coordonnées laissées vides (le format n'a pas de "
                     "champ de précision ; un import {0} replace dans {1} commune).".format(
                         "le" if count == 1 else "les", "sa" if count == 1 else "leur"))
    return "\n".join(lines)


def _time_lines(result: ExportResult, fmt: Format) -> list[str]:
    """What the format did with the events and the dates of the partnerships (French lines)."""
    from nec_network.wording import plural

    lines = []
    if result.events and fmt.carries_content("events"):
        lines.append(f"{plural(result.events, 'événement écrit', 'événements écrits')}.")
    elif result.events:
        lines.append(f"{plural(result.events, 'événement', 'événements')} (evenements.csv) non "
                     f"{'exporté' if result.events == 1 else 'exportés'} : ce format ne porte pas les événements ; "
                     f"{'il reste' if result.events == 1 else 'ils restent'} dans le modèle lu.")
    if result.dated and fmt.carries_content("partnerships") and not fmt.carries_content("dated_fields"):
        lines.append(f"Dates de {plural(result.dated, 'partenariat')} non écrites : ce format ne porte pas "
                     "les dates des relations.")
    return lines
