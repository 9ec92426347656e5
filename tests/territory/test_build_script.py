"""The placement rules of scripts/build_territory.py, on small hand-made gazetteers (offline)."""

from __future__ import annotations

import gzip
import importlib.util
import sys
from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def build():
    spec = importlib.util.spec_from_file_location(
        "build_territory", ROOT / "scripts" / "build_territory.py"
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up there
    try:
        spec.loader.exec_module(module)
        yield module
    finally:
        del sys.modules[spec.name]


def commune(code: str, nom: str, postal_codes: list[str]) -> dict:
    return {"code": code, "nom": nom, "departement": code[:2], "codesPostaux": postal_codes}


def city(
    build, insee: str, name: str, latitude: float, longitude: float, feature: str = "PPL"
) -> dict:
    return {
        "id": int(insee.replace("A", "0").replace("B", "0")),
        "name": name,
        "key": build.name_key(name),
        "latitude": latitude,
        "longitude": longitude,
        "feature": feature,
        "insee": insee,
        "population": 0,
    }


def postal(build, code: str, name: str, latitude: float, longitude: float) -> dict:
    return {
        "postal_code": code,
        "name": name,
        "key": build.name_key(name),
        "latitude": latitude,
        "longitude": longitude,
    }


def place(build, communes: list[dict], cities=(), places=(), delegated=None):
    cog = {"communes": {c["code"]: c for c in communes}, "delegated": delegated or {}}
    return build.place_communes(cog, list(cities), list(places))


NEIGHBOURS = [(49.90, 3.30, "Voisin-A"), (49.92, 3.32, "Voisin-B"), (49.88, 3.28, "Voisin-C")]


def neighbour_places(build, code: str = "02100") -> list[dict]:
    return [postal(build, code, name, lat, lon) for lat, lon, name in NEIGHBOURS]


def test_exact_insee_join_comes_first(build) -> None:
    placed, rejected = place(
        build,
        [commune("02691", "Saint-Quentin", ["02100"])],
        cities=[city(build, "02691", "Saint-Quentin", 49.84889, 3.28757)],
        places=[postal(build, "02100", "Saint-Quentin", 49.85, 3.29)] + neighbour_places(build),
    )
    assert placed["02691"] == (49.84889, 3.28757, "geonames_insee")
    assert rejected == {}


def test_postal_code_and_normalised_name(build) -> None:
    placed, _ = place(
        build,
        [
            commune("02589", "Pargny-et-Filain", ["02000"]),
            commune("02700", "Saint-Erme", ["02820"]),
        ],
        places=[
            postal(build, "02000", "Pargny-Filain", 49.46, 3.54),
            postal(build, "02820", "St Erme", 49.51, 3.85),
        ],
    )
    assert placed["02589"] == (49.46, 3.54, "geonames_cp_nom")
    assert placed["02700"][2] == "geonames_cp_nom"


def test_incoherent_point_is_rejected_for_the_median_of_its_postal_code(build) -> None:
    far_away = (49.40, 3.30)  # 50 km south of every other place of 02100
    placed, rejected = place(
        build,
        [commune("02999", "Belloy", ["02100"])],
        cities=[city(build, "02999", "Belloy", *far_away)],
        places=[postal(build, "02100", "Belloy", *far_away)] + neighbour_places(build),
    )
    assert placed["02999"] == (49.9, 3.3, "geonames_cp")
    assert "02999 Belloy : point GeoNames (49.4000, 3.3000)" in rejected["02999"]


def test_commune_nouvelle_placed_at_its_chef_lieu_deleguee(build) -> None:
    delegated = {
        "51564": [
            {"code": "51564", "nom": "Louvois", "chefLieu": "51564"},
            {"code": "51600", "nom": "Tauxières-Mutry", "chefLieu": "51564"},
        ]
    }
    placed, _ = place(
        build,
        [commune("51564", "Val de Livre", ["51150"])],
        places=[
            postal(build, "51150", "Tauxières-Mutry", 49.11, 4.11),
            postal(build, "51150", "Louvois", 49.10, 4.12),
        ],
        delegated=delegated,
    )
    assert placed["51564"] == (49.10, 4.12, "geonames_deleguee")


def test_first_part_of_a_compound_name_but_never_another_commune(build) -> None:
    placed, _ = place(
        build,
        [
            commune("19047", "Chartrier-Ferrière", ["19600"]),
            commune("73269", "Saint-Paul-sur-Yenne", ["73170"]),
            commune("73270", "Saint-Paul", ["73170"]),
        ],
        places=[
            postal(build, "19600", "Chartrier", 45.07, 1.43),
            postal(build, "73170", "Saint-Paul", 45.70, 5.77),
        ],
    )
    assert placed["19047"] == (45.07, 1.43, "geonames_cp_nom_partiel")
    assert placed["73270"][2] == "geonames_cp_nom"
    assert placed["73269"][2] == "geonames_cp"  # Saint-Paul is another commune of 73170


def test_former_communes_of_a_merger_without_deleguees(build) -> None:
    placed, _ = place(
        build,
        [commune("60196", "La Drenne", ["60790"]), commune("60651", "Valdampierre", ["60790"])],
        places=[
            postal(build, "60790", "Valdampierre", 49.304, 2.053),
            postal(build, "60790", "Le Déluge", 49.297, 2.110),
            postal(build, "60790", "Ressons-l'Abbaye", 49.303, 2.089),
            postal(build, "60790", "La Neuville-d'Aumont", 49.311, 2.101),
        ],
    )
    assert placed["60196"] == (49.303, 2.101, "geonames_anciennes_communes")


def test_simplification_keeps_the_ring_closed_and_drops_collinear_points(build) -> None:
    ring = np.array([[0, 0], [0.5, 0], [1, 0], [1, 1], [0.5, 1.0001], [0, 1], [0, 0]], dtype=float)
    simplified = build.simplify_ring(ring, tolerance=0.001)
    assert simplified.tolist() == [[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]


def test_gzip_output_is_byte_for_byte_reproducible(build) -> None:
    first = build.gzip_bytes(b"code_insee,nom\n02691,Saint-Quentin\n")
    assert first == build.gzip_bytes(b"code_insee,nom\n02691,Saint-Quentin\n")
    assert first[4:8] == b"\x00\x00\x00\x00"  # no timestamp
    assert gzip.decompress(first).startswith(b"code_insee")
