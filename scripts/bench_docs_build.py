"""Benchmark: what executing the examples costs the docs build.

Prints the wall time of `mkdocs build` with execution off, with execution on and a cold cache, and with
execution on and a warm cache (an unchanged rebuild), each the best of N runs, and their ratios to the
plain build; then the same warm build with Chinese only and with both languages.
Targets: execution on costs at most 1.3 x the plain build on the mock; two languages cost at most
1.3 x one.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def build(site: Path, cache: Path, **env_extra: str) -> tuple[float, str]:
    """Wall time of one `mkdocs build`, and its log."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "DEEPSEEK_"))}
    env.update(OPENAI_API_DOCS_CACHE_DIR=str(cache), NO_MKDOCS_2_WARNING="1", **env_extra)
    started = time.perf_counter()
    process = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-d", str(site)],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return time.perf_counter() - started, process.stderr


def build_seconds(site: Path, cache: Path, **env_extra: str) -> float:
    return build(site, cache, **env_extra)[0]


def catalog_with_one_change(folder: Path) -> Path:
    """A copy of the catalog whose `models` sync example prints one more line."""
    shutil.copy(ROOT / "features.yaml", folder / "features.yaml")
    shutil.copytree(ROOT / "examples", folder / "examples")
    example = folder / "examples" / "models" / "sync.py"
    example.write_text(example.read_text(encoding="utf-8") + 'print("one more line")\n', encoding="utf-8")
    return folder / "features.yaml"


def executed(log: str) -> int:
    return int(re.findall(r"(\d+) executed", log)[0])


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
        changed_catalog = catalog_with_one_change(Path(tempfile.mkdtemp(dir=work)))
        changed, log = build(site, work / "cold-0", OPENAI_API_CATALOG=str(changed_catalog))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"plain build (execution off):        {plain:6.2f} s")
    print(f"execution on, cold cache:           {cold:6.2f} s   ratio {cold / plain:4.2f} x  (target <= 1.30 x)")
    print(f"execution on, warm cache (rebuild): {warm:6.2f} s   ratio {warm / plain:4.2f} x")
    print(f"warm, Chinese only:                 {one_language:6.2f} s")
    print(f"warm, Chinese and English:          {warm:6.2f} s   ratio {warm / one_language:4.2f} x  (target <= 1.30 x)")
    print(
        f"one example changed, warm cache:    {changed:6.2f} s   {executed(log)} example(s) re-executed; "
        f"{(changed - warm) / max(cold - plain, 1e-9):4.2f} x the full build's execution time (target <= 0.20 x)"
    )


if __name__ == "__main__":
    main()
