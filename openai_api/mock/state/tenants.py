"""One independent mock state per bearer token: its own seeded ``Store`` and request counter.

Why per token: the docs build runs every example against one server, each with its own key
(``sk-mock-files-sync``). If they shared a store and a request counter, an example's answers would
depend on which examples ran before it (a batches example would list the batch another one created).
Keyed by token, the same calls under a fresh token always get the same answers whatever other tokens do
meanwhile; only the ids differ, since request and object ids also hash the token (no two requests of
the site share an ``x-request-id``).
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

    def __init__(self, token: str, store: Store) -> None:
        self.store = store
        self._token = token
        self._counter = itertools.count(1)
        self._lock = threading.Lock()

    def request_id(self, method: str, path: str) -> str:
        """A fresh id for this token's next request: from the token, the request's rank in the token's history,
        its verb and path. Unique across tokens and requests (a 429 and the retry that succeeds differ; two
        examples sending the same request differ), and still the same for the same history under the same token."""
        with self._lock:
            n = next(self._counter)
        digest = hashlib.sha256(f"{self._token}|{n}|{method}|{path}".encode()).hexdigest()
        return f"req_{digest[:32]}"


class Tenants:
    """Tenants by token, each created on the token's first request with a store of its own from `new_store`
    (seeded)."""

    def __init__(self, new_store: Callable[[], Store]) -> None:
        self._new_store = new_store
        self._by_token: dict[str, Tenant] = {}
        self._lock = threading.Lock()

    def get(self, token: str) -> Tenant:
        with self._lock:
            tenant = self._by_token.get(token)
            if tenant is None:
                tenant = self._by_token[token] = Tenant(token, self._new_store())
            return tenant

    def tokens(self) -> list[str]:
        """Tokens seen so far, in order of first use."""
        with self._lock:
            return list(self._by_token)
