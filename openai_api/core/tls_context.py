"""One TLS context for every client an example creates in this process, and in the processes forked from it.

Every `OpenAI()` builds an HTTP client, and every HTTP client loads the system's CA bundle into a fresh
`ssl.SSLContext` (about 0.05-0.17 s here) even when it only ever talks plain HTTP to the loopback mock. A reader
pays that once per program; a build that runs sixty programs in one process would pay it sixty times, and each of
its seven worker processes once more. The context is identical each time for the same settings, so it is built
once per setting and shared: the settings are whether the client trusts the environment and the two environment
variables it then reads (`SSL_CERT_FILE`, `SSL_CERT_DIR`), so a process whose environment names other certificates
gets a context of its own. Certificates are still verified exactly as before.
"""

from __future__ import annotations

import os
import ssl

import httpcore2

_Setting = tuple[bool, str | None, str | None]


def share_ssl_context() -> None:
    """Make every HTTP client of this process (and of processes forked after it) share the context of its setting;
    a process that will fork workers calls this and `httpcore2.default_ssl_context()` once, so they inherit it."""
    original = httpcore2.default_ssl_context
    if getattr(original, "shares_contexts", False):
        return
    built: dict[_Setting, ssl.SSLContext] = {}

    def shared(*, _trust_env: bool = True) -> ssl.SSLContext:
        setting = (_trust_env, os.environ.get("SSL_CERT_FILE"), os.environ.get("SSL_CERT_DIR"))
        if setting not in built:
            built[setting] = original(_trust_env=_trust_env)
        return built[setting]

    setattr(shared, "shares_contexts", True)  # noqa: B010
    httpcore2.default_ssl_context = shared  # type: ignore[assignment]
