"""Specialised handlers where realism matters; everything else is ``crud.generic``.

Each module registers its functions with ``@handles(verb, template)``; the template is the SDK's
own path template, so a handler binds to exactly the route the route table derived.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..call import Call

__all__ = ["HANDLERS", "Handler", "handles"]

Handler = Callable[[Call], Any]
HANDLERS: dict[tuple[str, str], Handler] = {}


def handles(verb: str, template: str) -> Callable[[Handler], Handler]:
    def register(func: Handler) -> Handler:
        HANDLERS[(verb, template)] = func
        return func

    return register


def _load() -> None:
    from . import audio, chat, completions, embeddings, files, images, moderations, responses  # noqa: F401

_load()
