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
import datetime as dt
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Self

from geopy.adapters import AdapterHTTPError
from geopy.exc import (
    GeocoderParseError,
    GeocoderServiceError,
    GeocoderTimedOut,
    GeocoderUnavailable,
)
from geopy.extra.rate_limiter import RateLimiter

from nec_network.wording import plural
from nec_network.distance import great_circle_km
from nec_network.geocoding._communes import CommunePoint, resolve_commune
from nec_network.geocoding._progress import ProgressBar
from nec_network.geocoding.cache import GeocodingCache, default_cache_path
from nec_network.geocoding.providers import (
    DEFAULT_MIN_DELAY,
    PROVIDERS,
    Candidate,
    check_provider,
    make_geocoder,
    search,
)
from nec_network.model import Actor, Ecosystem

PRECISIONS = ("adresse", "commune", "saisie")

OFFLINE_REASON = "mode hors ligne"
ABANDONED_REASON = "service abandonné en cours de route"

#: After this many addresses in a row failing on service errors, the run goes on offline.
FAILURES_BEFORE_GIVING_UP = 3


@dataclass(frozen=True)
class Placement:
    """Where an address (or an actor) was placed, and why not more precisely.

    ``precision`` is ``adresse``, ``commune``, ``saisie`` or ``""`` (not
    placed); ``reason`` (French) says why the address was not used, empty when
    it was; ``code_insee`` is the commune the position belongs to, when known.
    """

    latitude: float | None
    longitude: float | None
    precision: str
    label: str = ""
    code_insee: str = ""
    reason: str = ""
    from_cache: bool = False

    @property
    def is_placed(self) -> bool:
        """True when the placement has coordinates."""
        return self.latitude is not None and self.longitude is not None


@dataclass(frozen=True)
class GeocodingResult:
    """A geocoded copy of an ecosystem, the placement of each actor and the run's counts.

    ``requests`` counts HTTP requests sent (retries included), ``cache_hits``
    the answers taken from the cache.
    """

    ecosystem: Ecosystem
    placements: Mapping[str, Placement]
    provider: str
    offline: bool
    requests: int = 0
    cache_hits: int = 0
    completed_insee_codes: int = 0
    interruption: str = ""

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


@dataclass(frozen=True)
class _Options:
    """Settings of a geocoding run (see :func:`geocode_ecosystem` for their meaning)."""

    provider: str = "ban"
    offline: bool = False
    cache_path: str | Path | None = None
    domain: str | None = None
    scheme: str | None = None
    timeout: float = 10.0
    min_delay_seconds: float | None = None
    max_retries: int = 2
    error_wait_seconds: float = 2.0
    max_distance_km: float = 5.0
    min_score: float = 0.5
    retry_misses_after_days: int = 90


def geocode_ecosystem(
    ecosystem: Ecosystem,
    *,
    provider: str = "ban",
    offline: bool = False,
    cache_path: str | Path | None = None,
    domain: str | None = None,
    scheme: str | None = None,
    timeout: float = 10.0,
    min_delay_seconds: float | None = None,
    max_retries: int = 2,
    error_wait_seconds: float = 2.0,
    max_distance_km: float = 5.0,
    min_score: float = 0.5,
    retry_misses_after_days: int = 90,
    progress: bool | None = None,
) -> GeocodingResult:
    """Geocode every actor of ``ecosystem``; return a new ecosystem and the run's summary.

    - Coordinates given in the input are kept (precision ``saisie`` when it was empty).
    - Other actors are looked up at ``adresse, code_postal commune`` with
      ``provider`` (``ban`` or ``nominatim``); an answer counts only if it lies
      in the expected commune (BAN ``citycode`` equal to the INSEE code, else
      same postal code or within ``max_distance_km`` of the commune's
      reference point) and is more than the commune itself (BAN score at least
      ``min_score``).
    - On failure, timeout, an answer elsewhere, no address, or ``offline``: the
      commune's reference point with precision ``commune``; the reason is kept.
    - Answers are cached in ``cache_path`` (default :func:`default_cache_path`),
      misses included; a miss is asked again after ``retry_misses_after_days``.
      ``offline`` uses the cache but sends no request.
    - Requests are spaced by ``min_delay_seconds`` (default per provider) and
      failed ones retried ``max_retries`` times after ``error_wait_seconds``;
      after several addresses in a row fail, the rest of the run is offline.
    - ``progress``: French progress bar on stderr (None: only on a terminal).

    ``domain`` and ``scheme`` point the geocoder at another server (tests).
    The input ecosystem is not modified.
    """
    options = _Options(
        provider=provider,
        offline=offline,
        cache_path=cache_path,
        domain=domain,
        scheme=scheme,
        timeout=timeout,
        min_delay_seconds=min_delay_seconds,
        max_retries=max_retries,
        error_wait_seconds=error_wait_seconds,
        max_distance_km=max_distance_km,
        min_score=min_score,
        retry_misses_after_days=retry_misses_after_days,
    )
    placements: dict[str, Placement] = {}
    updated: dict[str, Actor] = {}
    completed = 0
    with _Lookup(options) as lookup:
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
        provider=provider,
        offline=offline,
        requests=lookup.requests,
        cache_hits=lookup.cache_hits,
        completed_insee_codes=completed,
        interruption=lookup.interruption,
    )


def geocode_address(
    adresse: str,
    *,
    code_postal: str = "",
    commune: str = "",
    code_insee: str = "",
    **options: object,
) -> Placement:
    """Place one address (see :func:`geocode_ecosystem` for ``options``, except ``progress``).

    With ``offline=True`` and no cache, the commune's reference point:

    >>> import tempfile, pathlib
    >>> cache = pathlib.Path(tempfile.mkdtemp()) / "absent.sqlite"
    >>> p = geocode_address("1 rue X", code_insee="80021", offline=True, cache_path=cache)
    >>> p.precision, p.label, p.reason
    ('commune', 'Amiens', 'mode hors ligne')
    """
    with _Lookup(_Options(**options)) as lookup:  # type: ignore[arg-type]
        return lookup.place(adresse, code_postal, commune, code_insee)


def _place_actor(lookup: _Lookup, actor: Actor) -> Placement:
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


def check_candidate(
    candidate: Candidate,
    commune: CommunePoint | None,
    code_postal: str,
    *,
    max_distance_km: float = 5.0,
    min_score: float = 0.5,
) -> str:
    """Why ``candidate`` cannot be the address sought in ``commune`` (French), or ``""``.

    >>> amiens = CommunePoint("80021", "Amiens", 49.9, 2.3)
    >>> check_candidate(Candidate(49.89, 2.29, "8 Rue X 80000 Amiens", "80021", "80000",
    ...                           "housenumber", 0.9), amiens, "80000")
    ''
    >>> check_candidate(Candidate(49.26, 2.48, "8 Rue X 60100 Creil", "60175", "60100",
    ...                           "housenumber", 0.9), amiens, "80000")
    'résultat dans une autre commune : « 8 Rue X 60100 Creil » (INSEE 60175 au lieu de 80021)'
    """
    if candidate.locates_commune_only:
        return f"seule la commune a été trouvée (« {candidate.label} »)"
    if candidate.score is not None and candidate.score < min_score:
        return (
            f"correspondance trop incertaine : « {candidate.label} » (score {candidate.score:.2f})"
        )
    if commune is not None and candidate.citycode:
        if candidate.citycode != commune.code_insee:
            return (
                f"résultat dans une autre commune : « {candidate.label} » "
                f"(INSEE {candidate.citycode} au lieu de {commune.code_insee})"
            )
        return ""
    if code_postal and candidate.postcode and candidate.postcode != code_postal:
        return f"résultat hors du code postal {code_postal} : « {candidate.label} »"
    if commune is not None:
        distance = float(
            great_circle_km(commune.latitude, commune.longitude, candidate.latitude, candidate.longitude)
        )
        if distance > max_distance_km:
            return f"résultat à {distance:.1f} km de {commune.nom} : « {candidate.label} »"
        return ""
    if code_postal and candidate.postcode:
        return ""
    return f"résultat invérifiable, commune inconnue : « {candidate.label} »"


def describe_service_error(error: GeocoderServiceError) -> str:
    """French description of a geocoder failure.

    >>> describe_service_error(GeocoderTimedOut("Service timed out"))
    'délai de réponse dépassé'
    """
    cause = error.__cause__
    if isinstance(cause, AdapterHTTPError):
        # geopy maps 503/504 to a timeout: say what the server actually answered.
        if cause.status_code == 429:
            return "trop de requêtes (HTTP 429)"
        if cause.status_code == 503:
            return "service indisponible (HTTP 503)"
        return f"erreur du service (HTTP {cause.status_code})"
    if isinstance(error, GeocoderTimedOut):
        return "délai de réponse dépassé"
    # geopy reports a DNS or connection failure as a plain service error raised
    # while handling the OSError (URLError) of the connection.
    if isinstance(error, GeocoderUnavailable) or isinstance(error.__context__, OSError):
        return "service injoignable"
    if isinstance(error, GeocoderParseError):
        return "réponse illisible"
    return f"erreur du service ({error})"


class _Lookup:
    """One run's geocoder, rate limiter, cache and counters."""

    def __init__(self, options: _Options) -> None:
        check_provider(options.provider)
        self.options = options
        self.requests = 0
        self.cache_hits = 0
        self.interruption = ""
        self._failures_in_a_row = 0
        path = Path(options.cache_path) if options.cache_path else default_cache_path()
        # Offline, a missing cache file is not created: there is nothing to store.
        self._cache = None if options.offline and not path.exists() else GeocodingCache(path)
        self._geocoder = None
        self._search = None
        if not options.offline:
            self._geocoder = make_geocoder(
                options.provider,
                domain=options.domain,
                scheme=options.scheme,
                timeout=options.timeout,
            )
            delay = options.min_delay_seconds
            if delay is None:
                delay = DEFAULT_MIN_DELAY[options.provider]
            self._search = RateLimiter(
                self._counted_search,
                min_delay_seconds=delay,
                max_retries=options.max_retries,
                error_wait_seconds=max(options.error_wait_seconds, delay),
                swallow_exceptions=False,
            )

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        if self._cache is not None:
            self._cache.close()

    def _counted_search(self, query: str) -> tuple[Candidate, ...]:
        self.requests += 1
        return search(self._geocoder, self.options.provider, query)

    def place(self, adresse: str, code_postal: str, commune: str, code_insee: str) -> Placement:
        """Place one address; fall back to the commune's reference point."""
        reference = resolve_commune(code_insee.strip(), code_postal.strip(), commune.strip())
        adresse = adresse.strip()
        if not adresse:
            return _fallback(reference, "pas d'adresse")
        if reference is None and not code_postal.strip():
            return _fallback(None, "commune et code postal manquants ou inconnus")
        town = commune.strip() or (reference.nom if reference else "")
        query = ", ".join(
            part for part in (adresse, f"{code_postal.strip()} {town}".strip()) if part
        )
        candidates, from_cache, problem = self._answer(query)
        if candidates is None:
            return _fallback(reference, problem)
        if not candidates:
            return _fallback(reference, "adresse introuvable")
        reasons = []
        for candidate in candidates:
            reason = check_candidate(
                candidate,
                reference,
                code_postal.strip(),
                max_distance_km=self.options.max_distance_km,
                min_score=self.options.min_score,
            )
            if not reason:
                return Placement(
                    candidate.latitude,
                    candidate.longitude,
                    "adresse",
                    label=candidate.label,
                    code_insee=candidate.citycode or (reference.code_insee if reference else ""),
                    from_cache=from_cache,
                )
            reasons.append(reason)
        return _fallback(reference, reasons[0])

    def _answer(self, query: str) -> tuple[tuple[Candidate, ...] | None, bool, str]:
        """``(candidates, from_cache, problem)``; candidates is None when there is no answer."""
        provider = self.options.provider
        if self._cache is not None:
            cached = self._cache.get(provider, query)
            if cached is not None:
                age = (dt.date.today() - cached.date).days
                if (
                    not cached.is_miss
                    or age <= self.options.retry_misses_after_days
                    or self._search is None
                ):
                    self.cache_hits += 1
                    return cached.candidates, True, ""
        if self._search is None:
            return None, False, OFFLINE_REASON
        if self.interruption:
            return None, False, ABANDONED_REASON
        try:
            candidates = self._search(query)
        except GeocoderServiceError as error:
            tries = self.options.max_retries + 1
            problem = f"{describe_service_error(error)} ({tries} essai{'s' if tries > 1 else ''})"
            self._failures_in_a_row += 1
            if self._failures_in_a_row >= FAILURES_BEFORE_GIVING_UP:
                self.interruption = (
                    f"Service abandonné après {self._failures_in_a_row} adresses en échec "
                    f"consécutives ({problem}) : la suite a été placée hors ligne."
                )
            return None, False, problem
        self._failures_in_a_row = 0
        if self._cache is not None:
            self._cache.put(provider, query, candidates)
        return candidates, False, ""


def _fallback(reference: CommunePoint | None, reason: str) -> Placement:
    if reference is None:
        return Placement(None, None, "", reason=f"{reason} ; commune introuvable")
    return Placement(
        reference.latitude,
        reference.longitude,
        "commune",
        label=reference.nom,
        code_insee=reference.code_insee,
        reason=reason,
    )
