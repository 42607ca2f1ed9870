"""One independent mock state per bearer token: its own seeded ``Store`` and request counter.

Why per token: the docs build runs every example against one server, each with its own key
(``sk-mock-files-sync``). If they shared a store and a request counter, an example's ids and
``x-request-id``s would depend on which examples ran before it (a batches example would list the
batch another one created). Keyed by token, the same calls under a fresh token always get the same
answers, byte for byte, whatever other tokens do meanwhile.
"""

from __future__ import annotations

import hashlib
import itertools
import threading
from collections.abc import Callable

from openai_api.mock.state.store import Store

__all__ = ["Tenant", "Tenants"]


class Tenant:
    """The state behind one token."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._counter = itertools.count(1)
        self._lock = threading.Lock()

    def request_id(self, method: str, path: str) -> str:
        """Deterministic per token history: the n-th request of this token, its verb and path."""
        with self._lock:
            n = next(self._counter)
        digest = hashlib.sha256(f"{n}|{method}|{path}".encode()).hexdigest()
        return f"req_{digest[:24]}"


class Tenants:
    """Tenants by token, each created (and its store seeded) on the token's first request."""

    def __init__(self, seed: Callable[[Store], None]) -> None:
        self._seed = seed
        self._by_token: dict[str, Tenant] = {}
        self._lock = threading.Lock()

    def get(self, token: str) -> Tenant:
        with self._lock:
            tenant = self._by_token.get(token)
            if tenant is None:
                store = Store()
                self._seed(store)
                tenant = self._by_token[token] = Tenant(store)
            return tenant

    def tokens(self) -> list[str]:
        """Tokens seen so far, in order of first use."""
        with self._lock:
            return list(self._by_token)
