"""Where the network page draws each actor, computed in Python before the page is shown.

Two layouts, both deterministic (the same ecosystem gives the same positions):

* *géographique*: positions projected from coordinates (:func:`geographic_positions`);
* *physique*: a seeded force-directed layout of the partnerships (:func:`force_positions`,
  networkx's Fruchterman–Reingold ``spring_layout``), actors without partners in rows under it.

Positions are in vis-network canvas units (pixels at zoom 1), rounded to whole pixels (vis-network reads them so); the page draws
them as they are, with no forces running in the browser.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable

import numpy as np

from nec_network.model import Actor, Ecosystem
from nec_network.model.position import actor_point

#: Above this many actors with partners, networkx's spring layout takes seconds (its sparse
#: variant loops in Python): the page then lets vis-network compute the forces itself.
FORCE_LAYOUT_MAX = 500
#: Seed of the force layout (and of vis-network's, when it computes one).
LAYOUT_SEED = 7

# Pixels per degree of latitude in the geographic layout (about 8 px per km), and the
# step of the spiral that spreads actors placed at the same point (a commune's centre).
_PX_PER_DEGREE = 900.0
_SPREAD_PX = 14.0
_GOLDEN_ANGLE = math.pi * (3 - math.sqrt(5))
# Force layout: about this many pixels between neighbouring actors; rows of actors without
# partners this far apart.
_SPACING_PX = 32.0
_ROW_PX = 60.0


def _rows_under(
    positions: dict[str, tuple[float, float]], ids: list[str]
) -> dict[str, tuple[float, float]]:
    """``ids`` in a square block of rows, 150 px under ``positions``, from their left edge."""
    left = min((x for x, _ in positions.values()), default=0.0)
    bottom = max((y for _, y in positions.values()), default=-150.0) + 150
    per_row = max(1, math.ceil(math.sqrt(len(ids))))
    placed = {}
    for rank, actor_id in enumerate(ids):
        row, column = divmod(rank, per_row)
        placed[actor_id] = (round(left + _ROW_PX * column), round(bottom + _ROW_PX * row))
    return placed


def geographic_positions(actors: Iterable[Actor]) -> tuple[dict[str, tuple[float, float]], int]:
    """Canvas x/y per actor id, equirectangular around the centre, and the count of unplaced actors.

    Actors at the same point (the reference point of a commune) are spread on a
    sunflower spiral, in ecosystem order; actors with no known place go in rows
    under the map.
    """
    actors = list(actors)
    points = {actor.id: actor_point(actor) for actor in actors}
    known = [point for point in points.values() if point is not None]
    if known:
        lat0 = (min(p[0] for p in known) + max(p[0] for p in known)) / 2
        lon0 = (min(p[1] for p in known) + max(p[1] for p in known)) / 2
    else:
        lat0 = lon0 = 0.0
    shrink = math.cos(math.radians(lat0))
    groups: dict[tuple[float, float], list[str]] = defaultdict(list)
    for actor in actors:
        point = points[actor.id]
        if point is not None:
            groups[(round(point[0], 4), round(point[1], 4))].append(actor.id)
    positions: dict[str, tuple[float, float]] = {}
    for (lat, lon), members in groups.items():
        x0 = (lon - lon0) * shrink * _PX_PER_DEGREE
        y0 = -(lat - lat0) * _PX_PER_DEGREE
        for rank, actor_id in enumerate(members):
            radius = _SPREAD_PX * math.sqrt(rank)
            angle = rank * _GOLDEN_ANGLE
            positions[actor_id] = (
                round(x0 + radius * math.cos(angle)),
                round(y0 + radius * math.sin(angle)),
            )
    unplaced = [actor.id for actor in actors if points[actor.id] is None]
    positions.update(_rows_under(positions, unplaced))
    return positions, len(unplaced)


def _separated(points: np.ndarray, radii: np.ndarray, *, margin: float = 4.0, rounds: int = 60) -> np.ndarray:
    """``points`` moved apart until no two discs (``radii``, plus ``margin``) overlap, or after
    ``rounds``: each overlapping pair is pushed apart along its axis, half each way."""
    from scipy.spatial import cKDTree

    points = points.copy()
    reach = 2 * float(radii.max(initial=0.0)) + margin
    for _ in range(rounds):
        pairs = cKDTree(points).query_pairs(reach, output_type="ndarray")
        first, second = pairs[:, 0], pairs[:, 1]
        delta = points[second] - points[first]
        distance = np.hypot(delta[:, 0], delta[:, 1])
        needed = radii[first] + radii[second] + margin
        over = distance < needed
        if not over.any():
            break
        first, second, delta, distance, needed = (
            first[over], second[over], delta[over], distance[over], needed[over]
        )
        # Two actors at the very same point part along the x axis.
        same = distance < 1e-9
        delta[same], distance[same] = (1.0, 0.0), 1.0
        move = delta * ((needed - distance) / (2 * distance))[:, None]
        shift = np.zeros_like(points)
        np.add.at(shift, first, -move)
        np.add.at(shift, second, move)
        points += shift
    return points


def force_positions(
    ecosystem: Ecosystem, *, radii: dict[str, float] | None = None, seed: int = LAYOUT_SEED
) -> dict[str, tuple[float, float]]:
    """Canvas x/y per actor id: partners drawn close, actors without partners in rows under them.

    The actors with at least one partner are laid out by :func:`networkx.spring_layout`
    (Fruchterman–Reingold forces, 50 iterations from positions drawn with ``seed``) on the
    undirected graph of partnerships, scaled so that neighbours stand about 60 px apart; then
    discs of ``radii`` (px, 10 when not given) that overlap are pushed apart, so that each
    actor can be seen and clicked. Complexity O(n² · 50) for n actors with partners: use it up
    to :data:`FORCE_LAYOUT_MAX`. Empty when there is no actor.

    >>> from nec_network.model import Partnership
    >>> eco = Ecosystem([Actor("a", "A"), Actor("b", "B"), Actor("c", "C")], [Partnership("a", "b", "partenariat")])
    >>> at = force_positions(eco)
    >>> at["c"][1] > max(at["a"][1], at["b"][1]), force_positions(eco) == at
    (True, True)
    """
    import networkx as nx

    graph = ecosystem.undirected_graph()
    linked = [actor.id for actor in ecosystem if graph.degree(actor.id)]
    positions: dict[str, tuple[float, float]] = {}
    if linked:
        scale = _SPACING_PX * math.sqrt(len(linked))
        laid = nx.spring_layout(graph.subgraph(linked), seed=seed, scale=scale, center=(0.0, 0.0))
        sizes = np.array([(radii or {}).get(actor_id, 10.0) for actor_id in linked])
        points = _separated(np.array([laid[actor_id] for actor_id in linked], dtype=float), sizes)
        positions = {actor_id: (round(x), round(y)) for actor_id, (x, y) in zip(linked, points.tolist())}
    alone = [actor.id for actor in ecosystem if actor.id not in positions]
    positions.update(_rows_under(positions, alone))
    return positions
