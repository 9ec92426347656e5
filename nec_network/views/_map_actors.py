"""The map's actors: a table of named columns, one value per actor in the same order.

The page needs a dozen fields of each of up to tens of thousands of places. Sent as one
object per actor, the document repeated every key 20,000 times and Python built as many
dicts; sent as named columns (``{"nom": [...], "lat": [...], ...}``), each key appears once,
each column is built in one pass over the actors, and what is worked out from a text that
places share (opening hours, a phone number, a date, a list of services) is worked out once
per distinct text. The page's script ``static/carte-colonnes.js`` makes one object per actor
from the columns when the page starts, so the rest of the page reads ``actor.nom`` as before.

Text stays text here: the page puts it into the DOM with ``textContent``, and
:func:`~nec_network.views.page.script_json` makes the document safe inside ``<script>``.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Hashable, Sequence
from itertools import accumulate, chain, pairwise
from typing import Any, TypeVar

import numpy as np

from nec_network.model import Actor, Ecosystem
from nec_network.model.actor import COMMUNE_DEDUCED, TYPOLOGY_DEDUCED
from nec_network.model.label_services import deduced_label
from nec_network.model.opening_hours import describe_opening_hours
from nec_network.model.phone import phone_link
from nec_network.model.trust import completeness_of, is_stale
from nec_network.views._map_data import DECIMALS, MapPositions
from nec_network.views._web_links import email_address, web_url
from nec_network.views.style import typology_styles
from nec_network.wording import NBSP

_Text = TypeVar("_Text", bound=Hashable)


def actors_data(
    ecosystem: Ecosystem, *, at: dt.date | None = None, positions: MapPositions | None = None
) -> dict[str, Any]:
    """Typologies (style, label, count) and the table of the actors with a plausible position.

    ``acteurs`` is ``{"nombre": n, "colonnes": {name: [n values]}}``: each column holds one
    value per actor, in the order of the actors on the map (the indexes ``liens``,
    ``communes`` and ``evenements`` use). Always present: ``id``, ``lat``, ``lon``, ``typo``
    (index in ``typologies``), ``nom``, ``completude`` (share of the national standard's
    recommended fields filled, in %). Present when at least one actor has a value, ``""``,
    ``[]`` or ``false`` for the others: ``adresse``, ``commune`` (postal code and name),
    ``services`` and ``publics`` (indexes in ``valeurs``), ``horaires`` (in French),
    ``telephone`` (as given), ``tel`` (the number a ``tel:`` link dials, only for a valid
    one: :func:`~nec_network.model.phone.phone_link`), ``courriels`` (addresses only),
    ``sites`` (http(s) only), ``rdv`` (http(s)), ``itinerant``; trust signals: ``source``,
    ``date_maj`` (dd/mm/yyyy), ``maj_ancienne`` (true when not updated for more than a year
    before ``at``, the date the map is built for: « à vérifier »; never without ``at``),
    ``typologie_deduite`` (true when deduced from the name), ``commune_deduite`` (how the
    commune was deduced), ``precision`` (``commune`` when placed at the commune's point),
    ``hors_territoire`` (true for a place kept around the territory as context: drawn faded,
    not counted in ``typologies``; ``hors_territoire`` at the top level counts them),
    ``services_deduits`` (the label whose services were deduced: « déduits du label »).
    Actors without coordinates are not drawn; ``sans_coordonnees`` counts them. Actors with
    a clearly wrong position are not drawn either: ``a_verifier`` lists them (records of
    :func:`~nec_network.views._map_data.positions_to_check`). ``positions``: the
    :class:`~nec_network.views._map_data.MapPositions` of ``ecosystem`` when already computed.
    """
    positions = MapPositions.of(ecosystem) if positions is None else positions
    located, to_check = positions.located, positions.to_check()
    codes = [actor.primary_typology for actor in located]
    outside = [actor.outside_territory for actor in located]
    styles = typology_styles(codes)
    counts = Counter(code for code, context in zip(codes, outside, strict=True) if not context)
    values, listed = _value_columns(located)
    typology_index = {code: index for index, code in enumerate(styles)}
    columns = {
        **_identity_columns(positions, [typology_index[code] for code in codes]),
        **_non_empty(_description_columns(located, listed)),
        **_non_empty(_trust_columns(located, outside, at)),
    }
    return {
        "typologies": [
            {"code": code, "libelle": style.label, "couleur": style.color,
             "sigle": style.abbreviation, "nombre": counts[code]}
            for code, style in styles.items()
        ],
        "valeurs": values,
        "acteurs": {"nombre": len(located), "colonnes": columns},
        "sans_coordonnees": len(ecosystem) - len(located) - len(to_check),
        "hors_territoire": sum(outside),
        "a_verifier": to_check,
    }


def _identity_columns(positions: MapPositions, typology: list[int]) -> dict[str, list[Any]]:
    """The columns every actor drawn fills: who it is, where, its typology and completeness."""
    located = positions.located
    return {
        "id": [actor.id for actor in located],
        "lat": np.round(positions.latitude, DECIMALS).tolist(),
        "lon": np.round(positions.longitude, DECIMALS).tolist(),
        "typo": typology,
        "nom": [actor.nom for actor in located],
        # Whole percents, half to even as round() does.
        "completude": np.rint(100 * np.array(completeness_of(located), dtype=float)).astype(int).tolist(),
    }


def _value_columns(located: Sequence[Actor]) -> tuple[list[str], dict[str, list[list[int]]]]:
    """The values of the actors' ``services`` and ``publics``, each once in order of first
    appearance (services first), and those two columns as indexes in them. Each distinct list
    is read once (places of one network share theirs) and its answer shared."""
    lists = {"services": [actor.services for actor in located], "publics": [actor.publics for actor in located]}
    distinct_lists = chain.from_iterable(map(dict.fromkeys, lists.values()))
    values = list(dict.fromkeys(chain.from_iterable(distinct_lists)))
    index = {value: k for k, value in enumerate(values)}

    def refer(listed: tuple[str, ...]) -> list[int]:
        return [index[value] for value in listed]

    return values, {name: _each_distinct(refer, column) for name, column in lists.items()}


def _description_columns(located: Sequence[Actor], listed: dict[str, list[list[int]]]) -> dict[str, list[Any]]:
    """What a popup says of each actor: address, services and publics (``listed``: see
    :func:`_value_columns`), hours, how to reach it."""
    phones = [actor.telephone for actor in located]
    return {
        "adresse": [_joined(actor.adresse.strip(), actor.complement_adresse.strip(), ", ") for actor in located],
        "commune": [_joined(actor.code_postal, actor.commune, " ") for actor in located],
        **listed,
        "horaires": _each_distinct(_french_hours, [actor.horaires for actor in located]),
        "telephone": phones,
        "tel": _each_distinct(phone_link, phones),
        # Nearly every place has its own addresses: checked as they come (a memo costs more).
        "courriels": _checked_lists(email_address, [actor.courriels for actor in located]),
        "sites": _checked_lists(web_url, [actor.sites_web for actor in located]),
        "rdv": _each_distinct(web_url, [actor.prise_rdv for actor in located]),
        "itinerant": [actor.itinerant for actor in located],
    }


def _trust_columns(located: Sequence[Actor], outside: list[bool], at: dt.date | None) -> dict[str, list[Any]]:
    """The trust signals (:mod:`nec_network.model.trust`): who collected each actor, when,
    what was deduced rather than given."""
    return {
        "source": [actor.source for actor in located],
        "date_maj": _each_distinct(_french_day, [actor.date_maj for actor in located]),
        "maj_ancienne": [at is not None and is_stale(actor, at) for actor in located],
        "typologie_deduite": [actor.extra.get(TYPOLOGY_DEDUCED) == "nom" for actor in located],
        "commune_deduite": [str(actor.extra.get(COMMUNE_DEDUCED, "")) for actor in located],
        "precision": [actor.precision for actor in located],
        "hors_territoire": outside,
        "services_deduits": [deduced_label(actor) for actor in located],
    }


def _non_empty(columns: dict[str, list[Any]]) -> dict[str, list[Any]]:
    """The ``columns`` with at least one value (not ``""``, ``[]`` or false): an absent column
    reads as empty for every actor."""
    return {name: column for name, column in columns.items() if any(column)}


def _joined(first: str, second: str, separator: str) -> str:
    return f"{first}{separator}{second}" if first and second else first or second


def _each_distinct(function: Callable[[_Text], Any], texts: list[_Text]) -> list[Any]:
    """``function`` of each of ``texts``, computed once per distinct one (places of one network
    share their hours, phone numbers, update dates, lists of services). Each distinct answer
    is one object, shared by the places that gave the same text."""
    answers = {text: function(text) for text in set(texts)}
    return list(map(answers.__getitem__, texts))


def _checked_lists(check: Callable[[str], str], lists: list[tuple[str, ...]]) -> list[list[str]]:
    """``check`` of each value of each of ``lists``, without the values it refuses (``""``).

    The values are checked in one pass over all of them; when none is refused (the usual
    case), each list is a slice of the answers.
    """
    answers = list(map(check, chain.from_iterable(lists)))
    bounds = pairwise(accumulate(map(len, lists), initial=0))
    if all(answers):
        return [answers[start:end] for start, end in bounds]
    return [[answer for answer in answers[start:end] if answer] for start, end in bounds]


def _french_hours(text: str) -> str:
    return describe_opening_hours(text, separator=NBSP)


def _french_day(day: dt.date | None) -> str:
    return f"{day:%d/%m/%Y}" if day else ""
