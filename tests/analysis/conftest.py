"""Small partnership networks shared by the tests of the network analyses."""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterator

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


@pytest.fixture
def small_world(ecosystem_of) -> Iterator[Ecosystem]:
    """A connected small-world network of 300 actors; the test fails if an analysis changed it."""
    eco = ecosystem_of(nx.connected_watts_strogatz_graph(300, 4, 0.1, seed=2))
    actors, links = copy.deepcopy(eco.actors), copy.deepcopy(eco.partnerships)
    edges = sorted(eco.graph.edges(keys=True, data=True), key=repr)
    yield eco
    assert eco.actors == actors and eco.partnerships == links
    assert sorted(eco.graph.edges(keys=True, data=True), key=repr) == edges
