"""Who is central in the partnership network: degrees, betweenness, closeness, PageRank, brokers.

Distances and betweenness use the undirected graph of partnerships
(:meth:`~nec_network.model.Ecosystem.undirected_graph`): whatever its direction, a
partnership lets two actors reach each other, and several partnerships between
the same two actors make one link. A path counts links, one step each; the
``poids`` of partnerships weighs degree, PageRank and communities only.
Partnerships of an actor with itself are ignored everywhere.

Every function takes the ecosystem first, never changes it and returns plain
values or :class:`pandas.DataFrame` tables whose rows follow a documented,
deterministic order.
"""

from __future__ import annotations

from collections import Counter

import networkx as nx
import pandas as pd

from nec_network.text import normalize_name
from nec_network.analysis.communities import communities_in_graph
from nec_network.analysis.shortest_paths import EXACT_MAX_NODES, SAMPLED_SOURCES, path_statistics
from nec_network.model import Ecosystem


def degrees(ecosystem: Ecosystem) -> pd.DataFrame:
    """Degrees of each actor, in ecosystem order.

    Columns: ``id``; ``degree`` (partnerships the actor takes part in),
    ``degree_in`` / ``degree_out`` (directed partnerships it receives / gives,
    e.g. orientations), ``degree_weighted`` (sum of their ``poids``) and
    ``partners`` (distinct partners). Complexity O(n + m).

    >>> from nec_network.model import Actor, Partnership
    >>> eco = Ecosystem([Actor("a", "A"), Actor("b", "B"), Actor("c", "C")],
    ...                 [Partnership("a", "b", "orientation", poids=2), Partnership("b", "a", "partenariat"),
    ...                  Partnership("c", "b", "orientation")])
    >>> degrees(eco).query("id == 'b'").to_dict("records")
    [{'id': 'b', 'degree': 3, 'degree_in': 2, 'degree_out': 0, 'degree_weighted': 4.0, 'partners': 2}]
    """
    return _degrees(ecosystem, ecosystem.undirected_graph())


def _degrees(ecosystem: Ecosystem, graph: nx.Graph) -> pd.DataFrame:
    ids = [actor.id for actor in ecosystem]
    count = dict.fromkeys(ids, 0)
    inward = dict.fromkeys(ids, 0)
    outward = dict.fromkeys(ids, 0)
    weight = dict.fromkeys(ids, 0.0)
    for link in ecosystem.partnerships:
        if link.source == link.cible:
            continue
        for end in (link.source, link.cible):
            count[end] += 1
            weight[end] += link.poids
        if link.directed:
            outward[link.source] += 1
            inward[link.cible] += 1
    return pd.DataFrame(
        {
            "id": ids,
            "degree": [count[i] for i in ids],
            "degree_in": [inward[i] for i in ids],
            "degree_out": [outward[i] for i in ids],
            "degree_weighted": [weight[i] for i in ids],
            "partners": [graph.degree(i) for i in ids],
        }
    )


def betweenness(
    ecosystem: Ecosystem,
    *,
    exact_max_nodes: int = EXACT_MAX_NODES,
    samples: int = SAMPLED_SOURCES,
    seed: int = 0,
) -> dict[str, float]:
    """Normalised betweenness of each actor: the share of shortest paths between others through it.

    Same values as :func:`networkx.betweenness_centrality` (normalised,
    undirected). Components up to ``exact_max_nodes`` actors are computed
    exactly; in larger ones ``samples`` source actors drawn with ``seed`` stand
    for all, their contributions scaled up (Brandes & Pich 2007) with linear
    scaling (Geisberger, Sanders & Schultes 2008). Sources are
    explored in batches with sparse matrix products. Complexity O(s · m) for s
    sources (s = n when exact) and m links.

    On the path a – b – c, b lies on the only path between a and c:

    >>> from nec_network.model import Actor, Partnership
    >>> eco = Ecosystem([Actor(x, x.upper()) for x in "abc"],
    ...                 [Partnership("a", "b", "partenariat"), Partnership("b", "c", "orientation")])
    >>> betweenness(eco)
    {'a': 0.0, 'b': 1.0, 'c': 0.0}
    """
    between, _ = path_statistics(
        ecosystem.undirected_graph(), exact_max_nodes=exact_max_nodes, samples=samples, seed=seed
    )
    return between


def closeness(
    ecosystem: Ecosystem,
    *,
    exact_max_nodes: int = EXACT_MAX_NODES,
    samples: int = SAMPLED_SOURCES,
    seed: int = 0,
) -> dict[str, float]:
    """Closeness of each actor: inverse mean distance to the actors it can reach, scaled by their share.

    Same values as :func:`networkx.closeness_centrality` (Wasserman–Faust
    scaling, so that actors of small components do not look central). Large
    components are estimated from sampled sources as for :func:`betweenness`
    (Eppstein & Wang 2004). Complexity O(s · m).

    >>> from nec_network.model import Actor, Partnership
    >>> eco = Ecosystem([Actor(x, x.upper()) for x in "abcd"],
    ...                 [Partnership("a", "b", "partenariat"), Partnership("b", "c", "partenariat")])
    >>> {k: round(v, 3) for k, v in closeness(eco).items()}
    {'a': 0.444, 'b': 0.667, 'c': 0.444, 'd': 0.0}
    """
    _, close = path_statistics(
        ecosystem.undirected_graph(), exact_max_nodes=exact_max_nodes, samples=samples, seed=seed
    )
    return close


def pagerank(ecosystem: Ecosystem, *, alpha: float = 0.85) -> dict[str, float]:
    """PageRank of each actor on the partnerships weighted by ``poids`` (sums to 1).

    Directed partnerships (orientation, financement, membre_de) pass importance
    from the source to the cible; the others pass it both ways. Complexity
    O(m) per power iteration.

    >>> from nec_network.model import Actor, Partnership
    >>> eco = Ecosystem([Actor(x, x.upper()) for x in "abc"],
    ...                 [Partnership("a", "c", "orientation"), Partnership("b", "c", "orientation")])
    >>> ranks = pagerank(eco)
    >>> ranks["c"] > ranks["a"] == ranks["b"]
    True
    """
    weights: Counter[tuple[str, str]] = Counter()
    for link in ecosystem.partnerships:
        if link.source != link.cible:
            weights[link.source, link.cible] += link.poids
            if not link.directed:
                weights[link.cible, link.source] += link.poids
    graph = nx.DiGraph()
    graph.add_nodes_from(actor.id for actor in ecosystem)
    graph.add_weighted_edges_from(
        (source, target, weight) for (source, target), weight in weights.items()
    )
    if graph.number_of_nodes() == 0:
        return {}
    return nx.pagerank(graph, alpha=alpha, weight="weight")


def actor_metrics(
    ecosystem: Ecosystem,
    *,
    seed: int = 0,
    exact_max_nodes: int = EXACT_MAX_NODES,
    samples: int = SAMPLED_SOURCES,
) -> pd.DataFrame:
    """One row per actor (ecosystem order) with every network measure and its community.

    Columns: ``id, nom, typologie`` (codes ``|``-joined), ``departement``, the
    columns of :func:`degrees`, ``betweenness``, ``closeness``, ``pagerank``,
    ``community`` (number from :func:`~nec_network.analysis.communities.detect_communities`,
    empty for actors without partner) and ``community_name``. ``seed`` drives
    both betweenness sampling and Louvain. Complexity dominated by betweenness
    and Louvain: O(s · m + m log n).

    >>> from nec_network.model import Actor, Partnership
    >>> eco = Ecosystem([Actor("a", "A", code_insee="02691"), Actor("b", "B", code_insee="80021")],
    ...                 [Partnership("a", "b", "partenariat")])
    >>> actor_metrics(eco)[["id", "departement", "degree", "closeness", "community"]].to_dict("records")
    [{'id': 'a', 'departement': '02', 'degree': 1, 'closeness': 1.0, 'community': 1}, \
{'id': 'b', 'departement': '80', 'degree': 1, 'closeness': 1.0, 'community': 1}]
    """
    graph = ecosystem.undirected_graph()
    table = _degrees(ecosystem, graph)
    between, close = path_statistics(
        graph, exact_max_nodes=exact_max_nodes, samples=samples, seed=seed
    )
    ranks = pagerank(ecosystem)
    membership = {
        member: community
        for community in communities_in_graph(graph, seed=seed)
        for member in community.members
    }
    actors = ecosystem.actors
    table.insert(1, "nom", [actor.nom for actor in actors])
    table.insert(2, "typologie", ["|".join(actor.typologies) for actor in actors])
    table.insert(3, "departement", [actor.departement for actor in actors])
    table["betweenness"] = [between[actor.id] for actor in actors]
    table["closeness"] = [close[actor.id] for actor in actors]
    table["pagerank"] = [ranks[actor.id] for actor in actors]
    table["community"] = pd.array(
        [membership[a.id].number if a.id in membership else None for a in actors], dtype="Int64"
    )
    table["community_name"] = [membership[a.id].name if a.id in membership else "" for a in actors]
    return table



def brokers(
    ecosystem: Ecosystem,
    *,
    limit: int | None = 20,
    seed: int = 0,
    metrics: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Actors on many shortest paths whose partners span several communities or départements.

    A broker has a positive betweenness and partners in at least two
    communities or two départements. Columns: ``id, nom, departement,
    betweenness, partners, communities_linked, departements_linked`` (distinct
    communities / départements among its partners), ``communities`` (names) and
    ``departements`` (codes), ``|``-joined. Sorted by decreasing betweenness
    (ties: name, id); ``limit`` rows at most (None: all). ``metrics`` is the
    table of :func:`actor_metrics` for this ecosystem and seed, to avoid
    computing it again.

    >>> from nec_network.model import Actor, Partnership
    >>> actors = [Actor(x, f"Acteur {x}") for x in "abcdef"]
    >>> links = [Partnership(s, c, "partenariat") for s, c in
    ...          ["ab", "bc", "ca", "de", "ef", "fd", "cd"]]
    >>> brokers(Ecosystem(actors, links))[["id", "communities_linked"]].to_dict("records")
    [{'id': 'c', 'communities_linked': 2}, {'id': 'd', 'communities_linked': 2}]
    """
    if metrics is None:
        metrics = actor_metrics(ecosystem, seed=seed)
    betweenness = dict(zip(metrics["id"], metrics["betweenness"].astype(float), strict=True))
    community = dict(zip(metrics["id"], metrics["community"], strict=True))
    community_name = dict(zip(metrics["id"], metrics["community_name"], strict=True))
    graph = ecosystem.undirected_graph()
    rows = []
    for actor in ecosystem:
        value = betweenness[actor.id]
        if value <= 0:
            continue
        partners = list(graph.neighbors(actor.id))
        names = sorted({community_name[p] for p in partners} - {""})
        numbers = {community[p] for p in partners if community_name[p]}
        departements = sorted({ecosystem[p].departement for p in partners} - {""})
        if len(numbers) < 2 and len(departements) < 2:
            continue
        rows.append(
            {
                "id": actor.id,
                "nom": actor.nom,
                "departement": actor.departement,
                "betweenness": value,
                "partners": len(partners),
                "communities_linked": len(numbers),
                "departements_linked": len(departements),
                "communities": "|".join(names),
                "departements": "|".join(departements),
            }
        )
    rows.sort(key=lambda row: (-row["betweenness"], normalize_name(row["nom"]), row["id"]))
    columns = [
        "id", "nom", "departement", "betweenness", "partners", "communities_linked",
        "departements_linked", "communities", "departements",
    ]  # fmt: skip
    return pd.DataFrame(rows[:limit] if limit is not None else rows, columns=columns)

