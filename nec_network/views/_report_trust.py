"""Report section « Qualité des fiches »: completeness, stale entries, deduced values.

Kept apart from :mod:`nec_network.views._report_sections` (already long); the blocks
are the same plain dataclasses, rendered to HTML and Markdown by the report.
"""

from __future__ import annotations

from nec_network.analysis.synthesis import Synthesis
from nec_network.model.actor import COMMUNE_DEDUCED, TYPOLOGY_DEDUCED
from nec_network.model.trust import RECOMMENDED_FIELDS, completeness, is_stale, missing_fields
from nec_network.wording import percent, plural
from nec_network.views._report_sections import Block, Table, section_start

#: Least complete entries listed in the report.
LISTED = 10


def trust_section(synthesis: Synthesis) -> list[Block]:
    """Mean completeness, the entries to complete first, stale and deduced values."""
    actors = list(synthesis.ecosystem)
    if not actors:
        return []
    scores = {actor.id: completeness(actor) for actor in actors}
    mean = sum(scores.values()) / len(scores)
    stale = sum(is_stale(actor) for actor in actors)
    typologies = sum(actor.extra.get(TYPOLOGY_DEDUCED) == "nom" for actor in actors)
    communes = sum(bool(actor.extra.get(COMMUNE_DEDUCED)) for actor in actors)
    blocks = section_start(
        "Qualité des fiches", "qualite",
        f"Les fiches remplissent en moyenne {percent(mean, 0)} des {len(RECOMMENDED_FIELDS)} champs "
        "recommandés du standard national des lieux de médiation numérique (adresse, coordonnées, "
        "typologie, contacts, horaires, services, publics, frais, modalités…). "
        f"{plural(stale, 'fiche n’a pas été mise', 'fiches n’ont pas été mises')} à jour depuis plus "
        f"d'un an (à vérifier) ; {plural(typologies, 'typologie est déduite', 'typologies sont déduites')} "
        f"du nom et {plural(communes, 'commune est déduite ou corrigée', 'communes sont déduites ou corrigées')}"
        " à l'import.",
    )
    lowest = sorted(actors, key=lambda actor: (scores[actor.id], actor.id))[:LISTED]
    blocks.append(Table(
        "Fiches à compléter en priorité",
        ("Acteur", "Complétude", "Champs manquants", "Mise à jour"),
        tuple(
            (actor.nom, percent(scores[actor.id], 0), ", ".join(missing_fields(actor)),
             (f"{actor.date_maj:%d/%m/%Y}" if actor.date_maj else "inconnue")
             + (" (à vérifier)" if is_stale(actor) else ""))
            for actor in lowest
        ),
        numeric=(1,),
    ))
    return blocks
