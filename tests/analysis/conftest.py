"""Small partnership networks shared by the tests of the network analyses."""

from __future__ import annotations

from collections.abc import Callable

import networkx as nx
import pytest

from nec_network.model import Actor, Ecosystem, Partnership

AISNE, SOMME = "02691", "80021"


@pytest.fixture
def two_triangles() -> Ecosystem:
    """a-b-c in Aisne, d-e-f in Somme, joined by c-d; g alone."""
    actors = [Actor(x, f"Acteur {x}", code_insee=AISNE) for x in "abc"]
    actors += [Actor(x, f"Acteur {x}", code_insee=SOMME) for x in "def"]
    actors.append(Actor("g", "Acteur g", code_insee=AISNE))
    links = [Partnership(pair[0], pair[1], "partenariat") for pair in "ab bc ca de ef fd cd".split()]
    return Ecosystem(actors, links)


@pytest.fixture
def ecosystem_of() -> Callable[[nx.Graph], Ecosystem]:
    """Turn a networkx graph into an ecosystem: one actor per node (ids as text), one partnership per edge."""

    def build(graph: nx.Graph) -> Ecosystem:
        actors = [Actor(str(node), f"Acteur {node}", code_insee=AISNE) for node in graph]
        links = [Partnership(str(u), str(v), "partenariat") for u, v in graph.edges()]
        return Ecosystem(actors, links)

    return build
