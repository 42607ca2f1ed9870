"""The transport-neutral request and reply that both adapters (ASGI, httpx2.MockTransport) speak.

Why: one implementation of the API behind two front doors; the adapters only translate these two
dataclasses to and from their own objects, so a behaviour never differs between socket and no socket.
"""

from __future__ import annotations

import json
import re
import typing
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl

# Azure OpenAI's URL shapes, served by the same handlers as /v1: `/openai/deployments/<deployment>/chat/completions`
# (the deployment name is also the request's `model`), `/openai/v1/responses` and `/openai/responses`.
_AZURE_DEPLOYMENT = re.compile(r"^/openai/deployments/([^/]+)(?=/)")
_AZURE_PREFIX = re.compile(r"^/openai(?:/v1)?(?=/)")

__all__ = ["MockReply", "MockRequest", "is_azure_path", "json_reply"]


@dataclass
class MockRequest:
    method: str
    path: str  # without the /v1 prefix, e.g. "/files/file-abc"
    query: dict[str, str] = field(default_factory=dict)
    headers: dict[str, str] = field(default_factory=dict)  # lower-cased names
    body: bytes = b""
    # Azure OpenAI's deployment, from `/openai/deployments/<name>/...` ("" on Azure's other paths, where the body's
    # `model` names it); None on /v1. A deployment is the caller's own name, so the mock accepts any.
    deployment: str | None = None

    @classmethod
    def build(
        cls,
        method: str,
        path: str,
        query: str | Mapping[str, str] = "",
        headers: Iterable[tuple[str, str]] | Mapping[str, str] = (),
        body: bytes = b"",
    ) -> MockRequest:
        """Normalise what an adapter has: strip the /v1 prefix (or Azure's `/openai/...` one, see `azure_path`),
        parse the query (Azure's `api-version` is dropped: the mock serves one version), lower-case headers."""
        items: Iterable[tuple[str, str]] = (
            list(typing.cast(Mapping[str, str], headers).items()) if isinstance(headers, Mapping) else headers
        )
        q = dict(parse_qsl(query, keep_blank_values=True)) if isinstance(query, str) else dict(query)
        deployment = None
        if path.startswith("/v1/") or path == "/v1":
            path = path[3:] or "/"
        elif is_azure_path(path):
            found = _AZURE_DEPLOYMENT.match(path)
            deployment = found.group(1) if found else ""
            path = _AZURE_PREFIX.sub("", _AZURE_DEPLOYMENT.sub("", path))
            q.pop("api-version", None)
        return cls(method.upper(), path, q, {k.lower(): v for k, v in items}, body, deployment)

    def header(self, name: str, default: str = "") -> str:
        return self.headers.get(name.lower(), default)

    def api_key(self) -> str:
        """The caller's key: OpenAI's `Authorization: Bearer <key>`, or Azure's `api-key: <key>` header."""
        return self.header("authorization").removeprefix("Bearer").strip() or self.header("api-key").strip()


def is_azure_path(path: str) -> bool:
    """Whether `path` has one of Azure OpenAI's shapes (`/openai/deployments/<name>/...`, `/openai/...`)."""
    return path.startswith("/openai/")


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
