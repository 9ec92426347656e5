"""Whether an actor's position can be drawn: the rule validation, maps and reports share.

A clearly wrong position (``(0, 0)``, latitude and longitude swapped, outside France) is not
drawn as a place: ``validate`` reports it with the fix when it is a swap, and the pages
list it « à vérifier ».
"""

from __future__ import annotations

from dataclasses import dataclass

from nec_network.distance import in_france, points_in_france
from nec_network.errors import UnknownCommuneError
from nec_network.model.actor import Actor


@dataclass(frozen=True)
class PositionProblem:
    """Why a position is clearly wrong (French ``reason``), and the fix when it is a swap.

    ``proposed`` is ``(latitude, longitude)`` when exchanging the two numbers
    puts the point in France, else None.
    """

    reason: str
    proposed: tuple[float, float] | None = None


def position_problem(latitude: float, longitude: float) -> PositionProblem | None:
    """None for a plausible position; else why it is wrong: ``(0, 0)``, swapped, outside France.

    A clearly wrong position is not drawn as a place: maps and reports list it
    « à vérifier ».

    >>> position_problem(49.89, 2.29) is None
    True
    >>> position_problem(2.29, 49.89)
    PositionProblem(reason='latitude et longitude inversées', proposed=(49.89, 2.29))
    >>> position_problem(0, 0).reason, position_problem(40.4, -3.7).reason
    ('coordonnées nulles (0, 0)', 'coordonnées hors de France')
    """
    if latitude == 0 and longitude == 0:
        return PositionProblem(reason="coordonnées nulles (0, 0)")
    if in_france(latitude, longitude):
        return None
    if in_france(longitude, latitude):
        return PositionProblem(reason="latitude et longitude inversées", proposed=(longitude, latitude))
    return PositionProblem(reason="coordonnées hors de France")


def plausible_positions(latitudes, longitudes):
    """For many points at once, whether :func:`position_problem` finds nothing (a numpy array).

    >>> plausible_positions([49.89, 0.0, 2.29], [2.29, 0.0, 49.89]).tolist()
    [True, False, False]
    """
    import numpy as np  # here, not above: the command line starts without numpy

    latitude = np.asarray(latitudes, dtype=float)
    longitude = np.asarray(longitudes, dtype=float)
    return points_in_france(latitude, longitude) & ~((latitude == 0) & (longitude == 0))


def describe_position(latitude: float, longitude: float) -> str:
    """``latitude 49.89, longitude 2.29`` (as a fix is proposed to a person)."""
    return f"latitude {latitude:g}, longitude {longitude:g}"


def actor_point(actor: Actor) -> tuple[float, float] | None:
    """Where to place an actor: its own coordinates, else its commune's reference point; None
    when neither is known.

    >>> actor_point(Actor("a", "A", latitude=49.9, longitude=2.3)), actor_point(Actor("b", "B"))
    ((49.9, 2.3), None)
    """
    if actor.has_coordinates:
        return float(actor.latitude), float(actor.longitude)  # type: ignore[arg-type]
    if not actor.code_insee:
        return None
    from nec_network.territory import get_commune  # pandas: only when a commune is looked up

    try:
        commune = get_commune(actor.code_insee)
    except UnknownCommuneError:
        return None
    return float(commune.latitude), float(commune.longitude)
