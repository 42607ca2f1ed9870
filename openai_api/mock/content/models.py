"""What ``GET /v1/models`` lists: the fixtures' models, then every model name the SDK's own literals spell out.

Why both: the fixtures carry the models the examples use, with their real ``created``; the SDK's literals
(``ChatModel``, ``ImageModel``...) are what a learner may type, so ``models.retrieve("gpt-4o-mini")`` must
answer 200 as the API does. ``created`` of a dated name is its date; otherwise the longest matching prefix
in ``model_created`` decides; ``owned_by`` likewise from ``model_owners``.
"""

from __future__ import annotations

import datetime
import functools
import re
from typing import Any

from openai_api.mock.data import fixtures
from openai_api.sdk.model_names import names_in

__all__ = ["listed_models"]

_DATED = re.compile(r"-(\d{4})-(\d{2})-(\d{2})$")


def _by_prefix(table: dict[str, Any], name: str) -> Any:
    return table[max((p for p in table if name.startswith(p)), key=len)]


def _timestamp(day: datetime.date) -> int:
    return int(datetime.datetime(day.year, day.month, day.day, tzinfo=datetime.UTC).timestamp())


def _created(name: str, table: dict[str, Any]) -> int:
    dated = _DATED.search(name)
    if dated:
        return _timestamp(datetime.date(*map(int, dated.groups())))
    day = _by_prefix(table, name)
    return _timestamp(day if isinstance(day, datetime.date) else datetime.date.fromisoformat(str(day)))


@functools.cache
def _models() -> tuple[dict[str, Any], ...]:
    data = fixtures()
    owners: dict[str, str] = data.get("model_owners") or {"": "system"}
    created: dict[str, Any] = data.get("model_created") or {"": "2025-01-01"}
    listed = {str(m["id"]): {"owned_by": _by_prefix(owners, str(m["id"])), **m} for m in data.get("models", [])}
    for name in names_in(data.get("model_literals") or []):
        listed.setdefault(name, {"id": name, "created": _created(name, created), "owned_by": _by_prefix(owners, name)})
    return tuple({"object": "model", **model} for model in listed.values())


def listed_models() -> list[dict[str, Any]]:
    """Every model the OpenAI profile lists, as stored model objects (copies)."""
    return [dict(model) for model in _models()]
