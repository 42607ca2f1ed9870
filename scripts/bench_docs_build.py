"""Benchmark: what the docs build costs, and what saving a page costs under `make serve`.

Prints the wall time of `mkdocs build` with execution off, with execution on and a cold cache, and with
execution on and a warm cache (an unchanged rebuild), each the best of N runs, and their ratios to the
plain build (for the cold build, also the median ratio of each cold build to the plain build made just before it);
then the same warm build with Chinese only and with both languages, made in turn, and the median of their ratios.
Targets: execution on (cold) costs at most 1.3 x the plain build on the mock; two languages cost at most
1.3 x one.

Then the authoring loop: `mkdocs serve` as the tree's `make serve` runs it, on a copy of the project, and the time
from saving a file to the moment the server returns the rebuilt page — for a page with no executed block, for
prose of a guide with executed blocks, and for a guide block whose code changed (that one example runs again).
Targets: at most 1 s for the first, at most 3 s for the others.

`--baseline REV` measures the tree at git revision REV the same way in the same run (a temporary worktree), so
"half of what it was" is read off one machine at one time; both trees use this venv.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import IO, NamedTuple

from bench_trees import ROOT, checked_out
from child_server import free_port


def tree_env(tree: Path, **extra: str) -> dict[str, str]:
    """The environment of a build of `tree`: its own package first on the path, no provider settings."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "DEEPSEEK_"))}
    env.update(PYTHONPATH=str(tree), NO_MKDOCS_2_WARNING="1", **extra)
    return env


def build(tree: Path, site: Path, cache: Path, **env_extra: str) -> tuple[float, str]:
    """Wall time of one `mkdocs build` of `tree`, and its log."""
    env = tree_env(tree, OPENAI_API_DOCS_CACHE_DIR=str(cache), **env_extra)
    started = time.perf_counter()
    process = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-d", str(site)],
        cwd=tree,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return time.perf_counter() - started, process.stderr


def build_seconds(tree: Path, site: Path, cache: Path, **env_extra: str) -> float:
    return build(tree, site, cache, **env_extra)[0]


def catalog_with_one_change(tree: Path, folder: Path) -> Path:
    """A copy of the catalog whose `models` sync example prints one more line."""
    shutil.copy(tree / "features.yaml", folder / "features.yaml")
    shutil.copytree(tree / "examples", folder / "examples")
    example = folder / "examples" / "models" / "sync.py"
    example.write_text(example.read_text(encoding="utf-8") + 'print("one more line")\n', encoding="utf-8")
    return folder / "features.yaml"


PROJECT_PARTS = ("openai_api", "docs", "examples", "features.yaml", "guides.yaml", "mkdocs.yml")


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def wait_for(url: str, text: str, limit: float, server: subprocess.Popen[bytes] | None = None) -> float:
    """Seconds until the page at `url` contains `text` (polled every 20 ms); raise after `limit` seconds, or as soon
    as the `server` that should answer has ended."""
    started = time.perf_counter()
    while text not in fetch(url):
        if server is not None and server.poll() is not None:
            raise ServerEnded(f"the server ended (exit code {server.returncode}) before {url} showed {text!r}")
        if time.perf_counter() - started > limit:
            raise SystemExit(f"{url} did not show {text!r} within {limit:g} s")
        time.sleep(0.02)
    return time.perf_counter() - started


class ServerEnded(Exception):
    pass


def serve_args(tree: Path) -> list[str]:
    """`mkdocs serve` and its options as the tree's Makefile runs it (`serve`, `serve --dirty`)."""
    found = re.search(r"mkdocs (serve[^\n]*?) -a ", (tree / "Makefile").read_text(encoding="utf-8"))
    return found.group(1).split() if found else ["serve"]


def start_serving(tree: Path, project: Path, env: dict[str, str], log: IO[str]) -> tuple[subprocess.Popen[bytes], int]:
    """`mkdocs serve` of `project`, answering its first page, and its port. Tried on three ports: a free port may be
    taken between choosing it and the server binding it."""
    for _ in range(3):
        port = free_port()
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", *serve_args(tree), "-a", f"127.0.0.1:{port}"],
            cwd=project,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            wait_for(f"http://127.0.0.1:{port}/mock/", "</html>", 600, server)
        except ServerEnded as ended:
            print(f"  ({ended}; trying another port)", file=sys.stderr)
            continue
        return server, port
    raise SystemExit(f"mkdocs serve did not start; its log: {log.name}")


def serve_reloads(tree: Path, work: Path) -> dict[str, float]:
    """Save → rebuilt page, under `mkdocs serve` on a copy of the project (so the real files are never touched)."""
    project = work / "project"
    for part in PROJECT_PARTS:
        source = tree / part
        if source.is_dir():
            shutil.copytree(source, project / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(source, project / part)
    env = tree_env(project, OPENAI_API_DOCS_CACHE_DIR=str(work / "serve-cache"))
    log = (work / "serve.log").open("w", encoding="utf-8")
    server, port = start_serving(tree, project, env, log)
    base = f"http://127.0.0.1:{port}"
    times: dict[str, float] = {}
    try:
        edits = {
            "page with no executed block (mock.md, prose)": ("docs/mock.md", "mock/", None),
            "guide with executed blocks (pagination.md, prose)": (
                "docs/guides/pagination.md",
                "guides/pagination/",
                None,
            ),
            "guide block's code (pagination.md, one example re-runs)": (
                "docs/guides/pagination.md",
                "guides/pagination/",
                "print(",
            ),
        }
        for round_number, (name, (relative, url, code_anchor)) in enumerate(edits.items()):
            marker = f"benchmarkmarker{round_number}x"
            path = project / relative
            text = path.read_text(encoding="utf-8")
            if code_anchor is None:
                text += f"\n{marker}\n"
            else:  # the first print of the page prints one word more
                text = text.replace(code_anchor, f'print("{marker}")\n{code_anchor}', 1)
            time.sleep(1.0)  # a quiet moment, so the save is not merged with the previous rebuild
            path.write_text(text, encoding="utf-8")
            times[name] = wait_for(f"{base}/{url}", marker, 120, server)
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()
    return times


def executed(log: str) -> int:
    return int(re.findall(r"(\d+) executed", log)[0])


Figures = dict[str, float]


class Measured(NamedTuple):
    figures: Figures
    reloads: dict[str, float]
    reran: int


def measure(tree: Path, work: Path, runs: int) -> Measured:
    """Every build figure of `tree` (best of `runs`), its serve reloads, and how many examples the one-example
    change re-ran."""
    work.mkdir(parents=True, exist_ok=True)
    site = work / "site"
    figures: Figures = {}
    # Not measured: a tree's first build also writes the generated pages and the tree's own caches (routes, data).
    build_seconds(tree, site, work / "setup", OPENAI_API_DOCS_EXEC="0")
    # A plain build with nothing kept from an earlier one (as a cold build has), each next to a cold build: on a
    # shared machine the speed drifts from one minute to the next, and a ratio of two builds made side by side
    # drifts less than a ratio of two bests made minutes apart.
    plain: list[float] = []
    cold: list[float] = []
    for run in range(runs):
        plain.append(build_seconds(tree, site, work / f"none-{run}", OPENAI_API_DOCS_EXEC="0"))
        cold.append(build_seconds(tree, site, work / f"cold-{run}"))
    figures["plain_first"], figures["cold"] = min(plain), min(cold)
    figures["cold_paired"] = statistics.median(c / p for c, p in zip(cold, plain, strict=True))
    # Then rebuilds that reuse what those kept.
    figures["plain"] = min(build_seconds(tree, site, work / "none-0", OPENAI_API_DOCS_EXEC="0") for _ in range(runs))
    # Two languages and one, side by side too. Each has its own copy of what the cold build kept: a page's kept theme
    # HTML depends on the language selector, so one cache shared by both would render every page again at each switch.
    shutil.copytree(work / "cold-0", work / "one-language")
    one_language = {"OPENAI_API_DOCS_ENGLISH": "false"}
    build_seconds(tree, site, work / "one-language", **one_language)  # what one language keeps, kept once
    warm: list[float] = []
    one: list[float] = []
    for _ in range(runs):
        warm.append(build_seconds(tree, site, work / "cold-0"))
        one.append(build_seconds(tree, site, work / "one-language", **one_language))
    figures["warm"], figures["one_language"] = min(warm), min(one)
    figures["languages_paired"] = statistics.median(w / o for w, o in zip(warm, one, strict=True))
    changed_catalog = catalog_with_one_change(tree, Path(tempfile.mkdtemp(dir=work)))
    figures["changed"], log = build(tree, site, work / "cold-0", OPENAI_API_CATALOG=str(changed_catalog))
    return Measured(figures, serve_reloads(tree, work / "serve"), executed(log))


def print_figures(label: str, figures: Figures, reloads: dict[str, float], reran: int) -> None:
    plain, cold, warm, one = figures["plain"], figures["cold"], figures["warm"], figures["one_language"]
    print(f"{label}:")
    first = figures["plain_first"]
    print(f"  plain build (execution off):        {first:6.2f} s   (nothing kept from an earlier build)")
    print(f"  plain build, again:                 {plain:6.2f} s   (search entries and code kept)")
    print(
        f"  execution on, cold cache:           {cold:6.2f} s   ratio {figures['cold_paired']:4.2f} x the plain build "
        f"beside it (median; target <= 1.30 x); best / best {cold / first:4.2f} x, {cold / plain:4.2f} x the plain "
        "rebuild"
    )
    print(f"  execution on, warm cache (rebuild): {warm:6.2f} s   ratio {warm / plain:4.2f} x")
    print(f"  warm, Chinese only:                 {one:6.2f} s")
    print(
        f"  warm, Chinese and English:          {warm:6.2f} s   ratio {figures['languages_paired']:4.2f} x the "
        f"Chinese-only build beside it (median; target <= 1.30 x); best / best {warm / one:4.2f} x"
    )
    print(
        f"  one example changed, warm cache:    {figures['changed']:6.2f} s   {reran} example(s) re-executed; "
        f"{(figures['changed'] - warm) / max(cold - plain, 1e-9):4.2f} x the full build's execution time "
        "(target <= 0.20 x)"
    )
    print("  mkdocs serve, save -> rebuilt page:")
    for number, (name, seconds) in enumerate(reloads.items()):
        print(f"    {name:56} {seconds:6.2f} s   (target <= {1 if number == 0 else 3} s)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3, help="runs per configuration; the best is kept")
    parser.add_argument("--baseline", metavar="REV", help="also measure the tree at this git revision")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-docs-"))
    base: Measured | None = None
    try:
        current = measure(ROOT, work / "current", args.runs)
        if args.baseline is not None:
            with checked_out(args.baseline) as tree:
                base = measure(tree, work / "baseline", args.runs)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print_figures("this tree", *current)
    if base is not None:
        print_figures(f"at {args.baseline}", *base)
        now, then = current.figures, base.figures
        print(
            f"this tree / {args.baseline}: plain build {now['plain'] / then['plain']:4.2f} x (target <= 0.50 x), "
            f"cold build {now['cold'] / then['cold']:4.2f} x, warm rebuild {now['warm'] / then['warm']:4.2f} x"
        )


if __name__ == "__main__":
    main()
