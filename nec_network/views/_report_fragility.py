"""The report's blocks about digital fragility: « Communes prioritaires », and the recommended
sites with and without the fragility weighting, side by side.

Every figure drawn from the fragility indicators says where its index comes from: the embedded
approximation (figures of 2016–2019, not the official IFN) or the user's file
(:attr:`~nec_network.territory.fragility.Fragility.index_note`). Blocks of
:mod:`nec_network.views._report_sections` (plain text; the renderers escape).
"""

from __future__ import annotations

from nec_network.analysis.synthesis import Synthesis
from nec_network.territory.fragility import embedded_fragility
from nec_network.views._report_sections import (
    TOP_ROWS,
    Block,
    beyond,
    Details,
    Heading,
    Items,
    Paragraph,
    Table,
    decimal,
    listed,
    number,
    plural,
    section_start,
)


#: Priority communes shown in the report (the first :data:`TOP_ROWS` in sight, the others folded).
MORE_PRIORITIES = 50


def _why(synthesis: Synthesis, row) -> str:
    """Why an uncovered commune comes first, in words: how far help is, and how many are fragile."""
    name = str(getattr(row, "nearest_actor_name", "") or "")
    where = (
        f"non couverte, à {beyond(row.distance_km, synthesis.threshold.max_km)} km du lieu le plus proche ({name})"
        if name else "non couverte, aucun lieu correspondant"
    )  # fmt: skip
    return (
        f"{where} ; {number(row.fragile_population)} habitants fragiles sur {number(row.population)} "
        f"(indice {decimal(row.fragility_index)}/100)"
    )


def _priority_table(synthesis: Synthesis, rows, caption: str) -> Table:
    return Table(
        f"{caption} ({_note(synthesis)})",
        ("Rang", "Commune", "Habitants fragiles", "Pourquoi"),
        tuple(
            (str(row.priority), f"{row.nom} ({row.code_insee})", number(row.fragile_population), _why(synthesis, row))
            for row in rows.itertuples(index=False)
        ),
        (0, 2),
    )


def _note(synthesis: Synthesis) -> str:
    return (synthesis.fragility or embedded_fragility()).index_note


def priority_section(synthesis: Synthesis) -> list[Block]:
    """The uncovered communes ranked by fragile population, each with its reason in words."""
    fragility = synthesis.fragility or embedded_fragility()
    priorities = synthesis.priority_communes
    blocks = section_start(
        "Communes prioritaires", "communes-prioritaires",
        "Les communes non couvertes, classées par population fragile : habitants × indice de "
        "fragilité numérique / 100. Une commune éloignée compte davantage quand une grande part de "
        "ses habitants est fragile. " + fragility.index_sentence,
    )
    if priorities is None or not len(priorities):
        return [*blocks, Paragraph("Aucune commune non couverte.")]
    ranked = priorities[priorities["fragile_population"].notna()]
    top, more = ranked.head(TOP_ROWS), ranked.iloc[TOP_ROWS:MORE_PRIORITIES]
    if len(top):
        blocks.append(_priority_table(
            synthesis, top,
            f"Les {len(top)} premières communes prioritaires" if len(top) > 1 else "La commune prioritaire",
        ))  # fmt: skip
    if len(more):
        blocks.append(Details(
            f"Les communes prioritaires {TOP_ROWS + 1} à {TOP_ROWS + len(more)} ({_note(synthesis)})",
            (_priority_table(synthesis, more, f"Communes prioritaires {TOP_ROWS + 1} à {TOP_ROWS + len(more)}"),),
        ))  # fmt: skip
    if len(ranked) > MORE_PRIORITIES:
        blocks.append(Paragraph(
            f"La liste entière ({plural(len(priorities), 'commune')}) : nec-network gaps --prioritaires "
            "FICHIER.csv, ou communes_prioritaires.csv de nec-network analyse."
        ))  # fmt: skip
    without = priorities[priorities["fragile_population"].isna()]
    if len(without):
        reasons = without.groupby(without["reason"].str.split(" : ").str[-1], sort=True)["nom"].agg(list)
        blocks.append(
            Paragraph(
                f"{plural(len(without), 'commune non couverte n’a', 'communes non couvertes n’ont')} pas "
                "d’indice ; elles suivent, par population, dans la table des communes prioritaires :"
            )
        )
        blocks.append(Items(tuple(f"{reason} : {listed(names)}" for reason, names in reasons.items())))
    return blocks


def weighting_blocks(synthesis: Synthesis) -> list[Block]:
    """The recommended sites chosen for inhabitants beside those chosen for fragile inhabitants."""
    comparison = synthesis.weighting
    if comparison is None or not len(comparison.plain):
        return []
    note = _note(synthesis)
    names = {
        "plain": [str(row.actor_name or row.nom) for row in comparison.plain.itertuples(index=False)],
        "weighted": [str(row.actor_name or row.nom) for row in comparison.weighted.itertuples(index=False)],
    }
    if comparison.added or comparison.dropped:
        change = (
            f"Pondérée par la fragilité, la réponse choisit {listed(list(comparison.added))} au lieu de "
            f"{listed(list(comparison.dropped))}."
        )
    else:
        change = "Pondérée par la fragilité, la réponse choisit " + (
            "le même site." if len(comparison.plain) == 1 else "les mêmes sites."
        )
    blocks: list[Block] = [
        Heading(3, "Avec et sans pondération par la fragilité"),
        Paragraph(
            ("Le site peut être choisi" if len(comparison.plain) == 1
             else f"Les {plural(len(comparison.plain), 'site')} peuvent être choisis")
            + " pour couvrir le plus d’habitants (la réponse ci-dessus) ou le plus d’habitants fragiles "
            f"(habitants × indice / 100, {note}). " + change
        ),
        Items((
            f"Sans pondération : {listed(names['plain'], limit=len(names['plain']))}.",
            f"Pondérée par la fragilité : {listed(names['weighted'], limit=len(names['weighted']))}.",
        )),
        Table(
            f"Les deux réponses côte à côte ({note})",
            ("Nouvellement couverts", "Sans pondération", "Pondérée par la fragilité"),
            (
                ("Habitants", number(comparison.people[0]), number(comparison.people[1])),
                ("Habitants fragiles", number(comparison.fragile[0]), number(comparison.fragile[1])),
            ),
            (1, 2),
        ),
    ]
    weighted = comparison.weighted
    blocks.append(
        Details(
            f"Les {plural(len(weighted), 'site')} pondérés par la fragilité, un par un" if len(weighted) > 1
            else "Le site pondéré par la fragilité (1 site)",
            (
                Table(
                    f"Sites recommandés pour les habitants fragiles ({note})",
                    ("Rang", "Commune", "Acteur existant", "Habitants gagnés", "Habitants fragiles gagnés"),
                    tuple(
                        (
                            str(row.rank),
                            f"{row.nom} ({row.code_insee})",
                            str(row.actor_name or "–"),
                            number(row.population_gain),
                            number(row.weighted_gain),
                        )
                        for row in weighted.itertuples(index=False)
                    ),
                    (0, 3, 4),
                ),
            ),
        )
    )
    if not comparison.proven[1]:
        blocks.append(Paragraph(
            "La réponse pondérée est la meilleure trouvée, sans preuve qu’aucun autre choix ne couvre plus "
            "d’habitants fragiles : le calcul exact a été arrêté. « nec-network recommend --exact "
            "--ponderation fragilite » le poursuit sans limite de temps."
        ))
    return blocks

