"""The ``x-ratelimit-*`` headers the real API puts on every successful reply.

Why fixed values: readers of ``with_raw_response`` examples should see the headers they will meet
against OpenAI (limits, what is left, when it resets), and docs builds must be reproducible, so the
numbers are plausible for a paid tier and never move.
"""

from __future__ import annotations

from typing import Any

from openai_api.mock.polling import poll_hint
from openai_api.mock.wire import MockReply, json_reply

__all__ = ["RATE_LIMIT_HEADERS", "as_reply", "with_rate_limits"]

RATE_LIMIT_HEADERS: dict[str, str] = {
    "x-ratelimit-limit-requests": "10000",
    "x-ratelimit-remaining-requests": "9999",
    "x-ratelimit-reset-requests": "6ms",
    "x-ratelimit-limit-tokens": "10000000",
    "x-ratelimit-remaining-tokens": "9999950",
    "x-ratelimit-reset-tokens": "0s",
}


def with_rate_limits(reply: MockReply) -> MockReply:
    """Add the headers to a successful reply (a handler's own values win)."""
    if 200 <= reply.status < 300:
        for name, value in RATE_LIMIT_HEADERS.items():
            reply.headers.setdefault(name, value)
    return reply


def as_reply(result: Any) -> MockReply:
    """A handler's dict (or ready reply) as a reply carrying the rate-limit headers, and the poll hint when the
    dict is a job still in progress (see `polling`)."""
    if isinstance(result, MockReply):
        return with_rate_limits(result)
    return with_rate_limits(json_reply(200, result, poll_hint(result)))
