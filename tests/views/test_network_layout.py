"""Where the network page draws actors, computed before the page is shown (views/_network_layout.py)."""

from __future__ import annotations

import math
import statistics

from nec_network.model import Actor, Ecosystem, Partnership
from nec_network.views._network_layout import force_positions


def two_groups() -> Ecosystem:
    """Two groups of five actors, everyone tied within a group, one tie between the groups, and
    two actors without partners."""
    actors = [Actor(f"{side}{i}", f"Acteur {side}{i}") for side in "ab" for i in range(5)]
    actors += [Actor("seul1", "Seul 1"), Actor("seul2", "Seul 2")]
    links = [
        Partnership(f"{side}{i}", f"{side}{j}", "partenariat")
        for side in "ab" for i in range(5) for j in range(i + 1, 5)
    ]  # fmt: skip
    links.append(Partnership("a0", "b0", "orientation"))
    return Ecosystem(actors, links)


def test_partners_are_drawn_closer_than_the_other_group():
    at = force_positions(two_groups())
    def gap(p, q):
        return math.dist(at[p], at[q])
    within = [gap(f"{s}{i}", f"{s}{j}") for s in "ab" for i in range(5) for j in range(i + 1, 5)]
    across = [gap(f"a{i}", f"b{j}") for i in range(5) for j in range(5)]
    assert statistics.mean(within) * 2 < statistics.mean(across)
    assert max(within) < 200  # neighbours a few dozen pixels apart, not a whole screen
    assert len(set(at.values())) == len(at) == 12


def test_actors_without_partners_stand_in_rows_under_the_network():
    at = force_positions(two_groups())
    lowest = max(y for actor, (_, y) in at.items() if not actor.startswith("seul"))
    assert at["seul1"][1] == at["seul2"][1] >= lowest + 150
    assert at["seul2"][0] - at["seul1"][0] == 60


def test_the_layout_is_seeded_and_leaves_the_ecosystem_untouched():
    ecosystem = two_groups()
    before = (list(ecosystem.actors), list(ecosystem.partnerships))
    assert force_positions(ecosystem) == force_positions(two_groups())
    assert force_positions(ecosystem, seed=1) != force_positions(ecosystem)
    assert (list(ecosystem.actors), list(ecosystem.partnerships)) == before
    assert force_positions(Ecosystem()) == {}


def test_large_discs_are_pushed_apart_so_each_actor_can_be_clicked():
    ecosystem = two_groups()
    radii = {actor.id: 40.0 for actor in ecosystem}
    at = force_positions(ecosystem, radii=radii)
    linked = [actor.id for actor in ecosystem if not actor.id.startswith("seul")]
    gaps = [math.dist(at[p], at[q]) for k, p in enumerate(linked) for q in linked[k + 1 :]]
    assert min(gaps) >= 80 - 1  # two radii, give or take the rounding to whole pixels
