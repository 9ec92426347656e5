"""Defaults and choices of the library, in one place, importable without numpy or pandas.

The command line builds its parser from these values, and ``nec-network -h`` must start
in a fraction of a second: this module imports nothing beyond the standard library. The
modules that use a value import it from here, so each one is written once.

>>> SPEEDS_KMH["voiture"], DEFAULT_MAX_MINUTES
(50.0, 20.0)
"""

from __future__ import annotations

#: Default coverage threshold: minutes by car on the road approximation.
DEFAULT_MAX_MINUTES = 20.0

#: Road distance / great-circle distance used by the road approximation.
DETOUR_FACTOR = 1.3

#: Average door-to-door speed on the road distance, in km/h, per mobility mode.
#:
#: - ``voiture`` 50 km/h: departmental roads at 80 km/h slowed by every village
#:   crossing, junction and parking; trips of 10–25 km in the Pays picards average
#:   45–60 km/h, and the lower end keeps "covered" honest;
#: - ``transport`` 20 km/h: regional coach or TER including the walk to the stop,
#:   but not the wait for a timetable (which no distance model can know);
#: - ``velo`` 15 km/h: an everyday cyclist on country roads;
#: - ``pied`` 4.5 km/h: an adult's walking pace, slower for older people.
SPEEDS_KMH: dict[str, float] = {"voiture": 50.0, "transport": 20.0, "velo": 15.0, "pied": 4.5}

#: Default great-circle distance between two actors for a partnership suggestion.
SUGGESTION_MAX_KM = 15.0

#: Sites recommended by default by the synthesis (``analyse``, ``report``, ``site``): twice,
#: by population and by fragile population.
DEFAULT_SITES = 10

#: Default weight of a rural actor's travel time when ranking the venues of the next local event.
DEFAULT_RURAL_WEIGHT = 1.5

#: How far outside a restricted territory places are kept as context (« hors territoire »), in
#: great-circle km from the territory's communes: the largest distance an analysis uses by
#: default (coverage: 20 minutes by car ≈ 12.8 km; suggestions: 15 km), and at least 30 km so
#: that the nearest places of a border commune stay those of the whole list.
CONTEXT_MARGIN_KM = max(
    30.0,
    SUGGESTION_MAX_KM,
    DEFAULT_MAX_MINUTES * SPEEDS_KMH["voiture"] / 60 / DETOUR_FACTOR,
)

#: Geocoding services, by the names the command line uses.
GEOCODING_PROVIDERS: dict[str, str] = {
    "ban": "Base Adresse Nationale",
    "nominatim": "Nominatim (OpenStreetMap)",
}

#: The Base Adresse Nationale's search, which « Où orienter ? » may ask for an address only when
#: built with ``--adresse-en-ligne`` and when the person clicks the button that says so.
BAN_SEARCH_URL = "https://api-adresse.data.gouv.fr/search/"

#: Choices of the network page: what colours, sizes and places the actors.
NETWORK_COLOR_CHOICES = ("typologie", "communaute", "departement")
NETWORK_SIZE_CHOICES = ("degre", "intermediarite", "pagerank")
NETWORK_LAYOUT_CHOICES = ("auto", "physique", "geographique")
