"""The second half of the report's sections: recommended sites, the partnership network, the
personae journeys, the resources guide and the method; and the outline of the whole report.

Blocks of :mod:`nec_network.views._report_sections` (plain text; escaping belongs to the
renderers of :mod:`nec_network.views.report`).
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from nec_network.analysis.journeys import Journey
from nec_network.analysis.synthesis import Synthesis
from nec_network.analysis.structures import is_derived_link
from nec_network.model.opening_hours import describe_opening_hours
from nec_network.model.vocabularies import PARTNERSHIP_LABELS, PARTNERSHIP_TYPES
from nec_network.territory.fragility import embedded_fragility
from nec_network.views import charts
from nec_network.views._report_events import event_sections
from nec_network.views._report_key_figures import key_figures_section
from nec_network.views._report_fragility import priority_section, weighting_blocks
from nec_network.views._report_sections import (
    TOP_ROWS,
    Block,
    Chart,
    Heading,
    Items,
    Paragraph,
    Table,
    _actor_name,
    coverage_section,
    decimal,
    fragility_sentences,
    gaps_section,
    number,
    percent,
    plural,
    section_start,
    services_section,
)
from nec_network.wording import MODE_PHRASES, journey_answer, suggestion_sentences


def recommendations_section(synthesis: Synthesis) -> list[Block]:
    """Recommended new sites with their marginal and cumulative gains."""
    table = synthesis.recommendations
    blocks = section_start(
        "Sites recommandés", "sites",
        "Lieux où une nouvelle permanence couvrirait le plus d’habitants aujourd’hui non "
        "couverts, choisis l’un après l’autre : chaque gain s’ajoute aux précédents.",
    )
    if not len(table):
        return [*blocks, Paragraph("Aucun site à recommander : toute la population est couverte.")]
    blocks.append(
        Table(
            "Sites recommandés et gains",
            (
                "Rang",
                "Commune",
                "Département",
                "Acteur existant",
                "Habitants gagnés",
                "Communes gagnées",
                "Habitants couverts en cumul",
                "Part de la population non couverte",
            ),
            tuple(
                (
                    str(row.rank),
                    f"{row.nom} ({row.code_insee})",
                    str(row.departement),
                    str(row.actor_name or "–"),
                    number(row.population_gain),
                    number(row.communes_gained),
                    number(row.cumulative_covered_population),
                    percent(row.cumulative_uncovered_share),
                )
                for row in table.itertuples(index=False)
            ),
            (0, 4, 5, 6, 7),
        )
    )
    if synthesis.weighting is not None:
        blocks.append(Paragraph(proof_sentence(synthesis.weighting.proven[0])))
    return blocks + weighting_blocks(synthesis)


def proof_sentence(proven: bool) -> str:
    """Whether the recommended sites are proven the best: what a planner may say of them.

    >>> proof_sentence(False)
    'Ce choix est le meilleur trouvé, sans preuve qu’aucun autre choix d’autant de sites ne couvre plus d’habitants : le calcul exact a été arrêté (limite de temps, ou problème trop grand). « nec-network recommend --exact » le poursuit sans limite de temps.'
    """
    if proven:
        return (
            "Choix exact : la résolution du programme en nombres entiers (HiGHS) prouve qu’aucun autre "
            "choix d’autant de sites ne couvrirait plus d’habitants aujourd’hui non couverts."
        )
    return (
        "Ce choix est le meilleur trouvé, sans preuve qu’aucun autre choix d’autant de sites ne couvre "
        "plus d’habitants : le calcul exact a été arrêté (limite de temps, ou problème trop grand). "
        "« nec-network recommend --exact » le poursuit sans limite de temps."
    )


def derived_links_sentence(derived: int, total: int) -> str:
    """The sentence saying how many of the links are derived on import, not declared.

    >>> derived_links_sentence(3, 10)
    'Parmi les 10 partenariats, 3 sont des liens « membre de » déduits à l’import (un lieu et sa structure porteuse, une antenne France Services et son site principal) : des liens d’employeur ou d’antenne lus dans les fichiers, pas des partenariats déclarés.'
    """
    return (
        f"Parmi les {plural(total, 'partenariat')}, {number(derived)} "
        f"{'est un lien' if derived == 1 else 'sont des liens'} « membre de » déduit{'' if derived == 1 else 's'} à "
        "l’import (un lieu et sa structure porteuse, une antenne France Services et son site principal) : "
        "des liens d’employeur ou d’antenne lus dans les fichiers, pas des partenariats déclarés."
    )


def network_section(synthesis: Synthesis) -> list[Block]:
    """Network figures, brokers, fragile points, isolated actors, communities, suggestions."""
    summary = synthesis.network_summary
    blocks: list[Block] = [
        Heading(2, "Le réseau des acteurs", "reseau"),
        Items(
            (
                (f"{plural(summary['actors'], 'acteur')} et {plural(summary['partnerships'], 'partenariat')}"
                f" ({plural(summary['links'], 'paire reliée', 'paires reliées')})."),
                f"Densité : {percent(summary['density'])} des paires possibles sont reliées.",
                (f"{plural(summary['components'], 'composante')} ; la plus grande réunit "
                f"{plural(summary['largest_component'], 'acteur')}."),
                (f"{plural(summary['links_across_departements'], 'lien')} entre départements, "
                f"{plural(summary['links_across_typologies'], 'lien')} entre typologies différentes."),
            )
        ),
    ]
    derived = sum(is_derived_link(link) for link in synthesis.ecosystem.partnerships)
    if derived:
        blocks.append(Paragraph(derived_links_sentence(derived, len(synthesis.ecosystem.partnerships))))
    blocks += _broker_blocks(synthesis, derived=bool(derived))
    blocks.append(Heading(3, "Points de fragilité"))
    sentences = fragility_sentences(synthesis)
    blocks.append(Items(tuple(sentences)) if sentences else Paragraph("Aucun point de fragilité."))
    blocks.append(Heading(3, "Acteurs isolés"))
    isolated = synthesis.isolated
    blocks.append(
        Items(
            tuple(f"{row.nom} ({row.commune or row.departement})" for row in isolated.itertuples())
        )
        if len(isolated)
        else Paragraph("Aucun acteur isolé.")
    )
    blocks += _community_blocks(synthesis)
    blocks.append(Heading(3, "Partenariats à envisager"))
    suggestions = synthesis.suggestions
    blocks.append(
        Items(tuple(suggestion_sentences(suggestions.head(TOP_ROWS))))
        if len(suggestions)
        else Paragraph("Aucune suggestion de partenariat.")
    )
    return blocks


def _broker_blocks(synthesis: Synthesis, *, derived: bool) -> list[Block]:
    """The main brokers (betweenness), none when the network has none; ``derived``: links
    derived on import count among them (said)."""
    brokers = synthesis.brokers.head(TOP_ROWS)
    if not len(brokers):
        return []
    return [
        Heading(3, "Les passeurs"),
        Paragraph(
            "Acteurs par lesquels passent le plus de chemins du réseau (intermédiarité)."
            + (" Les liens déduits à l’import y comptent comme les partenariats déclarés." if derived else "")
        ),
        Table(
            "Principaux passeurs",
            (
                "Acteur",
                "Département",
                "Intermédiarité",
                "Partenaires",
                "Communautés reliées",
                "Départements reliés",
            ),
            tuple(
                (
                    str(row.nom),
                    str(row.departement),
                    decimal(row.betweenness, 3),
                    number(row.partners),
                    number(row.communities_linked),
                    number(row.departements_linked),
                )
                for row in brokers.itertuples(index=False)
            ),
            (2, 3, 4, 5),
        ),
    ]


def _community_blocks(synthesis: Synthesis) -> list[Block]:
    """The communities (Louvain), their table and chart; none when there are none."""
    communities = synthesis.communities
    if not len(communities):
        return []
    return [
        Heading(3, "Communautés"),
        Paragraph(
            "Groupes d’acteurs plus liés entre eux qu’avec le reste du réseau (méthode de "
            "Louvain), nommés d’après leur acteur le plus central."
        ),
        Table(
            "Communautés du réseau",
            ("Communauté", "Acteurs", "Liens internes", "Liens externes", "Départements"),
            tuple(
                (
                    str(row.community_name),
                    number(row.size),
                    number(row.internal_links),
                    number(row.external_links),
                    ", ".join(str(row.departements).split("|")),
                )
                for row in communities.itertuples(index=False)
            ),
            (1, 2, 3),
        ),
        Chart(
            charts.size_bars(
                [str(name) for name in communities["central_actor_name"]],
                [int(size) for size in communities["size"]],
                axis="Nombre d’acteurs",
            ),
            "Taille des communautés : "
            + " ; ".join(
                f"{name} {size}"
                for name, size in zip(
                    communities["central_actor_name"], communities["size"], strict=True
                )
            )
            + ".",
            "Taille des communautés (acteur le plus central)",
        ),
    ]


def _journey_blocks(synthesis: Synthesis, trip: Journey) -> list[Block]:
    persona = trip.persona
    mobility = MODE_PHRASES.get(persona.mobilite, persona.mobilite)
    blocks: list[Block] = [Heading(3, persona.nom)]
    if persona.description:
        blocks.append(Paragraph(persona.description))
    facts = [
        (f"Commune : {trip.commune} ({persona.code_insee}) ; se déplace {mobility} "
        f"(rayon de {decimal(trip.radius_km)} km en {decimal(trip.max_minutes, 0)} minutes)."),
        "Besoins : " + ", ".join(persona.besoins) + ".",
    ]
    if persona.premier_contact:
        facts.append(f"Premier contact : {_actor_name(synthesis, persona.premier_contact)}.")
    if trip.referral_path:
        facts.append(
            "Chemin d’orientation : "
            + " → ".join(_actor_name(synthesis, actor_id) for actor_id in trip.referral_path)
            + "."
        )
    blocks += [Items(tuple(facts)), Paragraph("Réponse : " + journey_answer(trip, type_labels=PARTNERSHIP_LABELS))]
    if len(trip.options):
        blocks.append(
            Table(
                f"Lieux à sa portée ({persona.nom})",
                (
                    "Lieu",
                    "Commune",
                    "Distance (km)",
                    "Temps (min)",
                    "Besoins couverts",
                    "Horaires",
                    "Téléphone",
                    "Frais",
                ),
                tuple(
                    (
                        str(row.nom) + (" (itinérant)" if row.serves_commune else ""),
                        str(row.commune),
                        decimal(row.distance_km),
                        decimal(row.travel_minutes),
                        ", ".join(str(row.needs_met).split("|")),
                        describe_opening_hours(str(row.horaires or "")) or "–",
                        str(row.telephone or "–"),
                        str(row.frais or "–").replace("|", ", "),
                    )
                    for row in trip.options.itertuples(index=False)
                ),
                (2, 3),
            )
        )
    if len(trip.beyond_reach):
        blocks.append(
            Items(
                tuple(
                    f"Besoin non couvert à sa portée : {row.need} — le plus proche : "
                    f"{row.nom or 'aucun acteur'}"
                    + (f" ({decimal(row.distance_km)} km)" if not pd.isna(row.distance_km) else "")
                    + "."
                    for row in trip.beyond_reach.itertuples(index=False)
                )
            )
        )
    return blocks


def journeys_section(synthesis: Synthesis) -> list[Block]:
    """Each persona: who they are, the French answer, the places within reach."""
    if not synthesis.journeys:
        return []
    blocks = section_start(
        "Parcours de personnes accompagnées", "parcours",
        "Pour quelques situations types, où un aidant peut orienter la personne et par qui passer.",
    )
    for trip in synthesis.journeys:
        blocks += _journey_blocks(synthesis, trip)
    return blocks


def method_section(synthesis: Synthesis) -> list[Block]:
    """How the figures are computed, in a few sentences."""
    return [
        Heading(2, "Méthode", "methode"),
        Items(
            (
                ("Chaque commune est représentée par son point de référence ; une commune est "
                f"couverte quand un acteur se trouve {synthesis.threshold}, ou qu’un acteur "
                "itinérant la compte dans sa zone d’intervention."),
                ("Les temps de trajet sont estimés à partir des distances à vol d’oiseau, "
                "allongées d’un facteur de détour, à vitesse moyenne selon le mode."),
                ("Les sites recommandés maximisent la population nouvellement couverte "
                "(problème de couverture maximale, résolu exactement par HiGHS à l’échelle d’une région, "
                "sinon par une méthode gloutonne améliorée) ; la réponse pondérée maximise les habitants "
                "fragiles nouvellement couverts (habitants × indice de fragilité / 100)."),
                ("Communes prioritaires : communes non couvertes classées par habitants fragiles ; "
                f"{(synthesis.fragility or embedded_fragility()).index_sentence}"),
                ("Les communautés sont détectées par la méthode de Louvain (graine fixe) ; "
                "l’intermédiarité mesure la part des plus courts chemins passant par un acteur."),
                "Types de partenariat pris en compte : "
                + ", ".join(kind.label for kind in PARTNERSHIP_TYPES.values())
                + ".",
            )
        ),
    ]


def resources_section(synthesis: Synthesis) -> list[Block]:
    """The guide of resources per difficulty (:func:`nec_network.views._guide_sections.guide_blocks`)."""
    from nec_network.views._guide_sections import guide_blocks

    return guide_blocks(synthesis)


SECTIONS = (
    key_figures_section,
    coverage_section,
    services_section,
    gaps_section,
    priority_section,
    recommendations_section,
    network_section,
    event_sections,
    journeys_section,
    resources_section,
    method_section,
)


def report_blocks(synthesis: Synthesis) -> list[Block]:
    """Every section, in reading order."""
    blocks: list[Block] = []
    for section in SECTIONS:
        blocks += section(synthesis)
    return blocks


def table_of_contents(blocks: Iterable[Block]) -> list[tuple[str, str]]:
    """``(anchor, title)`` of the level-2 headings."""
    return [
        (block.anchor, block.text)
        for block in blocks
        if isinstance(block, Heading) and block.level == 2 and block.anchor
    ]
