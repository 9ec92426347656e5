"""Shared by the benchmarks: page load times in headless Chromium, and timings in pairs.

The pairing rule (benchmarks README, "Pairs, and their median"): ours then the floor, back to
back, at least 5 pairs; the ratio reported is the median of the per-pair ratios, next to the
median time of each side. :func:`paired` runs any two timed callables that way;
:func:`load_seconds` is the usual timed callable of a page benchmark.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

#: The fewest pairs a reported ratio may rest on.
MIN_PAIRS = 5


def load_seconds(browser, path: Path, condition: str, *,
                 width: int = 1280, height: int = 800) -> float:
    """Seconds of one load of ``path`` in a fresh page, from navigation start until
    ``condition`` (a JavaScript function) returns a number of milliseconds, read inside the
    page at the first frame where it holds; a page error stops the benchmark."""
    page = browser.new_page(viewport={"width": width, "height": height})
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(path.as_uri(), wait_until="commit", timeout=120_000)
    milliseconds = page.wait_for_function(condition, polling="raf", timeout=120_000).json_value()
    page.close()
    if errors:
        raise SystemExit(f"erreur dans la page {path.name} : {errors[0]}")
    return milliseconds / 1000


@dataclass(frozen=True)
class Pairs:
    """Seconds of ours and of the floor, pair by pair (``ours[k]`` then ``floor[k]``)."""

    ours: tuple[float, ...]
    floor: tuple[float, ...]

    @property
    def count(self) -> int:
        return len(self.ours)

    @property
    def ours_median(self) -> float:
        return statistics.median(self.ours)

    @property
    def floor_median(self) -> float:
        return statistics.median(self.floor)

    def ratio(self, scale: float = 1.0) -> float:
        """Median of the per-pair ratios ``ours / (floor × scale)`` (``scale`` extrapolates a
        floor measured on a sample)."""
        pairs = zip(self.ours, self.floor, strict=True)
        return statistics.median(ours / (floor * scale) for ours, floor in pairs)


def paired(ours: Callable[[], float], floor: Callable[[], float], pairs: int) -> Pairs:
    """``pairs`` pairs (at least :data:`MIN_PAIRS`) of ``ours()`` then ``floor()``, back to
    back; each callable returns the seconds it measured."""
    if pairs < MIN_PAIRS:
        raise SystemExit(f"au moins {MIN_PAIRS} paires, pas {pairs}")
    measured = [(ours(), floor()) for _ in range(pairs)]
    return Pairs(tuple(o for o, _ in measured), tuple(f for _, f in measured))


def timed(run: Callable[[], object]) -> Callable[[], float]:
    """A callable returning the wall seconds of ``run()`` (for :func:`paired`)."""

    def seconds() -> float:
        start = time.perf_counter()
        run()
        return time.perf_counter() - start

    return seconds
