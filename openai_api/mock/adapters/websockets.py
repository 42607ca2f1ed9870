"""The WebSocket sessions besides Realtime, served from `data/websockets.yaml`: Responses over WebSocket, Live,
its forks and sideband, realtime translations.

Why a table and not a module per protocol: what the mock needs of each is the same shape — a path, events sent
as the socket opens, and for each client event the server events that answer it — and the events themselves are
built by the synthesizer from the SDK's own event models, so they parse as the real ones do. Adding a protocol
the SDK gains is an edit to the YAML. Realtime keeps its own adapter (`realtime.py`): its text turn has an order
and a content the table cannot express.
"""

from __future__ import annotations

import hashlib
import importlib
import json
import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from starlette.types import Receive, Scope, Send

from openai_api.mock.data import websockets as websocket_data
from openai_api.sdk.synthesis import Synthesizer

__all__ = ["SessionSpec", "serve_session", "session_for_method", "session_for_path", "sessions"]


@dataclass(frozen=True)
class SessionSpec:
    """One WebSocket session kind of `data/websockets.yaml`."""

    name: str
    methods: tuple[str, ...]
    path: str
    client_events: str
    hello: str
    expect: str
    server_events: str = ""
    served_by: str = ""
    on_connect: tuple[str, ...] = ()
    answers: dict[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def pattern(self) -> re.Pattern[str]:
        return re.compile("^" + re.sub(r"\\\{[^}]+\\\}", "[^/]+", re.escape(self.path)) + "/?$")

    def client_union(self) -> Any:
        return _load_type(self.client_events)

    def server_union(self) -> Any:
        return _load_type(self.server_events)


def _load_type(dotted: str) -> Any:
    module, _, name = dotted.partition(":")
    return getattr(importlib.import_module(module), name)


@cache
def sessions() -> tuple[SessionSpec, ...]:
    found = []
    for raw in websocket_data()["sessions"]:
        answers = {kind: tuple(events) for kind, events in (raw.get("answers") or {}).items()}
        found.append(
            SessionSpec(
                name=raw["name"],
                methods=tuple(raw["methods"]),
                path=raw["path"],
                client_events=raw["client_events"],
                hello=raw["hello"],
                expect=raw["expect"],
                server_events=raw.get("server_events", ""),
                served_by=raw.get("served_by", ""),
                on_connect=tuple(raw.get("on_connect") or ()),
                answers=answers,
            )
        )
    return tuple(found)


def session_for_method(method: str) -> SessionSpec | None:
    return next((spec for spec in sessions() if method in spec.methods), None)


def session_for_path(path: str) -> SessionSpec | None:
    """The session this module serves at `path`; None for Realtime (its own adapter) and unknown paths."""
    return next((spec for spec in sessions() if not spec.served_by and spec.pattern.match(path)), None)


async def serve_session(spec: SessionSpec, scope: Scope, receive: Receive, send: Send) -> None:
    """Run one connection of `spec` to its end, from the handshake on."""
    if (await receive())["type"] != "websocket.connect":
        return
    await send({"type": "websocket.accept"})
    headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
    token = headers.get("authorization", "").removeprefix("Bearer").strip()
    seed = hashlib.sha256(f"{token}|{scope['path']}".encode()).hexdigest()[:16]
    synth = Synthesizer(seed)
    union = spec.server_union()

    def event(kind: str, echo: dict[str, Any] | None = None) -> dict[str, Any]:
        fields = {k: v for k, v in (echo or {}).items() if k not in ("type", "event_id")}
        return synth.build(union, {**fields, "type": kind})

    def error(code: str, message: str) -> dict[str, Any]:
        return synth.build(
            union, {"type": "error", "error": {"type": "invalid_request_error", "code": code, "message": message}}
        )

    if not token:
        await _send(send, error("invalid_api_key", "You didn't provide an API key."))
        await send({"type": "websocket.close", "code": 1008})
        return
    for kind in spec.on_connect:
        await _send(send, event(kind))
    while True:
        message = await receive()
        if message["type"] == "websocket.disconnect":
            return
        raw = message.get("text") or (message.get("bytes") or b"").decode("utf-8", "replace")
        try:
            client_event = json.loads(raw)
        except ValueError:
            await _send(send, error("invalid_json", "The client event is not valid JSON."))
            continue
        kind = client_event.get("type") if isinstance(client_event, dict) else None
        answers = spec.answers.get(kind or "")
        if answers is None:
            await _send(send, error("unsupported_event", f"The mock does not handle {kind!r} events here."))
            continue
        for answer in answers:
            await _send(send, event(answer, client_event))
        if kind == "session.close":
            await send({"type": "websocket.close", "code": 1000})
            return


async def _send(send: Send, event: dict[str, Any]) -> None:
    await send({"type": "websocket.send", "text": json.dumps(event, ensure_ascii=False)})
