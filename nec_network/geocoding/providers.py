"""Online geocoders (geopy) and what we keep of their answers.

Two providers: ``ban`` — the Base Adresse Nationale (api-adresse.data.gouv.fr),
the reference for French addresses — and ``nominatim`` (OpenStreetMap). Their
answers are reduced to :class:`Candidate` records, which is what the cache
stores and what the commune check looks at.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass
from typing import Any

from geopy.adapters import URLLibAdapter
from geopy.geocoders import BANFrance, Nominatim
from geopy.geocoders.base import Geocoder
from geopy.location import Location

from nec_network import __version__
from nec_network.errors import GeocodingError
from nec_network.settings import GEOCODING_PROVIDERS

#: Providers by name, with the French label shown to users.
PROVIDERS = GEOCODING_PROVIDERS

#: Seconds between two requests: BAN allows 50 requests/s per IP, Nominatim's policy is 1/s.
DEFAULT_MIN_DELAY: dict[str, float] = {"ban": 0.05, "nominatim": 1.0}

USER_AGENT = f"nec-network/{__version__}"

#: Candidates asked for per query: the first one in the expected commune wins.
CANDIDATES_PER_QUERY = 5

# Result kinds that only locate the commune, not the address.
_COMMUNE_KINDS = frozenset({"municipality", "city", "town", "village", "administrative"})


@dataclass(frozen=True)
class Candidate:
    """One answer of a geocoder, reduced to what we check and keep.

    ``citycode`` is the INSEE code (BAN only), ``kind`` the result type
    (BAN ``type`` such as ``housenumber``/``street``/``municipality``; Nominatim
    ``addresstype``), ``score`` the BAN relevance score (None for Nominatim).

    >>> Candidate(49.9, 2.3, "Amiens", kind="municipality").locates_commune_only
    True
    """

    latitude: float
    longitude: float
    label: str
    citycode: str = ""
    postcode: str = ""
    kind: str = ""
    score: float | None = None

    def __post_init__(self) -> None:
        # A cache file or a service can hold anything: text, lists, NaN, 95° of latitude.
        for name, bound in (("latitude", 90.0), ("longitude", 180.0)):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) \
                    or abs(value) > bound:
                raise ValueError(f"{name} invalide : {value!r}")
        for name in ("label", "citycode", "postcode", "kind"):
            if not isinstance(getattr(self, name), str):
                raise ValueError(f"{name} invalide : {getattr(self, name)!r}")
        score = self.score
        if score is not None and (isinstance(score, bool) or not isinstance(score, (int, float))
                                  or not math.isfinite(score)):
            raise ValueError(f"score invalide : {score!r}")

    @property
    def locates_commune_only(self) -> bool:
        """True when the answer is the commune itself rather than an address in it."""
        return self.kind in _COMMUNE_KINDS

    def to_dict(self) -> dict[str, Any]:
        """Plain dict for JSON storage."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Candidate:
        """Inverse of :meth:`to_dict`; :class:`ValueError` or :class:`TypeError` for anything else
        (coordinates that are not finite numbers in range, fields missing or of another type).

        >>> Candidate.from_dict({"latitude": float("nan"), "longitude": 2.3, "label": "X"})
        Traceback (most recent call last):
        ...
        ValueError: latitude invalide : nan
        """
        if not isinstance(data, dict):
            raise TypeError(f"réponse invalide : {data!r}")
        return cls(**data)


def make_geocoder(
    provider: str, *, domain: str | None = None, scheme: str | None = None, timeout: float = 10.0
) -> Geocoder:
    """A geopy geocoder for ``provider`` (``ban`` or ``nominatim``).

    ``domain`` and ``scheme`` point it elsewhere (a local server in tests).
    Retries are left to the caller's rate limiter: the HTTP layer makes one
    request per call.
    """
    check_provider(provider)
    options: dict[str, Any] = {
        "scheme": scheme,
        "timeout": timeout,
        "user_agent": USER_AGENT,
        "adapter_factory": URLLibAdapter,
    }
    if domain:
        options["domain"] = domain
    if provider == "ban":
        return BANFrance(**options)
    return Nominatim(**options)


def check_provider(provider: str) -> None:
    """Raise :class:`GeocodingError` for an unknown provider name."""
    if provider not in PROVIDERS:
        raise GeocodingError(
            f"Fournisseur de géocodage inconnu : « {provider} » (possibles : {', '.join(PROVIDERS)})."
        )


def search(geocoder: Geocoder, provider: str, query: str) -> tuple[Candidate, ...]:
    """Ask ``geocoder`` for ``query``; raise geopy's exceptions on service errors."""
    if provider == "ban":
        found = geocoder.geocode(query, exactly_one=False, limit=CANDIDATES_PER_QUERY)
    else:
        found = geocoder.geocode(
            query,
            exactly_one=False,
            limit=CANDIDATES_PER_QUERY,
            addressdetails=True,
            country_codes="fr",
        )
    candidates = []
    for location in found or ():
        try:
            candidates.append(_candidate(provider, location))
        except (TypeError, ValueError):
            continue  # a point out of range or not a number is no answer
    return tuple(candidates)


def _candidate(provider: str, location: Location) -> Candidate:
    raw = location.raw
    if provider == "ban":
        properties = raw.get("properties", {})
        score = properties.get("score")
        return Candidate(
            latitude=location.latitude,
            longitude=location.longitude,
            label=str(properties.get("label", location.address or "")),
            citycode=str(properties.get("citycode", "")),
            postcode=str(properties.get("postcode", "")),
            kind=str(properties.get("type", "")),
            score=None if score is None else float(score),
        )
    address = raw.get("address", {})
    return Candidate(
        latitude=location.latitude,
        longitude=location.longitude,
        label=str(raw.get("display_name", location.address or "")),
        postcode=str(address.get("postcode", "")),
        kind=str(raw.get("addresstype", raw.get("type", ""))),
    )
