"""Gaps in coverage: uncovered communes by population, and white zones (clusters of them).

Both take the table of :func:`nec_network.analysis.coverage.coverage_by_commune`.

**Neighbouring communes.** Two communes that both have a shape
(:mod:`nec_network.territory.shapes`: Aisne, Oise and Somme) are *neighbours* when they
share a border. Elsewhere we have reference points only: the Voronoi cell of a commune's
point is the best stand-in for its area, and two cells touch exactly when the points are
Delaunay neighbours, so a commune without a shape is the neighbour of another when their
points are Delaunay neighbours (triangulated over every commune of the table, covered or
not, so that a covered commune in between separates two gaps) **and** less than
``max_link_km`` apart (default 10 km, which drops the long edges the triangulation draws
along the territory's edge and across the sea). A white zone is a connected group of
uncovered neighbouring communes (with shapes: the connected components of the uncovered
communes by real adjacency); a lone uncovered commune is a zone of one.

Tables have English column names (besides the data model's: ``code_insee``,
``nom``…); files and pages show them under the French headers of
:data:`nec_network.wording.FRENCH_HEADERS`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import sparse
from scipy.sparse.csgraph import connected_components
from scipy.spatial import Delaunay, QhullError, cKDTree

from nec_network.analysis.spatial import EARTH_RADIUS_KM, great_circle_km
from nec_network.territory.fragility import Fragility
from nec_network.territory.shapes import shape_neighbours, shaped_codes

#: Longest link between two neighbouring communes' reference points, in km.
DEFAULT_MAX_LINK_KM = 10.0


def uncovered_communes(coverage: pd.DataFrame) -> pd.DataFrame:
    """Uncovered communes, most populated first (ties by INSEE code), with their ``rank``.

    >>> table = pd.DataFrame({"code_insee": ["1", "2", "3"], "population": [5, 9, 7],
    ...                       "covered": [False, True, False]})
    >>> uncovered_communes(table)[["rank", "code_insee"]].to_dict("list")
    {'rank': [1, 2], 'code_insee': ['3', '1']}
    """
    gaps = coverage[~coverage["covered"].astype(bool)]
    gaps = gaps.sort_values(["population", "code_insee"], ascending=[False, True], kind="stable")
    gaps = gaps.reset_index(drop=True)
    gaps.insert(0, "rank", np.arange(1, len(gaps) + 1))
    return gaps


def _plane_km(latitude: np.ndarray, longitude: np.ndarray) -> np.ndarray:
    """Sinusoidal projection in km: equal-area, faithful enough for neighbour structure."""
    phi = np.radians(latitude)
    return np.column_stack(
        (EARTH_RADIUS_KM * np.radians(longitude) * np.cos(phi), EARTH_RADIUS_KM * phi)
    )


def neighbour_pairs(latitude, longitude, *, max_link_km: float = DEFAULT_MAX_LINK_KM) -> np.ndarray:
    """Pairs ``(i, j)``, ``i < j``, of neighbouring points (Delaunay, shorter than ``max_link_km``).

    Fewer than three points, or points all on a line, have no triangulation:
    then every pair closer than ``max_link_km`` is a neighbour pair.

    >>> neighbour_pairs([49.0, 49.0, 49.05, 49.5], [2.0, 2.05, 2.02, 2.0]).tolist()
    [[0, 1], [0, 2], [1, 2]]
    """
    lat = np.asarray(latitude, dtype=float)
    lon = np.asarray(longitude, dtype=float)
    if lat.size < 2:
        return np.empty((0, 2), dtype=np.intp)
    points = _plane_km(lat, lon)
    try:
        triangulation = Delaunay(points)
        simplices = triangulation.simplices
        edges = np.concatenate([simplices[:, [0, 1]], simplices[:, [1, 2]], simplices[:, [0, 2]]])
        edges = _with_left_out_points(edges, triangulation.coplanar, len(points))
    except (QhullError, ValueError, IndexError):
        edges = cKDTree(points).query_pairs(max_link_km * 1.01, output_type="ndarray")
    if edges.size == 0:
        return np.empty((0, 2), dtype=np.intp)
    edges = np.unique(np.sort(edges, axis=1), axis=0)
    short = (
        great_circle_km(lat[edges[:, 0]], lon[edges[:, 0]], lat[edges[:, 1]], lon[edges[:, 1]])
        < max_link_km
    )
    return edges[short].astype(np.intp)


def _with_left_out_points(edges: np.ndarray, coplanar: np.ndarray, size: int) -> np.ndarray:
    """Edges including the points Qhull left out of the triangulation.

    Qhull drops a point that coincides (or nearly) with another (two communes
    may share a reference point): it stands where its nearest vertex stands, so
    it takes that vertex's neighbours, and the vertex and it are neighbours.
    """
    if not len(coplanar):
        return edges
    site = np.arange(size)
    site[coplanar[:, 0]] = coplanar[:, 2]
    members = sparse.csr_matrix((np.ones(size), (np.arange(size), site)), shape=(size, size))
    links = sparse.coo_matrix(
        (np.ones(len(edges)), (edges[:, 0], edges[:, 1])), shape=(size, size)
    ).tocsr()
    links = links + links.T + sparse.identity(size, format="csr")
    pairs = sparse.triu(members @ links @ members.T, k=1).tocoo()
    return np.column_stack((pairs.row, pairs.col))


def commune_neighbour_pairs(
    communes: pd.DataFrame, *, max_link_km: float = DEFAULT_MAX_LINK_KM
) -> np.ndarray:
    """Pairs ``(i, j)``, ``i < j``, of neighbouring rows of ``communes`` (positions): a shared
    border when both have a shape, else Delaunay neighbours closer than ``max_link_km``.

    >>> table = pd.DataFrame({"code_insee": ["80021", "80261", "80001"],
    ...                       "latitude": [49.89, 49.85, 50.1], "longitude": [2.30, 2.27, 1.83]})
    >>> commune_neighbour_pairs(table).tolist()  # Amiens and Dury touch; Abbeville is far
    [[0, 1]]
    """
    codes = communes["code_insee"].astype(str).to_numpy()
    lat = communes["latitude"].to_numpy(dtype=float)
    lon = communes["longitude"].to_numpy(dtype=float)
    with_shape = shaped_codes()
    shaped = np.array([code in with_shape for code in codes], dtype=bool)  # np.isin sorts strings: slow
    position = {code: k for k, code in enumerate(codes) if shaped[k]}
    found = [
        (k, position[other])
        for code, k in position.items()
        for other in shape_neighbours(code)
        if position.get(other, -1) > k
    ]
    located = np.flatnonzero(np.isfinite(lat) & np.isfinite(lon))
    guessed = located[neighbour_pairs(lat[located], lon[located], max_link_km=max_link_km)]
    guessed = guessed[~(shaped[guessed[:, 0]] & shaped[guessed[:, 1]])]
    pairs = np.concatenate([np.asarray(found, dtype=np.intp).reshape(-1, 2), guessed.astype(np.intp)])
    return np.unique(np.sort(pairs, axis=1), axis=0) if len(pairs) else pairs


def white_zones(
    coverage: pd.DataFrame, *, max_link_km: float = DEFAULT_MAX_LINK_KM
) -> pd.DataFrame:
    """Clusters of neighbouring uncovered communes, most populated first.

    Columns: ``zone`` (rank), ``nom`` (its most populated commune),
    ``main_code_insee`` (its INSEE code), ``commune_count``, ``population``,
    ``departements`` and ``commune_codes`` (INSEE codes, ``|``-joined, most
    populated first), ``latitude``/``longitude`` (population-weighted centre).
    Communes without coordinates are zones of their own.
    """
    table = coverage.reset_index(drop=True)
    lat = table["latitude"].to_numpy(dtype=float)
    lon = table["longitude"].to_numpy(dtype=float)
    uncovered = ~table["covered"].to_numpy(dtype=bool)
    pairs = commune_neighbour_pairs(table, max_link_km=max_link_km)
    pairs = pairs[uncovered[pairs[:, 0]] & uncovered[pairs[:, 1]]]
    size = len(table)
    graph = sparse.coo_matrix((np.ones(len(pairs)), (pairs[:, 0], pairs[:, 1])), shape=(size, size))
    _, labels = connected_components(graph, directed=False)
    members = table.loc[uncovered].assign(_zone=labels[uncovered])
    members = members.sort_values(
        ["population", "code_insee"], ascending=[False, True], kind="stable"
    )
    rows = []
    for _, group in members.groupby("_zone", sort=False):
        centre = _weighted_centre(group)
        head = group.iloc[0]
        rows.append(
            {
                "nom": head["nom"],
                "main_code_insee": head["code_insee"],
                "commune_count": len(group),
                "population": int(group["population"].sum()),
                "departements": "|".join(sorted(group["departement"].astype(str).unique())),
                "commune_codes": "|".join(group["code_insee"]),
                "latitude": float(centre[0]),
                "longitude": float(centre[1]),
            }
        )
    zones = pd.DataFrame(
        rows,
        columns=[
            "nom",
            "main_code_insee",
            "commune_count",
            "population",
            "departements",
            "commune_codes",
            "latitude",
            "longitude",
        ],
    )
    zones = zones.sort_values(
        ["population", "main_code_insee"], ascending=[False, True], kind="stable"
    )
    zones = zones.reset_index(drop=True)
    zones.insert(0, "zone", np.arange(1, len(zones) + 1))
    return zones


def _weighted_centre(group: pd.DataFrame) -> tuple[float, float]:
    """Population-weighted centre of the located communes (plain mean when nobody lives there)."""
    points = group[["latitude", "longitude"]].to_numpy(dtype=float)
    finite = np.isfinite(points).all(axis=1)
    if not finite.any():
        return (np.nan, np.nan)
    points = points[finite]
    weights = np.maximum(group["population"].to_numpy(dtype=float)[finite], 0)
    if weights.sum() == 0:
        weights = np.ones(len(points))
    latitude, longitude = weights @ points / weights.sum()
    return (float(latitude), float(longitude))


def priority_communes(coverage: pd.DataFrame, fragility: Fragility | pd.DataFrame | None = None) -> pd.DataFrame:
    """Uncovered communes ranked by fragile population (population × index / 100), the most
    fragile first; communes without an index follow, by population. With the reason in words.

    ``fragility``: a :class:`~nec_network.territory.fragility.Fragility` (the embedded one when
    None: figures of 2016–2019, an approximation of digital fragility, not the official IFN; a
    user's file says so in the reasons), or a table of ``code_insee``, ``indice_fragilite`` and
    ``raison``. Columns: ``priority`` (rank), the columns of :func:`uncovered_communes`,
    ``fragility_index``, ``fragile_population`` and ``reason``.

    >>> table = pd.DataFrame({"code_insee": ["1", "2", "3"], "nom": ["A", "B", "C"],
    ...     "population": [1000, 400, 50], "covered": [False, False, False],
    ...     "distance_km": [12.0, 20.0, 9.0], "nearest_actor_name": ["X", "Y", "Z"]})
    >>> index = pd.DataFrame({"code_insee": ["1", "2", "3"], "indice_fragilite": [20.0, 80.0, None],
    ...     "raison": ["", "", "commune absente des données 2016–2019"]})
    >>> priority_communes(table, index)[["priority", "nom", "fragile_population"]].to_dict("list")
    {'priority': [1, 2, 3], 'nom': ['B', 'A', 'C'], 'fragile_population': [320.0, 200.0, nan]}
    """
    from nec_network.territory.fragility import embedded_fragility

    gaps = uncovered_communes(coverage).drop(columns="rank")
    if fragility is None:
        fragility = embedded_fragility()
    elif isinstance(fragility, pd.DataFrame):
        fragility = Fragility(fragility)
    index = fragility.for_codes(gaps["code_insee"]).set_index("code_insee")
    gaps["fragility_index"] = gaps["code_insee"].map(index["indice_fragilite"]).astype(float)
    gaps["fragile_population"] = (gaps["population"] * gaps["fragility_index"] / 100).round(0)
    missing = gaps["code_insee"].map(index["raison"]).fillna(fragility.outside_reason)
    gaps["reason"] = [
        _priority_reason(row, why, fragility.index_note)
        for row, why in zip(gaps.itertuples(), missing, strict=True)
    ]
    gaps = gaps.sort_values(
        ["fragile_population", "population", "code_insee"], ascending=[False, False, True],
        na_position="last", kind="stable",
    ).reset_index(drop=True)  # fmt: skip
    gaps.insert(0, "priority", np.arange(1, len(gaps) + 1))
    return gaps


def _priority_reason(row, missing: str, note: str) -> str:
    from nec_network.wording import number

    nearest = getattr(row, "nearest_actor_name", "") or ""
    distance = getattr(row, "distance_km", np.nan)
    where = (
        f"non couverte, lieu le plus proche à {number(float(distance), 1)} km ({nearest})"
        if nearest and np.isfinite(distance) else "non couverte, aucun lieu correspondant"
    )  # fmt: skip
    people = f"{number(int(row.population))} habitants"
    if not np.isfinite(row.fragility_index):
        return f"{where} ; {people} ; pas d'indice de fragilité : {missing}"
    return (
        f"{where} ; {people}, indice de fragilité {number(float(row.fragility_index), 1)}/100 "
        f"({note}) : {number(int(row.fragile_population))} habitants fragiles"
    )
