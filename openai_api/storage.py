"""What the project keeps on disk, defined once: where its caches live, how a file is written, how a folder is
fingerprinted and how a moment is written down.

Every layer (the SDK readers, the mock, the runner, the site, the probe) uses these, so this module imports
nothing of the project. Why atomic writes everywhere: two builds, a `mkdocs serve` reload and a test may write
the same cache file at once, and a killed process must never leave a torn file that a reader takes for whole.
Why folder fingerprints: a hand-typed list of "the files that matter" goes stale the day a module is added;
hashing every file of the folders a result depends on cannot.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import pickle
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_ROOT = PACKAGE_DIR.parent
_FINGERPRINTED = {".py", ".yaml", ".yml", ".json"}


def load_yaml(text: str) -> Any:
    """A YAML document of the project's (safe subset: plain data). Raises `yaml.YAMLError` with line and column.

    libyaml's loader when PyYAML was built with it (the wheels are): the same documents, parsed about ten times
    faster — `features.yaml` alone took over a second with the pure-Python one, on every build and rebuild.
    """
    import yaml  # here, not above: a reader of `read_yaml_file` with a warm cache needs none of its 25 ms

    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def read_yaml_file(path: Path) -> Any:
    """The YAML document in the file ``path``, parsed once per content of the file and kept in the `yaml` cache.

    Why: even libyaml leaves the building of the Python objects to PyYAML's Python code, and the mock server reads
    its fixtures, profiles, reply bank and language data before its first answer: 50-60 ms of a start of about a
    second, with importing PyYAML, against 1-3 ms to unpickle them. The key is a hash of the file's bytes, so an
    edited file is parsed again (and the entry of its old content dropped); an unreadable entry counts as absent.
    The entries hold only what this function parsed from the project's own files.
    """
    raw = path.read_bytes()
    kept = cache_folder("yaml") / f"{_cache_name(path)}-{hashlib.sha256(raw).hexdigest()[:16]}.pickle"
    with contextlib.suppress(Exception):  # missing, torn or foreign: parse the file
        return pickle.loads(kept.read_bytes())
    data = load_yaml(raw.decode("utf-8"))
    with contextlib.suppress(OSError):
        write_atomic(kept, pickle.dumps(data, protocol=pickle.HIGHEST_PROTOCOL))
        for stale in kept.parent.glob(f"{_cache_name(path)}-*.pickle"):
            if stale != kept:
                stale.unlink(missing_ok=True)
    return data


def _cache_name(path: Path) -> str:
    """`mock-data-fixtures` for `openai_api/mock/data/fixtures.yaml`: unique among the package's files."""
    resolved = path.resolve()
    relative = resolved.relative_to(PACKAGE_DIR) if resolved.is_relative_to(PACKAGE_DIR) else Path(resolved.name)
    return "-".join(relative.with_suffix("").parts)


def cache_folder(name: str) -> Path:
    """The folder of one kind of cache (`examples`, `search`, `surface`, `mock-routes`, `yaml`), under the project's
    `.cache/openai_api/`: one place to look, one `make clean` to empty."""
    return PROJECT_ROOT / ".cache" / "openai_api" / name


def write_atomic(path: Path, text: str | bytes) -> None:
    """Write `text` to `path` so that a reader sees the old file or the new one, never a part of either."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        if isinstance(text, bytes):
            with os.fdopen(handle, "wb") as binary:
                binary.write(text)
        else:
            with os.fdopen(handle, "w", encoding="utf-8") as stream:
                stream.write(text)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def folder_fingerprint(*folders: str, base: Path | None = None) -> str:
    """A hash of every source and data file under these folders (or files) of the package — paths relative to
    it, contents included: editing, adding or removing any of them changes it. Computed once per process for the
    package itself (its files do not change under a running build; a server that rebuilds calls
    `forget_fingerprints` first), afresh for any other `base`."""
    if base is None:
        return _package_fingerprint(tuple(sorted(folders)))
    return _fingerprint(base, sorted(folders))


def forget_fingerprints() -> None:
    """The package's files may have changed (a `mkdocs serve` rebuild after an edit): hash them again."""
    _package_fingerprint.cache_clear()


@functools.cache
def _package_fingerprint(folders: tuple[str, ...]) -> str:
    return _fingerprint(PACKAGE_DIR, list(folders))


def _fingerprint(base: Path, folders: list[str]) -> str:
    digest = hashlib.sha256()
    for folder in folders:
        root = base / folder
        paths = [root] if root.is_file() else sorted(root.rglob("*"))
        for path in paths:
            if path.is_file() and path.suffix in _FINGERPRINTED and "__pycache__" not in path.parts:
                digest.update(path.relative_to(base).as_posix().encode() + b"\0")
                digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()


def utc_timestamp() -> str:
    """Now, in UTC, to the second (`2026-11-29T21:30:00+00:00`): how every report and record is dated."""
    return datetime.now(UTC).isoformat(timespec="seconds")
