"""A small French progress bar on standard error, for long geocoding runs."""

from __future__ import annotations

import sys
from typing import TextIO

_WIDTH = 30


class ProgressBar:
    """``Géocodage [#####-----] 12/150`` rewritten in place; silent when disabled.

    ``enabled=None`` shows it only when ``stream`` is a terminal.

    >>> import io
    >>> out = io.StringIO()
    >>> bar = ProgressBar(4, enabled=True, stream=out)
    >>> bar.advance(); bar.advance(3); bar.close()
    >>> out.getvalue().split("\\r")[-1]
    'Géocodage [##############################] 4/4\\n'
    """

    def __init__(
        self, total: int, *, enabled: bool | None = None, stream: TextIO | None = None
    ) -> None:
        self.total = total
        self.done = 0
        self.stream = stream if stream is not None else sys.stderr
        if enabled is None:
            enabled = bool(getattr(self.stream, "isatty", lambda: False)())
        self.enabled = enabled and total > 0
        self._draw()

    def advance(self, steps: int = 1) -> None:
        """Count ``steps`` more items as done and redraw."""
        self.done = min(self.total, self.done + steps)
        self._draw()

    def close(self) -> None:
        """End the line so that what follows starts on a new one."""
        if self.enabled:
            self.stream.write("\n")
            self.stream.flush()

    def _draw(self) -> None:
        if not self.enabled:
            return
        filled = _WIDTH * self.done // self.total
        bar = "#" * filled + "-" * (_WIDTH - filled)
        self.stream.write(f"\rGéocodage [{bar}] {self.done}/{self.total}")
        self.stream.flush()
