"""White zones drawn: the records of the map page and the GeoJSON a planner reuses.

A zone is the land of its own communes: the union of their shapes where they all have one
(Aisne, Oise, Somme), else their capped Voronoi cells (see
:mod:`nec_network.views._map_geometry`). ``nec-network gaps --zones-blanches zones.geojson``
writes :func:`white_zones_geojson`.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pandas as pd

from nec_network.codes import departement_of
from nec_network.io.output import write_output
from nec_network.territory import load_communes
from nec_network.views._map_data import point_of
from nec_network.views._map_geometry import commune_cells, has_shapes, shaped_zone, zone_shape

#: How a zone's shape was drawn, as said in the GeoJSON.
DRAWN_FROM = {
    True: "formes des communes (IGN ADMIN EXPRESS, simplifiées à 50 m)",
    False: "cellules de Voronoï des points des communes, limitées à 5 km",
}


def commune_points(zones: pd.DataFrame, coverage: pd.DataFrame | None) -> pd.DataFrame:
    """Coordinates of every commune analysed (covered or not), by INSEE code.

    From ``coverage`` when given; otherwise the communes of the zones' départements.
    """
    if coverage is not None:
        table = coverage
    else:
        codes = {code for text in zones["commune_codes"] for code in str(text).split("|") if code}
        departements = sorted({departement_of(code) for code in codes})
        table = load_communes(departements=departements) if departements else load_communes(codes_insee=[])
    points = table[["code_insee", "latitude", "longitude"]].drop_duplicates("code_insee")
    return points.set_index("code_insee")


def _shapes(zones: pd.DataFrame, points: pd.DataFrame) -> dict[int, tuple[bool, dict[str, Any]]]:
    """Each zone's number → (drawn from the communes' shapes?, its ``forme`` and ``contour``)."""
    members = {
        int(zone.zone): [code for code in str(zone.commune_codes).split("|") if code]
        for zone in zones.itertuples(index=False)
    }
    drawn = {number: has_shapes(codes) for number, codes in members.items()}
    cells = commune_cells(
        points, [code for number, codes in members.items() if not drawn[number] for code in codes]
    )
    return {
        number: (
            drawn[number],
            shaped_zone(codes) if drawn[number] else zone_shape(cells[c] for c in codes if c in cells),
        )
        for number, codes in members.items()
    }


def white_zones_data(zones: pd.DataFrame, commune_points: pd.DataFrame) -> list[dict[str, Any]]:
    """One record per white zone, drawn as the land of its own communes.

    ``commune_points`` is indexed by INSEE code with ``latitude``/``longitude`` and holds
    every commune analysed, covered or not; zones whose communes all have a shape are drawn
    from the shapes (see :mod:`nec_network.views._map_geometry`).
    Record: ``numero``, ``nom`` (its most populated commune), ``communes`` (count),
    ``population``, ``departements``, ``lat``/``lon`` (its reference point), ``forme``
    (GeoJSON MultiPolygon) and ``contour`` (GeoJSON MultiLineString).
    """
    shapes = _shapes(zones, commune_points)
    records = []
    for zone in zones.itertuples(index=False):
        point = point_of(zone)
        if point is None:
            continue
        shape = shapes[int(zone.zone)][1]
        records.append(
            {
                "numero": int(zone.zone),
                "nom": str(zone.nom),
                "communes": int(zone.commune_count),
                "population": int(zone.population),
                "departements": str(zone.departements).replace("|", ", "),
                **point,
                **shape,
            }
        )
    return records


def white_zones_geojson(zones: pd.DataFrame, coverage: pd.DataFrame | None = None) -> dict[str, Any]:
    """A GeoJSON FeatureCollection, one feature per zone of
    :func:`~nec_network.analysis.gaps.white_zones`: its shape (MultiPolygon) and, as
    properties, ``zone`` (rank), ``nom`` (its most populated commune), ``code_insee``
    (that commune's), ``communes`` (INSEE codes, most populated first), ``nombre_communes``,
    ``population``, ``departements`` and ``forme`` (how the shape was drawn).
    ``coverage`` is the table the zones come from (the communes analysed, for the cells of
    communes without a shape).
    """
    shapes = _shapes(zones, commune_points(zones, coverage))
    features = []
    for zone in zones.itertuples(index=False):
        from_shapes, shape = shapes[int(zone.zone)]
        features.append(
            {
                "type": "Feature",
                "geometry": shape["forme"],
                "properties": {
                    "zone": int(zone.zone),
                    "nom": str(zone.nom),
                    "code_insee": str(zone.main_code_insee),
                    "communes": [code for code in str(zone.commune_codes).split("|") if code],
                    "nombre_communes": int(zone.commune_count),
                    "population": int(zone.population),
                    "departements": str(zone.departements).split("|"),
                    "forme": DRAWN_FROM[from_shapes],
                },
            }
        )
    return {"type": "FeatureCollection", "features": features}


def write_white_zones_geojson(
    path: str | Path, zones: pd.DataFrame, coverage: pd.DataFrame | None = None
) -> Path:
    """Write :func:`white_zones_geojson` to ``path`` (UTF-8, atomically); return the path."""
    document = white_zones_geojson(zones, coverage)
    return write_output(path, json.dumps(document, ensure_ascii=False, separators=(",", ":")) + "\n")
