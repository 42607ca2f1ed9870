"""The order a list endpoint answers in when the request names none: the real API's default, per endpoint.

Why per endpoint: the real defaults differ (files, vector stores, conversation items, response input
items: newest first; chat completions, evals: oldest first). Where the SDK's docstring of the ``order``
param states the default ("Defaults to `desc`.", "Default is `asc`.", "Defaults to descending."), that
is read, so an SDK upgrade brings its own defaults; ``list_orders.yaml`` holds the defaults the API
reference states but the docstrings do not. Any other list answers in insertion order.
"""

from __future__ import annotations

import functools
import inspect
import re

import httpx2
from openai import OpenAI

from openai_api.mock.data import list_orders
from openai_api.sdk.calls import resolve_method
from openai_api.sdk.routes import Route

__all__ = ["default_order"]

_ORDER_PARAM = re.compile(r"^\s*order:(.*?)(?=^\s*\w+:|\Z)", re.S | re.M)
_DEFAULT = re.compile(r"Defaults? (?:is |to )?`?(asc|desc)")


def default_order(route: Route) -> str:
    """``asc`` or ``desc``: what ``route`` answers with when the request has no ``order``."""
    for order, templates in list_orders().items():
        if route.template in templates:
            return str(order)
    return next((found for name in route.sdk_methods if (found := _documented(name))), "asc")


@functools.cache
def _documented(method: str) -> str | None:
    """The default the SDK method's docstring states for ``order``, if it states one."""
    try:
        doc = inspect.getdoc(resolve_method(_client(), method)) or ""
    except AttributeError:
        return None
    param = _ORDER_PARAM.search(doc)
    found = _DEFAULT.search(" ".join(param.group(1).split())) if param else None
    return found.group(1) if found else None


@functools.cache
def _client() -> OpenAI:
    """A client only to reach the SDK's methods and their docstrings; it never sends a request.

    Its HTTP client has a transport that refuses every request: the default one would build a TLS context,
    a tenth of a second spent in the first list request of every mock server.
    """
    return OpenAI(
        api_key="mock-docstrings",
        base_url="http://127.0.0.1:9/v1",
        http_client=httpx2.Client(transport=httpx2.MockTransport(_refuse)),
    )


def _refuse(request: httpx2.Request) -> httpx2.Response:
    raise RuntimeError(f"the docstring client of list_order sent {request.method} {request.url}")
