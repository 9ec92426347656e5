"""Communities of the partnership network: groups of actors that work more with each other.

Communities are found by Louvain modularity optimisation
(:func:`networkx.community.louvain_communities`) on the undirected graph of
partnerships weighted by ``poids``; with the same ``seed`` and the same
ecosystem, two runs give the same communities, numbers and names. Actors without
any partner belong to no community.
"""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx
import pandas as pd

from nec_network.wording import community_name
from nec_network.text import normalize_name
from nec_network.model import Ecosystem


@dataclass(frozen=True)
class Community:
    """A community: its number (1 = largest), French name, most central member and members.

    ``members`` are actor ids in the ecosystem's order.
    """

    number: int
    name: str
    central_actor: str
    members: tuple[str, ...]

    def __len__(self) -> int:
        return len(self.members)


def detect_communities(
    ecosystem: Ecosystem, *, seed: int = 0, resolution: float = 1.0
) -> tuple[Community, ...]:
    """Louvain communities, largest first, each named after its most central member.

    The most central member is the one with the highest weighted degree inside
    its community (ties: highest degree overall, then name, then id). Communities
    are numbered from 1 by decreasing size, ties broken by the central member's
    name and id. ``resolution`` > 1 gives smaller communities. Complexity: about
    O(m log n) for m partnerships and n actors.

    Two triangles joined by one link form two communities:

    >>> from nec_network.model import Actor, Partnership
    >>> actors = [Actor(x, f"Acteur {x}") for x in "abcdef"]
    >>> links = [Partnership(s, c, "partenariat") for s, c in
    ...          ["ab", "bc", "ca", "de", "ef", "fd", "cd"]]
    >>> [(c.number, c.name, c.members) for c in detect_communities(Ecosystem(actors, links))]
    [(1, "Communauté d'Acteur c", ('a', 'b', 'c')), (2, "Communauté d'Acteur d", ('d', 'e', 'f'))]
    """
    return communities_in_graph(ecosystem.undirected_graph(), seed=seed, resolution=resolution)


def communities_in_graph(
    graph: nx.Graph, *, seed: int = 0, resolution: float = 1.0
) -> tuple[Community, ...]:
    """:func:`detect_communities` on the graph of :meth:`~nec_network.model.Ecosystem.undirected_graph`."""
    linked = nx.Graph()
    linked.add_nodes_from(node for node in graph if graph.degree(node) > 0)
    linked.add_weighted_edges_from((u, v, data["weight"]) for u, v, data in graph.edges(data=True))
    if linked.number_of_nodes() == 0:
        return ()
    groups = nx.community.louvain_communities(
        linked, weight="weight", resolution=resolution, seed=seed
    )
    order = {actor_id: index for index, actor_id in enumerate(graph)}
    named = []
    for group in groups:
        central = min(
            group,
            key=lambda node: (
                -sum(
                    data["weight"]
                    for _, other, data in linked.edges(node, data=True)
                    if other in group
                ),
                -linked.degree(node),
                normalize_name(graph.nodes[node]["nom"]),
                node,
            ),
        )
        members = tuple(sorted(group, key=order.__getitem__))
        named.append((members, central))
    named.sort(
        key=lambda item: (-len(item[0]), normalize_name(graph.nodes[item[1]]["nom"]), item[1])
    )
    return tuple(
        Community(
            number=number,
            name=community_name(graph.nodes[central]["nom"]),
            central_actor=central,
            members=members,
        )
        for number, (members, central) in enumerate(named, start=1)
    )


def communities_table(
    ecosystem: Ecosystem, *, seed: int = 0, resolution: float = 1.0
) -> pd.DataFrame:
    """One row per community: number, name, central actor, size, links inside and outside, départements.

    ``internal_links`` counts the links (pairs of partners) inside the community,
    ``external_links`` those to actors of other communities; ``departements``
    lists the members' départements, most frequent first (``|``-joined).

    >>> from nec_network.model import Actor, Partnership
    >>> actors = [Actor(x, f"Acteur {x}", code_insee="02691" if x < "d" else "80021") for x in "abcdef"]
    >>> links = [Partnership(s, c, "partenariat") for s, c in
    ...          ["ab", "bc", "ca", "de", "ef", "fd", "cd"]]
    >>> table = communities_table(Ecosystem(actors, links))
    >>> table[["community", "size", "internal_links", "external_links", "departements"]].to_dict("records")[0]
    {'community': 1, 'size': 3, 'internal_links': 3, 'external_links': 1, 'departements': '02'}
    """
    found = detect_communities(ecosystem, seed=seed, resolution=resolution)
    graph = ecosystem.undirected_graph()
    membership = {member: community.number for community in found for member in community.members}
    rows = []
    for community in found:
        internal = external = 0
        for member in community.members:
            for other in graph.neighbors(member):
                if membership.get(other) == community.number:
                    internal += 1
                else:
                    external += 1
        departements = pd.Series([ecosystem[m].departement or "?" for m in community.members])
        counts = departements.value_counts(sort=False)
        ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
        rows.append(
            {
                "community": community.number,
                "community_name": community.name,
                "central_actor": community.central_actor,
                "central_actor_name": ecosystem[community.central_actor].nom,
                "size": len(community),
                "internal_links": internal // 2,
                "external_links": external,
                "departements": "|".join(code for code, _ in ranked),
                "members": "|".join(community.members),
            }
        )
    return pd.DataFrame(rows, columns=_TABLE_COLUMNS)


_TABLE_COLUMNS = [
    "community",
    "community_name",
    "central_actor",
    "central_actor_name",
    "size",
    "internal_links",
    "external_links",
    "departements",
    "members",
]
