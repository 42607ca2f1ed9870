"""One bearer token's in-memory state (see ``tenants``): objects by collection path, uploaded bytes, deletions.

Why partial dicts: a stored object is whatever was echoed or seeded; every answer passes it through
the synthesizer as overrides, so the reply is complete and valid even when the store is sparse.
"""

from __future__ import annotations

import copy
import threading
from typing import Any

__all__ = ["DEMO_SUFFIXES", "Store", "is_demo_id"]

DEMO_SUFFIXES = ("_demo", "-demo")


def _clone(value: Any) -> Any:
    """A deep copy of a JSON-like value (dicts, lists, scalars), several times faster than ``copy.deepcopy``.

    Why: every stored object is copied in and out so no caller can change the store by accident, and the
    copies were the largest cost of a list request (the 150 models of ``GET /models``). Anything that is not
    JSON-like still goes through ``copy.deepcopy``.
    """
    kind = type(value)
    if kind is dict:
        return {key: _clone(item) for key, item in value.items()}
    if kind is list:
        return [_clone(item) for item in value]
    if kind in _ATOMS:
        return value
    return copy.deepcopy(value)


_ATOMS = frozenset({str, int, float, bool, type(None)})


def is_demo_id(key: str) -> bool:
    """Ids ending in ``_demo`` always exist (until deleted): fixtures for objects nobody can create."""
    return key.endswith(DEMO_SUFFIXES)


class Store:
    def __init__(self) -> None:
        self._lock = threading.RLock()
        self._objects: dict[str, dict[str, dict[str, Any]]] = {}
        self._deleted: set[tuple[str, str]] = set()
        self.blobs: dict[str, bytes] = {}  # file id -> uploaded bytes
        # lenient mode: every id exists, deleted or not, as on a stateless mock (made on first touch, then kept)
        self.lenient = False

    def copy(self) -> Store:
        """A store with the same objects, deletions and uploads, whose changes stay its own.

        Why: every token starts from the same seeded objects (the models list, the fixtures), and seeding each new
        token's store one copied object at a time cost more than many of the requests it then answered. The copy
        shares the objects themselves, which is safe because no method changes a stored object in place: `put`
        stores a copy, `update` stores a new object, and what `get`, `list` and `update` return are copies.
        """
        with self._lock:
            copied = Store()
            copied._objects = {collection: dict(objects) for collection, objects in self._objects.items()}
            copied._deleted = set(self._deleted)
            copied.blobs = dict(self.blobs)
            copied.lenient = self.lenient
            return copied

    def put(self, collection: str, key: str, obj: dict[str, Any]) -> None:
        with self._lock:
            self._objects.setdefault(collection, {})[key] = _clone(obj)
            self._deleted.discard((collection, key))

    def get(self, collection: str, key: str) -> dict[str, Any] | None:
        with self._lock:
            found = self._objects.get(collection, {}).get(key)
            return _clone(found) if found is not None else None

    def update(self, collection: str, key: str, changes: dict[str, Any]) -> dict[str, Any] | None:
        with self._lock:
            found = self._objects.get(collection, {}).get(key)
            if found is None:
                return None
            # a new object, not the stored one changed: stores made by `copy` share their objects
            found = self._objects[collection][key] = {**found, **_clone(changes)}
            return _clone(found)

    def delete(self, collection: str, key: str) -> bool:
        with self._lock:
            self._deleted.add((collection, key))
            return self._objects.get(collection, {}).pop(key, None) is not None

    def was_deleted(self, collection: str, key: str) -> bool:
        with self._lock:
            return (collection, key) in self._deleted

    def list(self, collection: str) -> list[dict[str, Any]]:
        with self._lock:
            return [_clone(obj) for obj in self._objects.get(collection, {}).values()]

    def peek(self, collection: str) -> list[dict[str, Any]]:
        """The stored objects themselves, not copies, for a reply that only reads them and is serialised at
        once (a list request): copying the 150 models of ``GET /models`` was most of its cost. Never change
        what this returns."""
        with self._lock:
            return list(self._objects.get(collection, {}).values())

    def exists(self, collection: str, key: str) -> bool:
        """Known: stored, or an id not stored that is answered as an existing object (`answers_unknown`)."""
        with self._lock:
            if key in self._objects.get(collection, {}):
                return True
        return self.answers_unknown(collection, key)

    def answers_unknown(self, collection: str, key: str) -> bool:
        """Whether ``key``, not stored in ``collection``, is answered as an object that exists: in lenient mode any
        id, deleted or not, since a suite written for a stateless mock deletes an id and then asks for it again
        (the SDK's own suite deletes ``thread_id`` and retrieves it in a later test); else a demo id nobody
        deleted, as on the real API a deleted object is gone."""
        with self._lock:
            return self.lenient or (is_demo_id(key) and (collection, key) not in self._deleted)
