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
from nec_network.wording import cut_off_sentences
from nec_network.text import normalize_name
from nec_network.analysis.synthesis import Synthesis
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
    """A PNG chart; its ``title`` is a caption under it (text, so it wraps and is never cut)."""

    png: bytes
    alt: str
    title: str = ""


@dataclass(frozen=True)
class Details:
    summary: str
    blocks: tuple[object, ...]


Block = Heading | Paragraph | Figures | Items | Table | Chart | Details


# -- French formats (no-break spaces: this is HTML and Markdown) ---------------------------------
def section_start(title: str, anchor: str, intro: str) -> list[Block]:
    """How a report section opens: its level-2 heading, then a paragraph saying what it shows."""
    return [Heading(2, title, anchor), Paragraph(intro)]


def number(value: float) -> str:
    """Whole number with French thousands separators (no-break spaces).

    >>> number(1850126)
    '1\\xa0850\\xa0126'
    """
    return wording.number(round(float(value)), separator=wording.NBSP)


def percent(share: float) -> str:
    """A share (0–1) as a French percentage; rounding never reaches 0 % or 100 % unless exact.

    >>> percent(0.96428), percent(0.99996), percent(1), percent(0.00004)
    ('96,4\\xa0%', '>\\xa099,9\\xa0%', '100,0\\xa0%', '<\\xa00,1\\xa0%')
    """
    share = float(share)
    if 0.999 < share < 1 and round(share * 100, 1) >= 100:
        return f">{wording.NBSP}" + wording.percent(0.999, separator=wording.NBSP)
    if 0 < share < 0.001 and round(share * 100, 1) <= 0:
        return f"<{wording.NBSP}" + wording.percent(0.001, separator=wording.NBSP)
    return wording.percent(share, separator=wording.NBSP)


def decimal(value: float, digits: int = 1) -> str:
    """``12.34`` → ``12,3``; missing values → ``–``."""
    if pd.isna(value):
        return "–"
    return wording.number(value, digits, separator=wording.NBSP)


def beyond(value: float, limit: float | None) -> str:
    """A value known to exceed ``limit`` (an uncovered commune's time or distance), one decimal;
    when rounding would bring it down to the limit, ``> limit`` (never « 20 » under « 20 or less »).

    >>> beyond(20.04, 20), beyond(23.46, 20), beyond(12.5, None)
    ('>\\xa020,0', '23,5', '12,5')
    """
    text = decimal(value)
    if limit is not None and not pd.isna(value) and value > limit >= round(float(value), 1):
        return f">{wording.NBSP}{decimal(limit)}"
    return text


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
        charts.share_bars(list(labels), shares, axis="Population couverte"),
        f"{alt or title} : {spelled}.",
        title,
    )


def _departement(code: str) -> str:
    name = departement_names().get(str(code), "")
    return f"{name} ({code})" if name else str(code)


def _coverage_rows(table: pd.DataFrame, label: Sequence[str]) -> tuple[tuple[str, ...], ...]:
    return tuple(
        (
            name,
            number(row.communes),
            number(row.covered_communes),
            percent(row.covered_communes_share),
            number(row.population),
            number(row.covered_population),
            percent(row.covered_population_share),
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


def fragility_sentences(synthesis: Synthesis) -> list[str]:
    """The points of fragility of the network, one sentence each: the actors whose departure
    would cut it (articulation points), then the links whose loss would (bridges). « À retenir »
    counts them and the network section lists them: both from this one list."""
    names = {actor.id: actor.nom for actor in synthesis.ecosystem}
    return [
        *cut_off_sentences(synthesis.articulation_points, names),
        *cut_off_sentences(synthesis.bridges, names),
    ]


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
        *section_start(
            "Couverture du territoire", "couverture",
            f"Communes et habitants ayant un acteur {synthesis.threshold} ({synthesis.criteria})."
            + wording.context_places_sentence(synthesis.context_actors),
        ),
        _coverage_table("Couverture par département", "Département", by_dep, dep_labels),
        _population_share_chart(
            dep_labels, by_dep["covered_population_share"], "Part de la population couverte par département"
        ),
    ]
    epci = synthesis.coverage_by_epci.assign(
        _manque=synthesis.coverage_by_epci["population"]
        - synthesis.coverage_by_epci["covered_population"]
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
        ["covered_population_share", "service"], ascending=[False, True], kind="stable"
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
            table["covered_population_share"],
            "Part de la population couverte, service par service",
            alt="Part de la population couverte par service",
        ),
    ]


def gaps_section(synthesis: Synthesis) -> list[Block]:
    """The most populated uncovered communes, the white zones and the distance distribution."""
    gaps = synthesis.gaps.head(TOP_GAPS)
    names = _names_by_code(synthesis)
    blocks = section_start(
        "Communes non couvertes et zones blanches", "zones-blanches",
        f"{plural(len(synthesis.gaps), 'commune')} sans acteur {synthesis.threshold}, "
        f"{'classée' if len(synthesis.gaps) < 2 else 'classées'} par population.",
    )
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
                        str(row.rank),
                        f"{row.nom} ({row.code_insee})",
                        str(row.departement),
                        str(row.epci_nom),
                        number(row.population),
                        beyond(row.distance_km, synthesis.threshold.max_km),
                        beyond(row.travel_minutes, synthesis.threshold.max_minutes),
                        str(row.nearest_actor_name or "–"),
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
                        number(row.commune_count),
                        number(row.population),
                        ", ".join(str(row.departements).split("|")),
                        listed(
                            [names.get(code, code) for code in str(row.commune_codes).split("|") if code]
                        ),
                    )
                    for row in synthesis.white_zones.itertuples(index=False)
                ),
                (1, 2),
            )
        )
    else:
        blocks.append(Paragraph("Aucune zone blanche."))
    return blocks + _distance_chart(synthesis)


def _distance_chart(synthesis: Synthesis) -> list[Block]:
    """The histogram of the communes' distance (or time) to the nearest actor, none without values."""
    minutes = synthesis.threshold.max_minutes is not None
    column = "travel_minutes" if minutes else "distance_km"
    unit = (
        "Temps estimé jusqu’à l’acteur le plus proche (minutes)"
        if minutes
        else ("Distance à vol d’oiseau jusqu’à l’acteur le plus proche (km)")
    )
    values = synthesis.coverage[column].dropna()
    if not len(values):
        return []
    return [
        Chart(
            charts.distance_histogram(values, axis=unit),
            f"Histogramme : nombre de communes selon {unit[0].lower() + unit[1:]} ; médiane "
            f"{decimal(values.median())}, maximum {decimal(values.max())}.",
            "Éloignement des communes de l’acteur le plus proche",
        )
    ]

