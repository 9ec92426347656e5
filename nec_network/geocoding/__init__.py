"""Geocoding: place actors at their address (BAN or Nominatim through geopy), with a
persistent cache and the commune's reference point as the offline fallback.

>>> from nec_network.geocoding import geocode_ecosystem, geocode_address, PROVIDERS
>>> sorted(PROVIDERS)
['ban', 'nominatim']
"""

from nec_network.geocoding.cache import (
    CACHE_DIR_VARIABLE,
    CachedAnswer,
    GeocodingCache,
    address_key,
    default_cache_path,
)
from nec_network.geocoding.address import (
    LookupOptions,
    Placement,
    check_candidate,
    describe_service_error,
    geocode_address,
)
from nec_network.geocoding.geocoder import GeocodingResult, geocode_ecosystem
from nec_network.geocoding.providers import PROVIDERS, USER_AGENT, Candidate, make_geocoder

__all__ = [
    "CACHE_DIR_VARIABLE",
    "PROVIDERS",
    "USER_AGENT",
    "CachedAnswer",
    "Candidate",
    "GeocodingCache",
    "GeocodingResult",
    "LookupOptions",
    "Placement",
    "address_key",
    "check_candidate",
    "default_cache_path",
    "describe_service_error",
    "geocode_address",
    "geocode_ecosystem",
    "make_geocoder",
]
