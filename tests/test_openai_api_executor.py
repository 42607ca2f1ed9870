"""The executor's pool of worker processes: jobs spread over the workers, each result reaches its own future,
and a worker that dies reports itself on the job it was running instead of leaving the build hanging."""

from __future__ import annotations

import contextlib
import threading
from concurrent.futures import Future
from pathlib import Path

import pytest

from openai_api.core.providers import target_for
from openai_api.core.runner import ExampleResult
from openai_api.core.settings import DEFAULT_WORKERS, worker_count
from openai_api.core.status import Status
from openai_api.docsite import session
from openai_api.docsite.execution.executor import IN_FLIGHT, Executor
from openai_api.docsite.execution.job import Job
from openai_api.docsite.execution.results_cache import ResultCache

MOCK = target_for("mock", {})


def test_jobs_spread_over_the_workers_and_each_result_reaches_its_future() -> None:
    executor = Executor(MOCK, include_side_effects=False, cache=None, workers=2)
    try:
        code = 'import os\n\nprint("job {n}", os.getpid())\n'
        futures = [executor.submit_guide("pool-test", f"job-{n}", "none", code.format(n=n)) for n in range(4)]
        results = [future.result(timeout=120)[0] for future in futures]
    finally:
        executor.close()
    assert [result.status for result in results] == ["ok"] * 4
    words = [result.output.split() for result in results]
    assert [w[:2] for w in words] == [["job", str(n)] for n in range(4)]
    assert len({w[2] for w in words}) == 2, "four jobs submitted at once should keep both workers busy"
    assert executor.executed == 4


def test_an_example_that_waits_runs_on_a_worker_of_its_own_and_holds_up_no_other() -> None:
    """One computing worker: the quick job submitted behind the sleeping one still goes to another process."""
    executor = Executor(MOCK, include_side_effects=False, cache=None, workers=1)
    try:
        sleeping = executor.submit_guide(
            "pool-test", "sleeps", "none", "import os\nimport time\n\ntime.sleep(0.2)\nprint(os.getpid())\n"
        )
        quick = [
            executor.submit_guide("pool-test", f"quick-{n}", "none", f"import os\n\nprint({n}, os.getpid())\n")
            for n in range(2)
        ]
        slept = sleeping.result(timeout=120)[0]
        computed = [future.result(timeout=120)[0] for future in quick]
    finally:
        executor.close()
    assert [result.status for result in [slept, *computed]] == ["ok"] * 3
    pids = {result.output.split()[-1] for result in computed}
    assert len(pids) == 1 and slept.output.strip() not in pids


def test_a_build_spreads_the_examples_that_wait_over_four_workers() -> None:
    """A cold build's waits add up to seconds each; on the default waiting lane four of them wait side by side."""
    executor = Executor(MOCK, include_side_effects=False, cache=None, workers=1)
    code = "import os\nimport time\n\ntime.sleep(0.2)  # {n}\nprint(os.getpid())\n"
    try:
        with executor.batch():
            futures = [executor.submit_guide("pool-test", f"wait-{n}", "none", code.format(n=n)) for n in range(4)]
        results = [future.result(timeout=120)[0] for future in futures]
    finally:
        executor.close()
    assert [result.status for result in results] == ["ok"] * 4
    assert len({result.output for result in results}) == 4


def test_without_a_waiting_lane_every_job_shares_the_workers() -> None:
    executor = Executor(MOCK, include_side_effects=False, cache=None, workers=1, waiting_workers=0)
    try:
        codes = [
            "import os\nimport time\n\ntime.sleep(0.01)\nprint(os.getpid())\n",
            "import os\n\nprint(os.getpid())\n",
        ]
        results = [
            future.result(timeout=120)[0]
            for future in [executor.submit_guide("pool-test", f"job-{n}", "none", code) for n, code in enumerate(codes)]
        ]
    finally:
        executor.close()
    assert len({result.output for result in results}) == 1


@pytest.mark.parametrize(
    ("code", "waits"),
    [
        ("time.sleep(int(raw.headers.get('openai-poll-after-ms', '30000')) / 1000)", True),
        ("client.vector_stores.files.create_and_poll(vector_store_id=store.id, file_id=file.id)", True),
        ('client.models.list(extra_headers={"x-mock-delay-ms": "1000"})', True),
        ('client.models.retrieve("gpt-5.4-mini", extra_headers={"x-mock-status": "503"})', True),
        ('client.responses.create(model="gpt-5.4-mini", input="Hi", background=True)', True),
        ("threading.Thread(target=server.serve_forever, daemon=True).start()", True),
        ('client.with_options(timeout=120.0).responses.create(model="gpt-5.4-mini", input="Hi")', False),
        ("print(client.models.list().data[0].id)", False),
    ],
)
def test_which_examples_wait_is_read_from_their_code(code: str, waits: bool) -> None:
    assert Job(kind="guide", feature="block", variant="guide", code=code).waits is waits


def test_a_worker_that_dies_before_answering_fails_every_job_of_its_lane_with_the_reason() -> None:
    """It died on its first job: the jobs behind it would most likely end the same way, so none starts another."""
    executor = Executor(MOCK, include_side_effects=False, cache=None, workers=1)
    try:
        dying = executor.submit_guide("pool-test", "dies", "none", "import os\n\nos._exit(3)\n")
        queued = [executor.submit_guide("pool-test", f"queued-{n}", "none", f"print({n})\n") for n in range(3)]
        results = [future.result(timeout=120)[0] for future in [dying, *queued]]
    finally:
        executor.close()
    for result in results:
        assert result.status == "unknown_error"
        assert result.detail == "the example worker stopped: exit code 3"


def test_the_jobs_held_by_a_worker_that_dies_and_those_behind_them_run_on_a_fresh_one() -> None:
    """A worker holds a few jobs at a time; when it dies, the one it was running is reported, and the ones it had
    not started run on a fresh worker, in their order, before the jobs no worker held yet."""
    executor = Executor(MOCK, include_side_effects=False, cache=None, workers=1, waiting_workers=0)
    code = "import os\n\nprint({n}, os.getpid())\n"
    later_count = IN_FLIGHT + 2  # some held by the worker that dies, some not yet handed out
    try:
        first = executor.submit_guide("pool-test", "first", "none", code.format(n=0))
        first_result = first.result(timeout=120)[0]
        with executor.batch():  # handed out together: the worker holds the dying job and the ones behind it
            dying = executor.submit_guide("pool-test", "dies", "none", "import os\n\nos._exit(3)\n")
            later = [
                executor.submit_guide("pool-test", f"later-{n}", "none", code.format(n=n))
                for n in range(1, later_count + 1)
            ]
        died, *after = [future.result(timeout=120)[0] for future in [dying, *later]]
    finally:
        executor.close()
    assert first_result.status == "ok"
    assert (died.status, died.detail) == ("unknown_error", "the example worker stopped: exit code 3")
    assert [result.status for result in after] == ["ok"] * later_count
    assert [result.output.split()[0] for result in after] == [str(n) for n in range(1, later_count + 1)]
    fresh = {result.output.split()[1] for result in after}
    assert len(fresh) == 1 and fresh != {first_result.output.split()[1]}


def test_a_worker_that_dies_while_the_executor_closes_leaves_no_job_unanswered() -> None:
    """Closing hands every job out and waits for the workers; the jobs held by one that dies then run on a fresh
    worker, which the close waits for too."""
    executor = Executor(MOCK, include_side_effects=False, cache=None, workers=1, waiting_workers=0)
    code = "import os\n\nprint({n}, os.getpid())\n"
    with executor.batch():
        before = executor.submit_guide("pool-test", "before", "none", code.format(n=0))
        dying = executor.submit_guide("pool-test", "dies", "none", "import os\n\nos._exit(3)\n")
        later = [executor.submit_guide("pool-test", f"later-{n}", "none", code.format(n=n)) for n in range(1, 4)]
    executor.close()
    assert all(future.done() for future in [before, dying, *later])
    first, died, *after = [future.result()[0] for future in [before, dying, *later]]
    assert first.status == "ok" and died.status == "unknown_error"
    assert [result.output.split()[0] for result in after] == ["1", "2", "3"]
    fresh = {result.output.split()[1] for result in after}
    assert len(fresh) == 1 and fresh != {first.output.split()[1]}


def test_a_worker_that_frees_up_takes_the_next_job_while_another_is_held_up(tmp_path: Path) -> None:
    """Jobs are handed out as workers free up, not shared out at the start: the jobs behind a long one go to the
    worker that is free, except those the held-up worker already holds."""
    gate = tmp_path / "go"
    executor = Executor(MOCK, include_side_effects=False, cache=None, workers=2, waiting_workers=0)
    # Handed out together, to the emptier worker each (the first of them on a tie): the held job and every other
    # quick one to the first worker until it holds IN_FLIGHT jobs, the rest to the second as it frees up.
    behind_held = list(range(1, 2 * IN_FLIGHT - 2, 2))
    quick_count = 2 * IN_FLIGHT + 2
    try:
        with executor.batch():
            wait = f"while not pathlib.Path({str(gate)!r}).exists():\n    pass\n"
            held = executor.submit_guide(
                "pool-test", "held", "none", f"import os, pathlib\n\n{wait}print(os.getpid())\n"
            )
            quick = [
                executor.submit_guide("pool-test", f"quick-{n}", "none", f"import os\n\nprint({n}, os.getpid())\n")
                for n in range(quick_count)
            ]
        free_numbers = [n for n in range(quick_count) if n not in behind_held]
        free = [quick[n].result(timeout=120)[0] for n in free_numbers]
        assert not held.done() and not any(quick[n].done() for n in behind_held)
        gate.touch()
        second = [quick[n].result(timeout=120)[0] for n in behind_held]
        held_pid = held.result(timeout=120)[0].output.strip()
    finally:
        gate.touch()
        executor.close()
    assert [result.output.split()[0] for result in free] == [str(n) for n in free_numbers]
    assert {result.output.split()[1] for result in free} != {held_pid}
    assert len({result.output.split()[1] for result in free}) == 1
    assert [result.output.split() for result in second] == [[str(n), held_pid] for n in behind_held]


@pytest.mark.parametrize("raw", ["0", "17", "two", "-1"])
def test_a_bad_worker_count_names_the_setting(raw: str) -> None:
    with pytest.raises(ValueError, match=f"OPENAI_API_DOCS_WORKERS: expected a whole number from 1 to 16, got '{raw}'"):
        worker_count({"OPENAI_API_DOCS_WORKERS": raw})


def test_worker_count_defaults_and_reads_the_setting() -> None:
    assert worker_count({}) == DEFAULT_WORKERS
    assert worker_count({"OPENAI_API_DOCS_WORKERS": " 3 "}) == 3


def test_an_example_waiting_outside_the_sdk_past_its_deadline_is_stopped_and_the_queue_goes_on() -> None:
    """The guard: the worker process is stopped, the job is a network_error naming the deadline, the next job runs."""
    executor = Executor(MOCK, include_side_effects=False, cache=None, workers=1, deadline=0.5)
    try:
        stuck = executor.submit_guide("pool-test", "stuck", "none", "import threading\n\nthreading.Event().wait()\n")
        queued = executor.submit_guide("pool-test", "after", "none", 'print("runs after")\n')
        stopped, after = stuck.result(timeout=120)[0], queued.result(timeout=120)[0]
    finally:
        executor.close()
    assert stopped.status == "network_error"
    assert stopped.detail.startswith("deadline of 0.5 s (OPENAI_API_DOCS_DEADLINE_SECONDS) exceeded while waiting")
    assert "outside the SDK" in stopped.detail
    assert (after.status, after.output) == ("ok", "runs after\n")


def test_submitting_more_than_a_pipe_holds_never_blocks_the_build(tmp_path: Path) -> None:
    """The build submits every example at its start, more than a pipe's 64 KB; the worker takes the jobs in as they
    come, so `submit` returns while the worker is still busy with the first one (here: until a file appears)."""
    gate = tmp_path / "go"
    executor = Executor(MOCK, include_side_effects=False, cache=None, workers=1, waiting_workers=0)
    submitted = threading.Event()
    try:
        first = executor.submit_guide(
            "pool-test",
            "held",
            "none",
            f"import pathlib\n\nwhile not pathlib.Path({str(gate)!r}).exists():\n    pass\nprint('released')\n",
        )
        padding = "# " + "x" * 1000 + "\n"
        many: list[Future[list[ExampleResult]]] = []

        def submit_all() -> None:
            many.extend(
                executor.submit_guide("pool-test", f"job-{n}", "none", f"{padding * 2}print({n})\n") for n in range(150)
            )
            submitted.set()

        submitter = threading.Thread(target=submit_all, daemon=True)
        submitter.start()
        returned = submitted.wait(timeout=60)
        gate.touch()  # release the first job whatever happened, so nothing is left waiting
        assert returned, "submitting 300 KB of jobs blocked while the worker was busy"
        assert first.result(timeout=120)[0].output == "released\n"
        assert [future.result(timeout=120)[0].output for future in many] == [f"{n}\n" for n in range(150)]
    finally:
        gate.touch()
        executor.close()


WARM_CHECK = "from openai.types.chat import ChatCompletion\n\nprint(ChatCompletion.__pydantic_complete__)\n"


def _warm_check(executor: Executor, name: str, *, batch: bool) -> ExampleResult:
    try:
        with executor.batch() if batch else contextlib.nullcontext():
            future = executor.submit_guide("pool-test", name, "none", WARM_CHECK)
        return future.result(timeout=120)[0]
    finally:
        executor.close()


def test_a_batch_of_jobs_runs_on_workers_that_start_with_the_sdk_ready() -> None:
    """A batch as large as `fork_from` goes to workers forked from the process that imported the SDK and built
    every model's validator once (`warm`): the example finds them ready instead of building them itself."""
    executor = Executor(MOCK, include_side_effects=False, cache=None, workers=1, fork_from=1)
    result = _warm_check(executor, "warm", batch=True)
    assert result.status == "ok", result.detail
    assert result.output.split() == ["True"]


def test_a_forked_worker_collects_garbage_but_not_what_the_fork_server_loaded() -> None:
    """The fork server pauses the collector while it loads the SDK and freezes what it made (`warm`): a worker
    forked from it collects as usual, and its collections skip the SDK's objects. It also compiled the pattern of
    every route of the mock, which a worker would otherwise compile for each route it meets."""
    code = (
        "import gc\n\nfrom openai_api.sdk.routes import build_route_table\n\n"
        "print(gc.isenabled(), gc.get_freeze_count() > 100_000)\n"
        "print(all('regex' in vars(route) for route in build_route_table().routes))\n"
    )
    executor = Executor(MOCK, include_side_effects=False, cache=None, workers=1, fork_from=1)
    try:
        with executor.batch():
            future = executor.submit_guide("pool-test", "collector", "none", code)
        result = future.result(timeout=120)[0]
    finally:
        executor.close()
    assert result.status == "ok", result.detail
    assert result.output.split() == ["True", "True", "True"]


def test_a_worker_that_runs_only_guide_examples_never_reads_the_catalog(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Most of the examples that wait are a guide's: their workers need no catalog, and read it only for a card."""
    monkeypatch.setenv("OPENAI_API_CATALOG", str(tmp_path / "no-such-catalog.yaml"))
    executor = Executor(MOCK, include_side_effects=False, cache=None, workers=1)
    try:
        result = executor.submit_guide("pool-test", "no-catalog", "none", "print('ran')\n").result(timeout=120)[0]
    finally:
        executor.close()
    assert result.status == "ok", result.detail
    assert result.output == "ran\n"


def test_a_job_outside_a_batch_runs_on_a_worker_of_its_own_making() -> None:
    """One example (an edit under `mkdocs serve`) is answered sooner by a fresh interpreter than by waiting for the
    fork server to load everything."""
    executor = Executor(MOCK, include_side_effects=False, cache=None, workers=1, fork_from=1)
    result = _warm_check(executor, "alone", batch=False)
    assert result.status == "ok", result.detail
    assert result.output.split() == ["False"]


def test_once_the_package_has_changed_workers_import_it_afresh(monkeypatch: pytest.MonkeyPatch) -> None:
    """The fork server holds the package as it was when it started; after an edit (under `mkdocs serve`) a worker
    forked from it would run the old code, so new workers are fresh interpreters instead."""
    from openai_api.docsite.execution import worker_process

    before = _warm_check(Executor(MOCK, include_side_effects=False, cache=None, fork_from=1), "before", batch=True)
    monkeypatch.setattr(worker_process, "package_fingerprint", lambda: "the package after an edit")
    after = _warm_check(Executor(MOCK, include_side_effects=False, cache=None, fork_from=1), "after", batch=True)
    assert [before.status, after.status] == ["ok", "ok"], (before.detail, after.detail)
    assert before.output.split() == ["True"]
    assert after.output.split() == ["False"]  # nothing built ahead: this worker imported the package itself


def _alone_and_behind(code: str, others: list[str]) -> tuple[ExampleResult, ExampleResult]:
    """`code` run by a worker of its own, then by another worker after `others` (each of which must be `ok`)."""
    alone = Executor(MOCK, include_side_effects=False, cache=None, workers=1)
    behind = Executor(MOCK, include_side_effects=False, cache=None, workers=1)
    try:
        first = alone.submit_guide("pool-test", "ids", "none", code).result(timeout=120)[0]
        before = [behind.submit_guide("pool-test", f"other-{n}", "none", o) for n, o in enumerate(others)]
        second = behind.submit_guide("pool-test", "ids", "none", code).result(timeout=120)[0]
    finally:
        alone.close()
        behind.close()
    assert [f.result()[0].status for f in before] == ["ok"] * len(others)
    assert first.status == second.status == "ok", (first.detail, second.detail)
    return first, second


def test_an_example_shows_the_same_ids_whichever_worker_runs_it_after_whatever() -> None:
    """The mock derives ids from the key an example runs under; that key is the example's own, so a page shows
    the same ids in every build however the examples were spread over the workers."""
    code = (
        "import io\n\nfrom openai import OpenAI\n\nclient = OpenAI()\n"
        'uploaded = client.files.create(file=("notes.txt", io.BytesIO(b"hi")), purpose="assistants")\n'
        "print(uploaded.id)\n"
    )
    first, second = _alone_and_behind(code, [code.replace("notes", f"other-{n}") for n in range(3)])
    assert first.output.startswith("file-") and first.output == second.output


def test_an_admin_example_shows_the_same_ids_whatever_admin_example_ran_before_it() -> None:
    """The admin key an example runs under is its own too: the admin card's request ids do not depend on which
    admin example the same worker ran first."""
    code = (
        "from openai import OpenAI\n\nclient = OpenAI()\n"
        "raw = client.admin.organization.projects.with_raw_response.list(limit=1)\n"
        "print(raw.headers['x-request-id'])\n"
    )
    first, second = _alone_and_behind(code, [code.replace("limit=1", "limit=2")])
    assert first.output.startswith("req_") and first.output == second.output


def _ok(feature: str) -> ExampleResult:
    return ExampleResult(feature=feature, variant="sync", status=Status.OK, elapsed_ms=1.0, target="mock")


def test_a_cache_says_whether_it_holds_results_of_this_package(tmp_path: Path) -> None:
    cache = ResultCache(tmp_path)
    assert not cache.holds_this_package()
    cache.put(
        "a", [ExampleResult(feature="f", variant="sync", status=Status.RATE_LIMITED, elapsed_ms=1.0, target="mock")]
    )
    assert not cache.holds_this_package()  # a transient result is not kept, so nothing of this package is
    cache.put("b", [_ok("f")])
    assert cache.holds_this_package() and ResultCache(tmp_path).holds_this_package()
    assert cache.get("b") is not None and cache.get("a") is None


@pytest.mark.parametrize(
    ("env", "kept", "started"),
    [
        ({}, False, True),  # a first build on the mock
        ({}, True, False),  # results of this package kept: most come from the cache
        ({"OPENAI_API_DOCS_REFRESH": "1"}, True, True),  # every example runs again
        ({"OPENAI_API_DOCS_EXEC": "0"}, False, False),
        ({"OPENAI_API_DOCS_TARGET": "live"}, False, False),  # a provider's answers are waited for, not computed
        ({"OPENAI_API_DOCS_TARGET": "nowhere"}, False, False),  # left for the session to report
    ],
)
def test_the_fork_server_starts_with_the_command_only_for_a_build_that_will_execute(
    env: dict[str, str], kept: bool, started: bool, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[str] = []
    monkeypatch.setattr(session, "start_fork_server", lambda: calls.append("started"))
    monkeypatch.setenv("OPENAI_API_DOCS_CACHE_DIR", str(tmp_path))
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    if kept:
        ResultCache(tmp_path).put("kept", [_ok("f")])
    session.start_executing_early()
    assert calls == (["started"] if started else [])
