"""The executor's pool of worker processes: jobs spread over the workers, each result reaches its own future,
and a worker that dies reports itself on every job it still owed instead of leaving the build hanging."""

from __future__ import annotations

import pytest

from openai_api.core.providers import target_for
from openai_api.core.settings import DEFAULT_WORKERS, worker_count
from openai_api.docsite.execution.executor import Executor

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


def test_a_dead_worker_fails_every_job_it_owed_with_the_reason() -> None:
    executor = Executor(MOCK, include_side_effects=False, cache=None, workers=1)
    try:
        dying = executor.submit_guide("pool-test", "dies", "none", "import os\n\nos._exit(3)\n")
        queued = executor.submit_guide("pool-test", "queued", "none", 'print("never runs")\n')
        results = [dying.result(timeout=120)[0], queued.result(timeout=120)[0]]
    finally:
        executor.close()
    for result in results:
        assert result.status == "unknown_error"
        assert result.detail == "the example worker stopped: exit code 3"


@pytest.mark.parametrize("raw", ["0", "17", "two", "-1"])
def test_a_bad_worker_count_names_the_setting(raw: str) -> None:
    with pytest.raises(ValueError, match=f"OPENAI_API_DOCS_WORKERS: expected a whole number from 1 to 16, got '{raw}'"):
        worker_count({"OPENAI_API_DOCS_WORKERS": raw})


def test_worker_count_defaults_and_reads_the_setting() -> None:
    assert worker_count({}) == DEFAULT_WORKERS
    assert worker_count({"OPENAI_API_DOCS_WORKERS": " 3 "}) == 3
