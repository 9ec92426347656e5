"""GeoJSON points for uMap and QGIS: one Feature per actor that has coordinates.

Properties are the template columns (lists joined with ``|``, extra attributes
under their own names) plus ``name`` (the actor's name, the label uMap shows
by default). Actors without coordinates cannot be points: they are listed in
the returned problems, never left out silently.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from nec_network.io.output import write_output
from nec_network.io.report import Problem
from nec_network.io.template import actor_row
from nec_network.model import Ecosystem, without_personal_data


def ecosystem_features(ecosystem: Ecosystem) -> tuple[dict[str, Any], list[Problem]]:
    """The FeatureCollection (as a dict) and one ``avertissement`` per actor left out for lack of coordinates.

    >>> from nec_network.model import Actor
    >>> eco = Ecosystem([Actor("a", "A", latitude=49.9, longitude=2.3), Actor("b", "B")])
    >>> collection, missing = ecosystem_features(eco)
    >>> collection["features"][0]["geometry"], [p.value for p in missing]
    ({'type': 'Point', 'coordinates': [2.3, 49.9]}, ['b'])
    """
    features: list[dict[str, Any]] = []
    missing: list[Problem] = []
    for actor in ecosystem:
        if not actor.has_coordinates:
            missing.append(
                Problem("avertissement", f"« {actor.nom} » n'a pas de coordonnées : absent de la carte",
                        file=actor.id, column="latitude", value=actor.id, category="non_exporte")
            )
            continue
        properties = {"name": actor.nom, **actor_row(actor)}
        features.append(
            {
                "type": "Feature",
                "id": actor.id,
                "geometry": {"type": "Point", "coordinates": [actor.longitude, actor.latitude]},
                "properties": properties,
            }
        )
    return {"type": "FeatureCollection", "features": features}, missing


def write_geojson(ecosystem: Ecosystem, path: str | Path) -> list[Problem]:
    """Write the actors with coordinates as a GeoJSON FeatureCollection (UTF-8, WGS 84).

    Returns the ``avertissement`` problems of the actors left out (no coordinates; ``file``
    holds the actor id, as for the other writers).
    """
    ecosystem, _ = without_personal_data(ecosystem)  # a published format: never an adviser's data
    collection, missing = ecosystem_features(ecosystem)
    write_output(Path(path), json.dumps(collection, ensure_ascii=False, indent=1) + "\n")
    return missing


def count_features(path: str | Path) -> int:
    """The features (one per actor written) of a written GeoJSON file."""
    return len(json.loads(Path(path).read_text(encoding="utf-8"))["features"])
