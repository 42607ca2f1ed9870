"""Realtime over WebSocket against the real server: the SDK's basic text example, sync and async.

Every server event is validated strictly against the SDK's ``RealtimeServerEvent`` union (the SDK's
own ``recv`` only constructs, it does not validate). Every other WebSocket ``connect`` method of the SDK opens a
session of ``mock/data/websockets.yaml``, whose events validate against that session's own union; a path no
session lives at gets an error event and a clean close.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from typing import Any

import pytest
from openai import AsyncOpenAI, OpenAI
from openai.types.realtime import RealtimeServerEvent
from pydantic import TypeAdapter
from websockets.exceptions import ConnectionClosedError
from websockets.sync.client import connect

from openai_api.mock.adapters.server import running_server
from openai_api.mock.adapters.websockets import SessionSpec, sessions
from openai_api.sdk.arguments import build_args
from openai_api.sdk.calls import resolve_method
from openai_api.sdk.synthesis import Synthesizer

EVENTS: TypeAdapter[Any] = TypeAdapter(RealtimeServerEvent)
SESSION = {"type": "realtime", "output_modalities": ["text"]}
USER_ITEM = {"type": "message", "role": "user", "content": [{"type": "input_text", "text": "Tell me about tides"}]}
EXPECTED = [  # the GA server's sequence for a text turn (deltas collapsed)
    "session.created",
    "session.updated",
    "conversation.item.added",
    "conversation.item.done",
    "response.created",
    "response.output_item.added",
    "conversation.item.added",
    "response.content_part.added",
    "response.output_text.delta",
    "response.output_text.done",
    "response.content_part.done",
    "response.output_item.done",
    "conversation.item.done",
    "response.done",
]


@pytest.fixture(scope="module")
def base_url() -> Iterator[str]:
    with running_server() as url:
        yield url


def _check(events: list[Any]) -> str:
    """The reply text, after checking the event order and that deltas add up to the final text."""
    kinds = [e.type for e in events]
    assert [k for i, k in enumerate(kinds) if k != "response.output_text.delta" or kinds[i - 1] != k] == EXPECTED
    deltas = "".join(e.delta for e in events if e.type == "response.output_text.delta")
    assert kinds.count("response.output_text.delta") > 1
    (done,) = [e for e in events if e.type == "response.output_text.done"]
    assert deltas == done.text
    final = events[-1].response
    assert final.status == "completed"
    assert final.output[0].content[0].text == done.text
    (part_done,) = [e for e in events if e.type == "response.content_part.done"]
    assert part_done.part.text == done.text and part_done.item_id == done.item_id
    user_added, reply_added = [e.item for e in events if e.type == "conversation.item.added"]
    user_done, reply_done = [e for e in events if e.type == "conversation.item.done"]
    assert (user_done.item.id, reply_done.item.id) == (user_added.id, reply_added.id)
    assert reply_done.previous_item_id == user_added.id and reply_added.id == done.item_id
    usage = final.usage
    assert usage.output_tokens > 0 and usage.total_tokens == usage.input_tokens + usage.output_tokens
    assert usage.input_token_details.text_tokens == usage.input_tokens
    return done.text


def test_sync_realtime_text_session(base_url: str) -> None:
    client = OpenAI(api_key="sk-realtime-sync", base_url=base_url)
    events = []
    with client.realtime.connect(model="gpt-realtime") as connection:
        connection.session.update(session=SESSION)  # type: ignore[arg-type]
        connection.conversation.item.create(item=USER_ITEM)  # type: ignore[arg-type]
        connection.response.create()
        while not events or events[-1].type != "response.done":
            events.append(EVENTS.validate_json(connection.recv_bytes(), strict=True))
    text = _check(events)
    assert text.startswith("Tides are the regular rise and fall of the sea")


def test_async_realtime_text_session_answers_in_the_users_language(base_url: str) -> None:
    async def run() -> list[Any]:
        client = AsyncOpenAI(api_key="sk-realtime-async", base_url=base_url)
        events: list[Any] = []
        async with client.realtime.connect(model="gpt-realtime") as connection:
            await connection.session.update(session=SESSION)  # type: ignore[arg-type]
            item = {**USER_ITEM, "content": [{"type": "input_text", "text": "潮汐是怎么形成的？"}]}
            await connection.conversation.item.create(item=item)  # type: ignore[arg-type]
            await connection.response.create()
            while not events or events[-1].type != "response.done":
                events.append(EVENTS.validate_json(await connection.recv_bytes(), strict=True))
        return events

    text = _check(asyncio.run(run()))
    assert text.startswith("潮汐主要是月球引力")  # answered in the question's language


def test_unknown_client_event_is_an_error_event_and_the_session_goes_on(base_url: str) -> None:
    client = OpenAI(api_key="sk-realtime-unknown", base_url=base_url)
    with client.realtime.connect(model="gpt-realtime") as connection:
        assert connection.recv().type == "session.created"
        connection.send({"type": "input_audio_buffer.commit"})
        error = EVENTS.validate_json(connection.recv_bytes(), strict=True)
        assert error.type == "error"
        assert error.error.type == "invalid_request_error"
        connection.session.update(session=SESSION)  # type: ignore[arg-type]
        assert connection.recv().type == "session.updated"


SESSIONS = [(spec, method) for spec in sessions() for method in spec.methods]


@pytest.mark.parametrize(("spec", "method"), SESSIONS, ids=[method for _, method in SESSIONS])
def test_every_websocket_method_of_the_sdk_opens_a_session_the_mock_speaks(
    spec: SessionSpec, method: str, base_url: str
) -> None:
    """Each `connect` of the SDK, over a real socket: the hello event is answered with events that validate
    against the SDK's own server-event union for that session, and the one expected arrives."""
    client = OpenAI(
        api_key="sk-websocket-sessions", base_url=base_url, websocket_base_url=base_url.replace("http", "ws")
    )
    factory = resolve_method(client, method)
    union: TypeAdapter[Any] = TypeAdapter(spec.server_union() if spec.server_events else RealtimeServerEvent)
    hello = Synthesizer(method).build(spec.client_union(), {"type": spec.hello})
    with factory(**build_args(method, factory, None)) as connection:
        connection.send(hello)
        kinds = []
        while not kinds or kinds[-1] not in (spec.expect, "error"):
            kinds.append(union.validate_json(connection.recv_bytes()).type)
            assert len(kinds) < 16, kinds
    assert kinds[-1] == spec.expect, kinds
    assert "error" not in kinds


def test_a_websocket_path_no_session_lives_at_answers_an_error_and_closes_cleanly(base_url: str) -> None:
    url = base_url.replace("http", "ws") + "/nowhere"
    with connect(url, additional_headers={"Authorization": "Bearer sk-realtime-other"}) as socket:
        events = [EVENTS.validate_json(message) for message in socket]  # ends: the close is a clean one (1000)
    assert [e.type for e in events] == ["error"]
    assert events[0].error.code == "unsupported_websocket_endpoint"


def test_a_session_without_a_key_is_refused(base_url: str) -> None:
    with connect(base_url.replace("http", "ws") + "/live/sessions") as socket:
        event = json.loads(socket.recv())
        with pytest.raises(ConnectionClosedError) as closed:
            socket.recv()
    assert (event["type"], event["error"]["code"]) == ("error", "invalid_api_key")
    assert closed.value.rcvd is not None and closed.value.rcvd.code == 1008
