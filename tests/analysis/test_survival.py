"""Kaplan–Meier against values computed by hand."""

from __future__ import annotations

import pytest

from nec_network.analysis.survival import DAYS_PER_MONTH, kaplan_meier, survival_at


def test_the_curve_of_a_textbook_example() -> None:
    # Six ties: ended at 3, 5, 5 and 9 days; censored at 4 and 9 days.
    # t=3: 6 at risk, 1 ends -> 5/6; t=5: 4 at risk (3 and 4 left), 2 end -> 5/6 * 2/4 = 5/12;
    # t=9: 1 at risk, 1 ends and 1 censored at the same time (censored counted at risk) -> 2 at risk.
    durations = [3, 4, 5, 5, 9, 9]
    observed = [True, False, True, True, True, False]
    curve = kaplan_meier(durations, observed)
    assert [(p.time, p.at_risk, p.ended) for p in curve] == [(3.0, 6, 1), (5.0, 4, 2), (9.0, 2, 1)]
    assert [p.survival for p in curve] == pytest.approx([5 / 6, 5 / 12, 5 / 24])
    assert survival_at(curve, 2, durations) == 1.0
    assert survival_at(curve, 4.5, durations) == pytest.approx(5 / 6)
    assert survival_at(curve, 9, durations) == pytest.approx(5 / 24)


def test_beyond_the_last_observation_the_share_is_unknown_unless_every_tie_ended() -> None:
    assert survival_at(kaplan_meier([10, 20], [True, False]), 30, [10, 20]) is None
    assert survival_at(kaplan_meier([10, 20], [True, True]), 30, [10, 20]) == 0.0
    assert survival_at(kaplan_meier([], []), 6 * DAYS_PER_MONTH, []) is None


def test_no_censoring_gives_the_plain_share_still_going_on() -> None:
    durations = [30, 60, 200, 400, 500]
    curve = kaplan_meier(durations, [True] * 5)
    assert survival_at(curve, 6 * DAYS_PER_MONTH, durations) == pytest.approx(3 / 5)
    assert survival_at(curve, 12 * DAYS_PER_MONTH, durations) == pytest.approx(2 / 5)


def test_lengths_must_agree() -> None:
    with pytest.raises(ValueError):
        kaplan_meier([1, 2], [True])
