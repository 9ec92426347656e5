"""Static charts of the synthesis report, as PNG bytes (matplotlib, Agg backend).

Figures are built with :class:`matplotlib.figure.Figure` and an Agg canvas, never
through ``pyplot``: no global state, no window, nothing left open. The style is
reset for each chart and the PNG carries no software or date metadata, so the
same table always gives the same bytes. Labels from data are drawn as plain text
(math rendering off: a ``$`` in a name stays a dollar sign).
"""

from __future__ import annotations

import io
from collections.abc import Sequence

import matplotlib
import numpy as np
import pandas as pd
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.layout_engine import ConstrainedLayoutEngine
from matplotlib.ticker import FuncFormatter, MaxNLocator

from nec_network.wording import number
from nec_network.views.style import COVERAGE_COLORS

_STYLE = {
    "font.family": "DejaVu Sans",
    "font.size": 9,
    "axes.titlesize": 11,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "text.parse_math": False,
    "svg.hashsalt": "nec-network",
}
_DPI = 100
_WIDTH = 7.0
_MAX_LABEL = 48


def _short(label: str) -> str:
    return label if len(label) <= _MAX_LABEL else label[: _MAX_LABEL - 1].rstrip() + "…"


def _png(figure: Figure, axes: Axes, title: str) -> bytes:
    """The chart as PNG bytes, with ``title`` above it when given (the report gives it as a
    caption under the image instead: text never cut)."""
    if title:
        axes.set_title(title, loc="left")
    FigureCanvasAgg(figure)
    # Constrained layout, run once here: with the engine set on the figure, savefig would
    # first draw the whole figure invisibly only to run it (same PNG, ~10 % more time).
    ConstrainedLayoutEngine().execute(figure)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=_DPI, metadata={"Software": None})
    return buffer.getvalue()


def _figure(height: float) -> Figure:
    return Figure(figsize=(_WIDTH, height))


def share_bars(labels: Sequence[str], shares: Sequence[float], *, axis: str, title: str = "") -> bytes:
    """Horizontal bars of shares (0–1) in percent, one per label, top to bottom in order."""
    with matplotlib.rc_context(_STYLE):
        figure = _figure(1.2 + 0.32 * len(labels))
        axes = figure.add_subplot()
        positions = np.arange(len(labels))
        values = np.asarray(shares, dtype=float) * 100
        axes.barh(positions, values, color=COVERAGE_COLORS["couvert"])
        axes.barh(positions, 100 - values, left=values, color="#e9ecef")
        for position, value in zip(positions, values, strict=True):
            axes.text(min(value, 88) + 1, position, f"{number(value, 1)} %", va="center")
        axes.set_yticks(positions, [_short(label) for label in labels])
        axes.invert_yaxis()
        axes.set_xlim(0, 100)
        axes.xaxis.set_major_formatter(FuncFormatter(lambda x, _pos: f"{x:.0f} %"))
        axes.set_xlabel(axis)
        return _png(figure, axes, title)


def distance_histogram(minutes: pd.Series, *, axis: str, title: str = "") -> bytes:
    """Number of communes by travel time (or distance) to the nearest actor, in 5-unit bins."""
    values = pd.to_numeric(minutes, errors="coerce").dropna().to_numpy(dtype=float)
    top = max(5.0, float(np.ceil(values.max() / 5) * 5) if values.size else 5.0)
    with matplotlib.rc_context(_STYLE):
        figure = _figure(3.0)
        axes = figure.add_subplot()
        axes.hist(values, bins=np.arange(0, top + 5, 5), color="#1982c4", edgecolor="white")
        axes.set_xlabel(axis)
        axes.set_ylabel("Nombre de communes")
        axes.yaxis.set_major_formatter(FuncFormatter(lambda y, _pos: number(y)))
        return _png(figure, axes, title)


def size_bars(labels: Sequence[str], sizes: Sequence[int], *, axis: str, title: str = "") -> bytes:
    """Horizontal bars of counts, one per label, top to bottom in order."""
    with matplotlib.rc_context(_STYLE):
        figure = _figure(1.2 + 0.3 * len(labels))
        axes = figure.add_subplot()
        positions = np.arange(len(labels))
        axes.barh(positions, sizes, color="#6a4c93")
        for position, size in zip(positions, sizes, strict=True):
            axes.text(size, position, f" {size}", va="center")
        axes.set_yticks(positions, [_short(label) for label in labels])
        axes.invert_yaxis()
        axes.set_xlabel(axis)
        return _png(figure, axes, title)


def ties_over_time(
    periods: Sequence[str],
    open_ties: Sequence[int],
    formed: Sequence[int],
    ended: Sequence[int],
    *,
    marker: int | None = None,
    marker_label: str = "",
    title: str = "",
) -> bytes:
    """Ties open at each period's close (line) with the ties formed (bars up) and ended (bars
    down) in it; ``marker`` is the index of the period of an event, drawn as a dashed line."""
    positions = np.arange(len(periods))
    with matplotlib.rc_context(_STYLE):
        figure = _figure(3.2)
        axes = figure.add_subplot()
        axes.bar(positions, formed, color="#009E73", label="liens créés dans le mois")
        axes.bar(positions, [-value for value in ended], color="#D55E00", label="liens terminés dans le mois")
        axes.set_ylabel("Liens créés / terminés")
        axes.axhline(0, color="#444444", linewidth=0.6)
        line = axes.twinx()
        line.plot(positions, open_ties, color="#000091", linewidth=2, label="liens en cours (échelle de droite)")
        line.set_ylabel("Liens en cours")
        line.spines["right"].set_visible(True)
        if marker is not None:
            axes.axvline(marker, color="#1e1e1e", linestyle="--", linewidth=1)
            axes.annotate(_short(marker_label), (marker, 1), xycoords=("data", "axes fraction"),
                          xytext=(3, -10), textcoords="offset points", fontsize=8)
        step = max(1, len(periods) // 8)
        axes.set_xticks(positions[::step], [periods[i] for i in range(0, len(periods), step)])
        handles = axes.get_legend_handles_labels()[0] + line.get_legend_handles_labels()[0]
        axes.legend(handles=handles, loc="upper left", fontsize=8, frameon=False,
                    bbox_to_anchor=(0, -0.12), ncols=3)
        axes.yaxis.set_major_locator(MaxNLocator(integer=True))
        line.yaxis.set_major_locator(MaxNLocator(integer=True))
        axes.yaxis.set_major_formatter(FuncFormatter(lambda y, _pos: number(abs(y))))
        return _png(figure, axes, title)
