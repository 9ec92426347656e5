"""The files of ``nec-network evolution``: ``evolution.json`` and CSV tables, in French.

``evolution.json`` (:func:`evolution_document`) holds, on the reference date:

- ``date_reference`` (ISO date), ``periode`` (``mois``, ``trimestre``, ``annee``),
  ``liens_a_la_date`` (ties there that day), ``liens_sans_date``;
- ``evenement``: ``{id, nom, date, commune, participants}`` (participants: how many actors
  attended, organisers included), or null without an event; then the event's figures (null
  without one), each the field of :class:`~nec_network.analysis.evolution.EventEffect` named
  in :data:`EFFECT_KEYS`, and ``ponts_par_raison`` (key per reason: :data:`BRIDGE_REASON_KEYS`).

Every count is of ties: undirected pairs of distinct actors, a tie declared twice counting
once. The tables (:data:`TABLE_FILES`): ties formed and ended per period, per actor changes,
the ties created since the event (with who they link and why they are bridges) and the
Kaplan–Meier survival curve of those ties.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

from nec_network.analysis.evolution import EventEffect, EvolutionSummary
from nec_network.io.csv_output import write_csv
from nec_network.io.output import write_output
from nec_network.model import Ecosystem
from nec_network.views.tables import printable_table

EVOLUTION_FILE = "evolution.json"
#: File name → what it holds.
TABLE_FILES: dict[str, str] = {
    "liens_par_periode.csv": "liens formés et terminés par période, solde, liens ouverts",
    "acteurs_evolution.csv": "par acteur : partenaires avant et après, nouveaux, perdus, rencontrés à l'événement",
    "liens_crees.csv": "liens créés depuis l'événement : entre qui, pont ou non et pourquoi",
    "survie_liens.csv": "survie des liens créés (Kaplan–Meier) : part encore en cours après tant de jours",
}
EVOLUTION_FILES: tuple[str, ...] = (EVOLUTION_FILE, *TABLE_FILES)
#: Field of EventEffect → key of evolution.json.
EFFECT_KEYS: dict[str, str] = {
    "ties_before": "liens_avant",
    "ties_after": "liens_apres",
    "ties_created": "liens_crees",
    "ties_ended": "liens_termines",
    "created_among_participants": "liens_crees_entre_participants",
    "created_among_others": "liens_crees_entre_non_participants",
    "created_across": "liens_crees_participant_non_participant",
    "rate_participants": "taux_creation_participants",
    "rate_others": "taux_creation_non_participants",
    "rate_across": "taux_creation_participant_non_participant",
    "largest_component_before": "plus_grande_composante_avant",
    "largest_component_after": "plus_grande_composante_apres",
    "constraint_before": "contrainte_participants_avant",
    "constraint_after": "contrainte_participants_apres",
    "survival_6_months": "survie_6_mois",
    "survival_12_months": "survie_12_mois",
}
#: Bridge reason → key in ``ponts_par_raison`` and French words.
BRIDGE_REASON_KEYS = {"disconnected": "deconnectes", "distant": "eloignes", "community": "communautes",
                      "departement": "departements", "typology": "typologies"}
BRIDGE_REASON_LABELS = {
    "disconnected": "aucun chemin entre eux avant l'événement",
    "distant": "à trois pas ou plus l'un de l'autre avant l'événement",
    "community": "dans deux communautés différentes du réseau",
    "departement": "dans deux départements différents",
    "typology": "sans typologie commune",
}
#: Who a created tie links, in words.
KIND_LABELS = {"participants": "deux participants", "others": "deux non-participants",
               "across": "un participant et un non-participant"}
PERIOD_WORDS = {"month": "mois", "quarter": "trimestre", "year": "annee"}


def evolution_document(summary: EvolutionSummary) -> dict[str, Any]:
    """The keyed document of ``evolution.json`` (see the module docstring)."""
    effect = summary.effect
    document: dict[str, Any] = {
        "date_reference": summary.at.isoformat(),
        "periode": PERIOD_WORDS[summary.period],
        "liens_a_la_date": summary.ties_at,
        "liens_sans_date": summary.ties_undated,
        "evenement": None,
    }
    document.update({key: None for key in EFFECT_KEYS.values()})
    document.update(liens_ponts=None, ponts_par_raison=None)
    if effect is None:
        return document
    event = effect.event
    document["evenement"] = {"id": event.id, "nom": event.nom, "date": str(event.date), "commune": event.commune,
                             "participants": len(effect.participants)}
    document.update({key: getattr(effect, field) for field, key in EFFECT_KEYS.items()})
    document["liens_ponts"] = len(effect.bridges)
    document["ponts_par_raison"] = {BRIDGE_REASON_KEYS[reason]: count
                                    for reason, count in effect.bridges_by_reason.items()}
    return document


_CREATED_COLUMNS = ["source", "source_name", "target", "target_name", "kind", "still_going", "bridge_reasons"]
_SURVIVAL_COLUMNS = ["days", "survival", "at_risk", "ended"]


def created_ties_table(ecosystem: Ecosystem, effect: EventEffect | None) -> pd.DataFrame:
    """One row per tie created since the event: its actors, who it links, whether it still goes on
    on the reference date, and the reasons it is a bridge (French words, ``|``-joined); no rows
    without an event."""
    if effect is None:
        return pd.DataFrame(columns=_CREATED_COLUMNS)
    bridges = {(bridge.source, bridge.cible): bridge.reasons for bridge in effect.bridges}
    attendees, ended = set(effect.participants), set(effect.ended)
    rows = []
    for first, second in effect.created:
        inside = (first in attendees) + (second in attendees)
        rows.append({"source": first, "source_name": ecosystem[first].nom, "target": second,
                     "target_name": ecosystem[second].nom,
                     "kind": KIND_LABELS[("others", "across", "participants")[inside]],
                     "still_going": (first, second) not in ended,
                     "bridge_reasons": "|".join(BRIDGE_REASON_LABELS[r] for r in bridges.get((first, second), ()))})
    return pd.DataFrame(rows, columns=_CREATED_COLUMNS)


def survival_table(effect: EventEffect | None) -> pd.DataFrame:
    """The Kaplan–Meier curve: after ``days``, the share of created ties still going on
    (``at_risk`` still observed, ``ended`` ending that day); no rows without an event."""
    points = effect.survival if effect is not None else ()
    return pd.DataFrame([{"days": point.time, "survival": point.survival, "at_risk": point.at_risk,
                          "ended": point.ended} for point in points], columns=_SURVIVAL_COLUMNS)


def write_evolution(summary: EvolutionSummary, ecosystem: Ecosystem, folder: str | Path) -> list[Path]:
    """Write ``evolution.json`` and the tables into ``folder``; return the paths written.

    Without an event, the tables about it are written with their headers only.
    """
    import json

    folder = Path(folder)
    effect = summary.effect
    tables = {
        "liens_par_periode.csv": summary.changes,
        "acteurs_evolution.csv": summary.actors,
        "liens_crees.csv": created_ties_table(ecosystem, effect),
        "survie_liens.csv": survival_table(effect),
    }
    written = [write_output(folder / EVOLUTION_FILE,
                            json.dumps(evolution_document(summary), ensure_ascii=False, indent=2) + "\n")]
    for name, table in tables.items():
        path = folder / name
        write_csv(path, printable_table(table))
        written.append(path)
    return written

