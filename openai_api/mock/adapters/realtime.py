"""Realtime over WebSocket (server mode only): a text-only session, enough for the SDK's basic example.

``client.realtime.connect(model=...)`` opens ``ws://HOST/v1/realtime?model=...`` with the bearer key.
The mock answers ``session.created``, then per client event:

- ``session.update`` -> ``session.updated`` (the session with the update merged in);
- ``conversation.item.create`` -> ``conversation.item.added`` and ``conversation.item.done`` (the GA
  names; the beta's ``conversation.item.created`` is not sent);
- ``response.create`` -> ``response.created``, ``response.output_item.added``, ``conversation.item.added``,
  ``response.content_part.added``, several ``response.output_text.delta``, ``response.output_text.done``,
  ``response.content_part.done``, ``response.output_item.done``, ``conversation.item.done``,
  ``response.done`` (with ``usage``): the real server's order for a text turn. The reply is derived from
  the last user text, in its language, like the chat handler;
- anything else -> an ``error`` event (``invalid_request_error``), and the session goes on.

Every event is built by the synthesizer into the SDK's own event model (``openai.types.realtime``), so
it parses as ``RealtimeServerEvent``. The other sessions the SDK opens (``responses.connect``, ``live.connect``,
``realtime.translations.connect``, ...) are served by ``websockets.py``; a path no session lives at gets one
``error`` event (code ``unsupported_websocket_endpoint``) and a clean close (1000). A missing key gets an ``error``
event (``invalid_api_key``) and a close with 1008, like a refused session.

Why only in server mode: the SDK opens the socket with the ``websockets`` library itself, not through
the HTTP client, so there is nothing an in-process transport could intercept.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from openai.types.realtime import (
    ConversationItemAdded,
    ConversationItemDone,
    RealtimeErrorEvent,
    ResponseContentPartAddedEvent,
    ResponseContentPartDoneEvent,
    ResponseCreatedEvent,
    ResponseDoneEvent,
    ResponseOutputItemAddedEvent,
    ResponseOutputItemDoneEvent,
    ResponseTextDeltaEvent,
    ResponseTextDoneEvent,
    SessionCreatedEvent,
    SessionUpdatedEvent,
)
from starlette.types import Receive, Scope, Send

from openai_api.mock.behaviour.request_reading import text_of
from openai_api.mock.content.replies import count_tokens, pieces, reply_text
from openai_api.sdk.synthesis import Synthesizer

__all__ = ["serve_websocket"]

_REALTIME_PATH = "/v1/realtime"
_DEFAULT_MODEL = "gpt-realtime"


async def serve_websocket(scope: Scope, receive: Receive, send: Send) -> None:
    """Run one WebSocket connection to its end (the ASGI app hands every ``websocket`` scope here)."""
    message = await receive()
    if message["type"] != "websocket.connect":
        return
    await send({"type": "websocket.accept"})
    headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
    token = headers.get("authorization", "").removeprefix("Bearer").strip()
    session = _Session(scope, token)
    if not token:
        await _close(send, session.error("invalid_api_key", "You didn't provide an API key."), 1008)
        return
    if scope["path"].rstrip("/") != _REALTIME_PATH:
        text = f"The mock serves WebSocket sessions only at {_REALTIME_PATH}, not at {scope['path']}."
        await _close(send, session.error("unsupported_websocket_endpoint", text), 1000)
        return
    await _send(send, session.created())
    while True:
        message = await receive()
        if message["type"] == "websocket.disconnect":
            return
        raw = message.get("text") or (message.get("bytes") or b"").decode("utf-8", "replace")
        for event in session.answer(raw):
            await _send(send, event)


async def _send(send: Send, event: dict[str, Any]) -> None:
    await send({"type": "websocket.send", "text": json.dumps(event, ensure_ascii=False)})


async def _close(send: Send, event: dict[str, Any], code: int) -> None:
    await _send(send, event)
    await send({"type": "websocket.close", "code": code})


class _Session:
    """The state of one connection: its session config and conversation; ids derive from the key."""

    def __init__(self, scope: Scope, token: str) -> None:
        query = dict(pair.split("=", 1) for pair in scope.get("query_string", b"").decode().split("&") if "=" in pair)
        self.model = query.get("model") or _DEFAULT_MODEL
        seed = hashlib.sha256(f"{token}|{scope['path']}|{self.model}".encode()).hexdigest()[:16]
        self.synth = Synthesizer(seed, self.model)
        self.config: dict[str, Any] = {"type": "realtime", "model": self.model, "output_modalities": ["text"]}
        self.items: list[dict[str, Any]] = []

    def event(self, model: Any, **fields: Any) -> dict[str, Any]:
        return self.synth.build(model, {"event_id": self.synth.new_id("event_"), **fields})

    def error(self, code: str, message: str, event_id: str | None = None) -> dict[str, Any]:
        error = {"type": "invalid_request_error", "code": code, "message": message, "event_id": event_id}
        return self.event(RealtimeErrorEvent, type="error", error=error)

    def created(self) -> dict[str, Any]:
        return self.event(SessionCreatedEvent, type="session.created", session=self.session())

    def session(self) -> dict[str, Any]:
        return {"id": self.synth.new_id("sess_"), "object": "realtime.session", **self.config}

    def answer(self, raw: str) -> list[dict[str, Any]]:
        try:
            event = json.loads(raw)
        except ValueError:
            return [self.error("invalid_json", "The client event is not valid JSON.")]
        kind = event.get("type") if isinstance(event, dict) else None
        if kind == "session.update":
            given = event.get("session")
            update: dict[str, Any] = given if isinstance(given, dict) else {}
            self.config.update({k: v for k, v in update.items() if k != "type"})
            return [self.event(SessionUpdatedEvent, type="session.updated", session=self.session())]
        if kind == "conversation.item.create" and isinstance(event.get("item"), dict):
            return self._item_created(event["item"])
        if kind == "response.create":
            return self._response()
        client_id = event.get("event_id") if isinstance(event, dict) else None
        return [self.error("unsupported_event", f"The mock does not handle {kind!r} events.", client_id)]

    def _item_created(self, item: dict[str, Any]) -> list[dict[str, Any]]:
        """A client-added item is complete at once: ``conversation.item.added`` then ``.done``."""
        item = {**item, "id": item.get("id") or self.synth.new_id("item_"), "object": "realtime.item"}
        item.setdefault("status", "completed")
        previous = self._last_item_id()
        self.items.append(item)
        return [
            self.event(ConversationItemAdded, type="conversation.item.added", item=item, previous_item_id=previous),
            self.event(ConversationItemDone, type="conversation.item.done", item=item, previous_item_id=previous),
        ]

    def _last_item_id(self) -> str | None:
        return self.items[-1]["id"] if self.items else None

    def _response(self) -> list[dict[str, Any]]:
        """One text reply, in the real server's order: the response opens, its item joins the conversation,
        the content part streams and closes, the item completes (in the response, then in the conversation),
        and ``response.done`` carries the usage."""
        users = [i for i in self.items if i.get("type") == "message" and i.get("role") == "user"]
        prompt = text_of(users[-1].get("content")) if users else ""
        text = reply_text(
            prompt, str(self.config.get("instructions") or ""), [text_of(u.get("content")) for u in users[:-1]]
        )
        response_id, item_id = self.synth.new_id("resp_"), self.synth.new_id("item_")
        in_response = {"response_id": response_id, "output_index": 0}
        where = {**in_response, "item_id": item_id, "content_index": 0}
        message = {"id": item_id, "object": "realtime.item", "type": "message", "role": "assistant"}
        pending = {**message, "status": "in_progress", "content": []}
        done = {**message, "status": "completed", "content": [{"type": "output_text", "text": text}]}
        part = {"type": "text", "text": text}
        base = {"id": response_id, "object": "realtime.response", "output_modalities": ["text"]}
        previous = self._last_item_id()
        events = [
            self.event(ResponseCreatedEvent, type="response.created", response={**base, "status": "in_progress"}),
            self.event(ResponseOutputItemAddedEvent, type="response.output_item.added", item=pending, **in_response),
            self.event(ConversationItemAdded, type="conversation.item.added", item=pending, previous_item_id=previous),
            self.event(
                ResponseContentPartAddedEvent, type="response.content_part.added", part={**part, "text": ""}, **where
            ),
        ]
        events += [
            self.event(ResponseTextDeltaEvent, type="response.output_text.delta", delta=piece, **where)
            for piece in _pieces(text)
        ]
        events += [
            self.event(ResponseTextDoneEvent, type="response.output_text.done", text=text, **where),
            self.event(ResponseContentPartDoneEvent, type="response.content_part.done", part=part, **where),
            self.event(ResponseOutputItemDoneEvent, type="response.output_item.done", item=done, **in_response),
            self.event(ConversationItemDone, type="conversation.item.done", item=done, previous_item_id=previous),
            self.event(
                ResponseDoneEvent,
                type="response.done",
                response={**base, "status": "completed", "output": [done], "usage": self._usage(text)},
            ),
        ]
        self.items.append(done)
        return events

    def _usage(self, text: str) -> dict[str, Any]:
        """Tokens of the conversation so far (all text) and of the reply, with their per-modality details."""
        input_tokens = sum(count_tokens(text_of(i.get("content"))) for i in self.items)
        output_tokens = count_tokens(text)
        return {
            "input_tokens": input_tokens,
            "output_tokens": output_tokens,
            "total_tokens": input_tokens + output_tokens,
            "input_token_details": {"text_tokens": input_tokens, "audio_tokens": 0, "cached_tokens": 0},
            "output_token_details": {"text_tokens": output_tokens, "audio_tokens": 0},
        }


def _pieces(text: str) -> list[str]:
    """Word-sized deltas (one per CJK character) that join back to the exact text."""
    return pieces(text)
