"""« Analyses… 4 s »: a line on a terminal's standard error while a long step runs."""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TextIO

#: Seconds between two redraws of the line (the brief asks for one at least every 2 s).
INTERVAL = 1.0


@contextmanager
def step(
    label: str, *, stream: TextIO | None = None, enabled: bool | None = None
) -> Iterator[Callable[[str], None]]:
    """Show ``label… N s`` on ``stream`` (standard error) every second while the block runs;
    the block gets a function that changes the label (the step now running).

    ``enabled=None`` shows it only when ``stream`` is a terminal, so that files and pipes
    get only the command's own lines. The line is erased when the block ends.

    >>> import io
    >>> out = io.StringIO()
    >>> with step("Lecture", stream=out, enabled=True) as say:
    ...     say("Analyses")
    >>> out.getvalue().split("\\r")[1:3]
    ['Lecture… 0 s', 'Analyses… 0 s']
    """
    stream = stream if stream is not None else sys.stderr
    if enabled is None:
        enabled = bool(getattr(stream, "isatty", lambda: False)())
    if not enabled:
        yield lambda _label: None
        return
    done = threading.Event()
    start = time.monotonic()
    current = [label]
    width = [0]

    def draw() -> None:
        line = f"{current[0]}… {int(time.monotonic() - start)} s"
        stream.write("\r" + line.ljust(width[0]))
        stream.flush()
        width[0] = max(width[0], len(line))

    def say(new_label: str) -> None:
        current[0] = new_label
        draw()

    def run() -> None:
        while not done.wait(INTERVAL):
            draw()

    draw()
    ticker = threading.Thread(target=run, name="nec-network-progress", daemon=True)
    ticker.start()
    try:
        yield say
    finally:
        done.set()
        ticker.join()
        stream.write("\r" + " " * width[0])
        stream.write("\r")
        stream.flush()
