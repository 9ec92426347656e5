"""What :func:`best_sites` remembers: the same instance is not solved twice in one process."""

from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd
import pytest
from scipy import sparse

from nec_network.analysis import covering
from nec_network.analysis.covering import CoveringProblem, best_sites


def three_communes(population=(100, 200, 400)) -> CoveringProblem:
    """A covers A and B, B covers all three, C covers B and C: one site, B, reaches everyone."""
    matrix = sparse.csc_matrix(np.array([[1, 1, 0], [1, 1, 1], [0, 1, 1]], dtype=float))
    demand = pd.DataFrame({"code_insee": ["A", "B", "C"], "population": [100, 200, 400]})
    return CoveringProblem(demand, pd.DataFrame({"population": list(population)}), matrix)


@pytest.fixture
def solves(monkeypatch):
    """The exact solves that really ran, with a memory emptied for the test."""
    monkeypatch.setattr(covering, "_choices", type(covering._choices)())
    ran = []
    real = covering._solve

    def counted(problem, k, time_limit):
        ran.append(k)
        return real(problem, k, time_limit)

    monkeypatch.setattr(covering, "_solve", counted)
    return ran


def test_the_same_instance_is_answered_from_memory(solves):
    first = best_sites(three_communes(), 2)
    assert first.chosen == (1,) and first.covered == 700 and first.optimal
    # Asked again, even through another problem object holding the same figures.
    assert best_sites(three_communes(), 2) == first
    assert solves == [2]


def test_anything_the_answer_depends_on_solves_again(solves):
    problem = three_communes()
    best_sites(problem, 2)
    best_sites(problem, 3)  # another number of sites
    weighted = dataclasses.replace(problem, demand=problem.demand.assign(weight=[0, 0, 5]))
    assert best_sites(weighted, 2).covered == 5  # other weights
    # Other candidate populations: the tie-break between B and C (each reaches C) changes.
    assert best_sites(weighted, 2).chosen == (2,)
    assert best_sites(dataclasses.replace(weighted, candidates=pd.DataFrame({"population": [0, 50, 10]})), 2).chosen == (1,)
    assert best_sites(problem, 2, method="heuristic").optimal is False  # another method, not solved
    assert solves == [2, 3, 2, 2]


def test_the_memory_keeps_only_the_latest_answers(solves, monkeypatch):
    monkeypatch.setattr(covering, "REMEMBERED_CHOICES", 2)
    problems = [three_communes((100, 200 + i, 400)) for i in range(3)]
    for problem in problems:
        best_sites(problem, 2)
    assert len(covering._choices) == 2
    best_sites(problems[2], 2)  # remembered
    best_sites(problems[0], 2)  # forgotten: solved again
    assert solves == [2, 2, 2, 2]


def test_forgotten_answers_are_solved_again(solves):
    best_sites(three_communes(), 2)
    covering.forget_choices()
    best_sites(three_communes(), 2)
    assert solves == [2, 2]


def test_remembering_leaves_the_problem_as_given(solves):
    # Column 0 lists its rows out of order (2, 0): the digest must not sort the caller's matrix.
    matrix = sparse.csc_matrix((np.ones(3), np.array([2, 0, 1]), np.array([0, 2, 3])), shape=(3, 2))
    problem = CoveringProblem(pd.DataFrame({"population": [100, 200, 400]}), pd.DataFrame({"population": [1, 2]}),
                              matrix)
    assert best_sites(problem, 1).chosen == (0,)  # rows 0 and 2: 500 inhabitants
    assert matrix.indices.tolist() == [2, 0, 1]
