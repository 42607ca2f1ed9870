"""Loading the SDK into a process that keeps it for its whole life (the mock server, the example workers' fork
server): with the cyclic garbage collector paused, and what was loaded frozen after.

Why: loading the SDK makes tens to hundreds of thousands of container objects (its pydantic models, their fields
and validators) that live as long as the process. The collector, started every 700 allocations, would traverse them
again and again while they are made (about a tenth of the CPU of loading them), and then in every full collection
afterwards; frozen (`gc.freeze`), they are in none of those, and a process forked from this one does not write to
the memory it shares with it when it collects. The little cyclic garbage that loading leaves stays.

The same holds at the other end of a process that has loaded much: the interpreter collects as it exits, and would
traverse everything the process still holds only for the process to end (`frozen_for_exit`).
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator

__all__ = ["frozen_for_exit", "kept_out_of_collections"]


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


def frozen_for_exit() -> None:
    """The process ends next: what it holds is frozen, so that the collections made on the way out skip it.

    Measured: the exit of `python -m openai_api.main --scope all` took about 1.0 s and now 0.2 s; a docs build's,
    0.6-0.9 s and now 0.2-0.3 s. Only for a process about to end: a frozen object is never collected."""
    gc.freeze()
