"""A WebSocket session an example opens is one call in its trace, with the events it sent and received counted."""

from __future__ import annotations

import pytest

from openai_api.core.catalog import GuideExample
from openai_api.core.deadline import Deadline
from openai_api.core.providers import target_for
from openai_api.core.runner import client_defaults, run_example

SYNC = """
from openai import OpenAI

client = OpenAI()
with client.realtime.connect(model="gpt-realtime") as connection:
    connection.session.update(session={"type": "realtime", "output_modalities": ["text"]})
    connection.conversation.item.create(
        item={"type": "message", "role": "user", "content": [{"type": "input_text", "text": "Say hi."}]}
    )
    connection.response.create()
    for event in connection:
        if event.type == "response.done":
            print("status:", event.response.status)
            break
"""

ASYNC = """
import asyncio

from openai import AsyncOpenAI


async def main() -> None:
    client = AsyncOpenAI()
    async with client.realtime.connect(model="gpt-realtime") as connection:
        await connection.session.update(session={"type": "realtime", "output_modalities": ["text"]})
        await connection.response.create()
        async for event in connection:
            if event.type == "response.done":
                print("status:", event.response.status)
                break


asyncio.run(main())
"""


@pytest.mark.parametrize(("code", "sent"), [(SYNC, 3), (ASYNC, 2)], ids=["sync", "async"])
def test_a_session_is_one_call_with_its_events_counted(mock_environment: None, code: str, sent: int) -> None:
    target = target_for("mock", {})
    with client_defaults(timeout=10.0, max_retries=0):
        result = run_example(GuideExample("ws-trace"), "guide", code, target, deadline=Deadline(30.0, "test"))
    assert result.status == "ok", result.detail
    assert result.output.strip() == "status: completed"
    sessions = [call for call in result.calls if call.method == "WS"]
    assert [(call.path, call.http_status) for call in sessions] == [("/realtime", 101)]
    received = int(sessions[0].note.split(", ")[1].split()[0])
    assert sessions[0].note.startswith(f"{sent} events sent, ")
    # session.created, then an answer to each event sent, then the response's own events up to response.done
    assert received > sent + 1
    assert sessions[0].ms > 0


def test_outside_a_watched_example_sessions_are_not_touched(mock_server_url: str) -> None:
    import websockets.sync.client as sync_client

    from openai_api.core.websocket_trace import _SESSIONS, traced_websockets

    real = sync_client.ClientConnection.recv
    with traced_websockets():
        url = mock_server_url.replace("http://", "ws://") + "/realtime?model=gpt-realtime"
        with sync_client.connect(url, additional_headers={"Authorization": "Bearer sk-plain"}) as connection:
            assert '"session.created"' in str(connection.recv())
            assert connection not in _SESSIONS  # no example is watched: nothing is recorded
    assert sync_client.ClientConnection.recv is real and "recv" not in vars(sync_client.ClientConnection)
