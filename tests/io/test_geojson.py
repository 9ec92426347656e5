"""GeoJSON points for uMap and QGIS."""

from __future__ import annotations

import json

from nec_network.io import write_ecosystem
from nec_network.io.template import ACTOR_COLUMNS
from nec_network.model import Actor, Ecosystem


def test_points_carry_template_columns_and_missing_coordinates_are_reported(tmp_path):
    ecosystem = Ecosystem([
        Actor("a", "Mairie", code_insee="02691", latitude=49.84889, longitude=3.28757,
              services=("Aide aux démarches administratives", "Accès internet et matériel informatique"),
              extra={"remarque": "rampe d'accès"}),
        Actor("b", "Bus numérique", itinerant=True),
    ])
    path = tmp_path / "acteurs.geojson"
    missing = write_ecosystem(ecosystem, path, to="geojson")
    document = json.loads(path.read_text(encoding="utf-8"))
    assert document["type"] == "FeatureCollection"
    (feature,) = document["features"]
    assert feature["geometry"] == {"type": "Point", "coordinates": [3.28757, 49.84889]}
    properties = feature["properties"]
    assert list(properties)[1:] == [*ACTOR_COLUMNS, "remarque"]
    assert properties["name"] == "Mairie"
    assert properties["services"] == "Aide aux démarches administratives|Accès internet et matériel informatique"
    assert properties["remarque"] == "rampe d'accès"
    (problem,) = missing
    # As for every writer, the problem of an actor left out names the actor in ``file``.
    assert (problem.level, problem.value, problem.file) == ("avertissement", "b", "b")
    assert "Bus numérique" in problem.message
