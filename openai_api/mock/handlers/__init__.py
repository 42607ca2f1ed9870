"""Specialised handlers where realism matters; everything else is ``crud.generic``.

Each module registers its functions with ``@handles(verb, template)``; the template is the SDK's
own path template, so a handler binds to exactly the route the route table derived. The registered
callable turns the handler's result into a reply carrying the rate-limit headers, so no handler
has to remember them (``crud.generic`` does the same for everything else).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from openai_api.mock.handler_call import Call
from openai_api.mock.ratelimit import as_reply
from openai_api.mock.wire import MockReply

__all__ = ["HANDLERS", "Handler", "handles"]

Handler = Callable[[Call], Any]
HANDLERS: dict[tuple[str, str], Handler] = {}


def handles(verb: str, template: str) -> Callable[[Handler], Handler]:
    def register(func: Handler) -> Handler:
        @functools.wraps(func)
        def replying(call: Call) -> MockReply:
            return as_reply(func(call))

        HANDLERS[(verb, template)] = replying
        return func

    return register


def _load() -> None:
    from openai_api.mock.handlers import (  # noqa: F401  (importing registers the handlers)
        agent_sessions,
        audio,
        chat,
        completions,
        conversations,
        decisions,
        embeddings,
        files,
        images,
        lifecycle,
        moderations,
        provenance,
        resources,
        responses,
        runs,
        uploads,
    )


_load()
