"""Kaplan–Meier survival of ties: how long partnerships last, counting those still going on.

A tie that has not ended by the reference date (the survey date) is *right-censored*: we know
it lasted at least that long, not how long. The Kaplan–Meier estimator uses both:

    S(t) = Π over the end times tᵢ ≤ t of (1 − dᵢ / nᵢ)

where dᵢ ties ended at tᵢ and nᵢ ties were still observed just before tᵢ (a tie censored at
tᵢ still counts as observed at tᵢ). Durations are in days.

Three ties ending after 10 and 30 days, one censored at 20 days:

>>> curve = kaplan_meier([10, 20, 30], [True, False, True])
>>> [(point.time, round(point.survival, 4), point.at_risk, point.ended) for point in curve]
[(10.0, 0.6667, 3, 1), (30.0, 0.0, 1, 1)]
>>> round(survival_at(curve, 25, [10, 20, 30]), 4)
0.6667
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

#: Days in a month, on average over the Gregorian calendar (365.25 / 12).
DAYS_PER_MONTH = 365.25 / 12


@dataclass(frozen=True)
class SurvivalPoint:
    """One step of the curve: at ``time`` days, ``ended`` of the ``at_risk`` ties ended and the
    share still going on became ``survival``."""

    time: float
    survival: float
    at_risk: int
    ended: int


def kaplan_meier(durations: Sequence[float], observed: Sequence[bool]) -> tuple[SurvivalPoint, ...]:
    """The Kaplan–Meier curve: one point per time at which at least one tie ended.

    ``durations[i]`` is how long tie i lasted (days), ``observed[i]`` whether it ended then
    (False: still going on at the reference date, censored). Complexity O(n log n).
    """
    if len(durations) != len(observed):
        raise ValueError("durations and observed differ in length")
    ordered = sorted(zip((float(value) for value in durations), observed, strict=True))
    at_risk, survival, index = len(ordered), 1.0, 0
    points: list[SurvivalPoint] = []
    while index < len(ordered):
        time = ordered[index][0]
        ended = leaving = 0
        while index < len(ordered) and ordered[index][0] == time:
            ended += bool(ordered[index][1])
            leaving += 1
            index += 1
        if ended:
            survival *= 1 - ended / at_risk
            points.append(SurvivalPoint(time, survival, at_risk, ended))
        at_risk -= leaving
    return tuple(points)


def survival_at(curve: Sequence[SurvivalPoint], time: float, durations: Sequence[float]) -> float | None:
    """S(``time``) read on ``curve``; None when no tie was observed that long (every tie ended
    or was censored before ``time`` without the curve reaching 0), or when there are no ties.

    >>> survival_at(kaplan_meier([5, 8], [False, False]), 10, [5, 8]) is None
    True
    """
    if not durations:
        return None
    survival = 1.0
    for point in curve:
        if point.time > time:
            break
        survival = point.survival
    if max(durations) < time and survival > 0:
        return None
    return survival
