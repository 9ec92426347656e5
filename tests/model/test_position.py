"""The position rule validation, maps and reports share: what is not drawn, and the fix proposed."""

from __future__ import annotations

from nec_network.distance import in_france
from nec_network.model.position import PositionProblem, describe_position, position_problem


def test_a_plausible_position_has_no_problem_in_metropolitan_france_and_overseas():
    assert position_problem(49.8942, 2.2957) is None  # Amiens
    assert position_problem(-21.1151, 55.5364) is None  # La Réunion
    assert in_france(16.24, -61.53) and not in_france(40.4, -3.7)


def test_a_swap_is_proposed_only_when_the_swapped_point_is_in_france():
    assert position_problem(2.2957, 49.8942) == PositionProblem("latitude et longitude inversées", (49.8942, 2.2957))
    assert position_problem(-3.7, 40.4) == PositionProblem("coordonnées hors de France")  # Madrid, swapped
    assert position_problem(0, 0) == PositionProblem("coordonnées nulles (0, 0)")
    assert describe_position(49.8942, 2.2957) == "latitude 49.8942, longitude 2.2957"
