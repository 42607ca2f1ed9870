"""Recorded real answers: what an example printed against a live provider, kept as a reviewable file and shown on
the page beside today's proof that the code still runs.

Why: the mock proves on every build that the code runs, but a learner also wants to see what the real API says.
A live build with `OPENAI_API_DOCS_RECORD=1` (`make record`) writes one JSON file per example under
`docs/recordings/`; every later build, on any target, shows a recording whose code hash matches the example's
code, labelled with provider, date and SDK version, together with today's status and time. When the example's
code has changed since, the recording is stale: the page shows today's output and says so, and
`OPENAI_API_DOCS_RECORDINGS=fresh` with `OPENAI_API_DOCS_STRICT=1` fails the build on it.

The hash is of the example as written (before model names are localized for a provider), so a recording made on
DeepSeek matches the same example built on the mock. Keys, key prefixes and account identifiers are redacted
before anything is written.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError

from openai_api.core.catalog import CatalogError
from openai_api.core.i18n import DEFAULT_LANG
from openai_api.core.providers import Target
from openai_api.core.redaction import redact, redact_account_ids
from openai_api.core.runner import ExampleResult
from openai_api.storage import write_atomic


class Recording(BaseModel):
    """One example's answer from a live provider. The file's name says which example; the fields say the rest."""

    model_config = ConfigDict(extra="forbid")

    feature: str  # a card's feature id, or a guide block's name
    variant: str  # "sync", "async" or "guide"
    page: str | None = None  # guide blocks: the guide's slug
    provider: str
    model: str | None = None
    sdk_version: str
    recorded_at: str
    code_sha256: str
    status: str
    output: str
    elapsed_ms: float
    request_id: str | None = None
    http_status: int | None = None

    def summary(self) -> dict[str, str | None]:
        """What `status.json` says about the recording a page shows."""
        return {
            "provider": self.provider,
            "model": self.model,
            "recorded_at": self.recorded_at,
            "sdk_version": self.sdk_version,
        }


def code_hash(code: str) -> str:
    return hashlib.sha256((code.strip("\n") + "\n").encode()).hexdigest()


def recording_path(root: Path, feature: str, variant: str, page: str | None = None, lang: str | None = None) -> Path:
    """One file per example and language: each language runs its own code (`sync.json`, `sync.en.json`)."""
    suffix = "" if lang in (None, DEFAULT_LANG) else f".{lang}"
    if page is not None:
        return root / "guides" / page / f"{feature}{suffix}.json"
    return root / "cards" / feature / f"{variant}{suffix}.json"


class Recordings:
    """The recordings folder: read on demand (a build shows each example once), written during a recording build."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._read: dict[Path, Recording | None] = {}

    def find(self, feature: str, variant: str, page: str | None = None, lang: str | None = None) -> Recording | None:
        path = recording_path(self.root, feature, variant, page, lang)
        if path not in self._read:
            self._read[path] = _load(path)
        return self._read[path]

    def record(self, result: ExampleResult, code: str, target: Target, sdk_version: str) -> Recording:
        """Keep `result` as the example's recording, secrets and account identifiers removed."""

        def clean(text: str) -> str:
            return redact_account_ids(redact(text, target.secrets()))

        recording = Recording(
            feature=result.feature,
            variant=result.variant,
            page=result.page,
            provider=target.name,
            model=target.models.get("chat"),
            sdk_version=sdk_version,
            recorded_at=result.recorded_at[:10],
            code_sha256=code_hash(code),
            status=str(result.status),
            output=clean(result.output),
            elapsed_ms=result.elapsed_ms,
            request_id=result.request_id or next((c.request_id for c in reversed(result.calls) if c.request_id), None),
            http_status=result.http_status,
        )
        path = recording_path(self.root, result.feature, result.variant, result.page, result.lang)
        write_atomic(path, recording.model_dump_json(indent=2) + "\n")
        self._read[path] = recording
        return recording


def _load(path: Path) -> Recording | None:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except OSError as error:
        raise CatalogError(f"{path}: cannot read the recording: {error}") from error
    try:
        return Recording.model_validate_json(text)
    except ValidationError as error:
        raise CatalogError(f"{path}: not a recording: {error}") from error
