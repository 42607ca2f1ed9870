"""The transport-neutral request and reply that both adapters (ASGI, httpx2.MockTransport) speak.

Why: one implementation of the API behind two front doors; the adapters only translate these two
dataclasses to and from their own objects, so a behaviour never differs between socket and no socket.
"""

from __future__ import annotations

import json
import typing
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl

__all__ = ["MockReply", "MockRequest", "json_reply"]


@dataclass
class MockRequest:
    method: str
    path: str  # without the /v1 prefix, e.g. "/files/file-abc"
    query: dict[str, str] = field(default_factory=dict)
    headers: dict[str, str] = field(default_factory=dict)  # lower-cased names
    body: bytes = b""

    @classmethod
    def build(
        cls,
        method: str,
        path: str,
        query: str | Mapping[str, str] = "",
        headers: Iterable[tuple[str, str]] | Mapping[str, str] = (),
        body: bytes = b"",
    ) -> MockRequest:
        """Normalise what an adapter has: strip the /v1 prefix, parse the query, lower-case headers."""
        items: Iterable[tuple[str, str]] = (
            list(typing.cast(Mapping[str, str], headers).items()) if isinstance(headers, Mapping) else headers
        )
        q = dict(parse_qsl(query, keep_blank_values=True)) if isinstance(query, str) else dict(query)
        if path.startswith("/v1/") or path == "/v1":
            path = path[3:] or "/"
        return cls(method.upper(), path, q, {k.lower(): v for k, v in items}, body)

    def header(self, name: str, default: str = "") -> str:
        return self.headers.get(name.lower(), default)


@dataclass
class MockReply:
    status: int
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    stream: Iterator[bytes] | None = None  # SSE chunks, sent as they come
    delay_s: float = 0.0  # fault injection: wait before answering
    drop: bool = False  # fault injection: close the connection without an answer


def json_reply(status: int, payload: Any, headers: Mapping[str, str] | None = None) -> MockReply:
    body = json.dumps(payload, ensure_ascii=False).encode()
    return MockReply(status, {"content-type": "application/json", **(headers or {})}, body)
