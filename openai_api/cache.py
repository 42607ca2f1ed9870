"""The execution cache: an example's result is kept under a key made of everything that can change it.

Against the mock the key includes a fingerprint of this package (runner and mock), so any change to either
re-executes; against a live provider it is the code, the provider, its base URL and the SDK version — so that a
`mkdocs serve` reload costs no API call. Entries are written atomically: a killed build leaves no torn file.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import tempfile
from functools import cache
from pathlib import Path

import openai

from openai_api.component import RESULTS, ExampleResult
from openai_api.providers import Target

PACKAGE_DIR = Path(__file__).resolve().parent
DEFAULT_CACHE_DIR = PACKAGE_DIR.parent / ".cache" / "openai_api" / "examples"
# Results that say more about the moment than about the example are not kept.
_TRANSIENT = {"network_error", "rate_limited", "provider_server_error"}


# What can change an example's result against the mock: the runner and the mock. Page layout, the plugin and
# the UI texts cannot, so editing them re-renders pages without re-running a single example.
_EXECUTION_FILES = (
    "component.py",
    "status.py",
    "redaction.py",
    "worker.py",
    "speedups.py",
    "providers.py",
    "cleanup.py",
)


def _execution_sources() -> list[Path]:
    paths = [PACKAGE_DIR / name for name in _EXECUTION_FILES] + [PACKAGE_DIR / "data" / "providers.yaml"]
    return paths + sorted((PACKAGE_DIR / "mock").rglob("*"))


@cache
def package_fingerprint() -> str:
    digest = hashlib.sha256()
    for path in _execution_sources():
        if path.suffix in {".py", ".yaml", ".json"} and "__pycache__" not in path.parts:
            digest.update(path.relative_to(PACKAGE_DIR).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def cache_key(code: str, target: Target, *, feature: str, variant: str) -> str:
    parts = {
        "code": code,
        "feature": feature,
        "variant": variant,
        "target": target.name,
        "base_url": None if target.embedded else target.base_url,
        "sdk": openai.__version__,
        "python": sys.version_info[:2],
        "package": package_fingerprint() if target.embedded else None,
    }
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()


def surface_key(resource: str) -> str:
    """Surface calls always go to the in-process mock: only the SDK and this package can change them."""
    parts = {"surface": resource, "sdk": openai.__version__, "package": package_fingerprint()}
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()


class ResultCache:
    def __init__(self, directory: Path | None = None) -> None:
        override = os.environ.get("OPENAI_API_DOCS_CACHE_DIR")
        self.directory = directory or (Path(override) if override else DEFAULT_CACHE_DIR)
        self.hits = 0
        self.misses = 0

    def get(self, key: str) -> list[ExampleResult] | None:
        path = self.directory / f"{key}.json"
        try:
            results = RESULTS.validate_json(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            self.misses += 1
            return None
        self.hits += len(results)
        return [result.model_copy(update={"cached": True}) for result in results]

    def put(self, key: str, results: list[ExampleResult]) -> None:
        if any(result.status in _TRANSIENT for result in results):
            return
        self.directory.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=self.directory, suffix=".tmp")
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(RESULTS.dump_json(results).decode())
        os.replace(temporary, self.directory / f"{key}.json")
