"""Agent session events: the input a client posts comes back as one finished turn on the event stream.

Why: ``client.beta.agents.sessions.stream(...)`` posts the input, then reads
``GET /agents/sessions/{id}/events`` until the turn it started ends and the session is idle again;
a generic reply (one JSON object, no events) leaves the helper saying the stream ended early. Here the
stream plays the turn: ``turn.created``, the assistant message (``turn.item.done``, derived from the
posted text, in its language), ``turn.completed``, ``session.idle``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from openai_api.mock.adapters.sse import sse_event, sse_reply
from openai_api.mock.behaviour.request_reading import text_of
from openai_api.mock.content.replies import reply_text
from openai_api.mock.handler_call import Call
from openai_api.mock.handlers import handles
from openai_api.mock.wire import MockReply

_INPUTS = "/agents/sessions/inputs"  # the last input posted per session, read by the event stream


@handles("POST", "/agents/sessions/{session_id}/events")
def post_event(call: Call) -> MockReply:
    session_id = call.path_params["session_id"]
    given = call.body.get("input")
    messages: list[Any] = given if isinstance(given, list) else []
    text = " ".join(text_of(m.get("content")) for m in messages if isinstance(m, dict))
    call.store.put(_INPUTS, session_id, {"id": session_id, "text": text})
    return MockReply(204)


@handles("GET", "/agents/sessions/{session_id}/events")
def stream_events(call: Call) -> MockReply:
    return sse_reply(_turn(call, call.path_params["session_id"]))


def _turn(call: Call, session_id: str) -> Iterator[bytes]:
    # the SDK's beta types are imported here, not at the top: ``openai.types.beta`` alone would add about
    # half a second to the start of every mock server
    from openai.types.beta import AgentSession
    from openai.types.beta.agent_output_item import AgentOutputItem
    from openai.types.beta.agents.sessions import Turn

    posted = call.store.get(_INPUTS, session_id) or {}
    turn_id = call.synth.new_id("turn_")
    base: dict[str, Any] = {"id": turn_id, "session_id": session_id, "subagent_id": None}
    running = call.synth.build(Turn, {**base, "status": "in_progress"})
    done = call.synth.build(Turn, {**base, "status": "completed"})
    text = reply_text(str(posted.get("text") or ""))
    item = call.synth.build(
        AgentOutputItem,
        {
            "type": "message",
            "role": "assistant",
            "status": "completed",
            "turn_id": turn_id,
            "content": [{"type": "output_text", "text": text, "annotations": []}],
        },
    )
    item.pop("phase", None)

    def event(kind: str, **fields: Any) -> bytes:
        return sse_event({"type": kind, "event_id": call.synth.new_id("evt_"), **fields}, kind)

    yield event("agent.session.turn.created", session_id=session_id, turn_id=turn_id, turn=running)
    yield event("agent.session.turn.item.done", session_id=session_id, turn_id=turn_id, output_index=0, item=item)
    yield event("agent.session.turn.completed", session_id=session_id, turn_id=turn_id, turn=done)
    session = call.synth.build(AgentSession, {"id": session_id, "status": "idle"})
    yield event("agent.session.idle", session=session)
