"""Read the embedded files of ``territory/data`` once; callers copy what they hand out.

The files are written by ``scripts/build_territory.py``; ``data/SOURCES.md`` says where
each value comes from.
"""

from __future__ import annotations

import functools
import json
from importlib import resources
from typing import Any

import pandas as pd

_DATA = resources.files("nec_network.territory") / "data"

COMMUNE_FILE_COLUMNS = (
    "code_insee",
    "nom",
    "departement",
    "region",
    "epci_code",
    "population",
    "codes_postaux",
    "latitude",
    "longitude",
    "geo_source",
)


@functools.lru_cache(maxsize=1)
def communes_file() -> pd.DataFrame:
    """Every embedded commune, as stored (shared: never hand it out without copying)."""
    with (_DATA / "communes.csv.gz").open("rb") as stream:
        frame = pd.read_csv(
            stream,
            compression="gzip",
            dtype={
                "code_insee": str,
                "nom": str,
                "departement": str,
                "region": str,
                "epci_code": str,
                "population": "int64",
                "codes_postaux": str,
                "latitude": "float64",
                "longitude": "float64",
                "geo_source": str,
            },
            keep_default_na=False,
        )
    return frame


@functools.lru_cache(maxsize=1)
def epci_file() -> pd.DataFrame:
    """Every embedded EPCI (code, name, kind), as stored."""
    with (_DATA / "epci.csv.gz").open("rb") as stream:
        return pd.read_csv(stream, compression="gzip", dtype=str, keep_default_na=False)


@functools.lru_cache(maxsize=1)
def names_file() -> dict[str, Any]:
    """Names of départements (with their région) and of régions."""
    return json.loads((_DATA / "territoires.json").read_text(encoding="utf-8"))


@functools.lru_cache(maxsize=1)
def boundaries_text() -> str:
    """The département boundaries as GeoJSON text; parse it to get a private copy."""
    return (_DATA / "departements.geojson").read_text(encoding="utf-8")
