"""Realtime over WebSocket against the real server: the SDK's basic text example, sync and async.

Every server event is validated strictly against the SDK's ``RealtimeServerEvent`` union (the SDK's
own ``recv`` only constructs, it does not validate). The other WebSocket ``connect`` methods get an
error event and a clean close, as ``openai_api.mock.adapters.realtime`` documents.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from typing import Any

import pytest
from openai import AsyncOpenAI, OpenAI
from openai.types.realtime import RealtimeServerEvent
from pydantic import TypeAdapter

from openai_api.mock.adapters.server import running_server

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


@pytest.mark.parametrize("method", ["responses.connect", "live.connect", "realtime.translations.connect"])
def test_other_websocket_endpoints_answer_an_error_and_close_cleanly(method: str, base_url: str) -> None:
    client = OpenAI(api_key="sk-realtime-other", base_url=base_url)
    factory: Any = client
    for part in method.split("."):
        factory = getattr(factory, part)
    kwargs = {"model": "gpt-realtime"} if method == "realtime.translations.connect" else {}
    with factory(**kwargs) as connection:
        events = list(connection)  # iteration ends: the close is a clean one (1000)
    assert [e.type for e in events] == ["error"]
    assert events[0].error.code == "unsupported_websocket_endpoint"
