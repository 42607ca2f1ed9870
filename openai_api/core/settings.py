"""Every setting the project reads from the environment, in one place, typed.

Why one module: a variable read in five files is documented in none; here each one has its name, its type, its
default and its error message once, and the README's tables describe exactly these. Readers take a mapping
(default: the process environment) so tests pass a plain dict instead of patching `os.environ`.

Switches are written as the probe's flags are (`y`/`n`), and the spellings people actually type are accepted;
anything else is an error that names the variable, never a silent default.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

_TRUE = {"1", "y", "yes", "true", "on"}
_FALSE = {"0", "n", "no", "false", "off", ""}
DEFAULT_WORKERS = 2
DEFAULT_PROBE_TIMEOUT = 30.0
DEFAULT_PROBE_LIMIT = 1
DEADLINE_PER_TIMEOUT = 4  # an example's deadline, in per-call timeouts: a few calls, or one call and its retries
SHORTEST_DEADLINE = 5.0
DEFAULT_DOCS_DEADLINE = DEADLINE_PER_TIMEOUT * DEFAULT_PROBE_TIMEOUT


def derived_deadline(timeout: float) -> float:
    """The probe's default deadline per example: `DEADLINE_PER_TIMEOUT` per-call timeouts, at least 5 s."""
    return max(DEADLINE_PER_TIMEOUT * timeout, SHORTEST_DEADLINE)


def environment() -> Mapping[str, str]:
    """The process environment: the one place the project reads it."""
    return os.environ


def parse_flag(value: str, name: str) -> bool:
    """Read a switch; anything unexpected is an error that names the switch, never a silent default."""
    text = value.strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise ValueError(f"{name}: expected y/n (or yes/no, true/false, 1/0), got {value!r}")


def env_flag(name: str, default: bool, env: Mapping[str, str] | None = None) -> bool:
    env = environment() if env is None else env
    value = env.get(name)
    return default if value is None else parse_flag(value, name)


def _number(env: Mapping[str, str], name: str, default: float, *, low: float, high: float) -> float:
    raw = env.get(name, "").strip()
    if not raw:
        return default
    try:
        value = float(raw)
    except ValueError:
        raise ValueError(f"{name}: expected a number from {low:g} to {high:g}, got {raw!r}") from None
    if not low <= value <= high:
        raise ValueError(f"{name}: expected a number from {low:g} to {high:g}, got {raw!r}")
    return value


def _whole(env: Mapping[str, str], name: str, default: int, *, low: int, high: int) -> int:
    raw = env.get(name, "").strip()
    if not raw:
        return default
    if not raw.isdigit() or not low <= int(raw) <= high:
        raise ValueError(f"{name}: expected a whole number from {low} to {high}, got {raw!r}")
    return int(raw)


def worker_count(env: Mapping[str, str] | None = None) -> int:
    """`OPENAI_API_DOCS_WORKERS`: how many example workers a build starts (default 2)."""
    return _whole(environment() if env is None else env, "OPENAI_API_DOCS_WORKERS", DEFAULT_WORKERS, low=1, high=16)


def catalog_override(env: Mapping[str, str] | None = None) -> Path | None:
    """`OPENAI_API_CATALOG`: another catalog file than the project's `features.yaml` (tests, forks)."""
    raw = (environment() if env is None else env).get("OPENAI_API_CATALOG")
    return Path(raw) if raw else None


@dataclass(frozen=True)
class DocsSettings:
    """What a docs build is told by its environment (the README's table of `OPENAI_API_DOCS_*` variables)."""

    target: str = "mock"  # OPENAI_API_DOCS_TARGET: mock or live
    provider: str | None = None  # OPENAI_API_DOCS_PROVIDER: a provider name, live builds only
    execute: bool = True  # OPENAI_API_DOCS_EXEC
    strict: bool = False  # OPENAI_API_DOCS_STRICT
    refresh: bool = False  # OPENAI_API_DOCS_REFRESH
    include_side_effects: bool = False  # OPENAI_API_INCLUDE_SIDE_EFFECT_CALLS
    workers: int = DEFAULT_WORKERS  # OPENAI_API_DOCS_WORKERS
    cache_dir: Path | None = None  # OPENAI_API_DOCS_CACHE_DIR
    deadline: float = DEFAULT_DOCS_DEADLINE  # OPENAI_API_DOCS_DEADLINE_SECONDS: per example
    record: bool = False  # OPENAI_API_DOCS_RECORD: a live build writes what each example printed as a recording
    recordings: Literal["show", "off", "fresh"] = "show"  # OPENAI_API_DOCS_RECORDINGS
    recordings_dir: Path | None = None  # OPENAI_API_DOCS_RECORDINGS_DIR (default: docs/recordings)

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> DocsSettings:
        env = environment() if env is None else env
        target = env.get("OPENAI_API_DOCS_TARGET", "mock").strip().lower() or "mock"
        if target not in ("mock", "live"):
            raise ValueError(f"OPENAI_API_DOCS_TARGET: expected 'mock' or 'live', got {target!r}")
        cache_dir = env.get("OPENAI_API_DOCS_CACHE_DIR")
        recordings = env.get("OPENAI_API_DOCS_RECORDINGS", "show").strip().lower() or "show"
        if recordings not in ("show", "off", "fresh"):
            raise ValueError(f"OPENAI_API_DOCS_RECORDINGS: expected show, off or fresh, got {recordings!r}")
        record = env_flag("OPENAI_API_DOCS_RECORD", False, env)
        if record and target != "live":
            raise ValueError(
                "OPENAI_API_DOCS_RECORD=1 records a live provider's answers: set OPENAI_API_DOCS_TARGET=live"
            )
        recordings_dir = env.get("OPENAI_API_DOCS_RECORDINGS_DIR")
        return cls(
            target=target,
            provider=env.get("OPENAI_API_DOCS_PROVIDER") or None,
            execute=env_flag("OPENAI_API_DOCS_EXEC", True, env),
            strict=env_flag("OPENAI_API_DOCS_STRICT", False, env),
            refresh=env_flag("OPENAI_API_DOCS_REFRESH", False, env),
            include_side_effects=env_flag("OPENAI_API_INCLUDE_SIDE_EFFECT_CALLS", False, env),
            workers=worker_count(env),
            cache_dir=Path(cache_dir) if cache_dir else None,
            deadline=_number(env, "OPENAI_API_DOCS_DEADLINE_SECONDS", DEFAULT_DOCS_DEADLINE, low=0.1, high=86400),
            record=record,
            recordings=recordings,  # type: ignore[arg-type]  # checked above
            recordings_dir=Path(recordings_dir) if recordings_dir else None,
        )


@dataclass(frozen=True)
class ProbeSettings:
    """The probe's defaults from the environment; its command-line flags win over them."""

    include_side_effects: bool = False  # OPENAI_API_INCLUDE_SIDE_EFFECT_CALLS
    timeout: float = DEFAULT_PROBE_TIMEOUT  # OPENAI_API_PROBE_TIMEOUT_SECONDS: per call
    limit: int = DEFAULT_PROBE_LIMIT  # OPENAI_API_PROBE_LIMIT: page size of list calls
    deadline: float | None = None  # OPENAI_API_PROBE_DEADLINE_SECONDS: per example; None: `derived_deadline`

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> ProbeSettings:
        env = environment() if env is None else env
        return cls(
            include_side_effects=env_flag("OPENAI_API_INCLUDE_SIDE_EFFECT_CALLS", False, env),
            timeout=_number(env, "OPENAI_API_PROBE_TIMEOUT_SECONDS", DEFAULT_PROBE_TIMEOUT, low=0.1, high=3600),
            limit=_whole(env, "OPENAI_API_PROBE_LIMIT", DEFAULT_PROBE_LIMIT, low=1, high=100),
            deadline=_number(env, "OPENAI_API_PROBE_DEADLINE_SECONDS", 0.0, low=0.1, high=86400) or None,
        )
