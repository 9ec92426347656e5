"""``doublons.csv`` and ``doublons-a-verifier.csv``: the merges made and the pairs to review.

``doublons.csv`` has one line per record merged into another: its id, the id
kept, their names and sources, the scores (0–100; empty when unknown), the
distance in metres and the reason in French
(:func:`nec_network.wording.duplicate_reason` of the rule that decided). ``doublons-a-verifier.csv`` has one line per
pair listed for review (not merged), with the same columns. Both are written by
:func:`nec_network.io.csv_output.write_csv` (cells a spreadsheet would evaluate neutralised).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from nec_network.io.csv_output import write_csv
from nec_network.model import Ecosystem
from nec_network.wording import duplicate_reason

MERGE_COLUMNS = ("id", "id_conserve", "nom", "nom_conserve", "source", "source_conservee", "score_nom",
                 "score_adresse", "distance_m", "score_distance", "score", "motif")  # fmt: skip
REVIEW_COLUMNS = ("id_1", "id_2", "nom_1", "nom_2", "source_1", "source_2", "score_nom", "score_adresse",
                  "distance_m", "score_distance", "score", "motif")  # fmt: skip


def _number(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


def _row(first: str, second: str, pair: Any, before: Ecosystem) -> list[str]:
    a, b = before[first], before[second]
    return [first, second, a.nom, b.nom, a.source, b.source, _number(pair.name), _number(pair.address),
            _number(pair.distance_m), _number(pair.distance), _number(pair.score),
            duplicate_reason(pair.rule, pair.details)]


def write_duplicates(path: str | Path, merges: Iterable[Any], before: Ecosystem) -> int:
    """Write ``doublons.csv`` (merges of :func:`~nec_network.analysis.merging.merge_duplicates`); rows written."""
    rows = [_row(merge.merged, merge.kept, merge.pair, before) for merge in merges]
    _write(Path(path), MERGE_COLUMNS, rows)
    return len(rows)


def write_review(path: str | Path, pairs: Iterable[Any], before: Ecosystem) -> int:
    """Write ``doublons-a-verifier.csv`` (pairs decided ``review``); rows written."""
    rows = [_row(pair.first, pair.second, pair, before) for pair in pairs]
    _write(Path(path), REVIEW_COLUMNS, rows)
    return len(rows)


def _write(path: Path, columns: tuple[str, ...], rows: list[list[str]]) -> None:
    write_csv(path, rows, columns=columns)
