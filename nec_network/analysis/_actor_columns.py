"""Actors as columns: what the territorial analyses filter and place actors by, read once.

An analysis per service (coverage, recommendation, map) asks the same questions of the
same actors: where are they, which offer this service, which welcome this public. Read
actor by actor, that is a Python pass over every actor for every question; here each
answer is a numpy array, built once per distinct question and kept with the ecosystem
(:func:`actor_columns`: an :class:`~nec_network.model.Ecosystem` never changes, so
neither do its answers).
"""

from __future__ import annotations

import weakref
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
import pandas as pd

from nec_network.model import Actor, Ecosystem


@dataclass(frozen=True, eq=False)
class ActorColumns:
    """Per-actor values as arrays, in the order of ``actors``.

    ``latitude``/``longitude`` are NaN where the actor has no coordinate; ``roaming`` flags
    itinerant actors with a zone.

    >>> columns = ActorColumns.of([Actor("a", "A", services=("Aide aux démarches administratives",)),
    ...                            Actor("b", "B", latitude=50.0, longitude=2.0)])
    >>> columns.listing("services", "Aide aux démarches administratives").tolist(), columns.latitude.tolist()
    ([True, False], [nan, 50.0])
    """

    actors: tuple[Actor, ...]
    latitude: np.ndarray
    longitude: np.ndarray
    roaming: np.ndarray
    _answers: dict[tuple[str, str | None], np.ndarray] = field(default_factory=dict, repr=False)

    @classmethod
    def of(cls, actors: Sequence[Actor]) -> ActorColumns:
        """The columns of ``actors`` (one pass per column; None coordinates become NaN)."""
        actors = tuple(actors)
        count = len(actors)
        latitude = np.fromiter((actor.latitude for actor in actors), dtype=float, count=count)
        longitude = np.fromiter((actor.longitude for actor in actors), dtype=float, count=count)
        roaming = np.fromiter(
            (actor.itinerant and bool(actor.zone_intervention) for actor in actors), dtype=bool, count=count
        )
        for column in (latitude, longitude, roaming):
            column.flags.writeable = False
        return cls(actors, latitude, longitude, roaming)

    def __len__(self) -> int:
        return len(self.actors)

    @cached_property
    def labels(self) -> tuple[pd.api.extensions.ExtensionArray, pd.api.extensions.ExtensionArray]:
        """Each actor's id and name as pandas arrays (the dtype a table column of them gets),
        followed by an empty one that position -1 (no actor) reads."""
        ids = pd.Series([*(actor.id for actor in self.actors), ""]).array
        names = pd.Series([*(actor.nom for actor in self.actors), ""]).array
        return ids, names

    def listing(self, list_field: str, value: str) -> np.ndarray:
        """Whether each actor's list ``list_field`` (``services``, ``publics``…) holds ``value``."""
        key = (list_field, value)
        if key not in self._answers:
            self._answers[key] = self._flags(value in getattr(actor, list_field) for actor in self.actors)
        return self._answers[key]

    def empty(self, list_field: str) -> np.ndarray:
        """Whether each actor's list ``list_field`` is empty (no public listed: everyone)."""
        key = (list_field, None)
        if key not in self._answers:
            self._answers[key] = self._flags(not getattr(actor, list_field) for actor in self.actors)
        return self._answers[key]

    def _flags(self, values) -> np.ndarray:
        flags = np.fromiter(values, dtype=bool, count=len(self.actors))
        flags.flags.writeable = False
        return flags


#: Columns of the ecosystems alive, by identity (an Ecosystem is unhashable: it compares by content).
_COLUMNS: dict[int, ActorColumns] = {}


def actor_columns(ecosystem: Ecosystem) -> ActorColumns:
    """The :class:`ActorColumns` of ``ecosystem``'s actors, built once while it lives."""
    key = id(ecosystem)
    columns = _COLUMNS.get(key)
    if columns is None:
        columns = ActorColumns.of(ecosystem.actors)
        _COLUMNS[key] = columns
        weakref.finalize(ecosystem, _COLUMNS.pop, key, None)
    return columns
