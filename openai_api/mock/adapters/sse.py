"""Server-sent events, framed the way the SDK's SSE decoder reads them."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from openai_api.mock.wire import MockReply

__all__ = ["DONE", "sse_event", "sse_reply"]

DONE = b"data: [DONE]\n\n"


def sse_event(data: Any, event: str | None = None) -> bytes:
    head = f"event: {event}\n" if event else ""
    return f"{head}data: {json.dumps(data, ensure_ascii=False)}\n\n".encode()


def sse_reply(chunks: Iterable[bytes]) -> MockReply:
    def stream() -> Iterator[bytes]:
        yield from chunks

    return MockReply(
        200, {"content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache"}, stream=stream()
    )
