"""Place actors on the map: at their address when a geocoder finds it in the right commune,
else at their commune's reference point.

Precisions (the ``Actor.precision`` field): ``adresse`` (geocoded at the
address), ``commune`` (reference point of the commune) and ``saisie``
(coordinates given by the source, never overwritten). Actors already placed at
``commune`` precision are our own fallback, so they are tried again and move to
the address when it is found; otherwise they keep their coordinates.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from nec_network.geocoding._progress import ProgressBar
from nec_network.geocoding.address import (
    ABANDONED_REASON,
    OFFLINE_REASON,
    AddressLookup,
    LookupOptions,
    Placement,
)
from nec_network.geocoding.providers import PROVIDERS
from nec_network.model import Actor, Ecosystem
from nec_network.wording import plural

PRECISIONS = ("adresse", "commune", "saisie")


@dataclass(frozen=True)
class GeocodingResult:
    """A geocoded copy of an ecosystem, the placement of each actor and the run's counts.

    ``requests`` counts HTTP requests sent (retries included), ``cache_hits``
    the answers taken from the cache, ``damaged_cache_entries`` the cached answers
    ignored because they could not be read (coordinates not numbers, or out of range).
    """

    ecosystem: Ecosystem
    placements: Mapping[str, Placement]
    provider: str
    offline: bool
    requests: int = 0
    cache_hits: int = 0
    completed_insee_codes: int = 0
    interruption: str = ""
    damaged_cache_entries: int = 0

    def __post_init__(self) -> None:
        object.__setattr__(self, "placements", MappingProxyType(dict(self.placements)))

    @property
    def counts(self) -> dict[str, int]:
        """Actors by precision: ``adresse``, ``commune``, ``saisie`` and ``aucune`` (not placed)."""
        counted = Counter(p.precision for p in self.placements.values())
        return {
            **{precision: counted[precision] for precision in PRECISIONS},
            "aucune": counted[""],
        }

    @property
    def failures(self) -> tuple[tuple[str, str], ...]:
        """``(actor id, French reason)`` for each actor not placed at its address nor by its source."""
        return tuple(
            (actor_id, placement.reason)
            for actor_id, placement in self.placements.items()
            if placement.precision in ("commune", "")
        )

    def summary(self) -> str:
        """One French line: counts by precision, requests and cache hits."""
        c = self.counts
        line = (
            f"{plural(len(self.placements), 'acteur')} : {c['adresse']} à l'adresse, "
            f"{c['commune']} au point de référence de leur commune, "
            f"{c['saisie']} aux coordonnées saisies (conservées), {c['aucune']} sans coordonnées."
        )
        service = PROVIDERS[self.provider]
        if self.offline:
            line += f" Mode hors ligne ({service}) : {plural(self.cache_hits, 'réponse')} du cache, aucune requête."
        else:
            line += (
                f" {service} : {plural(self.requests, 'requête')}, "
                f"{plural(self.cache_hits, 'réponse')} du cache."
            )
        if self.completed_insee_codes:
            line += f" {plural(self.completed_insee_codes, 'code INSEE complété', 'codes INSEE complétés')}."
        if self.damaged_cache_entries:
            count = self.damaged_cache_entries
            line += (f" Attention : {plural(count, 'réponse illisible', 'réponses illisibles')} du cache "
                     f"({'ignorée' if count == 1 else 'ignorées'} : coordonnées qui ne sont pas des nombres "
                     "ou hors limites) ; " + ("hors ligne, ces adresses vont au point de leur commune."
                                              if self.offline else "adresses redemandées au service."))
        if self.interruption:
            line += f" {self.interruption}"
        return line

    def failure_lines(self, *, limit: int | None = None) -> list[str]:
        """One French line per actor not placed at its address, with the reason.

        Actors left out only because the run was (or went) offline are not
        listed: the summary says so. Beyond ``limit`` lines, a last line counts
        the others.
        """
        lines = []
        for actor_id, reason in self.failures:
            if reason in (OFFLINE_REASON, ABANDONED_REASON):
                continue
            actor = self.ecosystem[actor_id]
            where = "point de la commune" if self.placements[actor_id].precision else "non placé"
            lines.append(f"{actor_id} « {actor.nom} » : {reason} → {where}")
        if limit is not None and len(lines) > limit:
            lines[limit:] = [f"… et {len(lines) - limit} autres"]
        return lines


def geocode_ecosystem(
    ecosystem: Ecosystem,
    options: LookupOptions | None = None,
    *,
    progress: bool | None = None,
) -> GeocodingResult:
    """Geocode every actor of ``ecosystem``; return a new ecosystem and the run's summary.

    - Coordinates given in the input are kept (precision ``saisie`` when it was empty).
    - Other actors are looked up at ``adresse, code_postal commune`` with
      ``options`` (default :class:`~nec_network.geocoding.address.LookupOptions`:
      BAN, online, the default cache).
    - On failure, timeout, an answer elsewhere, no address, or offline: the
      commune's reference point with precision ``commune``; the reason is kept.
    - After several addresses in a row fail, the rest of the run is offline.
    - ``progress``: French progress bar on stderr (None: only on a terminal).

    The input ecosystem is not modified.
    """
    options = options or LookupOptions()
    placements: dict[str, Placement] = {}
    updated: dict[str, Actor] = {}
    completed = 0
    with AddressLookup(options) as lookup:
        bar = ProgressBar(len(ecosystem), enabled=progress)
        for actor in ecosystem:
            placement = _place_actor(lookup, actor)
            placements[actor.id] = placement
            new_actor = _apply(actor, placement)
            if new_actor != actor:
                updated[actor.id] = new_actor
                completed += int(not actor.code_insee and bool(new_actor.code_insee))
            bar.advance()
        bar.close()
    return GeocodingResult(
        ecosystem=ecosystem.replace_actors(updated),
        placements=placements,
        provider=options.provider,
        offline=options.offline,
        requests=lookup.requests,
        cache_hits=lookup.cache_hits,
        completed_insee_codes=completed,
        interruption=lookup.interruption,
        damaged_cache_entries=lookup.damaged_cache_entries,
    )


def _place_actor(lookup: AddressLookup, actor: Actor) -> Placement:
    unreadable = [column for column in ("latitude", "longitude") if column in actor.extra]
    if unreadable or (actor.latitude is None) != (actor.longitude is None):
        # A coordinate cell the reader could not understand, or only one of the two: the
        # person typed something there; it is theirs to correct, never ours to replace.
        what = " et ".join(unreadable) if unreadable else "latitude ou longitude manquante"
        return Placement(
            actor.latitude, actor.longitude, "",
            code_insee=actor.code_insee,
            reason=f"coordonnées saisies illisibles ou incomplètes ({what}) : cellules laissées telles quelles",
        )
    given = actor.has_coordinates and actor.precision != "commune"
    if given:
        return Placement(
            actor.latitude,
            actor.longitude,
            actor.precision or "saisie",
            code_insee=actor.code_insee,
        )
    placement = lookup.place(actor.adresse, actor.code_postal, actor.commune, actor.code_insee)
    if actor.has_coordinates and placement.precision != "adresse":
        # A commune point from an earlier run stays where it was.
        return dataclasses.replace(
            placement, latitude=actor.latitude, longitude=actor.longitude, precision="commune"
        )
    return placement


def _apply(actor: Actor, placement: Placement) -> Actor:
    changes: dict[str, object] = {}
    if placement.is_placed:
        changes.update(
            latitude=placement.latitude,
            longitude=placement.longitude,
            precision=placement.precision,
        )
    if not actor.code_insee and placement.code_insee:
        changes["code_insee"] = placement.code_insee
    return dataclasses.replace(actor, **changes) if changes else actor


