"""Fault injection read from request headers (documented in the package docstring).

Why headers: a docs example or test can set them per request (``extra_headers``) or per client
(``default_headers``) through the unmodified SDK, with no side channel into the mock.
"""

from __future__ import annotations

from dataclasses import dataclass

from .errors import error_reply
from .wire import MockReply, MockRequest

__all__ = ["Faults", "read_faults"]

_MESSAGES = {
    429: "Rate limit reached (injected by the mock through x-mock-status).",
    500: "The server had an error while processing your request (injected by the mock).",
    503: "The engine is currently overloaded (injected by the mock).",
}


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
        if self.status == 429 or self.status >= 500:
            headers = {
                "retry-after": str(max(1, self.retry_after_ms // 1000)),
                "retry-after-ms": str(self.retry_after_ms),
            }
        message = _MESSAGES.get(self.status, f"Error {self.status} injected by the mock through x-mock-status.")
        code = "rate_limit_exceeded" if self.status == 429 else None
        return error_reply(self.status, message, code=code, headers=headers)


def read_faults(request: MockRequest) -> Faults:
    def number(name: str) -> int | None:
        raw = request.header(name).strip()
        return int(raw) if raw.isdigit() else None

    return Faults(
        status=number("x-mock-status"),
        delay_s=(number("x-mock-delay-ms") or 0) / 1000,
        drop=request.header("x-mock-drop").strip().lower() in {"1", "true", "yes"},
        retry_after_ms=number("x-mock-retry-after-ms") or 10,
    )
