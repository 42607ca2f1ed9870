"""POST /responses: replies from the input, function calls (``tool_choice`` honoured), built-in tools
(``builtin_tools``), reasoning items and tokens, ``max_output_tokens`` truncation, prompt caching and image
input tokens (``usage``, ``image_tokens``), structured output (the format echoed on ``text.format``),
previous_response_id and conversations (``response_context``; ``store=False`` responses are not kept),
background responses (``background=True``: queued, then one step per retrieve until finished),
and the streamed event sequence (created ... completed, each with a sequence_number)."""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Iterator
from typing import Any

from openai.types.responses import Response

from openai_api.mock.adapters.sse import sse_event, sse_reply
from openai_api.mock.behaviour.builtin_tools import BUILTIN_TYPES, builtin_tools, run_tools
from openai_api.mock.behaviour.image_tokens import image_colours, image_input_tokens
from openai_api.mock.behaviour.request_reading import (
    argument_sets,
    chosen_functions,
    context_texts,
    focus_texts,
    forced_function,
    formatted_reply,
    function_tools,
    is_handoff,
    must_call,
    offered_functions,
    only_handoffs,
    text_of,
)
from openai_api.mock.behaviour.response_context import RESPONSES, conversation_id, earlier_items, record_turn
from openai_api.mock.behaviour.token_usage import (
    cached_tokens,
    check_context_window,
    is_reasoning_model,
    reasoning_summary,
    reasoning_tokens,
    truncate_tokens,
)
from openai_api.mock.content.replies import count_tokens, is_chinese, pieces, reply_text, tool_answer
from openai_api.mock.handler_call import Call
from openai_api.mock.handlers import handles
from openai_api.mock.list_order import default_order
from openai_api.mock.paging import page_payload
from openai_api.sdk.synthesis import EPOCH

_COLLECTION = RESPONSES
_NOT_ECHOED = {"input", "stream", "stream_options", "store", "conversation"}  # request-only, or echoed reshaped


def _items(raw: Any) -> list[dict[str, Any]]:
    if isinstance(raw, str):
        return [{"type": "message", "role": "user", "content": [{"type": "input_text", "text": raw}]}]
    return [dict(item, type=item.get("type", "message")) for item in raw or [] if isinstance(item, dict)]


def _output(call: Call, items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    user_texts = [text_of(i.get("content")) for i in items if i.get("type") == "message" and i.get("role") == "user"]
    prompt = user_texts[-1] if user_texts else ""
    given = str(call.body.get("instructions") or "")
    rules = [i for i in items if i.get("type") == "message" and i.get("role") in {"system", "developer"}]
    instructions = given + " ".join(text_of(i.get("content")) for i in rules)
    latest = items[-1] if items else {}
    choice = call.body.get("tool_choice")
    tools = offered_functions(function_tools(call.body.get("tools")), choice)
    builtin_choice = isinstance(choice, dict) and choice.get("type") in BUILTIN_TYPES
    builtins = builtin_tools(call)
    results = _latest_outputs(items)
    after_result = latest.get("type") == "function_call_output"
    if after_result and only_handoffs(_latest_calls(items)):  # the agent handed to answers the question
        tools, results, after_result = [t for t in tools if not is_handoff(t["name"])], [], False
    texts = context_texts(user_texts, results)
    fmt = (call.body.get("text") or {}).get("format")
    if after_result and not must_call(choice):
        answer = tool_answer("; ".join(results), prompt, instructions)
        return [_message(call, formatted_reply(fmt, texts, instructions, answer, "; ".join(results)), [])]
    if forced_function(choice) is None and builtins and (builtin_choice or not tools):
        calls, message = run_tools(call, prompt, builtins)
        return [*calls, _message(call, message["text"], message["annotations"])]
    chosen = chosen_functions(tools, prompt, call.body.get("parallel_tool_calls"), choice, after_result)
    if chosen:
        parallel = call.body.get("parallel_tool_calls")
        return [
            {
                "type": "function_call",
                "id": call.synth.new_id("fc_"),
                "call_id": call.synth.new_id("call_"),
                "name": tool["name"],
                "arguments": args,
                "status": "completed",
            }
            for tool in chosen
            for args in argument_sets(tool, focus_texts(tool, prompt, texts), parallel if len(chosen) == 1 else False)
        ]
    asked = [i.get("content") for i in items if i.get("type") == "message" and i.get("role") == "user"]
    colours = image_colours(asked[-1], call.store.blobs) if asked else []
    text = reply_text(prompt, instructions.strip(), user_texts[:-1], colours=colours)
    return [_message(call, formatted_reply(fmt, texts, instructions, text), [])]


def _latest_outputs(items: list[dict[str, Any]]) -> list[str]:
    """The outputs of the last turn's function calls (several when they ran in parallel)."""
    outputs: list[str] = []
    for item in reversed(items):
        if item.get("type") != "function_call_output":
            break
        outputs.insert(0, text_of(item.get("output")) or str(item.get("output", "")))
    return outputs


def _latest_calls(items: list[dict[str, Any]]) -> list[str]:
    """The names of the function calls the trailing ``function_call_output`` items answer."""
    answered = set()
    for item in reversed(items):
        if item.get("type") != "function_call_output":
            break
        answered.add(item.get("call_id"))
    return [str(i.get("name")) for i in items if i.get("type") == "function_call" and i.get("call_id") in answered]


def _message(call: Call, text: str, annotations: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "type": "message",
        "id": call.synth.new_id("msg_"),
        "role": "assistant",
        "status": "completed",
        "content": [{"type": "output_text", "text": text, "annotations": annotations, "logprobs": []}],
    }


def _produced(item: dict[str, Any]) -> str:
    """The text an output item costs in output tokens."""
    return text_of(item.get("content")) or str(item.get("arguments") or item.get("code") or "")


def _reasoning(call: Call, prompt: str, input_tokens: int) -> tuple[int, dict[str, Any] | None]:
    """Hidden reasoning tokens, and the reasoning output item (with a summary when one was asked for, and its
    ``encrypted_content`` when ``include`` asks for ``reasoning.encrypted_content``, which also brings the item
    when no ``reasoning`` options were sent, as a reasoning model always reasons)."""
    model = call.synth.model_name
    options = call.body.get("reasoning")
    include = call.body.get("include")
    encrypted = isinstance(include, list) and "reasoning.encrypted_content" in include
    if not is_reasoning_model(model) or not ((isinstance(options, dict) and options) or encrypted):
        return 0, None
    options = options if isinstance(options, dict) else {}
    effort = str(options.get("effort") or "medium")
    if effort == "none":
        return 0, None
    wanted = options.get("summary") or options.get("generate_summary")
    summary = []
    if wanted in {"auto", "concise", "detailed"}:
        summary = [{"type": "summary_text", "text": reasoning_summary(prompt, effort, is_chinese(prompt))}]
    item: dict[str, Any] = {"id": call.synth.new_id("rs_"), "type": "reasoning", "summary": summary}
    if encrypted:
        digest = hashlib.sha256(f"{call.synth.seed}|{prompt}|{effort}".encode()).digest()
        item["encrypted_content"] = "gAAAAA" + base64.urlsafe_b64encode(digest * 4).decode("ascii")
    return reasoning_tokens(model, effort, input_tokens), item


def _limit(output: list[dict[str, Any]], limit: Any, spent: int) -> tuple[list[dict[str, Any]], int, bool]:
    """Output cut to ``max_output_tokens`` (reasoning spends first): items, visible tokens, whether cut."""
    visible = sum(count_tokens(_produced(o)) for o in output)
    if not isinstance(limit, int) or isinstance(limit, bool) or spent + visible <= limit:
        return output, visible, False
    budget = max(0, limit - spent)
    kept: list[dict[str, Any]] = []
    used = 0
    for item in output:
        cost = count_tokens(_produced(item))
        if item.get("type") == "message" and used + cost > budget and budget - used > 0:
            parts = []
            for part in item.get("content") or []:
                text = truncate_tokens(str(part.get("text", "")), budget - used)
                used += count_tokens(text)
                notes = [
                    a
                    for a in part.get("annotations") or []
                    if max(a.get("end_index", 0), a.get("index", 0)) <= len(text)
                ]
                parts.append(dict(part, text=text, annotations=notes))
            kept.append(dict(item, content=parts, status="incomplete"))
            break
        if used + cost > budget:
            break
        kept.append(item)
        used += cost
    return kept, used, True


@handles("POST", "/responses")
def create(call: Call) -> Any:
    history = earlier_items(call)
    new_items = _items(call.body.get("input"))
    items = history + new_items
    pieces = [str(call.body.get("instructions") or "")]
    pieces += [text_of(i.get("content")) or str(i.get("output", "")) for i in items]
    input_tokens = sum(count_tokens(p) for p in pieces)
    input_tokens += image_input_tokens((i.get("content") for i in items), call.store.blobs)
    check_context_window(call.synth.model_name, input_tokens, "responses")  # before the reply, as in chat
    output = _output(call, items)
    user_texts = [text_of(i.get("content")) for i in items if i.get("type") == "message" and i.get("role") == "user"]
    spent, reasoning_item = _reasoning(call, user_texts[-1] if user_texts else "", input_tokens)
    limit = call.body.get("max_output_tokens")
    if isinstance(limit, int) and not isinstance(limit, bool) and spent > limit:
        spent = limit
    output, visible, cut = _limit(output, limit, spent)
    if reasoning_item is not None:
        output = [reasoning_item, *output]
    usage = {
        "input_tokens": input_tokens,
        "input_tokens_details": {"cached_tokens": cached_tokens(call, call.synth.model_name, pieces)},
        "output_tokens": visible + spent,
        "output_tokens_details": {"reasoning_tokens": spent},
        "total_tokens": input_tokens + visible + spent,
    }
    echo = {
        k: v for k, v in call.body.items() if k not in {"input", "stream", "stream_options", "store", "conversation"}
    }
    conversation = conversation_id(call.body.get("conversation"))
    if conversation:
        echo["conversation"] = {"id": conversation}
    state = (
        {"status": "incomplete", "incomplete_details": {"reason": "max_output_tokens"}, "completed_at": None}
        if cut
        else {"status": "completed", "incomplete_details": None, "completed_at": EPOCH}
    )
    # what the API sends for what the request left out: tool_choice "auto", parallel calls on, whole seconds
    defaults = {"tool_choice": "auto", "parallel_tool_calls": True, "created_at": EPOCH}
    response = call.synth.build(Response, {**defaults, **echo, "output": output, "usage": usage, **state})
    record_turn(call, new_items, output)
    if call.body.get("store") is not False:  # store=False: answered, then forgotten, as the real API does
        call.store.put(_COLLECTION, response["id"], dict(response, _history=items, _input=new_items))
        call.store.put(
            f"{_COLLECTION}/{response['id']}/input_items",
            "all",
            {"items": [dict(i, id=i.get("id") or call.synth.new_id("msg_")) for i in new_items]},
        )
    if call.body.get("stream"):
        return sse_reply(_events(response))
    if call.body.get("background") and call.body.get("store") is not False:
        return _queue(call, response)
    return response


def _queue(call: Call, response: dict[str, Any]) -> dict[str, Any]:
    """`background=True`: answer `queued` now; each retrieve then advances one step (`in_progress`, then the
    finished response), as the real API's background responses progress while a reader polls."""
    stored = call.store.get(_COLLECTION, response["id"]) or {}
    call.store.put(_COLLECTION, response["id"], dict(stored, **_pending(response, "queued"), _final=response))
    return _pending(response, "queued")


def _pending(response: dict[str, Any], status: str) -> dict[str, Any]:
    return dict(response, status=status, output=[], usage=None, completed_at=None, incomplete_details=None)


def _advance(call: Call, stored: dict[str, Any]) -> dict[str, Any]:
    """One step of a background response: queued -> in_progress -> its final state (see `_queue`)."""
    final = stored.get("_final")
    if final is None:
        return stored
    if stored.get("status") == "queued":
        advanced = dict(stored, **_pending(final, "in_progress"))
    else:
        advanced = {k: v for k, v in stored.items() if k != "_final"} | final
    call.store.put(_COLLECTION, stored["id"], advanced)
    return advanced


@handles("GET", "/responses/{response_id}")
def retrieve(call: Call) -> Any:
    key = call.path_params["response_id"]
    stored = call.store.get(_COLLECTION, key)
    if stored is None:
        from openai_api.mock.crud import stored_or_demo

        stored = stored_or_demo(call, _COLLECTION, key, Response)
    stored = _advance(call, stored)
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

    pending = dict(response, status="in_progress", output=[], usage=None, completed_at=None)
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
        elif item.get("type") == "reasoning":
            yield from _reasoning_events(event, index, item)
        else:
            yield from _tool_call_events(event, index, item)
    final = "response.incomplete" if response.get("status") == "incomplete" else "response.completed"
    yield event(final, response=response)


def _reasoning_events(event: Any, index: int, item: dict[str, Any]) -> Iterator[bytes]:
    where = {"item_id": item["id"], "output_index": index}
    yield event("response.output_item.added", output_index=index, item=dict(item, summary=[]))
    for summary_index, part in enumerate(item.get("summary") or []):
        text = part.get("text", "")
        yield event(
            "response.reasoning_summary_part.added",
            **where,
            summary_index=summary_index,
            part={"type": "summary_text", "text": ""},
        )
        for piece in _pieces(text):
            yield event("response.reasoning_summary_text.delta", **where, summary_index=summary_index, delta=piece)
        yield event("response.reasoning_summary_text.done", **where, summary_index=summary_index, text=text)
        yield event("response.reasoning_summary_part.done", **where, summary_index=summary_index, part=part)
    yield event("response.output_item.done", output_index=index, item=item)


# the progress events of each built-in tool call, between output_item.added and .done
_PHASES = {
    "web_search_call": ("response.web_search_call", ["in_progress", "searching", "completed"]),
    "file_search_call": ("response.file_search_call", ["in_progress", "searching", "completed"]),
    "code_interpreter_call": ("response.code_interpreter_call", ["in_progress", "code", "interpreting", "completed"]),
    "image_generation_call": ("response.image_generation_call", ["in_progress", "generating", "completed"]),
}


def _tool_call_events(event: Any, index: int, item: dict[str, Any]) -> Iterator[bytes]:
    kind = str(item.get("type"))
    pending: dict[str, Any] = dict(item, status="in_progress")
    if kind == "file_search_call":
        pending["results"] = None
    elif kind == "code_interpreter_call":
        pending.update(code="", outputs=None)
    elif kind == "image_generation_call":
        pending["result"] = None
    yield event("response.output_item.added", output_index=index, item=pending)
    prefix, phases = _PHASES.get(kind, ("", []))
    where = {"item_id": item["id"], "output_index": index}
    for phase in phases:
        if phase == "code":
            code = str(item.get("code") or "")
            yield event("response.code_interpreter_call_code.delta", **where, delta=code)
            yield event("response.code_interpreter_call_code.done", **where, code=code)
        else:
            yield event(f"{prefix}.{phase}", **where)
    yield event("response.output_item.done", output_index=index, item=item)


def _message_events(event: Any, index: int, item: dict[str, Any]) -> Iterator[bytes]:
    item_id = item["id"]
    yield event("response.output_item.added", output_index=index, item=dict(item, content=[], status="in_progress"))
    for part_index, part in enumerate(item.get("content") or []):
        text = part.get("text", "")
        where = {"item_id": item_id, "output_index": index, "content_index": part_index}
        yield event("response.content_part.added", **where, part={"type": "output_text", "text": "", "annotations": []})
        for piece in _pieces(text):
            yield event("response.output_text.delta", **where, delta=piece, logprobs=[])
        for note_index, note in enumerate(part.get("annotations") or []):
            yield event("response.output_text.annotation.added", **where, annotation_index=note_index, annotation=note)
        yield event("response.output_text.done", **where, text=text, logprobs=[])
        yield event("response.content_part.done", **where, part=part)
    yield event("response.output_item.done", output_index=index, item=item)


def _pieces(text: str) -> list[str]:
    return pieces(text)


@handles("GET", "/responses/{response_id}/input_items")
def input_items(call: Call) -> Any:
    key = call.path_params["response_id"]
    found = call.store.get(f"{_COLLECTION}/{key}/input_items", "all")
    raw = (found or {}).get("items") or [{"type": "message", "role": "user", "content": "mock"}]
    items = [call.coerce(call.route.item, _input_item(i)) for i in raw]
    return page_payload(call.route.page, items, call.request.query, default_order(call.route))


def _input_item(item: dict[str, Any]) -> dict[str, Any]:
    if item.get("type") == "message" and isinstance(item.get("content"), str):
        return dict(item, content=[{"type": "input_text", "text": item["content"]}], status="completed")
    return dict(item, status=item.get("status", "completed"))
