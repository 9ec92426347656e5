"""Great-circle distance, the one every stage uses (validation, geocoding, analyses), and whether a point is in France.

Haversine on a sphere of the Earth's mean radius: at the scale of a
département this is within 0.3 % of the ellipsoidal distance.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

#: Mean Earth radius (IUGG), in km.
EARTH_RADIUS_KM = 6371.0088


def great_circle_km(latitude1, longitude1, latitude2, longitude2) -> np.ndarray:
    """Great-circle distance in km (haversine), broadcasting over arrays.

    >>> round(float(great_circle_km(49.8942, 2.2957, 49.8467, 3.2876)), 1)  # Amiens → Saint-Quentin
    71.3
    >>> great_circle_km([0.0, 0.0], [0.0, 0.0], 0.0, [0.0, 1.0]).round(3).tolist()
    [0.0, 111.195]
    """
    import numpy as np  # here, not above: the command line starts without numpy (#8.7)

    phi1, lam1, phi2, lam2 = (
        np.radians(np.asarray(value, dtype=float))
        for value in (latitude1, longitude1, latitude2, longitude2)
    )
    half = (
        np.sin((phi2 - phi1) / 2) ** 2
        + np.cos(phi1) * np.cos(phi2) * np.sin((lam2 - lam1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(half, 0.0, 1.0)))


#: (south, west, north, east) boxes of metropolitan France and the overseas départements and collectivities.
FRANCE_BOXES: dict[str, tuple[float, float, float, float]] = {
    "France métropolitaine": (41.3, -5.3, 51.2, 9.7),
    "Guadeloupe": (15.8, -61.9, 16.6, -60.9),
    "Martinique": (14.3, -61.3, 14.9, -60.8),
    "Guyane": (2.1, -54.7, 5.8, -51.5),
    "La Réunion": (-21.4, 55.2, -20.8, 55.9),
    "Mayotte": (-13.1, 44.9, -12.6, 45.4),
    "Saint-Pierre-et-Miquelon": (46.7, -56.5, 47.2, -56.1),
    "Saint-Barthélemy et Saint-Martin": (17.8, -63.2, 18.2, -62.7),
    "Wallis-et-Futuna": (-14.4, -178.3, -13.1, -176.1),
    "Polynésie française": (-27.7, -154.8, -7.8, -134.4),
    "Nouvelle-Calédonie": (-22.9, 163.5, -19.5, 168.2),
}


def in_france(latitude: float, longitude: float) -> bool:
    """True when the point lies in a box of metropolitan France or of an overseas territory.

    Boxes catch swapped or mistyped coordinates, not points a few kilometres
    across a border (the distance to the commune does that).

    >>> in_france(49.89, 2.29), in_france(2.29, 49.89), in_france(-21.1, 55.5)
    (True, False, True)
    """
    return any(s <= latitude <= n and w <= longitude <= e for s, w, n, e in FRANCE_BOXES.values())


def points_in_france(latitudes, longitudes) -> np.ndarray:
    """:func:`in_france` of many points at once (a missing coordinate, NaN, is not in France).

    >>> points_in_france([49.89, 2.29, float("nan")], [2.29, 49.89, 2.29]).tolist()
    [True, False, False]
    """
    import numpy as np

    latitude = np.asarray(latitudes, dtype=float)
    longitude = np.asarray(longitudes, dtype=float)
    inside = np.zeros(latitude.shape, dtype=bool)
    for s, w, n, e in FRANCE_BOXES.values():
        inside |= (s <= latitude) & (latitude <= n) & (w <= longitude) & (longitude <= e)
    return inside
