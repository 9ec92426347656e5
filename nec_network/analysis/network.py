"""Structure of the partnership network: who holds it together, who is isolated, which links cross borders.

Structure analyses (distances, betweenness, closeness, articulation points,
bridges, components) use the undirected graph of partnerships
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
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import networkx as nx
import numpy as np
import pandas as pd
from scipy import sparse

from nec_network.wording import listed
from nec_network.text import normalize_name
from nec_network.analysis.communities import communities_in_graph
from nec_network.errors import NecNetworkError
from nec_network.model import Ecosystem

#: Components up to this many actors get exact betweenness and closeness (all-pairs paths).
EXACT_MAX_NODES = 2000
#: Sampled sources per larger component (Brandes–Pich sampling, Eppstein–Wang for closeness).
SAMPLED_SOURCES = 256
#: Sources explored together by one sparse matrix product (memory ~ 4 × nodes × batch floats).
_BATCH = 64
#: Names listed in a sentence before "et N autres".
_LISTED_NAMES = 10
_UNKNOWN = "(inconnu)"


# -- degree, betweenness, closeness, PageRank --------------------------------------------------
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
    between, _ = _path_statistics(
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
    _, close = _path_statistics(
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
    between, close = _path_statistics(
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


def _path_statistics(
    graph: nx.Graph, *, exact_max_nodes: int, samples: int, seed: int
) -> tuple[dict[str, float], dict[str, float]]:
    """Betweenness and closeness of every node from breadth-first searches, per component."""
    if samples < 1:
        raise NecNetworkError(
            f"Le nombre de sources échantillonnées doit être positif (reçu : {samples})."
        )
    nodes = list(graph)
    n = len(nodes)
    between = np.zeros(n)
    distance_sums = np.zeros(n)
    component_sizes = np.ones(n)
    adjacency = adjacency_matrix(graph, nodes)
    rng = np.random.default_rng(seed)
    index = {node: i for i, node in enumerate(nodes)}
    components = sorted(
        (
            np.array(sorted(index[node] for node in component))
            for component in nx.connected_components(graph)
        ),
        key=lambda members: members[0],
    )
    for members in components:
        size = len(members)
        component_sizes[members] = size
        if size < 2:
            continue
        local = adjacency[members][:, members].tocsr()
        sampled = size > exact_max_nodes and samples < size
        if sampled:
            sources = np.sort(rng.choice(size, size=samples, replace=False))
        else:
            sources = np.arange(size)
        scale = size / len(sources)
        for start in range(0, len(sources), _BATCH):
            dependency, distances = _brandes(
                local, sources[start : start + _BATCH], linear_scaling=sampled
            )
            between[members] += (2 * scale if sampled else scale) * dependency
            distance_sums[members] += scale * distances
    if n > 2:
        between /= (n - 1) * (n - 2)
    else:
        between[:] = 0.0
    reach = component_sizes - 1
    with np.errstate(divide="ignore", invalid="ignore"):
        close = np.where(distance_sums > 0, reach / distance_sums * reach / max(n - 1, 1), 0.0)
    return (
        {node: float(between[i]) for i, node in enumerate(nodes)},
        {node: float(close[i]) for i, node in enumerate(nodes)},
    )


def adjacency_matrix(graph: nx.Graph, nodes: Sequence[str]) -> sparse.csr_matrix:
    """Symmetric 0/1 adjacency matrix of an undirected simple graph, rows in ``nodes`` order.

    Self-links are left out. Use ``ecosystem.undirected_graph()`` for the partnerships.
    """
    index = {node: i for i, node in enumerate(nodes)}
    pairs = np.array([(index[u], index[v]) for u, v in graph.edges() if u != v], dtype=np.int64)
    pairs = pairs.reshape(-1, 2)
    rows = np.concatenate([pairs[:, 0], pairs[:, 1]])
    cols = np.concatenate([pairs[:, 1], pairs[:, 0]])
    return sparse.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(nodes), len(nodes)))


def _brandes(
    adjacency: sparse.csr_matrix, sources: np.ndarray, *, linear_scaling: bool = False
) -> tuple[np.ndarray, np.ndarray]:
    """Brandes' accumulation from several sources at once (one column per source).

    Returns, per node, the summed dependencies (its betweenness contributions)
    and the summed distances to the sources. With ``linear_scaling``, the
    contribution of a pair (s, t) to v is weighted by d(s, v) / d(s, t)
    (Geisberger, Sanders & Schultes 2008): twice that sum is an unbiased
    estimate that no longer overrates the neighbours of the sampled sources.
    """
    size, batch = adjacency.shape[0], len(sources)
    columns = np.arange(batch)
    paths = np.zeros((size, batch))
    paths[sources, columns] = 1.0
    distance = np.full((size, batch), -1, dtype=np.int32)
    distance[sources, columns] = 0
    frontier = paths.copy()
    depth = 0
    while True:
        reached = adjacency @ frontier
        new = (reached > 0) & (distance < 0)
        if not new.any():
            break
        depth += 1
        distance[new] = depth
        frontier = np.where(new, reached, 0.0)
        paths += frontier
    dependency = np.zeros((size, batch))
    safe_paths = np.where(paths > 0, paths, 1.0)
    for level in range(depth, 0, -1):
        share = np.where(distance == level, (1.0 + dependency) / safe_paths, 0.0)
        if linear_scaling:
            share *= (level - 1) / level
        dependency += np.where(distance == level - 1, paths * (adjacency @ share), 0.0)
    dependency[sources, columns] = 0.0
    return dependency.sum(axis=1), np.where(distance > 0, distance, 0).sum(axis=1)


# -- brokers, articulation points, bridges ------------------------------------------------------
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
    by_id = metrics.set_index("id")
    graph = ecosystem.undirected_graph()
    rows = []
    for actor in ecosystem:
        value = float(by_id.at[actor.id, "betweenness"])
        if value <= 0:
            continue
        partners = list(graph.neighbors(actor.id))
        names = sorted({by_id.at[p, "community_name"] for p in partners} - {""})
        numbers = {by_id.at[p, "community"] for p in partners if by_id.at[p, "community_name"]}
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


def articulation_points(ecosystem: Ecosystem) -> pd.DataFrame:
    """Actors whose disappearance cuts some actors off the rest of the network, with a French sentence.

    Removing the actor splits its component into pieces; the largest piece is
    "the rest of the network" and the actors of the other pieces are cut off
    (when several pieces tie for largest, all are cut off). Columns: ``id, nom,
    departement, actors_cut_off, cut_off_ids`` (``|``-joined) and ``sentence``.
    Sorted by decreasing ``actors_cut_off`` (ties: name, id). Complexity
    O(n + m) (one depth-first search) plus the size of the lists.

    >>> from nec_network.model import Actor, Partnership
    >>> eco = Ecosystem([Actor("a", "Mairie"), Actor("b", "CCAS"), Actor("c", "Médiathèque")],
    ...                 [Partnership("a", "b", "partenariat"), Partnership("b", "c", "orientation")])
    >>> print(articulation_points(eco).at[0, "sentence"])
    Si CCAS disparaît, 2 acteurs perdent leur seul lien avec le reste du réseau : Mairie et Médiathèque.
    """
    graph = ecosystem.undirected_graph()
    search = _depth_first(graph)
    rows = []
    for vertex, pieces in search.articulation_pieces():
        cut = _cut_off(pieces)
        members = _in_order(search, (i for piece in cut for i in search.members(piece)))
        actor = ecosystem[search.nodes[vertex]]
        rows.append(
            {
                "id": actor.id,
                "nom": actor.nom,
                "departement": actor.departement,
                "actors_cut_off": len(members),
                "cut_off_ids": "|".join(members),
                "sentence": _loss_sentence(actor.nom, [ecosystem[m].nom for m in members]),
            }
        )
    rows.sort(key=lambda row: (-row["actors_cut_off"], normalize_name(row["nom"]), row["id"]))
    columns = ["id", "nom", "departement", "actors_cut_off", "cut_off_ids", "sentence"]
    return pd.DataFrame(rows, columns=columns)


def bridges(ecosystem: Ecosystem) -> pd.DataFrame:
    """Links whose disappearance cuts some actors off the rest of the network, with a French sentence.

    The smaller side of the split is cut off (both when they have the same
    size). Columns: ``source, source_nom, cible, cible_nom`` (ends in ecosystem
    order), ``actors_cut_off, cut_off_ids, sentence``; sorted by decreasing
    ``actors_cut_off`` then by ends. Complexity O(n + m).

    >>> from nec_network.model import Actor, Partnership
    >>> eco = Ecosystem([Actor(x, f"Acteur {x}") for x in "abcd"],
    ...                 [Partnership(s, c, "partenariat") for s, c in ["ab", "bc", "ca", "cd"]])
    >>> print(bridges(eco).at[0, "sentence"])
    Si le lien entre Acteur c et Acteur d disparaît, 1 acteur perd son seul lien avec le reste du réseau : Acteur d.
    """
    graph = ecosystem.undirected_graph()
    search = _depth_first(graph)
    order = {actor.id: i for i, actor in enumerate(ecosystem)}
    rows = []
    for parent, child, pieces in search.bridge_pieces():
        cut = _cut_off(pieces)
        members = _in_order(search, (i for piece in cut for i in search.members(piece)))
        source, cible = sorted((search.nodes[parent], search.nodes[child]), key=order.__getitem__)
        subject = f"le lien entre {ecosystem[source].nom} et {ecosystem[cible].nom}"
        rows.append(
            {
                "source": source,
                "source_nom": ecosystem[source].nom,
                "cible": cible,
                "cible_nom": ecosystem[cible].nom,
                "actors_cut_off": len(members),
                "cut_off_ids": "|".join(members),
                "sentence": _loss_sentence(subject, [ecosystem[m].nom for m in members]),
            }
        )
    rows.sort(key=lambda row: (-row["actors_cut_off"], order[row["source"]], order[row["cible"]]))
    columns = [
        "source",
        "source_nom",
        "cible",
        "cible_nom",
        "actors_cut_off",
        "cut_off_ids",
        "sentence",
    ]
    return pd.DataFrame(rows, columns=columns)


#: A piece of a component: slices of the depth-first preorder.
_Piece = tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class _Search:
    """A depth-first search forest: preorder, discovery and low-link numbers, subtree sizes.

    A subtree is a contiguous slice of the preorder, so the pieces left by
    removing an actor or a link are a few slices, found without walking them.
    """

    nodes: list[str]
    preorder: list[int]
    discovery: list[int]
    low: list[int]
    parent: list[int]
    subtree: list[int]
    children: list[list[int]]
    root: list[int]

    def _below(self, vertex: int) -> tuple[int, int]:
        start = self.discovery[vertex]
        return (start, start + self.subtree[vertex])

    def members(self, piece: _Piece) -> list[int]:
        """Node indices of a piece."""
        return [node for start, stop in piece for node in self.preorder[start:stop]]

    def articulation_pieces(self) -> Iterable[tuple[int, list[_Piece]]]:
        """Each articulation point with the pieces its removal leaves."""
        for vertex in self.preorder:
            is_root = self.parent[vertex] < 0
            separated = [
                child
                for child in self.children[vertex]
                if self.low[child] >= self.discovery[vertex]
            ]
            if (is_root and len(separated) < 2) or (not is_root and not separated):
                continue
            pieces: list[_Piece] = [(self._below(child),) for child in separated]
            if not is_root:
                start, stop = self._below(self.root[vertex])
                first, last = self._below(vertex)
                kept = tuple(
                    self._below(child)
                    for child in self.children[vertex]
                    if self.low[child] < self.discovery[vertex]
                )
                pieces.append(((start, first), *kept, (last, stop)))
            yield vertex, pieces

    def bridge_pieces(self) -> Iterable[tuple[int, int, list[_Piece]]]:
        """Each bridge (parent, child) with the two sides its removal leaves."""
        for child in self.preorder:
            parent = self.parent[child]
            if parent < 0 or self.low[child] <= self.discovery[parent]:
                continue
            start, stop = self._below(self.root[child])
            first, last = self._below(child)
            yield parent, child, [((start, first), (last, stop)), ((first, last),)]


def _depth_first(graph: nx.Graph) -> _Search:
    """Iterative depth-first search (Hopcroft–Tarjan low-link numbers), nodes in graph order."""
    nodes = list(graph)
    index = {node: i for i, node in enumerate(nodes)}
    neighbours = [
        [index[other] for other in graph.neighbors(node) if other != node] for node in nodes
    ]
    n = len(nodes)
    discovery, low, parent, subtree, root = [-1] * n, [0] * n, [-1] * n, [1] * n, [0] * n
    children: list[list[int]] = [[] for _ in range(n)]
    preorder: list[int] = []
    for start in range(n):
        if discovery[start] >= 0:
            continue
        discovery[start] = low[start] = len(preorder)
        preorder.append(start)
        root[start] = start
        stack = [(start, iter(neighbours[start]))]
        while stack:
            vertex, pending = stack[-1]
            advanced = False
            for other in pending:
                if discovery[other] < 0:
                    discovery[other] = low[other] = len(preorder)
                    preorder.append(other)
                    parent[other], root[other] = vertex, start
                    children[vertex].append(other)
                    stack.append((other, iter(neighbours[other])))
                    advanced = True
                    break
                if other != parent[vertex]:
                    low[vertex] = min(low[vertex], discovery[other])
            if advanced:
                continue
            stack.pop()
            up = parent[vertex]
            if up >= 0:
                low[up] = min(low[up], low[vertex])
                subtree[up] += subtree[vertex]
    return _Search(nodes, preorder, discovery, low, parent, subtree, children, root)


def _cut_off(pieces: list[_Piece]) -> list[_Piece]:
    """The pieces cut off from the rest: all but the strictly largest one (all if it ties)."""
    sizes = [sum(stop - start for start, stop in piece) for piece in pieces]
    largest = max(sizes)
    if sizes.count(largest) > 1:
        return pieces
    return [piece for piece, size in zip(pieces, sizes, strict=True) if size != largest]


def _in_order(search: _Search, indices: Iterable[int]) -> list[str]:
    """Actor ids of node indices, in ecosystem (= graph) order."""
    return [search.nodes[i] for i in sorted(indices)]


def _loss_sentence(subject: str, names: list[str]) -> str:
    count = len(names)
    verb = "acteur perd son seul lien" if count == 1 else "acteurs perdent leur seul lien"
    return f"Si {subject} disparaît, {count} {verb} avec le reste du réseau : {listed(names, limit=_LISTED_NAMES, sort=True)}."


# -- isolation, borders, summary ----------------------------------------------------------------
def isolated_actors(ecosystem: Ecosystem) -> pd.DataFrame:
    """Actors without any partnership: ``id, nom, typologie, departement, commune``, ecosystem order.

    >>> from nec_network.model import Actor, Partnership
    >>> eco = Ecosystem([Actor(x, x.upper()) for x in "abc"], [Partnership("a", "b", "partenariat")])
    >>> isolated_actors(eco)["id"].tolist()
    ['c']
    """
    graph = ecosystem.undirected_graph()
    rows = [
        {
            "id": actor.id,
            "nom": actor.nom,
            "typologie": "|".join(actor.typologies),
            "departement": actor.departement,
            "commune": actor.commune,
        }
        for actor in ecosystem
        if graph.degree(actor.id) == 0
    ]
    return pd.DataFrame(rows, columns=["id", "nom", "typologie", "departement", "commune"])


def actors_without_local_partner(ecosystem: Ecosystem) -> pd.DataFrame:
    """Actors with partners, none of them in their own département.

    Actors without any partner are left to :func:`isolated_actors`; actors whose
    département is unknown are left out. Columns: ``id, nom, departement,
    partners, partner_departements`` (``|``-joined codes), ecosystem order.

    >>> from nec_network.model import Actor, Partnership
    >>> eco = Ecosystem([Actor("a", "A", code_insee="02691"), Actor("b", "B", code_insee="80021"),
    ...                  Actor("c", "C", code_insee="80001")],
    ...                 [Partnership("a", "b", "partenariat"), Partnership("b", "c", "partenariat")])
    >>> actors_without_local_partner(eco)[["id", "partner_departements"]].to_dict("records")
    [{'id': 'a', 'partner_departements': '80'}]
    """
    graph = ecosystem.undirected_graph()
    rows = []
    for actor in ecosystem:
        partners = list(graph.neighbors(actor.id))
        if not actor.departement or not partners:
            continue
        elsewhere = {ecosystem[p].departement for p in partners}
        if actor.departement in elsewhere:
            continue
        rows.append(
            {
                "id": actor.id,
                "nom": actor.nom,
                "departement": actor.departement,
                "partners": len(partners),
                "partner_departements": "|".join(
                    sorted((code or _UNKNOWN for code in elsewhere), key=_unknown_last)
                ),
            }
        )
    return pd.DataFrame(
        rows, columns=["id", "nom", "departement", "partners", "partner_departements"]
    )


def links_across_departements(ecosystem: Ecosystem) -> pd.DataFrame:
    """Partnerships counted by the départements of their two ends: a symmetric matrix.

    Cell (A, B) is the number of partnerships between an actor of A and an actor
    of B, in either direction; the diagonal counts those inside a département.
    Codes sorted, unknown ones last as ``(inconnu)``.

    >>> from nec_network.model import Actor, Partnership
    >>> eco = Ecosystem([Actor("a", "A", code_insee="02691"), Actor("b", "B", code_insee="80021"),
    ...                  Actor("c", "C", code_insee="80001")],
    ...                 [Partnership("a", "b", "partenariat"), Partnership("b", "c", "orientation")])
    >>> links_across_departements(eco)
        02  80
    02   0   1
    80   1   1
    """
    return _link_matrix(ecosystem, lambda actor: actor.departement)


def links_across_typologies(ecosystem: Ecosystem) -> pd.DataFrame:
    """Partnerships counted by the main typology (the first listed) of their two ends.

    Same layout as :func:`links_across_departements`; actors without typology
    count as ``(inconnu)``.

    >>> from nec_network.model import Actor, Partnership
    >>> eco = Ecosystem([Actor("a", "A", typologies=("CCAS",)), Actor("b", "B", typologies=("BIB", "MUNI"))],
    ...                 [Partnership("a", "b", "partenariat")])
    >>> links_across_typologies(eco).loc["BIB", "CCAS"]
    np.int64(1)
    """
    return _link_matrix(ecosystem, lambda actor: actor.typologies[0] if actor.typologies else "")


def _link_matrix(ecosystem: Ecosystem, group: Callable) -> pd.DataFrame:
    labels = {actor.id: group(actor) or _UNKNOWN for actor in ecosystem}
    counts: Counter[tuple[str, str]] = Counter()
    for link in ecosystem.partnerships:
        if link.source == link.cible:
            continue
        first, second = labels[link.source], labels[link.cible]
        counts[first, second] += 1
        if first != second:
            counts[second, first] += 1
    order = sorted(set(labels.values()), key=_unknown_last)
    matrix = pd.DataFrame(0, index=order, columns=order, dtype="int64")
    for (first, second), count in counts.items():
        matrix.loc[first, second] = count
    return matrix


def _unknown_last(label: str) -> tuple[bool, str]:
    return (label == _UNKNOWN, label)


def components(ecosystem: Ecosystem) -> list[tuple[str, ...]]:
    """Connected components (actor ids in ecosystem order), largest first, ties by first actor.

    >>> from nec_network.model import Actor, Partnership
    >>> eco = Ecosystem([Actor(x, x.upper()) for x in "abcd"], [Partnership("c", "b", "partenariat")])
    >>> components(eco)
    [('b', 'c'), ('a',), ('d',)]
    """
    graph = ecosystem.undirected_graph()
    order = {actor_id: i for i, actor_id in enumerate(graph)}
    found = [tuple(sorted(part, key=order.__getitem__)) for part in nx.connected_components(graph)]
    return sorted(found, key=lambda part: (-len(part), order[part[0]]))


def network_summary(ecosystem: Ecosystem) -> dict[str, float | int]:
    """Headline figures of the network.

    Keys: ``actors``, ``partnerships``, ``links`` (pairs of partners),
    ``density`` (links / possible pairs), ``components``,
    ``largest_component`` (actors), ``isolated_actors``,
    ``links_across_departements`` and ``links_across_typologies`` (partnerships
    whose ends differ, unknown ends excluded), ``articulation_points``,
    ``bridges``. Complexity O(n + m).

    >>> from nec_network.model import Actor, Partnership
    >>> eco = Ecosystem([Actor(x, x.upper()) for x in "abcd"],
    ...                 [Partnership("a", "b", "partenariat"), Partnership("b", "c", "partenariat")])
    >>> summary = network_summary(eco)
    >>> summary["links"], summary["components"], summary["articulation_points"], summary["bridges"]
    (2, 2, 1, 2)
    >>> round(summary["density"], 3)  # 2 links among 4 × 3 / 2 = 6 pairs
    0.333
    """
    graph = ecosystem.undirected_graph()
    search = _depth_first(graph)
    parts = components(ecosystem)

    def crossing(group: Callable) -> int:
        total = 0
        for link in ecosystem.partnerships:
            first, second = group(ecosystem[link.source]), group(ecosystem[link.cible])
            total += bool(first and second and first != second)
        return total

    return {
        "actors": len(ecosystem),
        "partnerships": len(ecosystem.partnerships),
        "links": graph.number_of_edges(),
        "density": nx.density(graph) if len(graph) > 1 else 0.0,
        "components": len(parts),
        "largest_component": len(parts[0]) if parts else 0,
        "isolated_actors": sum(1 for node in graph if graph.degree(node) == 0),
        "links_across_departements": crossing(lambda actor: actor.departement),
        "links_across_typologies": crossing(
            lambda actor: actor.typologies[0] if actor.typologies else ""
        ),
        "articulation_points": sum(1 for _ in search.articulation_pieces()),
        "bridges": sum(1 for _ in search.bridge_pieces()),
    }
