"""A finished batch's output file: every input line answered by the mock itself.

Why run the lines through the mock's own handlers: the output file then holds exactly what the
same request would have returned synchronously (a real Responses object, a real chat completion),
so a reader who downloads ``output_file_id`` sees results that match the rest of the docs.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from openai_api.mock.errors import MockError, error_envelope
from openai_api.mock.handler_call import Call
from openai_api.mock.wire import MockReply, MockRequest

__all__ = ["BatchRun", "run_batch"]


@dataclass
class BatchRun:
    output: bytes
    errors: bytes
    completed: int
    failed: int
    usage: dict[str, int]


def _answer(call: Call, line: dict[str, Any], origin: str) -> tuple[int, dict[str, Any]]:
    from openai_api.mock import crud
    from openai_api.mock.handlers import handler_for

    path = str(line.get("url") or "").removeprefix("/v1")
    body = line.get("body") if isinstance(line.get("body"), dict) else {}
    match = call.table.match("POST", path, {})
    if match is None:
        return 404, {"error": {"message": f"Invalid URL (POST /v1{path})", "type": "invalid_request_error"}}
    raw = json.dumps(body).encode()
    request = MockRequest("POST", path, {}, {"content-type": "application/json"}, raw)
    fields = dict(body or {})
    inner = Call(request, match.route, match.path_params, fields, {}, call.store, call.table, call.profile, origin)
    reply: MockReply = handler_for("POST", match.route.template, crud.generic)(inner)
    return reply.status, json.loads(reply.body or b"{}")


def run_batch(call: Call, lines: list[dict[str, Any]]) -> BatchRun:
    """Answer each JSONL line; the output file gets the successes, the error file the failures."""
    out: list[str] = []
    errors: list[str] = []
    usage = {"input_tokens": 0, "output_tokens": 0}
    for line in lines:
        request_id = call.synth.new_id("req_")
        try:
            status, body = _answer(call, line, request_id)
        except MockError as exc:
            status, body = exc.status, error_envelope(exc.message, exc.type, exc.param, exc.code)
        except Exception as exc:  # a line the mock cannot answer fails alone, like a bad line in a real batch
            status, body = 400, {"error": {"message": str(exc), "type": "invalid_request_error"}}
        result = {
            "id": call.synth.new_id("batch_req_"),
            "custom_id": line.get("custom_id"),
            "response": {"status_code": status, "request_id": request_id, "body": body},
            "error": None,
        }
        (out if status == 200 else errors).append(json.dumps(result, ensure_ascii=False))
        counted = (body or {}).get("usage") or {}
        usage["input_tokens"] += int(counted.get("input_tokens") or counted.get("prompt_tokens") or 0)
        usage["output_tokens"] += int(counted.get("output_tokens") or counted.get("completion_tokens") or 0)
    return BatchRun(
        output="\n".join(out).encode() + (b"\n" if out else b""),
        errors="\n".join(errors).encode() + (b"\n" if errors else b""),
        completed=len(out),
        failed=len(errors),
        usage=usage,
    )
