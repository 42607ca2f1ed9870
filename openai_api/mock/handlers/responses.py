"""POST /responses: replies from the input, function calls, structured output, previous_response_id,
and the streamed event sequence (created ... completed, each with a sequence_number)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from openai.types.responses import Response

from ..call import Call
from ..errors import MockError
from ..language import count_tokens, reply_text, tool_answer
from ..sse import sse_event, sse_reply
from . import handles
from .common import arguments_for, function_tools, schema_json, text_of

_COLLECTION = "/responses"


def _items(raw: Any) -> list[dict[str, Any]]:
    if isinstance(raw, str):
        return [{"type": "message", "role": "user", "content": [{"type": "input_text", "text": raw}]}]
    return [dict(item, type=item.get("type", "message")) for item in raw or [] if isinstance(item, dict)]


def _history(call: Call) -> list[dict[str, Any]]:
    """Input items of the conversation so far, following previous_response_id links."""
    previous = call.body.get("previous_response_id")
    if not previous:
        return []
    stored = call.store.get(_COLLECTION, str(previous))
    if stored is None:
        raise MockError(404, f"Previous response with id '{previous}' not found.", param="previous_response_id")
    return (stored.get("_history") or []) + (stored.get("output") or [])


def _output(call: Call, items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    model = call.synth.model_name
    user_texts = [text_of(i.get("content")) for i in items if i.get("type") == "message" and i.get("role") == "user"]
    prompt = user_texts[-1] if user_texts else ""
    fn_outputs = [i for i in items if i.get("type") == "function_call_output"]
    latest = items[-1] if items else {}
    tools = function_tools(call.body.get("tools"))
    if latest.get("type") == "function_call_output" and fn_outputs:
        text = tool_answer(str(fn_outputs[-1].get("output", "")), prompt, model)
    elif tools and call.body.get("tool_choice") != "none":
        tool = tools[0]
        return [
            {
                "type": "function_call",
                "id": call.synth.new_id("fc_"),
                "call_id": call.synth.new_id("call_"),
                "name": tool["name"],
                "arguments": arguments_for(tool, prompt),
                "status": "completed",
            }
        ]
    else:
        text = schema_json((call.body.get("text") or {}).get("format")) or reply_text(
            prompt, str(call.body.get("instructions") or ""), model, len(user_texts)
        )
    return [
        {
            "type": "message",
            "id": call.synth.new_id("msg_"),
            "role": "assistant",
            "status": "completed",
            "content": [{"type": "output_text", "text": text, "annotations": [], "logprobs": []}],
        }
    ]


@handles("POST", "/responses")
def create(call: Call) -> Any:
    history = _history(call)
    new_items = _items(call.body.get("input"))
    items = history + new_items
    output = _output(call, items)
    input_tokens = sum(count_tokens(text_of(i.get("content")) or str(i.get("output", ""))) for i in items)
    input_tokens += count_tokens(str(call.body.get("instructions") or ""))
    produced = " ".join(text_of(o.get("content")) or o.get("arguments", "") for o in output)
    usage = {
        "input_tokens": input_tokens,
        "input_tokens_details": {"cached_tokens": 0},
        "output_tokens": count_tokens(produced),
        "output_tokens_details": {"reasoning_tokens": 0},
        "total_tokens": input_tokens + count_tokens(produced),
    }
    echo = {k: v for k, v in call.body.items() if k not in {"input", "stream", "stream_options", "store"}}
    response = call.synth.build(Response, {**echo, "output": output, "usage": usage, "status": "completed"})
    stored = dict(response, _history=items, _input=new_items)
    call.store.put(_COLLECTION, response["id"], stored)
    call.store.put(
        f"{_COLLECTION}/{response['id']}/input_items",
        "all",
        {"items": [dict(i, id=i.get("id") or call.synth.new_id("msg_")) for i in new_items]},
    )
    if call.body.get("stream"):
        return sse_reply(_events(response))
    return response


@handles("GET", "/responses/{response_id}")
def retrieve(call: Call) -> Any:
    key = call.path_params["response_id"]
    stored = call.store.get(_COLLECTION, key)
    if stored is None:
        from ..crud import stored_or_demo

        stored = stored_or_demo(call, _COLLECTION, key, Response)
    public = {k: v for k, v in stored.items() if not k.startswith("_")}
    response = call.coerce(Response, public)
    if call.request.query.get("stream") == "true":
        return sse_reply(_events(response))
    return response


def _events(response: dict[str, Any]) -> Iterator[bytes]:
    """The Responses streaming sequence for a finished response, numbered from 0."""
    seq = 0

    def event(kind: str, **fields: Any) -> bytes:
        nonlocal seq
        payload = {"type": kind, "sequence_number": seq, **fields}
        seq += 1
        return sse_event(payload, kind)

    pending = dict(response, status="in_progress", output=[], usage=None)
    yield event("response.created", response=pending)
    yield event("response.in_progress", response=pending)
    for index, item in enumerate(response.get("output") or []):
        if item.get("type") == "message":
            yield from _message_events(event, index, item)
        elif item.get("type") == "function_call":
            yield event(
                "response.output_item.added", output_index=index, item=dict(item, arguments="", status="in_progress")
            )
            yield event(
                "response.function_call_arguments.delta",
                item_id=item["id"],
                output_index=index,
                delta=item["arguments"],
            )
            yield event(
                "response.function_call_arguments.done",
                item_id=item["id"],
                output_index=index,
                arguments=item["arguments"],
                name=item["name"],
            )
            yield event("response.output_item.done", output_index=index, item=item)
    yield event("response.completed", response=response)


def _message_events(event: Any, index: int, item: dict[str, Any]) -> Iterator[bytes]:
    item_id = item["id"]
    yield event("response.output_item.added", output_index=index, item=dict(item, content=[], status="in_progress"))
    for part_index, part in enumerate(item.get("content") or []):
        text = part.get("text", "")
        where = {"item_id": item_id, "output_index": index, "content_index": part_index}
        yield event("response.content_part.added", **where, part={"type": "output_text", "text": "", "annotations": []})
        for piece in _pieces(text):
            yield event("response.output_text.delta", **where, delta=piece, logprobs=[])
        yield event("response.output_text.done", **where, text=text, logprobs=[])
        yield event("response.content_part.done", **where, part=part)
    yield event("response.output_item.done", output_index=index, item=item)


def _pieces(text: str) -> list[str]:
    words = text.split(" ")
    return [w + (" " if i < len(words) - 1 else "") for i, w in enumerate(words)] if text else []


@handles("GET", "/responses/{response_id}/input_items")
def input_items(call: Call) -> Any:
    from ..paging import page_payload

    key = call.path_params["response_id"]
    found = call.store.get(f"{_COLLECTION}/{key}/input_items", "all")
    raw = (found or {}).get("items") or [{"type": "message", "role": "user", "content": "mock"}]
    items = [call.coerce(call.route.item, _input_item(i)) for i in raw]
    return page_payload(call.route.page, items, call.request.query)


def _input_item(item: dict[str, Any]) -> dict[str, Any]:
    if item.get("type") == "message" and isinstance(item.get("content"), str):
        return dict(item, content=[{"type": "input_text", "text": item["content"]}], status="completed")
    return dict(item, status=item.get("status", "completed"))
