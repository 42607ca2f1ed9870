"""One TLS context for every client an example creates in this process.

Every `OpenAI()` builds an HTTP client, and every HTTP client loads the system's CA bundle into a fresh
`ssl.SSLContext` (about 0.17 s here) even when it only ever talks plain HTTP to the loopback mock. A reader pays
that once per program; a build that runs sixty programs in one process would pay it sixty times. The context
is identical each time (same verify paths, same environment), so it is built once and shared; certificates are
still verified exactly as before.
"""

from __future__ import annotations

import functools
import ssl

import httpcore2


def share_ssl_context() -> None:
    original = httpcore2.default_ssl_context
    if isinstance(original, functools._lru_cache_wrapper):
        return

    @functools.cache
    def shared(*, _trust_env: bool = True) -> ssl.SSLContext:
        return original(_trust_env=_trust_env)

    httpcore2.default_ssl_context = shared  # type: ignore[assignment]
