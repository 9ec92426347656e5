"""The network page in time: what its JSON document and its time control need.

The page shows the network on a chosen day with the rule of
:func:`nec_network.analysis.evolution.network_at`, applied in the browser by
``static/reseau-temps.js`` to the dates as the data writes them (``2024``, ``2024-03``,
``2024-03-15``): a partnership is there from the first day of its ``debut`` (no earlier than
its event's first day when it was born at a dated event) to the last day of its ``fin``;
undated partnerships are there at every date. Python gives the dates as written, the events
and the bounds of the control; tests replay the browser's rule in Node against
``network_at``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from nec_network.model import Ecosystem, Partnership
from nec_network.model.dates import french_date
from nec_network.wording import plural

#: Partnership types that say who works with whom (``membre_de`` alone says where a place belongs).
WORKING_TYPES = ("partenariat", "orientation", "co_organisation", "mutualisation", "financement")
SURVEY_HINT = (
    "Pour les recueillir, faites remplir aux acteurs la page d’enquête que produit « nec-network enquete », "
    "puis importez les réponses."
)


def _event_days(ecosystem: Ecosystem) -> dict[str, dt.date]:
    return {event.id: event.date.first_day for event in ecosystem.events if event.date is not None}


def _is_dated(link: Partnership, event_days: dict[str, dt.date]) -> bool:
    return link.debut is not None or link.fin is not None or link.evenement in event_days


def meetings(ecosystem: Ecosystem) -> list[dict[str, Any]]:
    """Dated events where actors met (survey waves left out), oldest first: ``id``, ``nom``,
    ``date`` (as written), ``jour`` (its first day, ISO) and ``participants`` (organisers
    included, sorted ids)."""
    found = [
        event
        for event in ecosystem.events
        if event.date is not None and not event.is_survey
    ]
    found.sort(key=lambda event: (event.date.first_day, event.id))  # type: ignore[union-attr]
    return [
        {
            "id": event.id,
            "nom": event.nom,
            "date": str(event.date),
            "jour": event.date.first_day.isoformat(),  # type: ignore[union-attr]
            "participants": sorted(actor for actor in event.attendees if actor in ecosystem),
        }
        for event in found
    ]


def _bounds(ecosystem: Ecosystem, event_days: dict[str, dt.date]) -> tuple[dt.date, dt.date]:
    """First and last day the control offers: the earliest first day of a date, and the
    reference date of the analyses (:func:`~nec_network.analysis.evolution.reference_date`) or
    the latest first day of a date when that is later."""
    from nec_network.analysis.evolution import reference_date

    days = list(event_days.values())
    for link in ecosystem.partnerships:
        days.extend(date.first_day for date in (link.debut, link.fin) if date is not None)
    reference = reference_date(ecosystem)
    return min(days), max(days + ([reference] if reference else []))


def time_document(ecosystem: Ecosystem) -> dict[str, Any]:
    """The ``temps`` entry of the page's JSON document.

    ``etat`` is ``"date"`` when some partnership is dated, with ``debut``/``fin`` (ISO days
    bounding the control), ``liens_dates``, ``liens_sans_date`` and ``evenements``
    (:func:`meetings`); otherwise ``"absent"`` with ``raison``, the sentence the page shows.
    """
    event_days = _event_days(ecosystem)
    links = ecosystem.partnerships
    dated = sum(_is_dated(link, event_days) for link in links)
    if not any(link.type in WORKING_TYPES for link in links):
        reason = (
            "Ces données ne décrivent aucun partenariat de travail (qui oriente vers qui, qui "
            "travaille avec qui) : seulement des lieux"
            + (" et leur rattachement à une structure." if links else ".")
            + " " + SURVEY_HINT
        )
        return {"etat": "absent", "raison": reason, "sans_partenariats": True}
    if not dated:
        reason = (
            "Aucun partenariat n’est daté : le réseau ne peut pas être montré à une date. "
            "Ajoutez les colonnes debut et fin (AAAA, AAAA-MM ou AAAA-MM-JJ) ou recueillez les "
            "dates avec l’enquête « nec-network enquete »."
        )
        return {"etat": "absent", "raison": reason, "sans_partenariats": False}
    first, last = _bounds(ecosystem, event_days)
    return {
        "etat": "date",
        "debut": first.isoformat(),
        "fin": last.isoformat(),
        "liens_dates": dated,
        "liens_sans_date": len(links) - dated,
        "evenements": meetings(ecosystem),
        # Every dated event (survey waves too) dates the partnerships born there: pairs, not keys.
        "jours": sorted([event_id, day.isoformat()] for event_id, day in event_days.items()),
    }


def undated_note(document: dict[str, Any]) -> str:
    """The sentence saying how undated partnerships are shown ("" when all are dated)."""
    undated = document.get("liens_sans_date", 0)
    if not undated:
        return ""
    return (
        f"{plural(undated, 'partenariat sans date est montré', 'partenariats sans date sont montrés')}"
        " à toutes les dates, en trait fin : on ne sait pas quand "
        + ("il a commencé." if undated == 1 else "ils ont commencé.")
    )


def _french_day(day: str) -> str:
    return french_date(dt.date.fromisoformat(day))


def template_values(document: dict[str, Any]) -> dict[str, Any]:
    """What the template shows of :func:`time_document`: the same, with the bounds in words and
    the note on undated partnerships."""
    if document["etat"] != "date":
        return document
    return {
        **document,
        "debut_texte": _french_day(document["debut"]),
        "fin_texte": _french_day(document["fin"]),
        "note": undated_note(document),
    }
