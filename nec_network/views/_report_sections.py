"""The sections of the synthesis report, as plain blocks rendered to both HTML and Markdown.

Each ``*_section`` function reads a :class:`~nec_network.analysis.synthesis.Synthesis`
and returns a list of blocks (:class:`Heading`, :class:`Paragraph`, :class:`Figures`,
:class:`Items`, :class:`Table`, :class:`Chart`, :class:`Details`). Blocks hold plain
text only: escaping belongs to the renderers of :mod:`nec_network.views.report`, so
the HTML page and the Markdown file always say the same thing.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import pandas as pd

from nec_network import wording
from nec_network.wording import french_of
from nec_network.text import normalize_name
from nec_network.analysis.journeys import Journey
from nec_network.analysis.synthesis import Synthesis
from nec_network.model.opening_hours import describe_opening_hours
from nec_network.model.vocabularies import PARTNERSHIP_TYPES
from nec_network.territory import departement_names
from nec_network.views import charts
from nec_network.views.page import actors_credit

#: Rows of the long tables shown before the rest goes into a collapsible block.
TOP_ROWS = 10
#: Uncovered communes listed.
TOP_GAPS = 20
#: Names listed in a cell before « et N autres ».
LISTED_NAMES = 8


@dataclass(frozen=True)
class Heading:
    level: int
    text: str
    anchor: str = ""


@dataclass(frozen=True)
class Paragraph:
    text: str


@dataclass(frozen=True)
class Figures:
    """Key figures: ``(key, value as shown, label, raw value)``; the key names it for tests."""

    items: tuple[tuple[str, str, str, str], ...]


@dataclass(frozen=True)
class Items:
    items: tuple[str, ...]


@dataclass(frozen=True)
class Table:
    caption: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    #: Columns aligned right (numbers).
    numeric: tuple[int, ...] = ()


@dataclass(frozen=True)
class Chart:
    png: bytes
    alt: str


@dataclass(frozen=True)
class Details:
    summary: str
    blocks: tuple[object, ...]


Block = Heading | Paragraph | Figures | Items | Table | Chart | Details


# -- French formats (no-break spaces: this is HTML and Markdown) ---------------------------------
def number(value: float) -> str:
    """Whole number with French thousands separators (no-break spaces).

    >>> number(1850126)
    '1\\xa0850\\xa0126'
    """
    return wording.number(round(float(value)), separator=wording.NBSP)


def percent(share: float) -> str:
    """A share (0–1) as a French percentage.

    >>> percent(0.96428)
    '96,4\\xa0%'
    """
    return wording.percent(share, separator=wording.NBSP)


def decimal(value: float, digits: int = 1) -> str:
    """``12.34`` → ``12,3``; missing values → ``–``."""
    if pd.isna(value):
        return "–"
    return wording.number(value, digits, separator=wording.NBSP)


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """``3 communes``, ``1 commune``."""
    return wording.plural(count, singular, plural_form, separator=wording.NBSP)


def listed(names: Sequence[str], limit: int = LISTED_NAMES) -> str:
    """``A, B, C et 4 autres``."""
    return wording.listed(names, limit=limit)


def _population_share_chart(
    labels: Sequence[str], shares: Iterable[float], title: str, *, alt: str | None = None
) -> Chart:
    """Horizontal bars of the population covered, with the figures spelled out as alt text."""
    shares = [float(share) for share in shares]
    spelled = " ; ".join(f"{label} {percent(share)}" for label, share in zip(labels, shares, strict=True))
    return Chart(
        charts.share_bars(list(labels), shares, title=title, axis="Population couverte"),
        f"{alt or title} : {spelled}.",
    )


def _departement(code: str) -> str:
    name = departement_names().get(str(code), "")
    return f"{name} ({code})" if name else str(code)


def _coverage_rows(table: pd.DataFrame, label: Sequence[str]) -> tuple[tuple[str, ...], ...]:
    return tuple(
        (
            name,
            number(row.communes),
            number(row.communes_couvertes),
            percent(row.part_communes_couvertes),
            number(row.population),
            number(row.population_couverte),
            percent(row.part_population_couverte),
        )
        for name, row in zip(label, table.itertuples(index=False), strict=True)
    )


_COVERAGE_COLUMNS = (
    "Communes",
    "Communes couvertes",
    "Part des communes",
    "Population",
    "Population couverte",
    "Part de la population",
)
_COVERAGE_NUMERIC = (1, 2, 3, 4, 5, 6)


def _coverage_table(caption: str, first: str, table: pd.DataFrame, label: Sequence[str]) -> Table:
    return Table(
        caption, (first, *_COVERAGE_COLUMNS), _coverage_rows(table, label), _COVERAGE_NUMERIC
    )


def _names_by_code(synthesis: Synthesis) -> dict[str, str]:
    return dict(zip(synthesis.communes["code_insee"], synthesis.communes["nom"], strict=True))


def _actor_name(synthesis: Synthesis, actor_id: str) -> str:
    return synthesis.ecosystem[actor_id].nom if actor_id in synthesis.ecosystem else actor_id


def is_rurality_approximate(synthesis: Synthesis) -> bool:
    """True when the rurality classes come from the population proxy, not the INSEE grid."""
    return bool((synthesis.communes["densite_source"] == "proxy").any())


def actor_sources(synthesis: Synthesis) -> list[str]:
    """Footer line naming where the actors come from (fictional demo data said as such)."""
    fictive = any(
        "fictif" in normalize_name(actor.source) or "fictiv" in normalize_name(actor.source)
        for actor in synthesis.ecosystem
    )
    prefix = "données de démonstration fictives — " if fictive else ""
    return actors_credit(synthesis.ecosystem, prefix=prefix)


# -- sections ----------------------------------------------------------------------------------
def key_figures_section(synthesis: Synthesis) -> list[Block]:
    """Headline numbers, the coverage rule, and the main findings in a few sentences."""
    total = synthesis.coverage_total.iloc[0]
    uncovered = int(total["population"]) - int(total["population_couverte"])
    recommendations = synthesis.recommendations
    figures = [
        (
            "acteurs",
            number(len(synthesis.ecosystem)),
            "acteurs recensés",
            str(len(synthesis.ecosystem)),
        ),
        (
            "partenariats",
            number(len(synthesis.ecosystem.partnerships)),
            "partenariats",
            str(len(synthesis.ecosystem.partnerships)),
        ),
        (
            "communes_couvertes",
            f"{number(total['communes_couvertes'])} / {number(total['communes'])}",
            f"communes couvertes ({percent(total['part_communes_couvertes'])})",
            str(int(total["communes_couvertes"])),
        ),
        (
            "population_couverte",
            number(total["population_couverte"]),
            f"habitants couverts ({percent(total['part_population_couverte'])})",
            str(int(total["population_couverte"])),
        ),
        ("population_non_couverte", number(uncovered), "habitants non couverts", str(uncovered)),
        (
            "zones_blanches",
            number(len(synthesis.white_zones)),
            "zones blanches",
            str(len(synthesis.white_zones)),
        ),
    ]
    blocks: list[Block] = [
        Heading(2, "Chiffres clés", "chiffres-cles"),
        Figures(tuple(figures)),
        Paragraph(
            f"Une commune est dite couverte lorsqu’un acteur ({synthesis.criteria}) se trouve "
            f"{synthesis.threshold} de son point de référence, ou qu’un acteur itinérant y "
            "intervient. Les temps de trajet sont estimés à partir des distances à vol d’oiseau."
        ),
    ]
    if is_rurality_approximate(synthesis):
        blocks.append(
            Paragraph(
                "Le caractère rural ou urbain des communes est une approximation (commune rurale : "
                "moins de 2 000 habitants), faute de la grille communale de densité de l’Insee."
            )
        )
    blocks += positions_to_check_blocks(synthesis)
    findings = []
    by_dep = synthesis.coverage_by_departement.sort_values(
        ["part_population_couverte", "departement"], kind="stable"
    )
    if len(by_dep) > 1:
        low, high = by_dep.iloc[0], by_dep.iloc[-1]
        findings.append(
            f"Département le moins couvert : {_departement(low['departement'])}, "
            f"{percent(low['part_population_couverte'])} de la population ; le mieux couvert : "
            f"{_departement(high['departement'])}, {percent(high['part_population_couverte'])}."
        )
    if len(synthesis.white_zones):
        zone = synthesis.white_zones.iloc[0]
        findings.append(
            f"La plus grande zone blanche, autour {french_of(zone['nom'])}, réunit "
            f"{plural(int(zone['nombre_communes']), 'commune')} et "
            f"{plural(int(zone['population']), 'habitant')} sans acteur {synthesis.threshold}."
        )
    if len(recommendations):
        last = recommendations.iloc[-1]
        findings.append(
            f"{plural(len(recommendations), 'nouveau lieu bien placé', 'nouveaux lieux bien placés')} "
            f"{'couvrirait' if len(recommendations) == 1 else 'couvriraient'} {plural(int(last['population_couverte_cumulee']), 'habitant')} de plus, "
            f"soit {percent(last['part_population_non_couverte_cumulee'])} de la population "
            "aujourd’hui non couverte."
        )
    summary = synthesis.network_summary
    findings.append(
        f"Le réseau relie {plural(summary['actors'], 'acteur')} par "
        f"{plural(summary['partnerships'], 'partenariat')} ; "
        f"{plural(summary['isolated_actors'], 'acteur isolé', 'acteurs isolés')}, "
        f"{plural(summary['articulation_points'], 'point de fragilité', 'points de fragilité')}."
    )
    blocks += [Heading(3, "À retenir"), Items(tuple(findings))]
    return blocks


def positions_to_check_blocks(synthesis: Synthesis) -> list[Block]:
    """« À vérifier » : actors left off the map because their position is clearly wrong."""
    from nec_network.views._map_data import positions_to_check

    wrong = positions_to_check(synthesis.ecosystem)
    if not wrong:
        return []
    items = tuple(
        f"{record['nom']} ({record['id']}) : {record['motif']}"
        + (f" ; position proposée : latitude {record['proposition'][0]:g}, longitude {record['proposition'][1]:g}"
           if record["proposition"] else "")
        for record in wrong
    )
    return [
        Heading(3, f"À vérifier ({number(len(wrong))})"),
        Paragraph(
            f"{plural(len(wrong), 'acteur a', 'acteurs ont')} une position manifestement fausse "
            "(nulle, hors de France ou latitude et longitude inversées) : ils ne sont pas dessinés "
            "sur la carte et restent comptés dans les acteurs recensés."
        ),
        Items(items),
    ]


def coverage_section(synthesis: Synthesis) -> list[Block]:
    """Coverage by département, EPCI (least covered first, all in a collapsible block), rurality."""
    by_dep = synthesis.coverage_by_departement
    dep_labels = [_departement(code) for code in by_dep["departement"]]
    blocks: list[Block] = [
        Heading(2, "Couverture du territoire", "couverture"),
        Paragraph(
            f"Communes et habitants ayant un acteur {synthesis.threshold} ({synthesis.criteria})."
        ),
        _coverage_table("Couverture par département", "Département", by_dep, dep_labels),
        _population_share_chart(
            dep_labels, by_dep["part_population_couverte"], "Part de la population couverte par département"
        ),
    ]
    epci = synthesis.coverage_by_epci.assign(
        _manque=synthesis.coverage_by_epci["population"]
        - synthesis.coverage_by_epci["population_couverte"]
    )
    worst = (
        epci[epci["_manque"] > 0]
        .sort_values(["_manque", "epci_code"], ascending=[False, True], kind="stable")
        .head(TOP_ROWS)
    )
    if len(worst):
        blocks.append(
            _coverage_table(
                "L’intercommunalité (EPCI) comptant des habitants non couverts"
                if len(worst) == 1
                else f"Les {len(worst)} intercommunalités (EPCI) comptant le plus d’habitants "
                "non couverts",
                "EPCI",
                worst,
                [str(name) for name in worst["epci_nom"]],
            )
        )
    every = epci.assign(_cle=epci["epci_nom"].map(normalize_name)).sort_values(
        ["_cle", "epci_code"], kind="stable"
    )
    blocks.append(
        Details(
            f"Toutes les intercommunalités ({len(every)}), par ordre alphabétique",
            (
                _coverage_table(
                    "Couverture par EPCI", "EPCI", every, [str(n) for n in every["epci_nom"]]
                ),
            ),
        )
    )
    by_density = synthesis.coverage_by_densite
    blocks.append(
        _coverage_table(
            "Couverture selon le caractère rural ou urbain",
            "Classe",
            by_density,
            [str(label) for label in by_density["densite"]],
        )
    )
    return blocks


def services_section(synthesis: Synthesis) -> list[Block]:
    """Coverage service by service (any actor offering that service counts)."""
    table = synthesis.coverage_by_service.sort_values(
        ["part_population_couverte", "service"], ascending=[False, True], kind="stable"
    )
    labels = list(table["service"])
    return [
        Heading(2, "Couverture par service", "services"),
        Paragraph(
            "Pour chaque service, communes et habitants ayant un acteur qui le propose "
            f"{synthesis.threshold}."
        ),
        _coverage_table("Couverture par service", "Service", table, labels),
        _population_share_chart(
            labels,
            table["part_population_couverte"],
            "Part de la population couverte, service par service",
            alt="Part de la population couverte par service",
        ),
    ]


def gaps_section(synthesis: Synthesis) -> list[Block]:
    """The most populated uncovered communes, the white zones and the distance distribution."""
    gaps = synthesis.gaps.head(TOP_GAPS)
    names = _names_by_code(synthesis)
    blocks: list[Block] = [
        Heading(2, "Communes non couvertes et zones blanches", "zones-blanches"),
        Paragraph(
            f"{plural(len(synthesis.gaps), 'commune')} sans acteur {synthesis.threshold}, "
            f"{'classée' if len(synthesis.gaps) < 2 else 'classées'} par population."
        ),
    ]
    if len(gaps):
        blocks.append(
            Table(
                "La commune non couverte"
                if len(gaps) == 1
                else f"Les {len(gaps)} communes non couvertes les plus peuplées",
                (
                    "Rang",
                    "Commune",
                    "Département",
                    "EPCI",
                    "Population",
                    "Distance (km)",
                    "Temps (min)",
                    "Acteur le plus proche",
                ),
                tuple(
                    (
                        str(row.rang),
                        f"{row.nom} ({row.code_insee})",
                        str(row.departement),
                        str(row.epci_nom),
                        number(row.population),
                        decimal(row.distance_km),
                        decimal(row.temps_minutes, 0),
                        str(row.acteur_proche_nom or "–"),
                    )
                    for row in gaps.itertuples(index=False)
                ),
                (0, 4, 5, 6),
            )
        )
    blocks.append(
        Paragraph(
            "Une zone blanche réunit des communes voisines non couvertes ; elle porte le nom de sa "
            "commune la plus peuplée."
        )
    )
    if len(synthesis.white_zones):
        blocks.append(
            Table(
                "Zones blanches",
                ("Zone", "Nombre de communes", "Population", "Départements", "Communes"),
                tuple(
                    (
                        str(row.nom),
                        number(row.nombre_communes),
                        number(row.population),
                        ", ".join(str(row.departements).split("|")),
                        listed(
                            [names.get(code, code) for code in str(row.communes).split("|") if code]
                        ),
                    )
                    for row in synthesis.white_zones.itertuples(index=False)
                ),
                (1, 2),
            )
        )
    else:
        blocks.append(Paragraph("Aucune zone blanche."))
    minutes = synthesis.threshold.max_minutes is not None
    column = "temps_minutes" if minutes else "distance_km"
    unit = (
        "Temps estimé jusqu’à l’acteur le plus proche (minutes)"
        if minutes
        else ("Distance à vol d’oiseau jusqu’à l’acteur le plus proche (km)")
    )
    values = synthesis.coverage[column].dropna()
    if len(values):
        blocks.append(
            Chart(
                charts.distance_histogram(
                    values, title="Éloignement des communes de l’acteur le plus proche", axis=unit
                ),
                f"Histogramme : nombre de communes selon {unit[0].lower() + unit[1:]} ; médiane "
                f"{decimal(values.median())}, maximum {decimal(values.max())}.",
            )
        )
    return blocks


def recommendations_section(synthesis: Synthesis) -> list[Block]:
    """Recommended new sites with their marginal and cumulative gains."""
    table = synthesis.recommendations
    blocks: list[Block] = [
        Heading(2, "Sites recommandés", "sites"),
        Paragraph(
            "Lieux où une nouvelle permanence couvrirait le plus d’habitants aujourd’hui non "
            "couverts, choisis l’un après l’autre : chaque gain s’ajoute aux précédents."
        ),
    ]
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
                    str(row.rang),
                    f"{row.nom} ({row.code_insee})",
                    str(row.departement),
                    str(row.acteur_nom or "–"),
                    number(row.gain_population),
                    number(row.communes_gagnees),
                    number(row.population_couverte_cumulee),
                    percent(row.part_population_non_couverte_cumulee),
                )
                for row in table.itertuples(index=False)
            ),
            (0, 4, 5, 6, 7),
        )
    )
    return blocks


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
    brokers = synthesis.brokers.head(TOP_ROWS)
    if len(brokers):
        blocks += [
            Heading(3, "Les passeurs"),
            Paragraph(
                "Acteurs par lesquels passent le plus de chemins du réseau (intermédiarité)."
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
    blocks.append(Heading(3, "Points de fragilité"))
    sentences = [*synthesis.articulation_points["sentence"], *synthesis.bridges["sentence"]]
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
    communities = synthesis.communities
    if len(communities):
        blocks += [
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
                    [str(name) for name in communities["central_actor_nom"]],
                    [int(size) for size in communities["size"]],
                    title="Taille des communautés (acteur le plus central)",
                    axis="Nombre d’acteurs",
                ),
                "Taille des communautés : "
                + " ; ".join(
                    f"{name} {size}"
                    for name, size in zip(
                        communities["central_actor_nom"], communities["size"], strict=True
                    )
                )
                + ".",
            ),
        ]
    blocks.append(Heading(3, "Partenariats à envisager"))
    suggestions = synthesis.suggestions
    blocks.append(
        Items(tuple(str(text) for text in suggestions["raison"].head(TOP_ROWS)))
        if len(suggestions)
        else Paragraph("Aucune suggestion de partenariat.")
    )
    return blocks


def _journey_blocks(synthesis: Synthesis, trip: Journey) -> list[Block]:
    persona = trip.persona
    mobility = {
        "voiture": "en voiture",
        "transport": "en transports",
        "velo": "à vélo",
        "pied": "à pied",
    }.get(persona.mobilite, persona.mobilite)
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
    blocks += [Items(tuple(facts)), Paragraph("Réponse : " + trip.sentence)]
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
                        str(row.nom) + (" (itinérant)" if row.via_itinerance else ""),
                        str(row.commune),
                        decimal(row.distance_km),
                        decimal(row.temps_minutes, 0),
                        ", ".join(str(row.besoins_couverts).split("|")),
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
                    f"Besoin non couvert à sa portée : {row.besoin} — le plus proche : "
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
    blocks: list[Block] = [
        Heading(2, "Parcours de personnes accompagnées", "parcours"),
        Paragraph(
            "Pour quelques situations types, où un aidant peut orienter la personne et par qui "
            "passer."
        ),
    ]
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
                "(problème de couverture maximale, résolu par une méthode gloutonne améliorée)."),
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
    from nec_network.views._guide_sections import guide_blocks  # it builds on the blocks above

    return guide_blocks(synthesis)


SECTIONS = (
    key_figures_section,
    coverage_section,
    services_section,
    gaps_section,
    recommendations_section,
    network_section,
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
