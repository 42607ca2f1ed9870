"""Benchmark: what executing the examples costs the docs build.

Prints the wall time of `mkdocs build` with execution off, with execution on and a cold cache, and with
execution on and a warm cache (an unchanged rebuild), each the best of N runs, and their ratios to the
plain build; then the same warm build with Chinese only and with both languages.
Targets: execution on costs at most 1.3 x the plain build on the mock (issue 2); two languages cost at most
1.3 x one (issue 6).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def build_seconds(site: Path, cache: Path, **env_extra: str) -> float:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "DEEPSEEK_"))}
    env.update(OPENAI_API_DOCS_CACHE_DIR=str(cache), **env_extra)
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-d", str(site)],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
    )
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3, help="runs per configuration; the best is kept")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-docs-"))
    try:
        site = work / "site"
        plain = min(build_seconds(site, work / "none", OPENAI_API_DOCS_EXEC="0") for _ in range(args.runs))
        cold_runs = []
        for run in range(args.runs):
            cold_runs.append(build_seconds(site, work / f"cold-{run}"))
        cold = min(cold_runs)
        warm = min(build_seconds(site, work / "cold-0") for _ in range(args.runs))
        one_language = min(
            build_seconds(site, work / "cold-0", OPENAI_API_DOCS_ENGLISH="false") for _ in range(args.runs)
        )
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"plain build (execution off):        {plain:6.2f} s")
    print(f"execution on, cold cache:           {cold:6.2f} s   ratio {cold / plain:4.2f} x  (target <= 1.30 x)")
    print(f"execution on, warm cache (rebuild): {warm:6.2f} s   ratio {warm / plain:4.2f} x")
    print(f"warm, Chinese only:                 {one_language:6.2f} s")
    print(f"warm, Chinese and English:          {warm:6.2f} s   ratio {warm / one_language:4.2f} x  (target <= 1.30 x)")


if __name__ == "__main__":
    main()
