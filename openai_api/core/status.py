"""The status contract: the eight outcomes an example or a probe can have, and how an exception maps to one.

Classification follows the SDK's exception tree (most specific class first) and HTTP status codes, never the
wording of a message, except for the one case the contract names: a provider that answers "not supported" or
"unknown url" with a generic 400 is telling us the endpoint does not exist there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum


class Status(StrEnum):
    OK = "ok"
    UNSUPPORTED_BY_PROVIDER = "unsupported_by_provider"
    AUTH_ERROR = "auth_error"
    RATE_LIMITED = "rate_limited"
    PROVIDER_SERVER_ERROR = "provider_server_error"
    NETWORK_ERROR = "network_error"
    SKIPPED_BY_POLICY = "skipped_by_policy"
    UNKNOWN_ERROR = "unknown_error"


_UNSUPPORTED_STATUS_CODES = {404, 405, 501}
_UNSUPPORTED_WORDING = re.compile(r"not supported|unknown url|unsupported|no route|not implemented", re.I)


@dataclass(frozen=True)
class Classification:
    status: Status
    http_status: int | None
    detail: str
    request_id: str | None = None


def one_line(text: str, limit: int = 300) -> str:
    """Collapse whitespace so a detail fits a table cell and a log line."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def _status_for_code(code: int, message: str) -> Status:
    if code in (401, 403):
        return Status.AUTH_ERROR
    if code in _UNSUPPORTED_STATUS_CODES:
        return Status.UNSUPPORTED_BY_PROVIDER
    if code == 429:
        return Status.RATE_LIMITED
    if code >= 500:
        return Status.PROVIDER_SERVER_ERROR
    if code == 400 and _UNSUPPORTED_WORDING.search(message):
        return Status.UNSUPPORTED_BY_PROVIDER
    return Status.UNKNOWN_ERROR


def classify(error: BaseException) -> Classification:
    """Map any exception raised by an example to the contract. Never raises."""
    import openai  # here, not at the top: the docs build reads the contract without loading the SDK (a second)

    name = type(error).__name__
    if isinstance(error, openai.APIStatusError):
        code = error.status_code
        message = str(error.message or error)
        return Classification(
            _status_for_code(code, message),
            code,
            one_line(f"{name}: {message}"),
            getattr(error, "request_id", None),
        )
    if isinstance(error, openai.APIConnectionError):  # includes APITimeoutError
        return Classification(Status.NETWORK_ERROR, None, one_line(f"{name}: {error}{_why(error)}"))
    if isinstance(error, openai.APIResponseValidationError):
        return Classification(Status.UNKNOWN_ERROR, error.status_code, one_line(f"{name}: {error}"))
    if isinstance(error, (TimeoutError, ConnectionError)):
        return Classification(Status.NETWORK_ERROR, None, one_line(f"{name}: {error}"))
    return Classification(Status.UNKNOWN_ERROR, None, one_line(f"{name}: {error}"))


def _why(error: BaseException) -> str:
    """What the HTTP client said under the SDK's "Connection error." (refused, reset mid-answer, a redirect loop,
    a TLS failure), which tells a user what to fix; empty when it said nothing."""
    cause = error.__cause__
    while cause is not None and not str(cause).strip() and cause.__cause__ is not None:
        cause = cause.__cause__
    return f" ({type(cause).__name__}: {cause})" if cause is not None and str(cause).strip() else ""
