"""Validation of a batch's input file, as the real API does while the batch is ``validating``.

Why: against OpenAI a malformed input file does not fail ``batches.create``; the batch is created,
then ends ``failed`` with ``errors.data`` saying which line is wrong and why. Each line must be a JSON
object with a unique ``custom_id``, ``method`` ``"POST"``, ``url`` equal to the batch's ``endpoint``
and an object ``body``. The messages are data (``batch_errors.yaml``).
"""

from __future__ import annotations

import json
from typing import Any

from openai_api.mock.data import batch_errors

__all__ = ["input_errors"]

_REQUIRED = ("custom_id", "method", "url", "body")


def input_errors(data: bytes, endpoint: str) -> list[dict[str, Any]]:
    """Every problem of the JSONL ``data`` for a batch on ``endpoint`` (empty when it is valid)."""
    lines = [(number, raw) for number, raw in enumerate(data.decode("utf-8", "replace").splitlines(), 1)]
    lines = [(number, raw) for number, raw in lines if raw.strip()]
    if not lines:
        return [_error("empty_file", None)]
    errors: list[dict[str, Any]] = []
    seen: set[str] = set()
    for number, raw in lines:
        try:
            request = json.loads(raw)
        except ValueError:
            request = None
        if not isinstance(request, dict):
            errors.append(_error("invalid_json_line", number))
            continue
        errors += _line_errors(request, number, endpoint, seen)
    return errors


def _line_errors(request: dict[str, Any], number: int, endpoint: str, seen: set[str]) -> list[dict[str, Any]]:
    missing = [name for name in _REQUIRED if request.get(name) in (None, "")]
    if missing:
        return [_error("missing_required_parameter", number, param=name) for name in missing]
    errors = []
    custom_id = str(request["custom_id"])
    if custom_id in seen:
        errors.append(_error("duplicate_custom_id", number, param="custom_id"))
    seen.add(custom_id)
    if request["method"] != "POST":
        errors.append(_error("invalid_method", number, param="method", value=request["method"]))
    if request["url"] != endpoint:
        errors.append(_error("url_mismatch", number, param="url", value=request["url"], endpoint=endpoint))
    if not isinstance(request["body"], dict):
        errors.append(_error("invalid_body", number, param="body", value=type(request["body"]).__name__))
    return errors


def _error(code: str, line: int | None, param: str | None = None, **values: Any) -> dict[str, Any]:
    message = str(batch_errors()[code]["message"]).format(param=param, **values)
    return {"code": code, "message": message, "param": param, "line": line}
