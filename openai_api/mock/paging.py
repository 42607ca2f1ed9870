"""Cursor pagination shaped the way each SDK page class reads it.

Why per page class: ``SyncCursorPage`` follows the last item's id, ``SyncConversationCursorPage``
``last_id``, ``SyncNextCursorPage`` ``next`` and ``SyncTokenPage`` a ``page`` token; the SDK's
auto-pagination only terminates if the mock fills the field its page class looks at.

Items arrive oldest first; ``order`` (or the endpoint's real default, from ``list_order``: ``desc``,
newest first, for most list endpoints) decides what the reader sees first, and the cursor walks that order.
"""

from __future__ import annotations

import typing
from typing import Any

__all__ = ["page_payload"]

_DEFAULT_LIMIT = 20


def page_payload(
    page_type: Any, items: list[dict[str, Any]], query: dict[str, str], default_order: str = "asc"
) -> dict[str, Any]:
    # a parametrized pydantic page (``SyncPage[Model]``) has no typing origin: its name carries the parameters
    kind = getattr(typing.get_origin(page_type) or page_type, "__name__", "").partition("[")[0]
    if query.get("order", default_order) == "desc":
        items = list(reversed(items))
    if kind in {"SyncPage", "AsyncPage"}:
        return {"object": "list", "data": items}
    limit = _int(query.get("limit"), _DEFAULT_LIMIT)
    start = _start(kind, items, query)
    window = items[start : start + limit]
    has_more = start + limit < len(items)
    payload: dict[str, Any] = {"object": "list", "data": window, "has_more": has_more}
    ids = [str(item.get("id")) for item in window if item.get("id") is not None]
    payload["first_id"] = ids[0] if ids else None
    payload["last_id"] = ids[-1] if ids else None
    if kind.endswith("TokenPage"):
        payload["next"] = str(start + limit) if has_more else None
    elif kind.endswith("NextCursorPage"):
        payload["next"] = payload["last_id"] if has_more else None
    return payload


def _start(kind: str, items: list[dict[str, Any]], query: dict[str, str]) -> int:
    if kind.endswith("TokenPage"):
        return _int(query.get("page"), 0)
    after = query.get("after")
    if not after:
        return 0
    for index, item in enumerate(items):
        if str(item.get("id")) == after:
            return index + 1
    return len(items)


def _int(raw: str | None, default: int) -> int:
    try:
        return max(0, int(raw)) if raw is not None else default
    except ValueError:
        return default
