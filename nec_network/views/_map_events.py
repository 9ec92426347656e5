"""The map's event layers: an event's participants and the ties created since, as JSON records.

One record per dated meeting that took place by the data's reference date
(:func:`~nec_network.analysis.evolution.reference_date`), from
:func:`~nec_network.analysis.evolution.event_effect`: the same created ties as the report's
section « Ce que <événement> a créé » and the network page's « Après » view.
"""

from __future__ import annotations

from typing import Any

from nec_network.analysis.evolution import event_effect, reference_date
from nec_network.model import Ecosystem
from nec_network.model.dates import french_date
from nec_network.model.vocabularies import PARTNERSHIP_LABELS
from nec_network.views._map_data import MapPositions


def events_data(ecosystem: Ecosystem, positions: MapPositions) -> list[dict[str, Any]]:
    """The ``evenements`` of the map's document, oldest first. Each record:

    ``nom``, ``date`` (in words), ``reference`` (the reference date, in words),
    ``participants`` (indexes in ``acteurs``, organisers included, located ones only),
    ``sans_position`` (participants not on the map), ``liens`` (ties created since, between
    located actors: ``de``, ``vers`` indexes, ``types`` in words, ``termine`` when it ended
    since) and ``liens_hors_carte`` (created ties with an actor not on the map). ``positions``:
    where the map puts the actors of ``ecosystem``.
    """
    at = reference_date(ecosystem)
    if at is None:
        return []
    index = positions.index
    meetings = sorted(
        (e for e in ecosystem.events if not e.is_survey and e.date is not None and e.date.first_day <= at),
        key=lambda e: (e.date.first_day, e.id),  # type: ignore[union-attr]
    )
    kinds: dict[frozenset[str], list[str]] = {}
    for link in ecosystem.partnerships:
        kinds.setdefault(frozenset((link.source, link.cible)), []).append(link.type)
    records = []
    for event in meetings:
        effect = event_effect(ecosystem, event.id, at=at, communities=False)
        ended = set(effect.ended)
        lines = [
            {
                "de": index[first],
                "vers": index[second],
                "types": sorted({PARTNERSHIP_LABELS.get(kind, kind) for kind in kinds[frozenset((first, second))]}),
                **({"termine": True} if (first, second) in ended else {}),
            }
            for first, second in effect.created
            if first in index and second in index
        ]
        records.append(
            {
                "nom": event.nom,
                "date": french_date(event.date.first_day) if event.date.precision == "jour" else str(event.date),  # type: ignore[union-attr]
                "reference": french_date(at),
                "participants": sorted(index[a] for a in effect.participants if a in index),
                "sans_position": sum(a not in index for a in effect.participants),
                "liens": lines,
                "liens_hors_carte": len(effect.created) - len(lines),
            }
        )
    return records
