"""A territory with its surroundings: the places just outside it that its communes still reach.

A person living in a border commune goes to the nearest place, whichever side of the
département line it stands. When the work is restricted to départements, the actors within
``margin_km`` of one of the territory's communes are kept as **context**: they count for
coverage, nearest places, orientation, accessibility (2SFCA) and the baseline of the site
recommendations, and never as the territory's own actors (views fade them, network analyses
and suggestions leave them out). The margin is measured from the communes' reference points,
so every place within ``margin_km`` of a commune of the territory is kept: coverage and the
nearest places of every commune are those computed from the whole list, up to that distance.

>>> from nec_network.model import Actor, Ecosystem
>>> every = Ecosystem([
...     Actor("amiens", "A", code_insee="80021", latitude=49.894, longitude=2.296),
...     Actor("gournay", "G", code_insee="76312", latitude=49.483, longitude=1.725),  # 76, 8 km from 60
...     Actor("paris", "P", code_insee="75056", latitude=48.857, longitude=2.352),
... ])
>>> split = territory_with_surroundings(every, ["60", "80"])
>>> [actor.id for actor in split.own], [actor.id for actor in split.context], split.left_out
(['amiens'], ['gournay'], 1)
>>> split.ecosystem["gournay"].outside_territory
True
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

import numpy as np

from nec_network.analysis.criteria import ActorCriteria
from nec_network.analysis.spatial import SpatialIndex
from nec_network.model import Actor, Ecosystem
from nec_network.model.actor import OUTSIDE_TERRITORY
from nec_network.model.ecosystem import in_departements
from nec_network.model.position import actor_point
from nec_network.settings import CONTEXT_MARGIN_KM
from nec_network.territory import load_communes

__all__ = ["TerritoryActors", "territory_with_surroundings"]


@dataclasses.dataclass(frozen=True)
class TerritoryActors:
    """The actors of a territory (``own``), those kept around it (``context``, marked
    :attr:`~nec_network.model.Actor.outside_territory`) and how many were left out (farther,
    or nowhere to place)."""

    own: Ecosystem
    context: Ecosystem
    left_out: int
    margin_km: float

    ecosystem: Ecosystem
    """Own and context actors together (context ones marked), with the partnerships among them."""


def territory_with_surroundings(
    ecosystem: Ecosystem,
    departements: Iterable[str],
    *,
    margin_km: float = CONTEXT_MARGIN_KM,
) -> TerritoryActors:
    """Split ``ecosystem`` into the territory of ``departements``, its surroundings within
    ``margin_km`` of one of its communes, and the rest. The input is not changed.

    An actor is placed at its coordinates, else at its commune's reference point; an actor
    outside the territory with neither is left out. Complexity: O(n log c) for n actors
    and c communes (one nearest-point query per actor).
    """
    codes = ActorCriteria(departements=tuple(departements)).departements or ()
    own_ids = {actor.id for actor in ecosystem if not actor.departement or in_departements(actor, codes)}
    outside = [actor for actor in ecosystem if actor.id not in own_ids]
    communes = load_communes(departements=codes)
    index = SpatialIndex(communes["latitude"].to_numpy(float), communes["longitude"].to_numpy(float))
    points = [actor_point(actor) for actor in outside]
    placed = [i for i, point in enumerate(points) if point is not None]
    near: set[str] = set()
    if placed:
        km, _ = index.nearest([points[i][0] for i in placed], [points[i][1] for i in placed])
        near = {outside[i].id for i, distance in zip(placed, km) if distance <= margin_km}
    kept = ecosystem.subset(lambda actor: actor.id in own_ids or actor.id in near)
    kept = kept.replace_actors(
        {actor.id: _marked(actor) if actor.id in near else _unmarked(actor) for actor in kept}
    )
    return TerritoryActors(
        own=kept.subset(lambda actor: actor.id in own_ids),
        context=kept.subset(lambda actor: actor.id in near),
        left_out=len(outside) - len(near),
        margin_km=float(margin_km),
        ecosystem=kept,
    )

def _marked(actor: Actor) -> Actor:
    if actor.outside_territory:
        return actor
    return dataclasses.replace(actor, extra={**actor.extra, OUTSIDE_TERRITORY: "oui"})


def _unmarked(actor: Actor) -> Actor:
    if OUTSIDE_TERRITORY not in actor.extra:
        return actor
    return dataclasses.replace(actor, extra={k: v for k, v in actor.extra.items() if k != OUTSIDE_TERRITORY})
