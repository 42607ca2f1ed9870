"""Every HTTP client of a process shares one TLS context per setting: the same object while the environment names the
same certificates, a context of its own once it names others (a worker forked from the fork server, whose environment
is set after the fork)."""

from __future__ import annotations

import ssl
from collections.abc import Iterator

import certifi
import httpcore2
import httpx2
import pytest

from openai_api.core.tls_context import share_ssl_context


@pytest.fixture
def shared_contexts(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(httpcore2, "default_ssl_context", httpcore2.default_ssl_context)  # restored after the test
    monkeypatch.delenv("SSL_CERT_FILE", raising=False)
    monkeypatch.delenv("SSL_CERT_DIR", raising=False)
    share_ssl_context()
    share_ssl_context()  # a second call changes nothing
    yield


def _context_of(client: httpx2.Client) -> ssl.SSLContext:
    return client._transport._pool._ssl_context  # type: ignore[attr-defined]  # where the client keeps it


@pytest.mark.usefixtures("shared_contexts")
def test_clients_share_the_context_of_their_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    first = httpcore2.default_ssl_context()
    assert httpcore2.default_ssl_context() is first
    assert first.verify_mode == ssl.CERT_REQUIRED and first.cert_store_stats()["x509_ca"] > 0
    with httpx2.Client() as one, httpx2.Client() as two:
        assert _context_of(one) is _context_of(two) is first

    monkeypatch.setenv("SSL_CERT_FILE", certifi.where())
    named = httpcore2.default_ssl_context()
    assert named is not first
    assert (
        named.cert_store_stats()["x509_ca"]
        == ssl.create_default_context(cafile=certifi.where()).cert_store_stats()["x509_ca"]
    )
    assert httpcore2.default_ssl_context() is named

    monkeypatch.delenv("SSL_CERT_FILE")
    assert httpcore2.default_ssl_context() is first
    assert httpcore2.default_ssl_context(_trust_env=False) is not first  # a client that ignores the environment
