"""Python's cycle collector paused around bulk work: reading a file, building a big page.

Both make several containers per row or per record (cells, fields, actors, the page's
records) that all live until the end and hold no reference cycle. Their number alone sets
off the collector's passes, and at last a full collection walking every object of the
process (the ecosystem, the reference data), which frees nothing: about a fifth of reading a
national file, and of building the map of 20,000 actors. Reference counting still frees
memory meanwhile; cycles made meanwhile wait for the next collection.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """The cycle collector paused for the duration, resumed even on error, and left alone
    when it was not running (a caller that stopped it keeps it stopped).

    >>> with collector_paused():
    ...     gc.isenabled()
    False
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
