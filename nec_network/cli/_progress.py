"""« Calcul de la couverture… 4 s »: a line on a terminal's standard error while a command works.

:func:`step` runs around every command (``nec_network.cli._run``): after a second of work,
and then every second, it redraws ``label… N s`` on standard error, only when standard error
is a terminal; commands name the step they are in with :func:`say` (or a nested :func:`step`). Any other text
written to the terminal (a result, a warning) first erases the line, which the next tick draws
again below it, so the command's own lines are never mixed with it; the line is erased when
the command ends.
"""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TextIO

#: Seconds before the line first appears, and between two redraws (the brief asks for one at
#: least every 2 s on any step over 2 s).
INTERVAL = 1.0


class _Line:
    """The progress line being shown: its label, when it started, what is drawn."""

    def __init__(self, label: str, stream: TextIO) -> None:
        self.label = label
        self.stream = stream
        self.start = time.monotonic()
        self.width = 0  # characters drawn on the terminal now (0: nothing shown)
        self.lock = threading.Lock()

    def draw(self) -> None:
        with self.lock:
            line = f"{self.label}… {int(time.monotonic() - self.start)} s"
            self.stream.write("\r" + line.ljust(self.width))
            self.stream.flush()
            self.width = max(self.width, len(line))

    def erase(self) -> None:
        with self.lock:
            if self.width:
                self.stream.write("\r" + " " * self.width)
                self.stream.write("\r")
                self.stream.flush()
                self.width = 0

    def relabel(self, label: str) -> None:
        self.label = label
        if self.width:
            self.draw()


_ACTIVE: list[_Line] = []


def say(label: str) -> None:
    """Name the step now running (« Calcul de la couverture ») on the line, if one is shown."""
    if _ACTIVE:
        _ACTIVE[-1].relabel(label)


def erase_line() -> None:
    """Erase the progress line before other text reaches the terminal (it comes back at the next tick)."""
    if _ACTIVE:
        _ACTIVE[-1].erase()


@contextmanager
def step(
    label: str, *, stream: TextIO | None = None, enabled: bool | None = None
) -> Iterator[Callable[[str], None]]:
    """Show ``label… N s`` on ``stream`` (standard error) every second while the block runs,
    from its first second on; the block gets a function that changes the label (the step now
    running). Within a command's line (a :func:`step` already running), only the label changes.

    ``enabled=None`` shows it only when ``stream`` is a terminal, so that files and pipes
    get only the command's own lines. The line is erased when the block ends.

    >>> import io
    >>> out = io.StringIO()
    >>> with step("Lecture", stream=out, enabled=True) as change:
    ...     time.sleep(INTERVAL + 0.2)
    ...     change("Analyses")
    >>> out.getvalue().split("\\r")[1:3]
    ['Lecture… 1 s', 'Analyses… 1 s']
    """
    if _ACTIVE and stream is None:
        say(label)
        yield say
        return
    stream = stream if stream is not None else sys.stderr
    if enabled is None:
        enabled = bool(getattr(stream, "isatty", lambda: False)())
    if not enabled:
        yield lambda _label: None
        return
    line = _Line(label, stream)
    done = threading.Event()

    def run() -> None:
        while not done.wait(INTERVAL):
            line.draw()

    ticker = threading.Thread(target=run, name="nec-network-progress", daemon=True)
    _ACTIVE.append(line)
    ticker.start()
    try:
        yield line.relabel
    finally:
        done.set()
        ticker.join()
        _ACTIVE.remove(line)
        line.erase()

