"""The derived route records on disk, so a new process skips the seconds-long walk of the SDK.

Why a key of the SDK version and the deriving code: those are all the records depend on, so a
cache file can never describe another SDK or an older derivation. The key is in the file name,
written atomically (tmp file + ``os.replace``): readers see a whole file or none. Anything
unreadable is treated as absent, and the caller derives and writes the records again.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

import openai

__all__ = ["DEFAULT_CACHE_DIR", "cache_file", "read", "write"]

_HERE = Path(__file__).resolve().parent
DEFAULT_CACHE_DIR = _HERE.parents[1] / ".cache" / "openai_api" / "mock-routes"
# The modules whose code decides what the records say.
_SHAPING_MODULES = ("routes.py", "sdk_routes.py", "typeref.py", "route_cache.py")


@functools.cache
def cache_key() -> str:
    digest = hashlib.sha256()
    for name in _SHAPING_MODULES:
        digest.update((_HERE / name).read_bytes())
    return f"openai-{openai.__version__}-{digest.hexdigest()[:16]}"


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
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".routes-", suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(records, fh, separators=(",", ":"))
            os.replace(tmp, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
        for stale in path.parent.glob("routes-*.json"):
            if stale != path:
                with contextlib.suppress(OSError):
                    stale.unlink()
    except OSError:
        return
