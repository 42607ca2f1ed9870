"""Loading the SDK into a process that keeps it for its whole life (the mock server, the example workers' fork
server): with the cyclic garbage collector paused, and what was loaded frozen after.

Why: loading the SDK makes tens to hundreds of thousands of container objects (its pydantic models, their fields
and validators) that live as long as the process. The collector, started every 700 allocations, would traverse them
again and again while they are made (about a tenth of the CPU of loading them), and then in every full collection
afterwards; frozen (`gc.freeze`), they are in none of those, and a process forked from this one does not write to
the memory it shares with it when it collects. The little cyclic garbage that loading leaves stays.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator

__all__ = ["kept_out_of_collections"]


@contextlib.contextmanager
def kept_out_of_collections() -> Iterator[None]:
    """The collector paused while the block runs; what the block made frozen after."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if was_enabled:
            gc.enable()
