"""The probe: run the catalog's examples against a provider and report, feature by feature, what works there.

    python -m openai_api.main --scope all --print-trace y
    python -m openai_api.main --scope all --include-side-effects y --print-trace y
    python -m openai_api.main --scope core --print-trace y

It runs the very examples the site shows, through the runner the docs build uses (`component.run_example`),
so a page's status and the probe's status cannot disagree. A probe never fails the flow: the exit code is 0
whatever the statuses, unless `--fail-on` names statuses that should fail a CI job.
"""

from __future__ import annotations

import argparse
import contextlib
import re
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING

import openai

from openai_api.core.catalog import Catalog, CatalogError, Feature, load_catalog
from openai_api.core.cleanup import Ledger
from openai_api.core.deadline import Call, Deadline
from openai_api.core.providers import ProviderError, Target, localize_models, resolve_target
from openai_api.core.redaction import redact
from openai_api.core.report import Report, report_result
from openai_api.core.runner import ExampleResult, run_example, running_against
from openai_api.core.settings import (
    DEADLINE_PER_TIMEOUT,
    SHORTEST_DEADLINE,
    ProbeSettings,
    derived_deadline,
    parse_flag,
)
from openai_api.core.status import Status
from openai_api.core.tls_context import share_ssl_context
from openai_api.probe.schedule import longest_first
from openai_api.sdk.loading import frozen_for_exit
from openai_api.storage import utc_timestamp, write_atomic

if TYPE_CHECKING:
    from openai_api.mock.adapters.server import Served

CORE = ("responses", "chat", "completions")
DEFAULT_CONCURRENCY = 32
LOG_WIDTH = 200

ENVIRONMENT_HELP = """\
environment:
  DEEPSEEK_API_KEY / DEEPSEEK_BASE_URL / DEEPSEEK_MODEL   the DeepSeek provider (chosen first when its key is set)
  OPENAI_API_KEY / OPENAI_BASE_URL                        the OpenAI provider (any compatible base URL)
  OPENAI_API_INCLUDE_SIDE_EFFECT_CALLS  0/1               default of --include-side-effects
  OPENAI_API_PROBE_TIMEOUT_SECONDS      seconds           default of --timeout (per call)
  OPENAI_API_PROBE_DEADLINE_SECONDS     seconds           default of --deadline (per example)
  OPENAI_API_PROBE_LIMIT                n                 default of --limit (page size of list calls)
  A .env file in the current folder is read first; flags win over the environment.
"""


def _flag(name: str):  # type: ignore[no-untyped-def]
    def convert(value: str) -> bool:
        try:
            return parse_flag(value, name)
        except ValueError as error:
            raise argparse.ArgumentTypeError(str(error)) from None

    return convert


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m openai_api.main",
        description="Run every feature of the catalog against a provider and classify each outcome.",
        epilog=ENVIRONMENT_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--scope",
        default="all",
        help="all, core (responses, chat, completions), a category, or a comma list of feature ids (default: all)",
    )
    parser.add_argument("--provider", help="mock, openai, deepseek or any provider in the providers file")
    parser.add_argument(
        "--include-side-effects",
        type=_flag("--include-side-effects"),
        default=None,
        help="y/n: run `high` side-effect features on a live provider (default: n)",
    )
    parser.add_argument(
        "--print-trace",
        type=_flag("--print-trace"),
        default=True,
        help="y/n: print the provider, the results table and under each row the HTTP calls made (default: y)",
    )
    parser.add_argument(
        "--variant",
        choices=("sync", "async"),
        default="async",
        help="which example of each feature to run (default: async)",
    )
    parser.add_argument(
        "--concurrency",
        type=int,
        default=DEFAULT_CONCURRENCY,
        help=f"features run at the same time (default: {DEFAULT_CONCURRENCY})",
    )
    parser.add_argument(
        "--timeout",
        type=float,
        default=None,
        help="per-call timeout in seconds, also over a longer one an example sets (default: 30)",
    )
    parser.add_argument(
        "--deadline",
        type=float,
        default=None,
        help=f"seconds an example may run in all, its retries and polls included; past it the example is "
        f"stopped and is a network_error (default: {DEADLINE_PER_TIMEOUT} x --timeout, at least {SHORTEST_DEADLINE:g})",
    )
    parser.add_argument("--max-retries", type=int, default=0, help="the SDK's max_retries for each call (default: 0)")
    parser.add_argument("--limit", type=int, default=None, help="page size of list calls (default: 1)")
    parser.add_argument("--report", type=Path, help="write the results as JSON to this file")
    parser.add_argument(
        "--fail-on",
        default="",
        help="comma list of statuses that make the exit code 1 (default: none; a probe never fails)",
    )
    return parser


def select(catalog: Catalog, scope: str) -> list[Feature]:
    scope = scope.strip()
    if scope == "all":
        return list(catalog.features)
    if scope == "core":
        return [catalog.feature(fid) for fid in CORE]
    if scope in catalog.categories:
        return [f for f in catalog.features if f.category == scope]
    ids = [part.strip() for part in scope.split(",") if part.strip()]
    unknown = [fid for fid in ids if fid not in catalog.by_id]
    if unknown or not ids:
        raise CatalogError(
            f"--scope: unknown feature or category {', '.join(unknown) or scope!r}; "
            f"use all, core, a category ({', '.join(catalog.categories)}) or feature ids"
        )
    return [catalog.feature(fid) for fid in ids]


def probe_code(catalog: Catalog, feature: Feature, variant: str, target: Target, limit: int) -> str:
    code = localize_models(catalog.example_code(feature, "async" if variant == "async" else "sync"), target)
    return re.sub(r"\blimit=\d+", f"limit={limit}", code)


def run_all(
    catalog: Catalog,
    features: Sequence[Feature],
    target: Target,
    *,
    variant: str,
    include_side_effects: bool,
    concurrency: int,
    limit: int,
    deadline: Deadline | None = None,
    ledger: Ledger | None = None,
    tidy: Callable[[str], list[str]] | None = None,
) -> tuple[list[ExampleResult], list[str]]:
    """Run the features' examples, `concurrency` at a time, each in a thread of its own (an async example runs
    its own event loop there); return the results, and what `tidy` said it removed, in catalog order.

    Threads, not one event loop: each example is a whole program that calls `asyncio.run` (or blocks, in the sync
    variant) as a reader's would, so the examples cannot share a loop without rewriting them. Threads, not
    processes: the examples wait on the provider and hold the interpreter lock only briefly, and a process per
    example would pay the SDK's import again, about a second each, where all the examples of a warm run
    together take half a second of CPU. A pool sized to the concurrency, not asyncio's default one (a handful
    of threads on a small machine), so `--concurrency 32` means 32 examples waiting on the provider at once.
    The longest examples start first (see `schedule`), and each example's leftovers are removed (`tidy`, given
    the feature's id) as soon as it ends, while the others still run."""
    codes = [probe_code(catalog, feature, variant, target, limit) for feature in features]

    def one(index: int) -> tuple[ExampleResult, list[str]]:
        feature = features[index]
        with ledger.owning(feature.id) if ledger is not None else contextlib.nullcontext():
            result = run_example(
                feature, variant, codes[index], target, include_side_effects=include_side_effects, deadline=deadline
            )
        return result, tidy(feature.id) if tidy is not None else []

    with ThreadPoolExecutor(max_workers=max(1, concurrency), thread_name_prefix="openai-api-probe") as pool:
        started = {index: pool.submit(one, index) for index in longest_first(codes)}
        ended = [started[index].result() for index in range(len(features))]
    return [result for result, _ in ended], [line for _, lines in ended for line in lines]


def _api_prefix(target: Target) -> str:
    from urllib.parse import urlparse

    return urlparse(target.base_url or "").path.rstrip("/")


@contextlib.contextmanager
def sweeper(ledger: Ledger, target: Target, timeout: float) -> Iterator[Callable[[str | None], list[str]]]:
    """Remove what the examples created and left behind, with a plain HTTP client and the target's key: yields
    `sweep(owner)`, for one example's leftovers (None: everything still left). The one client is shared by the
    pool's threads, so the sweeps reuse its connections instead of each opening its own."""
    import httpx2

    root = (target.base_url or "").removesuffix(_api_prefix(target))
    headers = {"Authorization": f"Bearer {target.api_key}"}
    with httpx2.Client(base_url=root, headers=headers, timeout=timeout) as client:

        def sweep(owner: str | None) -> list[str]:
            lines = ledger.sweep(client, owner, everyone=owner is None)
            return [redact(line, target.secrets()) for line in lines]

        yield sweep


def call_line(call: Call) -> str:
    """One HTTP call under its feature's row (its status and time in their columns): `GET /models req_123`."""
    parts = [call.method, call.path]
    if call.http_status is None:
        parts.append("(no answer)" if not call.note else "")
    if call.request_id:
        parts.append(call.request_id)
    if call.note:
        parts.append(f"({call.note})")
    return " ".join(part for part in parts if part)


def print_trace(target: Target, results: Sequence[ExampleResult], seconds: float, cleaned: Sequence[str]) -> None:
    from rich.console import Console
    from rich.table import Table

    # A log (not a terminal) gets a wide table: a call line cut into fragments over three rows is not readable.
    tty = sys.stdout.isatty()
    console = Console(soft_wrap=not tty, width=None if tty else LOG_WIDTH)
    where = "embedded mock" if target.embedded else target.base_url
    console.print(f"provider: {target.name} ({where}); models: chat={target.models.get('chat')}")
    table = Table("feature", "status", "HTTP", "ms", "detail", show_lines=False)
    for result in results:
        table.add_row(
            result.feature,
            str(result.status),
            "" if result.http_status is None else str(result.http_status),
            f"{result.elapsed_ms:.0f}",
            result.detail,
        )
        for call in result.calls:
            status = "" if call.http_status is None else str(call.http_status)
            table.add_row("", "", status, f"{call.ms:.0f}", f"↳ {call_line(call)}")
    console.print(table)
    counts = Counter(str(result.status) for result in results)
    for status in Status:
        if counts[status]:
            console.print(f"{status}: {counts[status]}")
    for line in cleaned:
        console.print(f"cleanup: {line}")
    console.print(f"{len(results)} features in {seconds:.1f} s")


def _serving(profile: str | None) -> contextlib.AbstractContextManager[Served | None]:
    """The mock's `serving`, imported when the embedded mock is the target: against a provider, the mock's modules
    (a third of a second to import) are not imported."""
    from openai_api.mock.adapters.server import serving

    return serving(profile)


def main(argv: Sequence[str] | None = None) -> int:
    from dotenv import load_dotenv

    load_dotenv(Path.cwd() / ".env", override=False)
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        fail_on = {Status(part.strip()) for part in args.fail_on.split(",") if part.strip()}
    except ValueError:
        parser.error(f"--fail-on: statuses are {', '.join(Status)}; got {args.fail_on!r}")
    try:
        defaults = ProbeSettings.from_env()
    except ValueError as error:
        parser.error(str(error))
    include = defaults.include_side_effects if args.include_side_effects is None else args.include_side_effects
    timeout = defaults.timeout if args.timeout is None else args.timeout
    limit = defaults.limit if args.limit is None else args.limit
    if args.deadline is not None:
        deadline = Deadline(args.deadline, "--deadline", call_cap=timeout)
    elif defaults.deadline is not None:
        deadline = Deadline(defaults.deadline, "OPENAI_API_PROBE_DEADLINE_SECONDS", call_cap=timeout)
    else:
        deadline = Deadline(derived_deadline(timeout), f"{DEADLINE_PER_TIMEOUT} x --timeout", call_cap=timeout)
    if deadline.seconds <= 0 or timeout <= 0:
        parser.error(f"--timeout and --deadline must be positive; got {timeout:g} and {deadline.seconds:g}")
    try:
        catalog = load_catalog()
        features = select(catalog, args.scope)
        target = resolve_target(args.provider)
    except (CatalogError, ProviderError) as error:
        parser.error(str(error))

    share_ssl_context()
    started = time.perf_counter()
    ledger = Ledger(_api_prefix(target)) if include and not target.embedded else None
    with contextlib.ExitStack() as stack:
        stack.enter_context(running_against(target, _serving, timeout, args.max_retries, ledger))
        sweep = None if ledger is None else stack.enter_context(sweeper(ledger, target, timeout))
        results, cleaned = run_all(
            catalog,
            features,
            target,
            variant=args.variant,
            include_side_effects=include,
            concurrency=args.concurrency,
            limit=limit,
            deadline=deadline,
            ledger=ledger,
            tidy=sweep,
        )
        if sweep is not None:
            cleaned += sweep(None)  # what was created outside the examples' own clients, or after they ended
    seconds = time.perf_counter() - started
    if args.print_trace:
        print_trace(target, results, seconds, cleaned)
    if args.report:
        report = Report(
            provider=target.name,
            base_url=None if target.embedded else target.base_url,
            generated_at=utc_timestamp(),
            sdk_version=openai.__version__,
            variant=args.variant,
            cleanup=cleaned,
            results=[report_result(result, target.secrets()) for result in results],
        )
        write_atomic(args.report, report.to_json())
    return 1 if any(r.status in fail_on for r in results) else 0


def run_as_command() -> int:
    """`main` in a process that ends with it (`python -m openai_api.main`): what the probe loaded (the SDK, the
    catalog, the mock) is then frozen out of the collections made on the way out (`sdk.loading.frozen_for_exit`)."""
    try:
        return main()
    finally:
        frozen_for_exit()


if __name__ == "__main__":
    raise SystemExit(run_as_command())
