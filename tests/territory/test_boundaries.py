"""Département polygons, and every commune's point checked against its own département."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from nec_network.errors import UnknownTerritoryError
from nec_network.territory import (
    ALL_FRANCE,
    BOUNDARY_EXCEPTIONS,
    departement_names,
    departement_polygons,
    load_communes,
)
from nec_network.territory._geometry import contains, distance_km, rings

TOLERANCE_KM = 3.0


@pytest.fixture(scope="module")
def france() -> pd.DataFrame:
    return load_communes(departements=ALL_FRANCE)


@pytest.fixture(scope="module")
def distances(france: pd.DataFrame) -> pd.Series:
    """Distance in km from each commune's point to its own département's polygon."""
    geometries = {
        feature["properties"]["code"]: feature["geometry"]
        for feature in departement_polygons(ALL_FRANCE)["features"]
    }
    result = pd.Series(np.nan, index=france["code_insee"])
    for code, group in france.groupby("departement"):
        result[group["code_insee"].to_numpy()] = distance_km(
            geometries[code], group["longitude"].to_numpy(), group["latitude"].to_numpy()
        )
    return result


def test_picardie_polygons_by_default_with_code_and_name() -> None:
    collection = departement_polygons()
    assert collection["type"] == "FeatureCollection"
    assert [f["properties"] for f in collection["features"]] == [
        {"code": "02", "nom": "Aisne"},
        {"code": "60", "nom": "Oise"},
        {"code": "80", "nom": "Somme"},
    ]
    assert all(f["geometry"]["type"] in ("Polygon", "MultiPolygon") for f in collection["features"])


def test_every_embedded_departement_has_a_polygon() -> None:
    codes = [f["properties"]["code"] for f in departement_polygons(ALL_FRANCE)["features"]]
    assert codes == sorted(departement_names())
    assert departement_names()["2A"] == "Corse-du-Sud"
    assert departement_names()["77"] == "Seine-et-Marne"  # Natural Earth misspells it


def test_polygons_are_longitude_latitude_and_light() -> None:
    picardie = departement_polygons()
    points = np.concatenate([ring for f in picardie["features"] for ring in rings(f["geometry"])])
    assert points[:, 0].min() > 1.3 and points[:, 0].max() < 4.3  # longitudes of Picardie
    assert points[:, 1].min() > 48.8 and points[:, 1].max() < 50.4  # latitudes
    assert len(points) < 3000
    for feature in picardie["features"]:
        for ring in rings(feature["geometry"]):
            assert (ring[0] == ring[-1]).all()


def test_prefecture_lies_inside_its_departement() -> None:
    picardie = {f["properties"]["code"]: f["geometry"] for f in departement_polygons()["features"]}
    prefectures = load_communes(codes_insee=["02408", "60057", "80021"])  # Laon, Beauvais, Amiens
    for row in prefectures.itertuples():
        assert contains(picardie[row.departement], [row.longitude], [row.latitude])[0]


def test_polygons_are_copies() -> None:
    first = departement_polygons()
    first["features"].clear()
    assert len(departement_polygons()["features"]) == 3


def test_unknown_departement_polygon() -> None:
    with pytest.raises(UnknownTerritoryError, match="« 00 »"):
        departement_polygons(["00"])


def test_picardie_communes_all_lie_within_3_km_of_their_departement(distances: pd.Series) -> None:
    picardie = distances[distances.index.str[:2].isin(["02", "60", "80"])]
    assert len(picardie) == 2248
    assert picardie.max() <= TOLERANCE_KM


def test_every_commune_lies_within_3_km_of_its_departement_except_listed_ones(
    distances: pd.Series,
) -> None:
    assert distances.notna().all()
    outside = set(distances[distances > TOLERANCE_KM].index)
    assert outside == set(BOUNDARY_EXCEPTIONS), "update BOUNDARY_EXCEPTIONS with a reason"


def test_exceptions_are_close_to_their_departement_all_the_same(distances: pd.Series) -> None:
    assert distances[list(BOUNDARY_EXCEPTIONS)].max() < 15
    assert all(reason for reason in BOUNDARY_EXCEPTIONS.values())


def test_each_call_gets_its_own_collection_read_once():
    first = departement_polygons(["80"])
    first["features"][0]["properties"]["nom"] = "changée"
    second = departement_polygons(["80"])
    assert second["features"][0]["properties"]["nom"] == "Somme"
    assert [f["properties"]["code"] for f in departement_polygons(["80", "02"])["features"]] == ["02", "80"]
