"""Interactive network of the actors and their partnerships, as one HTML page (vis-network via pyvis).

pyvis gives the node and edge records; the page around them is ours, to close
pyvis' gaps: the caller's graph is never touched (nodes are added one by one
from the immutable :class:`~nec_network.model.Ecosystem`, never through
``Network.from_nx``, which rewrites node attributes in place), the page has a
legend, search works on actors' *names*, filters are small French controls
with no Bootstrap, and every asset is inlined unless ``cdn=True``.

Two layouts, both computed here before the page is shown (:mod:`._network_layout`), so
the page draws at once without running forces: *physique* (seeded Fruchterman–Reingold
forces, for networks of up to 500 actors with partners; above that, vis-network computes
forceAtlas2 forces in the browser, then freezes them) and *géographique* (positions projected
from coordinates, even for thousands of actors). Every value read from data reaches
the page either escaped (HTML) or as JSON with ``<``, ``>`` and ``&`` written
as ``\\u003c``… and shown through ``textContent``, so a name such as
``<img src=x onerror=alert(1)>`` stays text.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
from pyvis.network import Network

from nec_network.wording import NBSP, number, plural
from nec_network.errors import NecNetworkError
from nec_network.io.output import write_output
from nec_network.model import Actor, Ecosystem, Partnership, without_personal_data
from nec_network.model.opening_hours import describe_opening_hours
from nec_network.model.vocabularies import PARTNERSHIP_TYPES, TYPOLOGY_LABELS
from nec_network.settings import (
    NETWORK_COLOR_CHOICES,
    NETWORK_LAYOUT_CHOICES,
    NETWORK_SIZE_CHOICES,
)
from nec_network.views import _network_brokers as _brokers
from nec_network.views import _network_layout as _layout
from nec_network.views import _network_parts as _parts
from nec_network.views import _network_time as _time
from nec_network.views.page import actors_credit
from nec_network.views.rendering import render_page
from nec_network.views.style import LINK_STYLES, typology_styles

DEFAULT_TITLE = "Réseau des acteurs de l'inclusion numérique"
#: With ``layout="auto"``, networks of more actors than this are drawn geographically.
AUTO_GEOGRAPHIC_ABOVE = 500
#: Actors whose name is written at load, the most central first (overlapping ones are dropped).
LABELLED_ACTORS = 12
COLOR_CHOICES = NETWORK_COLOR_CHOICES
SIZE_CHOICES = NETWORK_SIZE_CHOICES
LAYOUT_CHOICES = NETWORK_LAYOUT_CHOICES

#: Metric column of :func:`~nec_network.analysis.centrality.actor_metrics` behind each size choice.
_SIZE_COLUMNS = {"degre": "degree", "intermediarite": "betweenness", "pagerank": "pagerank"}
_METRIC_LABELS = {
    "degre": "Partenariats",
    "intermediarite": "Intermédiarité",
    "pagerank": "PageRank",
}
_MIN_SIZE, _MAX_SIZE = 10.0, 40.0

# Okabe–Ito (départements) and Paul Tol "muted" then Okabe–Ito (communities): colour-blind safe.
_DEPARTEMENT_COLORS = {"02": "#0072B2", "60": "#D55E00", "80": "#009E73"}
_COMMUNITY_COLORS = (
    "#332288", "#88CCEE", "#44AA99", "#117733", "#999933", "#DDCC77",
    "#CC6677", "#882255", "#AA4499", "#E69F00", "#0072B2", "#D55E00",
)
_OTHER_COLOR = "#BBBBBB"
_NO_PARTNER_COLOR, _NO_PARTNER_BORDER = "#ffffff", "#6c757d"

def network_layout(ecosystem: Ecosystem, layout: str = "auto") -> str:
    """The layout actually used: ``"physique"`` or ``"geographique"``.

    ``"auto"`` chooses the geographic layout above :data:`AUTO_GEOGRAPHIC_ABOVE`
    actors, where forces would take too long to settle.

    >>> from nec_network.model import Actor
    >>> network_layout(Ecosystem([Actor("a", "A")])), network_layout(Ecosystem(), "geographique")
    ('physique', 'geographique')
    """
    _check_choice("disposition", layout, LAYOUT_CHOICES)
    if layout != "auto":
        return layout
    return "geographique" if len(ecosystem) > AUTO_GEOGRAPHIC_ABOVE else "physique"


@dataclass(frozen=True)
class NetworkOptions:
    """How the network page is drawn.

    ``color_by`` colours actors by primary typology, Louvain community or département
    (:data:`COLOR_CHOICES`); ``size_by`` sizes them by degree, betweenness or PageRank
    (:data:`SIZE_CHOICES`); ``layout`` is ``auto``, ``physique`` or ``geographique``
    (:func:`network_layout`). With ``cdn=True`` vis-network is loaded from cdnjs instead of
    being inlined.
    """

    color_by: str = "typologie"
    size_by: str = "degre"
    layout: str = "auto"
    cdn: bool = False
    title: str = DEFAULT_TITLE


def build_network(
    ecosystem: Ecosystem, options: NetworkOptions | None = None, *, metrics: pd.DataFrame | None = None
) -> str:
    """The interactive network page of ``ecosystem``, drawn as ``options`` say, as a self-contained HTML string.

    ``metrics`` is a table from :func:`~nec_network.analysis.centrality.actor_metrics`
    (computed, seed 0, when it is None); the page's « Passeurs et ponts » view shows the
    brokers and bridges the report names (:mod:`._network_brokers`). Partnerships are
    coloured and dashed by type, with arrows for directed types.
    Nothing given is modified; the same input gives the same bytes. Advisers' personal data is
    left out (:func:`~nec_network.model.personal.without_personal_data`).
    """
    ecosystem, _ = without_personal_data(ecosystem)
    options = options or NetworkOptions()
    if metrics is None:
        # One computation for sizes, colours, communities and the « Passeurs et ponts » view.
        from nec_network.analysis.centrality import actor_metrics

        metrics = actor_metrics(ecosystem, seed=0)
    color_by, size_by = options.color_by, options.size_by
    _check_choice("couleur", color_by, COLOR_CHOICES)
    _check_choice("taille", size_by, SIZE_CHOICES)
    chosen_layout = network_layout(ecosystem, options.layout)
    actors = ecosystem.actors
    sizes = _metric_values(ecosystem, size_by, metrics)
    colors, color_legend = _node_colors(ecosystem, color_by, metrics)
    scale = max(sizes.values(), default=0.0)
    radii = {actor_id: _node_size(value, scale) for actor_id, value in sizes.items()}
    positions, unplaced = _positions(ecosystem, chosen_layout, radii)
    data = _page_data(ecosystem, chosen_layout, sizes, colors, positions, size_by, metrics)
    return render_page(
        "reseau.html.j2",
        title=options.title,
        data=data,
        sources=actors_credit(ecosystem),
        scripts=("vis-network.js", "texte.js", "reseau.js", "reseau-temps.js", "reseau-frise.js", "reseau-ponts.js"),
        styles=("vis-network.css", "reseau.css"),
        cdn=options.cdn,
        filters=_parts.filters(ecosystem),
        legend=_parts.legend(
            ecosystem,
            color_by=color_by,
            color_legend=color_legend,
            size_by=size_by,
            layout=chosen_layout,
            unplaced=unplaced,
            solid=len(actors) > AUTO_GEOGRAPHIC_ABOVE,
        ),
        actors=_parts.actor_list(ecosystem),
        shown=plural(len(actors), "acteur affiché", "acteurs affichés"),
        total=number(len(actors)),
        loading=data["forces"],
        time=_time.template_values(data["temps"]),
        brokers=data["passeurs_ponts"],
    )


def _positions(
    ecosystem: Ecosystem, chosen_layout: str, radii: dict[str, float]
) -> tuple[dict[str, tuple[float, float]], int]:
    """Positions computed here (none when the browser is to compute the forces), and the count
    of actors set aside in rows under the drawing (no known place, or no partner)."""
    if chosen_layout == "geographique":
        return _layout.geographic_positions(ecosystem.actors)
    graph = ecosystem.undirected_graph()
    linked = sum(1 for actor in ecosystem if graph.degree(actor.id))
    if linked <= _layout.FORCE_LAYOUT_MAX:
        return _layout.force_positions(ecosystem, radii=radii), len(ecosystem) - linked
    return {}, 0


def _page_data(ecosystem: Ecosystem, chosen_layout: str, sizes: dict[str, float], colors: dict[str, str],
               positions: dict[str, tuple[float, float]], size_by: str, metrics: pd.DataFrame | None
               ) -> dict[str, Any]:
    """The page's JSON document: vis-network's nodes and edges (through pyvis), options, communities."""
    actors = ecosystem.actors
    # Nodes name a colour group and edges their type: the styles are given once.
    groups = {color: f"c{rank}" for rank, color in enumerate(dict.fromkeys(colors.values()))}
    vis = Network(directed=True, cdn_resources="remote")
    scale = max(sizes.values(), default=0.0)
    for actor in actors:
        placed = positions.get(actor.id)
        vis.add_node(
            actor.id,
            label=actor.nom,
            group=groups[colors[actor.id]],
            size=round(_node_size(sizes[actor.id], scale), 2),
            **({"x": placed[0], "y": placed[1]} if placed else {}),
            infobulle=_tooltip(actor, size_by, sizes[actor.id]),
            typologies=list(actor.typologies),
            departement=actor.departement,
            services=list(actor.services),
        )
    for index, (link, parallel) in enumerate(_with_parallel_rank(ecosystem.partnerships)):
        vis.add_edge(link.source, link.cible, **_edge_options(index, link, parallel))
    nodes, edges, *_ = vis.get_network_data()
    forces = len(positions) < len(actors)
    settings = _parts.vis_options(forces, len(actors), large=len(actors) > AUTO_GEOGRAPHIC_ABOVE)
    settings["groups"] = {key: {"color": _node_color(color)} for color, key in groups.items()}
    communities = _parts.communities(ecosystem, metrics)
    member_of = {member: c["numero"] for c in communities for member in c.pop("membres")}
    ranks = {actor_id: rank for rank, actor_id in enumerate(sorted(sizes, key=lambda a: (-sizes[a], a)))}
    return {
        # pyvis writes a shape on every node; the options give it once. Labels are drawn for
        # the most central actors only (the page drops those that would overlap).
        "nodes": [
            {
                **{key: value for key, value in node.items() if key not in ("shape", "label")},
                "nom": node["label"],
                "rang": ranks[node["id"]],
                **({"communaute": member_of[node["id"]]} if node["id"] in member_of else {}),
            }
            for node in nodes
        ],
        "edges": edges,
        "liens": _link_styles((link.type for link in ecosystem.partnerships), solid=len(actors) > AUTO_GEOGRAPHIC_ABOVE),
        "options": settings,
        # The browser computes the forces only when no positions were computed here.
        "forces": forces,
        "etiquettes": LABELLED_ACTORS,
        "communautes": communities,
        "temps": _time.time_document(ecosystem),
        "passeurs_ponts": _brokers.brokers_and_bridges(ecosystem, metrics),
    }


def write_network(
    ecosystem: Ecosystem, path: str | Path, options: NetworkOptions | None = None, *,
    metrics: pd.DataFrame | None = None,
) -> Path:
    """Write :func:`build_network` to ``path`` (UTF-8, folders created, never through a link)
    and return the path."""
    return write_output(path, build_network(ecosystem, options, metrics=metrics))


# -- checks and measures --------------------------------------------------------------------
def _check_choice(option: str, value: str, choices: Iterable[str]) -> None:
    if value not in choices:
        raise NecNetworkError(
            f"Valeur inconnue pour « {option} » : « {value} » (admises : {', '.join(choices)})."
        )


def _metrics_column(metrics: pd.DataFrame, column: str) -> pd.Series:
    missing = [name for name in ("id", column) if name not in metrics.columns]
    if missing:
        raise NecNetworkError(
            f"Le tableau des mesures du réseau n'a pas la colonne « {missing[0]} » : "
            "utilisez le résultat de actor_metrics()."
        )
    return metrics.set_index("id")[column]


def _metric_values(
    ecosystem: Ecosystem, size_by: str, metrics: pd.DataFrame | None
) -> dict[str, float]:
    """The measure behind node sizes, per actor id (0 for actors absent from ``metrics``)."""
    from nec_network.analysis import centrality

    if metrics is not None:
        values = _metrics_column(metrics, _SIZE_COLUMNS[size_by]).to_dict()
    elif size_by == "degre":
        values = centrality.degrees(ecosystem).set_index("id")["degree"].to_dict()
    elif size_by == "intermediarite":
        values = centrality.betweenness(ecosystem)
    else:
        values = centrality.pagerank(ecosystem)
    return {actor.id: float(values.get(actor.id, 0.0) or 0.0) for actor in ecosystem}


def _node_size(value: float, scale: float) -> float:
    """Area grows with the measure: radius from 10 to 40 px by square root."""
    if scale <= 0:
        return _MIN_SIZE
    return _MIN_SIZE + (_MAX_SIZE - _MIN_SIZE) * math.sqrt(max(value, 0.0) / scale)


def _node_color(color: str) -> dict[str, Any]:
    # A white ring separates overlapping dots; white dots (no community) get a grey one.
    border = _NO_PARTNER_BORDER if color == _NO_PARTNER_COLOR else "#ffffff"
    return {
        "background": color,
        "border": border,
        "highlight": {"background": color, "border": "#000000"},
        "hover": {"background": color, "border": "#000000"},
    }


# -- colours --------------------------------------------------------------------------------
def _node_colors(
    ecosystem: Ecosystem, color_by: str, metrics: pd.DataFrame | None
) -> tuple[dict[str, str], list[tuple[str, str, int]]]:
    """Colour of each actor, and the legend rows ``(colour, label, count)``."""
    actors = ecosystem.actors
    if color_by == "typologie":
        keys = {actor.id: actor.primary_typology for actor in actors}
        styles = typology_styles(keys.values())
        palette = {code: (style.color, style.label) for code, style in styles.items()}
    elif color_by == "departement":
        keys = {actor.id: actor.departement for actor in actors}
        palette = _departement_palette(keys.values())
    else:
        keys, palette = _community_palette(ecosystem, metrics)
    counts = Counter(keys.values())
    colors = {actor_id: palette[key][0] for actor_id, key in keys.items()}
    # Several keys may share a colour and label (e.g. RFS and MSAP): one legend row each.
    rows: dict[tuple[str, str], int] = {}
    for key, (color, label) in palette.items():
        if counts[key]:
            rows[(color, label)] = rows.get((color, label), 0) + counts[key]
    return colors, [(color, label, count) for (color, label), count in rows.items()]


def _departement_palette(codes: Iterable[str]) -> dict[str, tuple[str, str]]:
    from nec_network.territory import departement_names

    names = departement_names()
    palette: dict[str, tuple[str, str]] = {}
    others = iter(("#E69F00", "#CC79A7", "#56B4E9", "#000000", "#F0E442", "#777777"))
    for code in sorted(set(codes), key=lambda code: (code == "", code)):
        if not code:
            palette[code] = (_OTHER_COLOR, "Département inconnu")
            continue
        color = _DEPARTEMENT_COLORS.get(code) or next(others, _OTHER_COLOR)
        palette[code] = (color, f"{code} {names.get(code, code)}")
    return palette


def _community_palette(
    ecosystem: Ecosystem, metrics: pd.DataFrame | None
) -> tuple[dict[str, str], dict[str, tuple[str, str]]]:
    """Community key per actor and palette: one colour per community, largest first."""
    if metrics is not None:
        numbers = _metrics_column(metrics, "community").to_dict()
        names = _metrics_column(metrics, "community_name").to_dict()
        found = {
            int(numbers[a.id]): str(names.get(a.id) or "")
            for a in ecosystem
            if a.id in numbers and not pd.isna(numbers[a.id])
        }
    else:
        from nec_network.analysis.communities import detect_communities

        communities = detect_communities(ecosystem, seed=0)
        numbers = {member: c.number for c in communities for member in c.members}
        found = {c.number: c.name for c in communities}
    keys: dict[str, str] = {}
    for actor in ecosystem:
        number = numbers.get(actor.id)
        keys[actor.id] = "" if number is None or pd.isna(number) else str(int(number))
    palette: dict[str, tuple[str, str]] = {}
    for rank, number in enumerate(sorted(found)):
        label = found[number] or f"Communauté {number}"
        if rank < len(_COMMUNITY_COLORS):
            palette[str(number)] = (_COMMUNITY_COLORS[rank], label)
        else:
            palette[str(number)] = (_OTHER_COLOR, "Autres communautés")
    palette[""] = (_NO_PARTNER_COLOR, "Sans partenaire")
    return keys, palette


# -- edges ----------------------------------------------------------------------------------
def _with_parallel_rank(links: Iterable[Partnership]) -> list[tuple[Partnership, int]]:
    """Each partnership with its rank among the links joining the same two actors."""
    seen: Counter[frozenset[str]] = Counter()
    ranked = []
    for link in links:
        pair = frozenset((link.source, link.cible))
        ranked.append((link, seen[pair]))
        seen[pair] += 1
    return ranked


def _dashes(pattern: str) -> bool | list[float]:
    return [float(step) for step in pattern.split()] if pattern else False


def _edge_options(index: int, link: Partnership, parallel: int) -> dict[str, Any]:
    """What differs from one edge to the next; the page adds the style of its type."""
    options: dict[str, Any] = {"id": f"e{index}", "type": link.type}
    if link.poids != 1:
        options["width"] = round(1.0 + min(max(link.poids, 0.0), 4.0) * 0.5, 2)
    if link.debut:
        options["debut"] = str(link.debut)
    if link.fin:
        options["fin"] = str(link.fin)
    if link.evenement:
        options["evenement"] = link.evenement
    if link.note:
        options["note"] = link.note
    if parallel:
        side = "curvedCW" if parallel % 2 else "curvedCCW"
        options["smooth"] = {
            "enabled": True,
            "type": side,
            "roundness": 0.15 * ((parallel + 1) // 2),
        }
    return options


def _link_styles(types: Iterable[str], *, solid: bool = False) -> dict[str, dict[str, Any]]:
    """Style of each partnership type present: colour, dashes, arrow, French label.

    ``solid``: every link a plain line (large networks: dashed lines take twice as long to draw)."""
    styles = {}
    for code in sorted(set(types)):
        style = LINK_STYLES.get(code)
        kind = PARTNERSHIP_TYPES.get(code)
        color = style.color if style else "#8d99ae"
        directed = bool(kind and kind.directed)
        styles[code] = {
            "color": {"color": color, "highlight": color, "hover": color, "opacity": 0.85},
            "dashes": _dashes(style.dashes if style and not solid else ""),
            "arrows": {"to": {"enabled": directed, "scaleFactor": 0.6}},
            "libelle": kind.label if kind else code,
            "oriente": directed,
        }
    return styles


# -- tooltips -------------------------------------------------------------------------------
def _format_number(value: float, size_by: str) -> str:
    if size_by == "degre":
        return str(round(value))
    text = f"{value:.3f}" if value >= 0.001 or value == 0 else f"{value:.2e}"
    return text.replace(".", ",")


def _tooltip(actor: Actor, size_by: str, measure: float) -> dict[str, Any]:
    """Tooltip content, as text only: the page builds it with ``textContent``."""
    lines: list[list[str]] = []
    if actor.typologies:
        lines.append(
            ["Typologie", ", ".join(TYPOLOGY_LABELS.get(code, code) for code in actor.typologies)]
        )
    place = " ".join(part for part in (actor.code_postal, actor.commune) if part)
    if place:
        lines.append(["Commune", place])
    if actor.itinerant:
        lines.append(["Accueil", "itinérant"])
    if actor.services:
        lines.append(["Services", ", ".join(actor.services)])
    contacts = [actor.telephone, *actor.courriels, *actor.sites_web]
    if any(contacts):
        lines.append(["Contact", " · ".join(value for value in contacts if value)])
    if actor.horaires:
        lines.append(["Horaires", describe_opening_hours(actor.horaires, separator=NBSP)])
    lines.append([_METRIC_LABELS[size_by], _format_number(measure, size_by)])
    return {"nom": actor.nom, "lignes": lines}
