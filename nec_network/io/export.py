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

Resources (``ressources.csv``: schemes without a place) are written by the template only;
the other formats have no place for them, and the summary says how many stayed behind.
"""

from __future__ import annotations

import csv
import dataclasses
import json
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from nec_network.io import write_ecosystem
from nec_network.io.csv_output import write_csv
from nec_network.io.report import Problem
from nec_network.io.template import ACTOR_COLUMNS, actor_row
from nec_network.model import Ecosystem

if TYPE_CHECKING:
    from nec_network.model.resource import Resource

#: Name of the list of actors left out, in a folder output.
LEFT_OUT_FILE = "non-exportes.csv"
#: Columns of ``*.non-exportes.csv``.
LEFT_OUT_COLUMNS = ("id", "nom", "motif")
#: Problem category the writers give to an actor they did not write.
LEFT_OUT = "non_exporte"
#: Formats that write every attribute (template columns and extra attributes).
_CARRY_ALL = ("modele", "graphml", "gexf", "geojson")
#: Formats that leave the coordinates of actors placed at their commune empty.
COMMUNE_POINTS_LEFT_EMPTY = ("mednum", "inclusion")


@dataclasses.dataclass(frozen=True)
class ExportResult:
    """What an export wrote.

    ``written`` counts the actor records in the written file(s); ``left_out`` holds one
    problem per actor not written (``file`` is the actor's id, ``message`` the reason);
    ``uncarried`` the columns (template columns or extra attributes, with a value for at
    least one actor) the format has no place for; ``commune_points`` the ids of actors
    whose commune point was not written as coordinates; ``problems`` everything else
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


def _carried(to: str) -> set[str] | None:
    """Template columns (and extra keys) a format writes; None when it writes every one."""
    if to in _CARRY_ALL:
        return None
    if to == "mednum":
        from nec_network.io.mednum import V1_COLUMNS, V1_EXTRA_COLUMNS, V1_TO_TEMPLATE

        carried = {V1_TO_TEMPLATE.get(column, column) for column in V1_COLUMNS}
        return carried | {"typologie", "courriel", "site_web", "itinerance", *V1_EXTRA_COLUMNS}
    from nec_network.io.inclusion.correspondences import ASIDE_COLUMNS, EXTRA_COLUMNS, PUBLICS_ASIDE

    base = {"id", "nom", "adresse", "complement_adresse", "code_postal", "commune", "code_insee", "latitude",
            "longitude", "horaires", "presentation", "date_maj"}
    return base | set(EXTRA_COLUMNS) | set(ASIDE_COLUMNS) | {PUBLICS_ASIDE}


def uncarried_columns(ecosystem: Ecosystem, to: str) -> list[str]:
    """Columns with a value for at least one actor that format ``to`` cannot write, in template order.

    >>> from nec_network.model import Actor
    >>> eco = Ecosystem([Actor("a", "A", zone_intervention=("80021",), extra={"remarque": "x"})])
    >>> uncarried_columns(eco, "mednum"), uncarried_columns(eco, "geojson")
    (['zone_intervention', 'remarque'], [])
    """
    carried = _carried(to)
    if carried is None:
        return []
    used: dict[str, None] = {}
    for actor in ecosystem:
        for column, value in actor_row(actor).items():
            if value and column not in carried:
                used.setdefault(column, None)
    order = {column: index for index, column in enumerate(ACTOR_COLUMNS)}
    return sorted(used, key=lambda column: order.get(column, len(order)))


def _count_written(path: Path, to: str) -> int:
    """Actor records present in what was written."""
    if to == "mednum":
        with path.open(encoding="utf-8", newline="") as stream:
            return sum(1 for _ in csv.DictReader(stream))
    if to == "inclusion":
        from nec_network.io.inclusion.correspondences import STRUCTURES_FILE

        return len(json.loads((path / STRUCTURES_FILE).read_text(encoding="utf-8")))
    if to == "geojson":
        return len(json.loads(path.read_text(encoding="utf-8"))["features"])
    if to == "modele":
        from nec_network.io.template import read_template

        if path.suffix.lower() == ".xlsx":
            return len(read_template(path)[0])
        with (path / "acteurs.csv").open(encoding="utf-8", newline="") as stream:
            return sum(1 for _ in csv.DictReader(stream))
    import networkx as nx

    # GEXF with both directed and undirected partnerships is read as Gephi reads it (networkx alone refuses it).
    from nec_network.io.graph_formats import _load_gexf

    graph = nx.read_graphml(path) if to == "graphml" else _load_gexf(path)
    return graph.number_of_nodes()


def export_ecosystem(
    ecosystem: Ecosystem, path: str | Path, *, to: str, resources: Sequence[Resource] | None = None
) -> ExportResult:
    """Write ``ecosystem`` in format ``to`` and return what was really written (:class:`ExportResult`).

    ``resources`` go with the template (``ressources.csv``, written even when empty, or the
    sheet « ressources »); the other formats cannot carry them (counted, not written).
    """
    from nec_network.io.resources import count_written_resources
    from nec_network.io.template import write_template

    path = Path(path)
    if to == "modele" and resources is not None:
        write_template(ecosystem, path, resources=resources)
        problems = []
    else:
        problems = write_ecosystem(ecosystem, path, to=to)
    # GeoJSON names the file in ``file`` and the actor in ``value``; the others the actor in ``file``.
    left_out = tuple(
        dataclasses.replace(p, file=p.value) if to == "geojson" else p for p in problems if p.category == LEFT_OUT
    )
    commune_points = tuple(
        actor.id for actor in ecosystem
        if to in COMMUNE_POINTS_LEFT_EMPTY and actor.precision == "commune" and actor.has_coordinates
        and actor.id not in {p.file for p in left_out}
    )
    return ExportResult(
        path=path,
        to=to,
        actors=len(ecosystem),
        written=_count_written(path, to),
        left_out=left_out,
        uncarried=tuple(uncarried_columns(ecosystem, to)),
        commune_points=commune_points,
        problems=tuple(p for p in problems if p.category != LEFT_OUT),
        resources=len(resources or ()),
        # Counted only when given: without them, a folder's own ressources.csv is left as it was.
        resources_written=count_written_resources(path) if to == "modele" and resources is not None else 0,
    )


def left_out_path(result: ExportResult) -> Path:
    """Where the list of actors left out goes: beside the file (``lieux.non-exportes.csv``) or in the folder."""
    if result.path.is_dir():
        return result.path / LEFT_OUT_FILE
    return result.path.with_name(result.path.stem + ".non-exportes.csv")


def write_left_out(result: ExportResult, ecosystem: Ecosystem) -> Path:
    """Write one line per actor left out (id, nom, motif) beside the export; returns its path."""
    path = left_out_path(result)
    rows = []
    for problem in result.left_out:
        name = ecosystem[problem.file].nom if problem.file in ecosystem else ""
        rows.append([problem.file, name, problem.message])
    write_csv(path, rows, columns=LEFT_OUT_COLUMNS)
    return path


def export_summary(result: ExportResult, format_name: str, *, partnerships: int, carries_partnerships: bool,
                   left_out_file: Path | None) -> str:
    """The French lines printed by ``nec-network export``: what was written, left out, dropped."""
    from nec_network.wording import plural

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
    if result.uncarried:
        lines.append("Colonnes que ce format ne porte pas (non écrites) : " + ", ".join(result.uncarried) + ".")
    if result.to == "modele" and (result.resources or result.resources_written):
        from nec_network.io.resources import resources_place

        lines.append(f"{plural(result.resources_written, 'ressource sans lieu écrite', 'ressources sans lieu écrites')}"
                     f" sur {result.resources} : {resources_place(result.path)}.")
    elif result.resources:
        lines.append(f"{plural(result.resources, 'ressource sans lieu', 'ressources sans lieu')} (ressources.csv) "
                     f"non {'exportée' if result.resources == 1 else 'exportées'} : ce format ne porte pas les "
                     "ressources ; elles restent dans le modèle lu.")
    if result.commune_points:
        count = len(result.commune_points)
        lines.append(f"{plural(count, 'lieu placé', 'lieux placés')} au point de référence de "
                     f"{'sa' if count == 1 else 'leur'} commune : coordonnées laissées vides (le format n'a pas de "
                     "champ de précision ; un import {0} replace dans {1} commune).".format(
                         "le" if count == 1 else "les", "sa" if count == 1 else "leur"))
    return "\n".join(lines)
