"""A JSON map kept on disk between builds, for results of pure functions of a page's text (search entries,
highlighted code): one file per configuration, holding what the last build asked for.

Why prune to what a build asked for: the file then never grows past one site's worth, whatever was edited
before. A build that rendered only some pages (a `mkdocs serve --dirty` rebuild) keeps the others' values too:
the next full build asks for them. Written atomically, and only when the build computed something new.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from openai_api.storage import write_atomic


def configuration(*parts: Any) -> str:
    """What the kept values depend on besides the text they were made from (packages' versions, settings), as one
    text: its hash names the file they are kept in."""
    return json.dumps(list(parts), sort_keys=True, default=_named)


def _named(value: object) -> str:
    """A function in a configuration (a custom fence's formatter) by its name: its address changes per process."""
    return str(getattr(value, "__qualname__", None) or type(value).__qualname__)


class KeptMap:
    def __init__(self) -> None:
        self.values: dict[str, Any] = {}
        self._file: Path | None = None
        self._used: set[str] = set()
        self._added = False
        self._latest: dict[str, str] = {}  # owner (a page) -> key of its latest value

    def new_build(self) -> None:
        """What the next `save` keeps is what the build starting now asks for."""
        self._used = set()
        self._added = False

    def open(self, path: Path | None) -> None:
        """Use the file at `path` (None: memory only), reading what an earlier build kept there."""
        if path is None or path == self._file:
            return
        self._file = path
        try:
            kept = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return
        if isinstance(kept, dict):
            self.values.update(kept)

    def open_for(self, folder: Path | None, kind: str, configuration: str) -> None:
        """Use the file of this `kind` for this `configuration` (a text from `configuration`) in `folder` (None:
        in memory only)."""
        name = f"{kind}-{hashlib.sha256(configuration.encode()).hexdigest()[:16]}.json"
        self.open(folder / name if folder is not None else None)

    def get(self, key: str) -> Any:
        self._used.add(key)
        return self.values.get(key)

    def put(self, key: str, value: Any) -> None:
        self._used.add(key)
        self.values[key] = value
        self._added = True

    def forget(self, key: str) -> None:
        self.values.pop(key, None)

    def latest(self, owner: str, key: str) -> None:
        """`key` is `owner`'s value now: the one it had before (an edited page's) is never asked for again."""
        stale = self._latest.get(owner)
        if stale is not None and stale != key:
            self.forget(stale)
        self._latest[owner] = key

    def save(self, *, whole_build: bool = True) -> None:
        """Write what this build asked for (and, unless it was a `whole_build`, what earlier builds kept)."""
        if self._file is None or not self._added:
            return
        keys = sorted(self._used if whole_build else self.values)
        kept = {key: self.values[key] for key in keys if key in self.values}
        write_atomic(self._file, json.dumps(kept, ensure_ascii=False, default=str))
        self._added = False
