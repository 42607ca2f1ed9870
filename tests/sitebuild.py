"""Building the site from a test: a real `mkdocs build --strict` in a child process, with a clean environment
(no key of the developer's leaks in) and a cache of its own."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from openai_api.core.catalog import ROOT


def build(
    tmp_path: Path, name: str, *extra_args: str, **env_extra: str
) -> tuple[subprocess.CompletedProcess[str], Path]:
    site = tmp_path / name
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "DEEPSEEK_"))}
    env["OPENAI_API_DOCS_CACHE_DIR"] = str(tmp_path / "cache")
    env["NO_MKDOCS_2_WARNING"] = "1"
    env.update(env_extra)
    process = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site), *extra_args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    return process, site
