"""The guide of resources per difficulty, as report blocks: a section of the report and ``guide.html``.

Blocks of :mod:`nec_network.views._report_sections` (plain text; escaping belongs
to the renderers), built from :attr:`Synthesis.guide <nec_network.analysis.synthesis.Synthesis.guide>`.
"""

from __future__ import annotations

from nec_network.analysis.synthesis import Synthesis
from nec_network.model.opening_hours import describe_opening_hours
from nec_network.model.vocabularies import TYPOLOGY_LABELS
from nec_network.views._report_sections import (
    Block,
    Heading,
    Items,
    Paragraph,
    Table,
    _departement,
    number,
    percent,
    plural,
    section_start,
)


def _example_text(actor) -> str:
    kinds = ", ".join(TYPOLOGY_LABELS.get(code, code) for code in actor.typologies)
    parts = [f"{actor.nom}" + (f" ({actor.commune})" if actor.commune else "")]
    if actor.itinerant:
        parts.append("itinérant, vient dans les communes de sa zone")
    elif kinds:
        parts.append(kinds)
    hours = describe_opening_hours(actor.horaires)
    if hours:
        parts.append(hours)
    if actor.modalites_acces:
        parts.append("accès : " + ", ".join(actor.modalites_acces))
    return " — ".join(parts)


def guide_blocks(synthesis: Synthesis) -> list[Block]:
    """The guide of resources per difficulty: places per département, population within reach,
    schemes without a place and one or two examples (:mod:`nec_network.analysis.guide`)."""
    blocks = section_start(
        "Ressources par type de difficulté", "ressources",
        "Pour chaque difficulté qu’une personne peut rencontrer : les lieux du territoire qui y "
        "répondent (un lieu itinérant compte dans chaque département où il intervient), la part "
        f"de la population qui en a un {synthesis.threshold}, les dispositifs sans lieu "
        "d’accueil et un ou deux exemples.",
    )
    for guide in synthesis.guide:
        difficulty = guide.difficulty
        blocks += [
            Heading(3, difficulty.label),
            Paragraph(
                f"{plural(guide.places, 'lieu', 'lieux')} ; {percent(guide.share_within_reach)} de la "
                f"population à portée d’un lieu. Services du standard national : "
                f"{', '.join(difficulty.services)}."
            ),
            Table(
                f"Lieux pour « {difficulty.label} » par département",
                ("Département", "Lieux", "Dont itinérants", "Population à portée"),
                tuple(
                    (
                        _departement(row.departement),
                        number(row.places),
                        number(row.itinerant_count),
                        percent(row.population_within_reach_share),
                    )
                    for row in guide.by_departement.itertuples(index=False)
                ),
                (1, 2, 3),
            ),
        ]
        if guide.resources:
            blocks.append(Paragraph("Sans lieu d’accueil :"))
            blocks.append(
                Items(
                    tuple(
                        resource.nom
                        + (f" — {resource.description}" if resource.description else "")
                        + (f" ({resource.lien})" if resource.lien else "")
                        for resource in guide.resources
                    )
                )
            )
        if guide.examples:
            blocks.append(Paragraph("Exemples :"))
            blocks.append(Items(tuple(_example_text(actor) for actor in guide.examples)))
    return blocks
