"""Where the partnership network is fragile: actors and links whose loss cuts actors off.

An articulation point is an actor whose disappearance splits its component; a
bridge is a link (one or several partnerships between the same two actors)
whose disappearance does. For each, the tables name the actors cut off from
"the rest of the network" (the largest remaining piece). Both use the
undirected graph of partnerships, self-partnerships ignored.

Why our own depth-first search: networkx finds the same articulation points and
bridges (:func:`networkx.articulation_points`, :func:`networkx.bridges`; the tests
check it) but not the pieces each one leaves, which the tables need. One search
with subtree sizes gives every piece as a few slices of the preorder, in O(n + m)
in all. Measured with ``benchmarks/network_metrics.py`` on 30 November 2026 (20,000
actors, 407 articulation points, 410 bridges, shared 2-core machine): both our
tables in 1.7 s; networkx's two sets alone in 0.5 s, and the pieces found with
plain networkx (each articulation point removed, then its connected components)
extrapolate to 68 s, past the benchmark's 30 s goal by themselves (ratio 0.025).
:func:`~nec_network.analysis.network_overview.network_summary`, which only counts
them, uses the same search (:func:`fragility_counts`: 0.1–0.35 s there, networkx's two
sets 0.6–0.8 s).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import networkx as nx
import pandas as pd

from nec_network.text import normalize_name
from nec_network.model import Ecosystem


def articulation_points(ecosystem: Ecosystem) -> pd.DataFrame:
    """Actors whose disappearance cuts some actors off the rest of the network.

    Removing the actor splits its component into pieces; the largest piece is
    "the rest of the network" and the actors of the other pieces are cut off
    (when several pieces tie for largest, all are cut off). Columns: ``id, nom,
    departement, actors_cut_off, cut_off_ids`` (``|``-joined); the French
    sentence of each row is :func:`nec_network.wording.cut_off_sentences`.
    Sorted by decreasing ``actors_cut_off`` (ties: name, id). Complexity
    O(n + m) (one depth-first search) plus the size of the lists.

    >>> from nec_network.model import Actor, Partnership
    >>> eco = Ecosystem([Actor("a", "Mairie"), Actor("b", "CCAS"), Actor("c", "Médiathèque")],
    ...                 [Partnership("a", "b", "partenariat"), Partnership("b", "c", "orientation")])
    >>> articulation_points(eco)[["nom", "actors_cut_off", "cut_off_ids"]].values.tolist()
    [['CCAS', 2, 'a|c']]
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
            }
        )
    rows.sort(key=lambda row: (-row["actors_cut_off"], normalize_name(row["nom"]), row["id"]))
    columns = ["id", "nom", "departement", "actors_cut_off", "cut_off_ids"]
    return pd.DataFrame(rows, columns=columns)


def bridges(ecosystem: Ecosystem) -> pd.DataFrame:
    """Links whose disappearance cuts some actors off the rest of the network.

    The smaller side of the split is cut off (both when they have the same
    size). Columns: ``source, source_name, target, target_name`` (ends in ecosystem
    order, named as in :func:`~nec_network.analysis.suggestions.suggest_partnerships`), ``actors_cut_off, cut_off_ids`` (sentences:
    :func:`nec_network.wording.cut_off_sentences`); sorted by decreasing
    ``actors_cut_off`` then by ends. Complexity O(n + m).

    >>> from nec_network.model import Actor, Partnership
    >>> eco = Ecosystem([Actor(x, f"Acteur {x}") for x in "abcd"],
    ...                 [Partnership(s, c, "partenariat") for s, c in ["ab", "bc", "ca", "cd"]])
    >>> bridges(eco)[["source", "target", "cut_off_ids"]].values.tolist()
    [['c', 'd', 'd']]
    """
    graph = ecosystem.undirected_graph()
    search = _depth_first(graph)
    order = {actor.id: i for i, actor in enumerate(ecosystem)}
    rows = []
    for parent, child, pieces in search.bridge_pieces():
        cut = _cut_off(pieces)
        members = _in_order(search, (i for piece in cut for i in search.members(piece)))
        source, target = sorted((search.nodes[parent], search.nodes[child]), key=order.__getitem__)
        rows.append(
            {
                "source": source,
                "source_name": ecosystem[source].nom,
                "target": target,
                "target_name": ecosystem[target].nom,
                "actors_cut_off": len(members),
                "cut_off_ids": "|".join(members),
            }
        )
    rows.sort(key=lambda row: (-row["actors_cut_off"], order[row["source"]], order[row["target"]]))
    columns = [
        "source",
        "source_name",
        "target",
        "target_name",
        "actors_cut_off",
        "cut_off_ids",
    ]
    return pd.DataFrame(rows, columns=columns)


def fragility_counts(graph: nx.Graph) -> tuple[int, int]:
    """How many articulation points and bridges an undirected graph has (one search, no pieces).

    >>> fragility_counts(nx.path_graph(4))
    (2, 3)
    """
    search = _depth_first(graph)
    return sum(1 for _ in search.articulation_pieces()), sum(1 for _ in search.bridge_pieces())


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
