"""The report's section « Ce que <événement> a créé », one per dated meeting of the data.

Figures of :func:`~nec_network.analysis.evolution.event_effect` at the data's reference date
(:func:`~nec_network.analysis.evolution.reference_date`) said in plain French, a chart of the
ties month by month around the event (:func:`~nec_network.views.charts.ties_over_time`) and the
strongest new bridges. Every count is of ties, distinct pairs of actors; undated ties are
counted apart, honestly, never as created.
"""

from __future__ import annotations

import datetime as dt

from nec_network.analysis.evolution import EventEffect, event_effect, reference_date, tie_changes
from nec_network.analysis.synthesis import Synthesis
from nec_network.model import Ecosystem
from nec_network.views import charts
from nec_network.views._report_sections import (
    Block,
    Chart,
    Items,
    Paragraph,
    Table,
    decimal,
    percent,
    plural,
    section_start,
)
from nec_network.model.dates import french_date

#: Bridges listed, strongest first (most reasons, then by name).
BRIDGES_LISTED = 10
#: Months shown on the chart before the event.
MONTHS_BEFORE = 12
REASON_WORDS = {
    "disconnected": "aucun chemin ne les reliait",
    "distant": "à 3 pas ou plus l’un de l’autre",
    "community": "communautés différentes",
    "departement": "départements différents",
    "typology": "aucune typologie commune",
}


def event_sections(synthesis: Synthesis) -> list[Block]:
    """The sections of :func:`event_blocks` for the synthesis' ecosystem."""
    return event_blocks(synthesis.ecosystem)


def event_blocks(ecosystem: Ecosystem) -> list[Block]:
    """One section per dated meeting that took place by the reference date (none without)."""
    at = reference_date(ecosystem)
    if at is None:
        return []
    blocks: list[Block] = []
    meetings = [
        event for event in ecosystem.events
        if not event.is_survey and event.date is not None and event.date.first_day <= at
    ]  # fmt: skip
    for event in sorted(meetings, key=lambda e: (e.date.first_day, e.id)):  # type: ignore[union-attr]
        blocks += _event_section(ecosystem, event_effect(ecosystem, event.id, at=at))
    return blocks


def _anchor(event_id: str) -> str:
    return "evenement-" + "".join(c if c.isalnum() else "-" for c in event_id.casefold())


def _rate(value: float | None) -> str:
    return "–" if value is None else percent(value)


def _event_section(ecosystem: Ecosystem, effect: EventEffect) -> list[Block]:
    event = effect.event
    assert event.date is not None
    first = event.date.first_day
    eve, at = french_date(first - dt.timedelta(days=1)), french_date(effect.at)
    blocks: list[Block] = [
        *section_start(
            f"Ce que « {event.nom} » a créé", _anchor(event.id),
            f"« {event.nom} » ({french_date(first) if event.date.precision == 'jour' else event.date}) a réuni "
            f"{plural(len(effect.participants), 'acteur')} (organisateurs compris). Les chiffres comptent des "
            f"liens : deux acteurs qui travaillent ensemble, quel que soit le nombre de partenariats déclarés "
            f"entre eux. Date de référence : {at} (la dernière enquête ou, sans enquête, la dernière date des données).",
        ),
        Items(_figures(effect, eve, at)),
    ]
    blocks += _chart(ecosystem, effect)
    blocks += _bridges(ecosystem, effect)
    return blocks


def _figures(effect: EventEffect, eve: str, at: str) -> tuple[str, ...]:
    lines = [
        f"Liens la veille ({eve}) : {effect.ties_before} ; au {at} : {effect.ties_after}.",
        f"Liens créés depuis : {effect.ties_created}, dont {effect.created_among_participants} entre deux "
        f"participants, {effect.created_across} entre un participant et un absent, "
        f"{effect.created_among_others} entre deux absents.",
        "Chance qu’un nouveau lien naisse entre deux acteurs qui n’en avaient pas : "
        f"{_rate(effect.rate_participants)} pour deux participants, {_rate(effect.rate_others)} pour deux "
        f"absents, {_rate(effect.rate_across)} pour un participant et un absent.",
        f"Ponts : {plural(len(effect.bridges), 'lien créé relie', 'liens créés relient')} des acteurs éloignés "
        "avant l’événement (" + ", ".join(
            f"{REASON_WORDS[reason]} : {count}" for reason, count in effect.bridges_by_reason.items() if count
        ) + ").",
        f"Plus grand groupe d’acteurs reliés entre eux : {effect.largest_component_before} acteurs la veille, "
        f"{effect.largest_component_after} au {at}.",
        f"Liens terminés depuis (présents la veille ou créés depuis) : {effect.ties_ended}.",
    ]
    if effect.constraint_before is not None and effect.constraint_after is not None:
        lines.append(
            f"Contrainte de Burt moyenne des participants : {decimal(effect.constraint_before, 2)} la veille, "
            f"{decimal(effect.constraint_after, 2)} au {at} (plus elle baisse, plus ils relient des partenaires "
            "qui ne se connaissent pas entre eux)."
        )
    survival = [
        f"{percent(value)} à {months} mois"
        for months, value in ((6, effect.survival_6_months), (12, effect.survival_12_months))
        if value is not None
    ]
    lines.append(
        "Durée des liens créés (Kaplan–Meier, les liens en cours comptés jusqu’à la date de référence) : "
        + ("encore en cours " + " et ".join(survival) + "." if survival else "pas encore assez de recul.")
    )
    lines.append(
        f"Non datés : {plural(effect.ties_undated, 'lien sans date', 'liens sans date')}, comptés la veille et "
        "au jour de référence (on ne sait pas quand ils ont commencé), jamais comme créés ni terminés."
    )
    return tuple(lines)


def _chart(ecosystem: Ecosystem, effect: EventEffect) -> list[Block]:
    assert effect.event.date is not None
    first = effect.event.date.first_day
    start = first.year * 12 + first.month - 1 - MONTHS_BEFORE
    since = dt.date(start // 12, start % 12 + 1, 1)
    table = tie_changes(ecosystem, period="month", until=effect.at, since=since)
    if table.empty:
        return []
    periods = list(table["period"])
    month = f"{first.year:04d}-{first.month:02d}"
    marker = periods.index(month) if month in periods else None
    png = charts.ties_over_time(
        periods, list(table["cumulative"]), list(table["formed"]), list(table["ended"]),
        marker=marker, marker_label=effect.event.nom,
    )
    undated = int(table["undated"].iloc[0])
    alt = (
        f"Liens datés en cours chaque mois, de {periods[0]} à {periods[-1]} : de {table['cumulative'].iloc[0]} "
        f"à {table['cumulative'].iloc[-1]} ; {int(table['formed'].sum())} créés et {int(table['ended'].sum())} "
        "terminés sur la période."
    )
    title = (
        f"Liens datés mois par mois ; trait tireté : {effect.event.nom}. Sans compter "
        f"{plural(undated, 'lien sans date', 'liens sans date')}."
    )
    if any(link.debut is not None and link.debut.precision == "annee" and since <= link.debut.first_day <= effect.at
           for link in ecosystem.partnerships):
        title += " Un lien daté de son année seulement compte en janvier de cette année."
    return [Chart(png, alt, title)]


def _bridges(ecosystem: Ecosystem, effect: EventEffect) -> list[Block]:
    if not effect.bridges:
        return [Paragraph("Aucun lien créé ne relie des acteurs éloignés avant l’événement.")]
    ranked = sorted(
        effect.bridges,
        key=lambda b: (-len(b.reasons), ecosystem[b.source].nom.casefold(), ecosystem[b.cible].nom.casefold()),
    )[:BRIDGES_LISTED]
    rows = tuple(
        (
            f"{ecosystem[bridge.source].nom} — {ecosystem[bridge.cible].nom}",
            " ; ".join(REASON_WORDS[reason] for reason in bridge.reasons),
            str(len(bridge.reasons)),
        )
        for bridge in ranked
    )
    caption = f"Les ponts les plus forts (les {len(rows)} liens créés qui cumulent le plus de raisons)"
    return [Table(caption, ("Lien créé", "Pourquoi c’est un pont", "Raisons"), rows, (2,))]
