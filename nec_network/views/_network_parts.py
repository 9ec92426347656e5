"""The network page's pieces for its template: filters, legend, communities, the text list.

Everything here is plain values (strings, numbers, lists, dicts): the template
``reseau.html.j2`` escapes them; nothing here is markup.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import pandas as pd

from nec_network.model import Ecosystem
from nec_network.model.vocabularies import PARTNERSHIP_TYPES, TYPOLOGY_LABELS
from nec_network.views._network_layout import LAYOUT_SEED
from nec_network.views.style import LINK_STYLES, PALETTE_NAME
from nec_network.wording import plural

SIZE_LABELS = {
    "degre": "nombre de partenariats (degré)",
    "intermediarite": "intermédiarité (part des plus courts chemins passant par l'acteur)",
    "pagerank": "PageRank (importance reçue des partenaires)",
}
_COLOR_HEADINGS = {
    "typologie": "Couleur : typologie principale",
    "communaute": "Couleur : communauté de partenaires",
    "departement": "Couleur : département",
}


def _options(counts: Counter[str], labels: dict[str, str]) -> list[dict[str, Any]]:
    rows = sorted(counts, key=lambda value: (labels.get(value, value).casefold(), value))
    return [{"value": v, "label": labels.get(v, v), "count": counts[v]} for v in rows]


def filters(ecosystem: Ecosystem) -> dict[str, list[dict[str, Any]]]:
    """Choices of the typology, département and service filters, with counts."""
    from nec_network.territory import departement_names

    actors = ecosystem.actors
    typologies = Counter(code for actor in actors for code in dict.fromkeys(actor.typologies))
    departements = Counter(actor.departement for actor in actors if actor.departement)
    services = Counter(service for actor in actors for service in dict.fromkeys(actor.services))
    names = departement_names()
    return {
        "typologies": _options(typologies, dict(TYPOLOGY_LABELS)),
        "departements": _options(
            departements, {code: f"{code} {names.get(code, code)}" for code in departements}
        ),
        "services": _options(services, {}),
    }


def legend(
    ecosystem: Ecosystem,
    *,
    color_by: str,
    color_legend: list[tuple[str, str, int]],
    size_by: str,
    layout: str,
    unplaced: int,
    solid: bool = False,
) -> dict[str, Any]:
    """Legend content: colour rows, link rows (style of each type), notes; ``solid``: links
    drawn as plain lines whatever their type (large networks)."""
    link_counts = Counter(link.type for link in ecosystem.partnerships)
    links = []
    for code, count in sorted(link_counts.items(), key=lambda item: (-item[1], item[0])):
        style = LINK_STYLES.get(code)
        kind = PARTNERSHIP_TYPES.get(code)
        links.append(
            {
                "color": style.color if style else "#777777",
                "dashes": style.dashes if style and not solid else "",
                "directed": bool(kind and kind.directed),
                "label": kind.label if kind else code,
                "count": count,
            }
        )
    directed = [
        kind.label.lower()
        for code, kind in PARTNERSHIP_TYPES.items()
        if kind.directed and code in link_counts
    ]
    notes = [f"Taille : {SIZE_LABELS[size_by]}."]
    if directed:
        notes.append(
            "Flèche : lien orienté, de la source vers la cible ("
            + ", ".join(directed)
            + ") ; sans flèche : lien réciproque."
        )
    if layout == "geographique":
        notes.append("Disposition géographique : chaque acteur est placé à sa position réelle.")
        if unplaced:
            placed = "placé" if unplaced == 1 else "placés"
            notes.append(f"{plural(unplaced, 'acteur')} sans position connue, {placed} sous la carte.")
    else:
        notes.append("Disposition physique : les partenaires proches sont rapprochés.")
        if unplaced:
            placed = "rangé" if unplaced == 1 else "rangés"
            notes.append(f"{plural(unplaced, 'acteur')} sans partenaire, {placed} sous le réseau.")
    if solid:
        notes.append(
            "Couleurs : palette " + PALETTE_NAME + " ; liens : Okabe et Ito, en trait plein (la couleur "
            "dit le type) : au-delà de 500 acteurs, les pointillés ralentiraient le dessin."
        )
    else:
        notes.append(f"Couleurs : palette {PALETTE_NAME} ; liens : Okabe et Ito, avec un tracé par type.")
    return {
        "heading": _COLOR_HEADINGS[color_by],
        "colors": [{"color": c, "label": label, "count": n} for c, label, n in color_legend],
        "links": links,
        "notes": notes,
    }


def communities(ecosystem: Ecosystem, metrics: pd.DataFrame | None) -> list[dict[str, Any]]:
    """Communities of partners, largest first: ``numero``, ``nom``, ``taille``, ``membres``.

    From ``metrics`` (``community``/``community_name`` columns) when given, else detected
    (Louvain, seeded). Actors without partners belong to none.
    """
    if metrics is not None and {"id", "community", "community_name"} <= set(metrics.columns):
        groups: dict[int, dict[str, Any]] = {}
        for row in metrics.itertuples(index=False):
            if pd.isna(row.community) or row.id not in ecosystem:
                continue
            group = groups.setdefault(
                int(row.community), {"numero": int(row.community), "nom": str(row.community_name or ""), "membres": []}
            )
            group["membres"].append(row.id)
        found = sorted(groups.values(), key=lambda g: (-len(g["membres"]), g["numero"]))
    else:
        from nec_network.analysis.communities import detect_communities

        found = [
            {"numero": c.number, "nom": c.name, "membres": list(c.members)}
            for c in detect_communities(ecosystem, seed=0)
        ]
    for group in found:
        group["nom"] = group["nom"] or f"Communauté {group['numero']}"
        group["taille"] = len(group["membres"])
    # Groups of one or two are not worth folding.
    return [group for group in found if group["taille"] >= 3]


def actor_list(ecosystem: Ecosystem) -> list[dict[str, Any]]:
    """The text alternative: each actor (by name) with its typology, commune and partners."""
    from nec_network.views.style import typology_styles

    styles = typology_styles(actor.primary_typology for actor in ecosystem)
    partners: dict[str, list[dict[str, str]]] = {actor.id: [] for actor in ecosystem}
    # ``lien`` is the drawn edge's id (e0, e1… in the order of the partnerships), by which the
    # page shows a partner only when the partnership is there on the chosen date.
    for index, link in enumerate(ecosystem.partnerships):
        if link.source not in partners or link.cible not in partners or link.source == link.cible:
            continue
        kind = PARTNERSHIP_TYPES.get(link.type)
        label = kind.label if kind else link.type
        directed = bool(kind and kind.directed)
        edge = f"e{index}"
        partners[link.source].append(
            {"nom": ecosystem[link.cible].nom, "type": label + (" (vers)" if directed else ""), "lien": edge}
        )
        partners[link.cible].append(
            {"nom": ecosystem[link.source].nom, "type": label + (" (de)" if directed else ""), "lien": edge}
        )
    rows = []
    for actor in sorted(ecosystem, key=lambda a: (a.nom.casefold(), a.id)):
        rows.append(
            {
                "id": actor.id,
                "nom": actor.nom,
                "typologie": styles[actor.primary_typology].label,
                "commune": " ".join(p for p in (actor.code_postal, actor.commune) if p),
                "partenaires": sorted(partners[actor.id], key=lambda p: (p["nom"].casefold(), p["type"])),
            }
        )
    return rows


def vis_options(forces: bool, count: int, *, large: bool) -> dict[str, Any]:
    """vis-network options: no forces (positions given), or seeded forces then frozen when
    ``forces`` (no positions given, the browser computes them)."""
    options: dict[str, Any] = {
        "layout": {"randomSeed": LAYOUT_SEED, "improvedLayout": count <= 100},
        "nodes": {
            "shape": "dot",
            "borderWidth": 1.5,
            "font": {"size": 14, "color": "#1e1e1e", "strokeWidth": 3, "strokeColor": "#ffffff"},
            "scaling": {"label": {"drawThreshold": 10}},
        },
        "edges": {"width": 1.5, "smooth": False, "selectionWidth": 2, "hoverWidth": 1},
        "interaction": {
            "hover": True,
            "tooltipDelay": 120,
            "hideEdgesOnDrag": large,
            "hideEdgesOnZoom": large,
            "navigationButtons": False,
            "keyboard": False,
        },
    }
    if forces:
        options["physics"] = {
            "enabled": True,
            "solver": "forceAtlas2Based",
            "forceAtlas2Based": {
                "gravitationalConstant": -80,
                "centralGravity": 0.015,
                "springLength": 80,
                "springConstant": 0.08,
                "damping": 0.7,
                "avoidOverlap": 0.2,
            },
            "maxVelocity": 50,
            "minVelocity": 2.0,
            "timestep": 0.5,
            # Strong damping settles the layout in a few hundred steps; the page then turns
            # the forces off, so the drawing stops moving. Steps run a few at a time between
            # which the page stays responsive.
            "stabilization": {
                "enabled": True,
                "iterations": 150 if large else 250,
                "updateInterval": 2 if large else 10,
                "fit": True,
            },
        }
    else:
        options["physics"] = {"enabled": False}
    return options
