"""Specialised handlers where realism matters; everything else is ``crud.generic``.

Each module registers its functions with ``@handles(verb, template)``; the template is the SDK's
own path template, so a handler binds to exactly the route the route table derived. The registered
callable turns the handler's result into a reply carrying the rate-limit headers, so no handler
has to remember them (``crud.generic`` does the same for everything else).

Why a module is imported only when a request reaches one of its routes (``handler_for``): together the handlers
and what they read (reply bank, entities, speech, images) cost a tenth of a second or more, which a new server
would otherwise spend before its first answer. Which module claims which route is read from the decorators' text
(``claimed_routes``, a millisecond); a test holds that reading equal to what importing every module registers.
"""

from __future__ import annotations

import functools
import importlib
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from openai_api.mock.handler_call import Call
from openai_api.mock.ratelimit import as_reply
from openai_api.mock.wire import MockReply

__all__ = ["HANDLERS", "Handler", "claimed_routes", "handler_for", "handles", "load_all"]

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


# the decorator as every handler module spells it: @handles("VERB", "/template")
_DECORATOR = re.compile(r'^@handles\("([A-Z]+)", "([^"]+)"\)', re.MULTILINE)


@functools.cache
def claimed_routes() -> dict[tuple[str, str], str]:
    """(verb, template) -> the handler module that registers it, read from the modules' source."""
    claimed: dict[tuple[str, str], str] = {}
    for path in sorted(Path(__file__).parent.glob("*.py")):
        if path.name == "__init__.py":
            continue
        for verb, template in _DECORATOR.findall(path.read_text(encoding="utf-8")):
            claimed[(verb, template)] = f"{__name__}.{path.stem}"
    return claimed


def handler_for(verb: str, template: str, default: Handler) -> Handler:
    """The handler registered for this route (its module imported now if it was not yet), else ``default``."""
    key = (verb, template)
    found = HANDLERS.get(key)
    if found is None:
        module = claimed_routes().get(key)
        if module is None:
            return default
        importlib.import_module(module)
        found = HANDLERS[key]
    return found


def load_all() -> None:
    """Import every handler module (a test compares what they register with ``claimed_routes``)."""
    for module in sorted(set(claimed_routes().values())):
        importlib.import_module(module)
