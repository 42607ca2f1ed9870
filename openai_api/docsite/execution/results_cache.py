"""The execution cache: an example's result is kept under a key made of everything that can change it.

Against the mock the key includes a fingerprint of this package (runner and mock), so any change to either
re-executes; against a live provider it is the code, the provider, its base URL and the SDK version — so that a
`mkdocs serve` reload costs no API call. Entries are written atomically: a killed build leaves no torn file.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

from openai_api.core.providers import Target
from openai_api.core.runner import RESULTS, ExampleResult
from openai_api.sdk.version import sdk_version
from openai_api.storage import cache_folder, folder_fingerprint, write_atomic

# Results that say more about the moment than about the example are not kept.
_TRANSIENT = {"network_error", "rate_limited", "provider_server_error"}
# What can change an example's result against the mock: the runner and its settings (`core`), how the SDK is
# read (`sdk`), the mock, and how the workers execute (`docsite/execution`). Page layout, the plugin and the UI
# texts cannot, so editing them re-renders pages without re-running a single example.
EXECUTION_FOLDERS = ("core", "sdk", "mock", "docsite/execution", "storage.py")


def package_fingerprint() -> str:
    return folder_fingerprint(*EXECUTION_FOLDERS)


def cache_key(code: str, target: Target, *, feature: str, variant: str) -> str:
    parts = {
        "code": code,
        "feature": feature,
        "variant": variant,
        "target": target.name,
        "base_url": None if target.embedded else target.base_url,
        "sdk": sdk_version(),
        "python": sys.version_info[:2],
        "package": package_fingerprint() if target.embedded else None,
    }
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()


def surface_key(resource: str) -> str:
    """Surface calls always go to the in-process mock: only the SDK and this package can change them."""
    parts = {"surface": resource, "sdk": sdk_version(), "package": package_fingerprint()}
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()


class ResultCache:
    def __init__(self, directory: Path | None = None) -> None:
        """`directory` is the build's `OPENAI_API_DOCS_CACHE_DIR` (read with the other settings by the session);
        None means the project's own cache folder."""
        self.directory = directory or cache_folder("examples")
        self.hits = 0
        self.misses = 0
        self._marked = False  # the marker of this package's results written (see `holds_this_package`)

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
        write_atomic(self.directory / f"{key}.json", RESULTS.dump_json(results).decode())
        if not self._marked:
            self._marked = True
            self._marker().touch()

    def holds_this_package(self) -> bool:
        """Whether results computed by this package's code are kept here: if not, a build of the mock will execute
        every example (see `worker_process.start_fork_server`)."""
        return self._marker().exists()

    def _marker(self) -> Path:
        return self.directory / f".package-{package_fingerprint()[:16]}"
