"""Assistants runs: finished at once, kept where ``runs.poll`` looks, streamed as the SDK's helpers expect.

Why special: the generic create would give a run an invented ``thread_id`` (so ``create_and_run_poll``
then polled a thread that does not exist) and a tool-output submission a new run id; and with
``stream=True`` the SDK's ``AssistantStreamManager`` needs ``thread.*`` events ending in
``thread.run.completed`` to hand out its final run. Here the run is stored under its real thread,
keeps its id, and streams ``thread.run.created`` ... ``thread.message.delta`` ... ``thread.run.completed``
with a reply derived from the thread's last user text (in its language, like the chat handler).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from openai_api.mock.adapters.sse import sse_event, sse_reply
from openai_api.mock.behaviour.request_reading import text_of
from openai_api.mock.content.replies import reply_text
from openai_api.mock.crud import fresh_id, stored_or_demo
from openai_api.mock.handler_call import Call
from openai_api.mock.handlers import handles
from openai_api.mock.wire import MockReply

if TYPE_CHECKING:
    from types import ModuleType


def _types() -> ModuleType:
    """``openai.types.beta``, imported on the first run: at the top it would add about half a second to the
    start of every mock server."""
    import openai.types.beta.threads  # noqa: F401  (the submodule the handlers read)
    from openai.types import beta

    return beta


def _prompt(messages: Any) -> str:
    users = [m for m in messages or [] if isinstance(m, dict) and m.get("role") == "user"]
    return text_of(users[-1].get("content")) if users else ""


def _finish(call: Call, thread_id: str, run_id: str, prompt: str) -> Any:
    collection = f"/threads/{thread_id}/runs"
    echo = {k: v for k, v in call.body.items() if k in {"assistant_id", "model", "instructions", "metadata"}}
    run = call.synth.build(_types().threads.Run, {**echo, "id": run_id, "thread_id": thread_id, "status": "completed"})
    call.store.put(collection, run_id, run)
    if not call.body.get("stream"):
        return run
    return sse_reply(_events(call, run, prompt))


def _events(call: Call, run: dict[str, Any], prompt: str) -> Iterator[bytes]:
    thread_id = run["thread_id"]
    text = reply_text(prompt, str(call.body.get("instructions") or ""))
    message = call.synth.build(
        _types().threads.Message,
        {
            "thread_id": thread_id,
            "run_id": run["id"],
            "assistant_id": run.get("assistant_id"),
            "role": "assistant",
            "status": "completed",
            "content": [{"type": "text", "text": {"value": text, "annotations": []}}],
        },
    )
    pending = dict(run, status="in_progress")
    yield sse_event(pending | {"status": "queued"}, "thread.run.created")
    yield sse_event(pending, "thread.run.in_progress")
    yield sse_event(dict(message, status="in_progress", content=[]), "thread.message.created")
    delta = {"content": [{"index": 0, "type": "text", "text": {"value": text, "annotations": []}}], "role": "assistant"}
    yield sse_event(
        call.synth.build(_types().threads.MessageDeltaEvent, {"id": message["id"], "delta": delta}),
        "thread.message.delta",
    )
    yield sse_event(message, "thread.message.completed")
    yield sse_event(run, "thread.run.completed")
    yield b"event: done\ndata: [DONE]\n\n"


@handles("POST", "/threads/runs")
def create_thread_and_run(call: Call) -> Any:
    given = call.body.get("thread")
    thread_body: dict[str, Any] = given if isinstance(given, dict) else {}
    thread_id = fresh_id(call, "/threads", "thread_")
    thread = call.synth.build(_types().Thread, {"id": thread_id, "metadata": thread_body.get("metadata") or {}})
    call.store.put("/threads", thread_id, thread)
    run_id = fresh_id(call, f"/threads/{thread_id}/runs", "run_")
    reply = _finish(call, thread_id, run_id, _prompt(thread_body.get("messages")))
    if isinstance(reply, MockReply) and reply.stream is not None:
        reply.stream = _prefixed(sse_event(thread, "thread.created"), reply.stream)
    return reply


def _prefixed(first: bytes, rest: Iterator[bytes]) -> Iterator[bytes]:
    yield first
    yield from rest


@handles("POST", "/threads/{thread_id}/runs")
def create_run(call: Call) -> Any:
    thread_id = call.path_params["thread_id"]
    run_id = fresh_id(call, f"/threads/{thread_id}/runs", "run_")
    return _finish(call, thread_id, run_id, _prompt(call.body.get("additional_messages")))


@handles("POST", "/threads/{thread_id}/runs/{run_id}/submit_tool_outputs")
def submit_tool_outputs(call: Call) -> Any:
    thread_id, run_id = call.path_params["thread_id"], call.path_params["run_id"]
    stored_or_demo(call, f"/threads/{thread_id}/runs", run_id, _types().threads.Run)
    outputs = " ".join(str(o.get("output", "")) for o in call.body.get("tool_outputs") or [] if isinstance(o, dict))
    return _finish(call, thread_id, run_id, outputs)
