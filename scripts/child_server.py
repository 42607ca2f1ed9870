"""A benchmark's server in a child process, so client and server do not share one interpreter lock.

The benchmark script runs itself with ``--serve``; the child prints its base URL and serves until the parent
closes its stdin — which the parent does on leaving ``child_server``, even after an error.
"""

from __future__ import annotations

import contextlib
import socket
import subprocess
import sys
from collections.abc import Iterator
from contextlib import AbstractContextManager


def free_port() -> int:
    """A port free on 127.0.0.1 now (another process may still take it before it is bound)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def serve_until_stdin_closes(server: AbstractContextManager[str]) -> None:
    """The child's side: enter ``server``, print its base URL, wait for the parent to close stdin."""
    with server as base_url:
        print(base_url, flush=True)
        sys.stdin.read()


@contextlib.contextmanager
def child_server(script: str) -> Iterator[str]:
    """The parent's side: run ``script --serve`` and yield the base URL it prints."""
    child = subprocess.Popen(
        [sys.executable, script, "--serve"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        assert child.stdout is not None
        yield child.stdout.readline().strip()
    finally:
        assert child.stdin is not None
        child.stdin.close()
        child.wait(timeout=30)
