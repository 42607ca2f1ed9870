"""OpenAI's error envelope, and the exception the mock raises to answer with one.

Why: the SDK maps status codes to exception classes and reads ``error.message/type/param/code``
from this exact shape, so every failure the mock produces goes through here.
"""

from __future__ import annotations

from typing import Any

from openai_api.mock.wire import MockReply, json_reply

__all__ = ["MockError", "error_envelope", "error_reply"]

_DEFAULT_TYPES = {
    400: "invalid_request_error",
    401: "invalid_request_error",
    403: "permission_denied_error",
    404: "invalid_request_error",
    409: "conflict_error",
    422: "invalid_request_error",
    429: "rate_limit_exceeded",
    500: "server_error",
    503: "server_error",
}


def error_envelope(message: str, type_: str, param: str | None = None, code: str | None = None) -> dict[str, Any]:
    return {"error": {"message": message, "type": type_, "param": param, "code": code}}


class MockError(Exception):
    """Raised anywhere in the mock to answer with an OpenAI error envelope."""

    def __init__(
        self,
        status: int,
        message: str,
        *,
        type_: str | None = None,
        param: str | None = None,
        code: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.type = type_ or _DEFAULT_TYPES.get(status, "api_error")
        self.param = param
        self.code = code
        self.headers = headers or {}

    def reply(self) -> MockReply:
        return error_reply(self.status, self.message, self.type, self.param, self.code, self.headers)


def error_reply(
    status: int,
    message: str,
    type_: str | None = None,
    param: str | None = None,
    code: str | None = None,
    headers: dict[str, str] | None = None,
) -> MockReply:
    envelope = error_envelope(message, type_ or _DEFAULT_TYPES.get(status, "api_error"), param, code)
    return json_reply(status, envelope, headers)
