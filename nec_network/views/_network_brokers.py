"""The network page's « Passeurs et ponts » view: which actors and links to highlight, and why.

Passeurs (brokers) are the report's « Principaux passeurs »
(:func:`~nec_network.analysis.centrality.brokers`, the first :data:`BROKERS_SHOWN`), and bridges
are of two kinds: links whose loss cuts actors off the rest of the network
(:func:`~nec_network.analysis.fragility.bridges`), and links between two communities of
partners (the ``community`` column of :func:`~nec_network.analysis.centrality.actor_metrics`).
Nothing is computed differently from the report; this module only says it for the page, with
its French sentences, by the drawn edges' ids (``e0``, ``e1``… in partnership order).
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from nec_network.model import Ecosystem
from nec_network.wording import number, plural

#: As many brokers as the report's table of « Principaux passeurs ».
BROKERS_SHOWN = 10


def _pair(first: str, second: str) -> tuple[str, str]:
    return (first, second) if first <= second else (second, first)


def brokers_and_bridges(ecosystem: Ecosystem, metrics: pd.DataFrame) -> dict[str, Any]:
    """The ``passeurs_ponts`` entry of the page's document.

    ``passeurs``: ``{acteur, rang, texte}`` for each broker, the most central first;
    ``ponts``: ``{lien, nature, texte}`` for each drawn edge that is a bridge, ``nature``
    ``"coupure"`` (its loss cuts actors off; every partnership between the same two actors is
    one link) or ``"communautes"`` (between two communities); ``coupures`` and
    ``entre_communautes`` count the distinct pairs of actors of each kind.
    """
    from nec_network.analysis.centrality import brokers
    from nec_network.analysis.fragility import bridges

    table = brokers(ecosystem, limit=BROKERS_SHOWN, metrics=metrics)
    passeurs = [
        {
            "acteur": row.id,
            "rang": rank,
            "texte": (
                f"passeur n°{rank} : intermédiarité {number(row.betweenness, 3)}, relie "
                f"{plural(int(row.communities_linked), 'communauté')} et "
                f"{plural(int(row.departements_linked), 'département')}"
            ),
        }
        for rank, row in enumerate(table.itertuples(index=False), start=1)
    ]
    cut = {_pair(row.source, row.target): int(row.actors_cut_off) for row in bridges(ecosystem).itertuples(index=False)}
    community = {
        row.id: int(row.community) for row in metrics.itertuples(index=False) if not pd.isna(row.community)
    }
    ponts, across = [], set()
    for index, link in enumerate(ecosystem.partnerships):
        pair = _pair(link.source, link.cible)
        if link.source == link.cible:
            continue
        if pair in cut:
            lost = plural(cut[pair], "acteur serait coupé", "acteurs seraient coupés")
            ponts.append({"lien": f"e{index}", "nature": "coupure", "texte": f"pont : sans ce lien, {lost} du reste du réseau"})
        elif link.source in community and link.cible in community and community[link.source] != community[link.cible]:
            across.add(pair)
            ponts.append({"lien": f"e{index}", "nature": "communautes", "texte": "pont entre deux communautés"})
    return {"passeurs": passeurs, "ponts": ponts, "coupures": len(cut), "entre_communautes": len(across)}
