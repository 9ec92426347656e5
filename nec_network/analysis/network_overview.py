"""An overview of the partnership network: its components and headline figures.

Structure is read on the undirected graph of partnerships
(:meth:`~nec_network.model.Ecosystem.undirected_graph`), self-partnerships ignored.
"""

from __future__ import annotations

from collections.abc import Callable

import networkx as nx

from nec_network.analysis.fragility import fragility_counts
from nec_network.model import Ecosystem


def components(ecosystem: Ecosystem) -> list[tuple[str, ...]]:
    """Connected components (actor ids in ecosystem order), largest first, ties by first actor.

    >>> from nec_network.model import Actor, Partnership
    >>> eco = Ecosystem([Actor(x, x.upper()) for x in "abcd"], [Partnership("c", "b", "partenariat")])
    >>> components(eco)
    [('b', 'c'), ('a',), ('d',)]
    """
    return _components(ecosystem.undirected_graph())


def _components(graph: nx.Graph) -> list[tuple[str, ...]]:
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
    parts = _components(graph)
    articulation_points, bridges = fragility_counts(graph)

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
        "links_across_typologies": crossing(lambda actor: actor.primary_typology),
        "articulation_points": articulation_points,
        "bridges": bridges,
    }
