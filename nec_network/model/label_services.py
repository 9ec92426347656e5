"""Services a place offers because of what it is: the services its national label guarantees.

A national list may name the places of a label without saying what they offer (the France
Services list names none). The label's own text says it: each rule here gives the services
every place of a label must offer and where that is written. A place that gives no service
receives those of its label, flagged in ``extra`` (:data:`SERVICES_DEDUCED`: which label, read
by the pages as « déduit du label »); a place that gives its services keeps them as they are.

>>> from nec_network.model import Actor
>>> place = with_label_services(Actor("fs", "France services Hirson", dispositifs=("France Services",)))
>>> place.services, place.extra[SERVICES_DEDUCED]
(('Aide aux démarches administratives', 'Accès internet et matériel informatique'), 'France Services')
>>> with_label_services(Actor("m", "Médiathèque", services=("Loisirs et créations numériques",), typologies=("RFS",))).services
('Loisirs et créations numériques',)
"""

from __future__ import annotations

import dataclasses

from nec_network.model.actor import Actor

__all__ = ["LABEL_RULES", "SERVICES_DEDUCED", "LabelRule", "deduced_label", "with_label_services"]

#: Key of :attr:`Actor.extra` naming the label whose services were deduced (``France Services``).
SERVICES_DEDUCED = "services_deduits"


@dataclasses.dataclass(frozen=True)
class LabelRule:
    """The services every place of a label offers (``dispositif`` or ``typologie`` names the
    label), and the text that says so (``source``)."""

    label: str
    dispositif: str
    typologie: str
    services: tuple[str, ...]
    source: str


LABEL_RULES: tuple[LabelRule, ...] = (
    LabelRule(
        label="France Services",
        dispositif="France Services",
        typologie="RFS",
        services=("Aide aux démarches administratives", "Accès internet et matériel informatique"),
        source=(
            "Charte nationale d'engagement France Services (ANCT) : chaque France Services "
            "accompagne les usagers dans leurs démarches administratives, en ligne comprises, et "
            "met à leur disposition, en accès libre et gratuit, des postes informatiques avec "
            "l'aide d'un agent."
        ),
    ),
)


def deduced_label(actor: Actor) -> str:
    """The label whose services the actor's were deduced from (``""`` when given by the data)."""
    return str(actor.extra.get(SERVICES_DEDUCED, ""))


def with_label_services(actor: Actor) -> Actor:
    """The actor with its label's services when it gives none (see the module docstring)."""
    if actor.services:
        return actor
    for rule in LABEL_RULES:
        if rule.dispositif in actor.dispositifs or rule.typologie in actor.typologies:
            extra = {**actor.extra, SERVICES_DEDUCED: rule.label}
            return dataclasses.replace(actor, services=rule.services, extra=extra)
    return actor
