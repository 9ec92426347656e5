"""Personal data: the advisers of a place, and any column a mapping marks as personal.

The national v0 export of the *Conseillers numériques France Services* lists,
for each place, its advisers (``aidants``: id, name, e-mail, phone). Only
their number is needed to map and measure the offer: it becomes
``extra["conseillers"]``, the place's capacity for ``--capacite conseillers``.
The list itself is kept in ``extra["aidants"]`` while reading, so that two
records of one place can be merged without counting an adviser twice, and is
then removed by :func:`without_personal_data` before the folder model is
written, unless the coordinator asks to keep it
(``--garder-donnees-personnelles``). Publication exports (v1, GeoJSON,
data·inclusion) and pages always go through :func:`without_personal_data`.

``extra["champs_personnels"]`` names the personal keys of an actor
(``aidants`` and the columns marked ``personnel`` in a mapping), so that a
folder model written with them still knows what to remove on export.
"""

from __future__ import annotations

import dataclasses
import json
from typing import Any

from nec_network.model import Actor, Ecosystem

#: ``extra`` key listing the personal keys of an actor (``|``-separated).
PERSONAL_MARKER = "champs_personnels"
#: ``extra`` key of the advisers' list (JSON text) and of their number.
ADVISERS = "aidants"
ADVISER_COUNT = "conseillers"


def adviser_cells(value: Any) -> dict[str, str]:
    """The ``aidants`` value of a v0 record → ``aidants`` (JSON text), ``conseillers`` (count), marker.

    Advisers are counted once each (by ``aidantId``, else by their whole record).

    >>> cells = adviser_cells([{"aidantId": "x1", "nom": "Conseiller Fictif"}, {"aidantId": "x1"}])
    >>> cells["conseillers"], cells["champs_personnels"]
    ('1', 'aidants')
    """
    advisers = value if isinstance(value, list) else []
    if isinstance(value, str) and value.strip():
        try:
            decoded = json.loads(value)
        except ValueError:
            decoded = []
        advisers = decoded if isinstance(decoded, list) else []
    people = [item for item in advisers if isinstance(item, dict)]
    distinct = {str(item.get("aidantId") or json.dumps(item, sort_keys=True)) for item in people}
    return {
        ADVISERS: json.dumps(people, ensure_ascii=False),
        ADVISER_COUNT: str(len(distinct)),
        PERSONAL_MARKER: ADVISERS,
    }


def personal_keys(actor: Actor) -> set[str]:
    """Keys of ``actor.extra`` holding personal data (the marker itself included)."""
    marked = str(actor.extra.get(PERSONAL_MARKER, ""))
    keys = {key for key in marked.split("|") if key}
    if ADVISERS in actor.extra:
        keys.add(ADVISERS)
    return keys | ({PERSONAL_MARKER} if PERSONAL_MARKER in actor.extra else set())


def _adviser_contacts(actor: Actor) -> set[str]:
    try:
        advisers = json.loads(str(actor.extra.get(ADVISERS, "") or "[]"))
    except ValueError:
        return set()
    contacts = set()
    for adviser in advisers if isinstance(advisers, list) else []:
        if isinstance(adviser, dict):
            contacts |= {str(adviser.get(key, "")).strip().lower() for key in ("courriel", "telephone")}
    return contacts - {""}


def without_personal_data(ecosystem: Ecosystem) -> tuple[Ecosystem, int]:
    """A copy of ``ecosystem`` without personal data, and the number of actors that had some.

    Besides the personal keys, a place's phone or e-mail that is one of its
    advisers' own is emptied (the v0 export often gives an adviser's mobile as
    the place's number).

    >>> actor = Actor("a", "Mairie", telephone="+33199000001",
    ...               extra={"aidants": '[{"telephone": "+33199000001"}]', "conseillers": "1"})
    >>> clean, count = without_personal_data(Ecosystem([actor]))
    >>> clean["a"].telephone, clean["a"].extra, count
    ('', {'conseillers': '1'}, 1)
    """
    updated: dict[str, Actor] = {}
    for actor in ecosystem:
        keys = personal_keys(actor)
        if not keys:
            continue
        contacts = _adviser_contacts(actor)
        changes: dict[str, Any] = {"extra": {k: v for k, v in actor.extra.items() if k not in keys}}
        if actor.telephone.strip().lower() in contacts:
            changes["telephone"] = ""
        kept_mails = tuple(mail for mail in actor.courriels if mail.strip().lower() not in contacts)
        if kept_mails != actor.courriels:
            changes["courriels"] = kept_mails
        updated[actor.id] = dataclasses.replace(actor, **changes)
    if not updated:
        return ecosystem, 0
    return ecosystem.replace_actors(updated), len(updated)
