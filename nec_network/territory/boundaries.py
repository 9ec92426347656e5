"""Département boundaries (Natural Earth 1:10m, simplified for web maps).

The polygons are in WGS 84 longitude/latitude (EPSG:4326), GeoJSON order. Natural Earth
is drawn at 1:10,000,000: its lines are off by up to a few kilometres and it leaves out
small islands and enclaves, so the reference points of a few communes fall outside their
département's polygon; :data:`BOUNDARY_EXCEPTIONS` lists each of them and why.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from nec_network.territory import _data, _geometry
from nec_network.territory.divisions import PICARDIE, resolve_departements

if TYPE_CHECKING:
    import numpy as np

#: Communes whose (correct) reference point lies more than 3 km outside the Natural Earth
#: polygon of their département, with the reason. Every other commune lies within 3 km.
BOUNDARY_EXCEPTIONS: dict[str, str] = {
    "06032": "Cap-d'Ail : trait de côte Natural Earth simplifié à la frontière de Monaco",
    "17004": "Île-d'Aix : île absente du polygone Natural Earth",
    "21403": "Ménessaire : enclave de la Côte-d'Or dans la Nièvre, absente de Natural Earth",
    "29083": "Île-de-Sein : île absente du polygone Natural Earth",
    "29084": "Île-Molène : île absente du polygone Natural Earth",
    "35228": "Pleurtuit : limite Natural Earth de l'estuaire de la Rance décalée vers l'est",
    "35256": (
        "Saint-Briac-sur-Mer : limite Natural Earth de l'estuaire de la Rance décalée vers l'est"
    ),
    "35287": "Saint-Lunaire : limite Natural Earth de l'estuaire de la Rance décalée vers l'est",
    "56069": "Groix : île absente du polygone Natural Earth",
    "56085": "Hœdic : île absente du polygone Natural Earth",
    "56086": "Île-d'Houat : île absente du polygone Natural Earth",
    "78124": "Carrières-sur-Seine : limite Natural Earth de la boucle de Montesson simplifiée",
    "78311": "Houilles : limite Natural Earth de la boucle de Montesson simplifiée",
}


def departement_polygons(codes: str | Iterable[str] | None = PICARDIE) -> dict[str, Any]:
    """A GeoJSON FeatureCollection of département boundaries, properties ``code`` and ``nom``.

    ``codes`` takes the same values as ``departements`` in
    :func:`~nec_network.territory.load_communes` (``"all"`` for every département).

    >>> collection = departement_polygons()
    >>> [feature["properties"]["nom"] for feature in collection["features"]]
    ['Aisne', 'Oise', 'Somme']
    """
    wanted = set(resolve_departements(codes))
    envelope, features = _boundary_parts()
    collection = json.loads(envelope)
    collection["features"] = [json.loads(text) for code, text in features if code in wanted]
    return collection


@functools.lru_cache(maxsize=1)
def _boundary_parts() -> tuple[str, tuple[tuple[str, str], ...]]:
    """The boundaries file split once: the collection without its features, and each
    feature's code and JSON text, in the file's order. A map of three départements then
    parses their three features, not the whole of France, and gets objects of its own."""
    collection = json.loads(_data.boundaries_text())
    features = collection.pop("features")
    return json.dumps(collection), tuple(
        (feature["properties"]["code"], json.dumps(feature)) for feature in features
    )


@functools.lru_cache(maxsize=128)
def _departement_geometry(code: str) -> dict[str, Any] | None:
    features = departement_polygons(code)["features"]
    return features[0]["geometry"] if features else None


def km_outside_departement(code: str, latitude: float, longitude: float) -> float | None:
    """How far (km) a point lies outside département ``code``'s polygon: 0 inside it.

    ``None`` when the département has no polygon (overseas). Natural Earth's lines are off by
    up to a few kilometres, so callers allow a margin (see :data:`BOUNDARY_EXCEPTIONS`).

    >>> km_outside_departement("80", 49.894, 2.296)  # Amiens
    0.0
    >>> round(km_outside_departement("80", 48.857, 2.352))  # Paris
    82
    """
    ring_arrays = _departement_rings(code)
    if ring_arrays is None:
        return None
    return float(_geometry.rings_distance_km(ring_arrays, [longitude], [latitude])[0])


@functools.lru_cache(maxsize=128)
def _departement_rings(code: str) -> tuple[np.ndarray, ...] | None:
    """The rings of département ``code``'s polygon as arrays, made once (None without polygon)."""
    geometry = _departement_geometry(code)
    return None if geometry is None else tuple(_geometry.rings(geometry))
