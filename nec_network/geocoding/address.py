"""Place one address: the geocoder, its cache and rate limit, the checks of an answer, the fallback.

:func:`geocode_address` places one address; :class:`AddressLookup` is one
run's geocoder, rate limiter, cache and counters, used by
:func:`nec_network.geocoding.geocoder.geocode_ecosystem` for every actor. An
answer counts only when :func:`check_candidate` finds it in the expected
commune; otherwise the commune's reference point is used, with the reason.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Self

from geopy.adapters import AdapterHTTPError
from geopy.exc import (
    GeocoderParseError,
    GeocoderServiceError,
    GeocoderTimedOut,
    GeocoderUnavailable,
)
from geopy.extra.rate_limiter import RateLimiter

from nec_network.distance import great_circle_km
from nec_network.geocoding._communes import CommunePoint, resolve_commune
from nec_network.geocoding.cache import GeocodingCache, default_cache_path
from nec_network.geocoding.providers import (
    DEFAULT_MIN_DELAY,
    Candidate,
    check_provider,
    make_geocoder,
    search,
)

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
class LookupOptions:
    """Settings of a geocoding run, given to :func:`geocode_address` and
    :func:`~nec_network.geocoding.geocoder.geocode_ecosystem`.

    - ``provider``: ``ban`` or ``nominatim``; ``offline`` uses the cache but sends no request.
    - An answer counts only if it lies in the expected commune (BAN ``citycode``
      equal to the INSEE code, else same postal code or within ``max_distance_km``
      of the commune's reference point) and is more than the commune itself (BAN
      score at least ``min_score``).
    - Answers are cached in ``cache_path`` (default :func:`default_cache_path`),
      misses included; a miss is asked again after ``retry_misses_after_days``.
    - Requests wait at most ``timeout`` seconds, are spaced by ``min_delay_seconds``
      (default per provider), and failed ones are retried ``max_retries`` times after
      ``error_wait_seconds``.
    - ``domain`` and ``scheme`` point the geocoder at another server (tests).
    """

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


def geocode_address(
    adresse: str,
    *,
    code_postal: str = "",
    commune: str = "",
    code_insee: str = "",
    options: LookupOptions | None = None,
) -> Placement:
    """Place one address with ``options`` (default :class:`LookupOptions`).

    Offline and with no cache, the commune's reference point:

    >>> import tempfile, pathlib
    >>> cache = pathlib.Path(tempfile.mkdtemp()) / "absent.sqlite"
    >>> offline = LookupOptions(offline=True, cache_path=cache)
    >>> p = geocode_address("1 rue X", code_insee="80021", options=offline)
    >>> p.precision, p.label, p.reason
    ('commune', 'Amiens', 'mode hors ligne')
    """
    with AddressLookup(options or LookupOptions()) as lookup:
        return lookup.place(adresse, code_postal, commune, code_insee)


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


class AddressLookup:
    """One run's geocoder, rate limiter, cache and counters."""

    def __init__(self, options: LookupOptions) -> None:
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

    @property
    def damaged_cache_entries(self) -> int:
        """Answers of the cache that could not be read (ignored, see :meth:`GeocodingCache.get`)."""
        return len(self._cache.damaged) if self._cache is not None else 0

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
