"""Fault injection read from request headers (documented in the package docstring).

Why headers: a docs example or test can set them per request (``extra_headers``) or per client
(``default_headers``) through the unmodified SDK, with no side channel into the mock.

Why ``x-mock-fail-times`` reads the SDK's ``x-stainless-retry-count``: the SDK numbers each attempt
of one call in that header (0 for the first, 1 for the first retry, ...), so "fail the first N
attempts, then succeed" needs no state in the mock: the same headers give the same story on any
server, under any key, however many examples run at once.
"""

from __future__ import annotations

from dataclasses import dataclass

from openai_api.mock.errors import error_reply
from openai_api.mock.wire import MockReply, MockRequest

__all__ = ["Faults", "read_faults"]

_MESSAGES = {
    401: "Incorrect API key provided (injected by the mock through x-mock-status).",
    429: "Rate limit reached (injected by the mock through x-mock-status).",
    500: "The server had an error while processing your request (injected by the mock).",
    503: "The engine is currently overloaded (injected by the mock).",
}
# The statuses the SDK retries (`_should_retry`): their answers say how long to wait, as a server asking for a retry
# does, so the SDK waits that long instead of its exponential back-off (half a second, then a second, ...).
_RETRIED = {408, 409, 429}
_FAIL_TIMES_STATUS = 503  # what x-mock-fail-times answers when no x-mock-status says otherwise


@dataclass(frozen=True)
class Faults:
    status: int | None = None
    delay_s: float = 0.0
    drop: bool = False
    retry_after_ms: int = 10

    def error(self) -> MockReply | None:
        """The injected error reply, if the request asked for one."""
        if self.status is None or self.status < 400:
            return None
        headers = {}
        if self.status in _RETRIED or self.status >= 500:
            headers = {
                "retry-after": str(max(1, self.retry_after_ms // 1000)),
                "retry-after-ms": str(self.retry_after_ms),
            }
        message = _MESSAGES.get(self.status, f"Error {self.status} injected by the mock through x-mock-status.")
        code = {401: "invalid_api_key", 429: "rate_limit_exceeded"}.get(self.status)
        return error_reply(self.status, message, code=code, headers=headers)


def read_faults(request: MockRequest) -> Faults:
    """The faults this request asks for.

    ``x-mock-fail-times: N`` limits ``x-mock-status`` (503 when absent) and ``x-mock-drop`` to the
    attempts whose ``x-stainless-retry-count`` is below N; later attempts are answered normally.
    ``x-mock-delay-ms`` applies to every attempt, failed or not.
    """

    def number(name: str) -> int | None:
        raw = request.header(name).strip()
        return int(raw) if raw.isdigit() else None

    status = number("x-mock-status")
    drop = request.header("x-mock-drop").strip().lower() in {"1", "true", "yes"}
    fail_times = number("x-mock-fail-times")
    if fail_times is not None:
        failing = (number("x-stainless-retry-count") or 0) < fail_times
        status = (status or (None if drop else _FAIL_TIMES_STATUS)) if failing else None
        drop = drop and failing
    return Faults(
        status=status,
        delay_s=(number("x-mock-delay-ms") or 0) / 1000,
        drop=drop,
        retry_after_ms=number("x-mock-retry-after-ms") or 10,
    )
