"""The derived route records on disk, so a new process skips the seconds-long walk of the SDK.

Why a key of the SDK version and the deriving code: those are all the records depend on, so a
cache file can never describe another SDK or an older derivation. The key is in the file name,
written atomically (tmp file + ``os.replace``): readers see a whole file or none. Anything
unreadable is treated as absent, and the caller derives and writes the records again.
"""

from __future__ import annotations

import contextlib
import json
from pathlib import Path
from typing import Any

from openai_api.sdk.version import sdk_version
from openai_api.storage import cache_folder, folder_fingerprint, write_atomic

__all__ = ["DEFAULT_CACHE_DIR", "cache_file", "read", "write"]

DEFAULT_CACHE_DIR = cache_folder("mock-routes")


def cache_key() -> str:
    """The SDK version and every file of `openai_api/sdk/` (the route derivation lives there)."""
    return f"openai-{sdk_version()}-{folder_fingerprint('sdk')[:16]}"


def cache_file(cache_dir: Path) -> Path:
    return cache_dir / f"routes-{cache_key()}.json"


def read(path: Path) -> dict[str, Any] | None:
    """The records in ``path``, or None when missing or unreadable."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def write(path: Path, records: dict[str, Any]) -> None:
    """Write atomically and drop files of other keys; a read-only location only costs the speed-up."""
    try:
        write_atomic(path, json.dumps(records, separators=(",", ":")))
        for stale in path.parent.glob("routes-*.json"):
            if stale != path:
                with contextlib.suppress(OSError):
                    stale.unlink()
    except OSError:
        return
