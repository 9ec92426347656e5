"""Great-circle distance: the one distance every stage uses (validation, geocoding, analyses).

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
