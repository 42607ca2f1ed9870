"""What ``GET /v1/models`` lists: the fixtures' models, then every model name the SDK's own literals spell out.

Why both: the fixtures carry the models the examples use, with their real ``created``; the SDK's literals
(``ChatModel``, ``ImageModel``...) are what a learner may type, so ``models.retrieve("gpt-4o-mini")`` must
answer 200 as the API does. ``created`` of a dated name is its date; otherwise the longest matching prefix
in ``model_created`` decides; ``owned_by`` likewise from ``model_owners``.

Why the SDK's names are also kept in ``data/sdk_model_names.json``: reading them from the SDK imports type modules
that nothing else of a first request needs (``openai.types.audio`` alone is a third of a first ``/models``), and
every new server lists them before its first answer. The file says which SDK version and which literals it was
written from; for any other it is not used and the names are read from the SDK. A test holds it equal to what the
installed SDK gives; ``python -m openai_api.mock.content.models`` writes it again after an upgrade.
"""

from __future__ import annotations

import datetime
import functools
import json
import re
from pathlib import Path
from typing import Any

from openai_api.mock.data import fixtures
from openai_api.sdk.model_names import names_in
from openai_api.sdk.version import sdk_version
from openai_api.storage import write_atomic

__all__ = ["KEPT_NAMES", "kept_names", "listed_models", "literal_names"]

_DATED = re.compile(r"-(\d{4})-(\d{2})-(\d{2})$")
KEPT_NAMES = Path(__file__).resolve().parent.parent / "data" / "sdk_model_names.json"


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
    for name in literal_names(data.get("model_literals") or []):
        listed.setdefault(name, {"id": name, "created": _created(name, created), "owned_by": _by_prefix(owners, name)})
    return tuple({"object": "model", **model} for model in listed.values())


def listed_models() -> list[dict[str, Any]]:
    """Every model the OpenAI profile lists, as stored model objects (copies)."""
    return [dict(model) for model in _models()]


def kept_names(refs: list[str]) -> dict[str, Any]:
    """What ``data/sdk_model_names.json`` holds for ``refs`` read from the installed SDK."""
    return {"openai": sdk_version(), "refs": refs, "names": names_in(refs)}


def literal_names(refs: list[str]) -> list[str]:
    """``names_in(refs)``: from the kept file when it was written from these refs and the installed SDK version."""
    try:
        kept = json.loads(KEPT_NAMES.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        kept = None
    if isinstance(kept, dict) and kept.get("openai") == sdk_version() and kept.get("refs") == refs:
        return [str(name) for name in kept["names"]]
    return names_in(refs)


if __name__ == "__main__":
    write_atomic(KEPT_NAMES, json.dumps(kept_names(fixtures().get("model_literals") or []), indent=1) + "\n")
    print(f"wrote {KEPT_NAMES}")
