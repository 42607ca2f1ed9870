"""Hands examples to worker processes and gives back futures, consulting the execution cache first.

Every example of the catalog and of the guides is submitted as soon as the build starts, so that by the time
a page is rendered its results are usually already there. Identical submissions share one execution.

Why a pool: running an example is mostly CPU work (the SDK and the mock), so the workers use the machine's cores
while MkDocs renders. A worker runs its jobs in order, so results and waiting futures pair up by position.

Why jobs are handed out as workers free up, a few at a time each, rather than all shared out at the start: the jobs
differ a thousandfold in cost (an SDK surface of a hundred methods, a `print`), so shares of equal count ended
unequal, and a job behind a long one waited while another worker had nothing left. Why a few (`IN_FLIGHT`) and not
one: the parent's answer to a result comes from its reader and writer threads, which wait for the interpreter lock
behind the page rendering (up to its switch interval, 5 ms, each), while half of the jobs take under 9 ms; a worker
that held only the next job waited for the parent between them. A worker that dies fails the job it was running
only; the jobs it held behind it go back to the front of its lane for a fresh worker, unless it died before
answering any, when the lane's jobs would most likely all end the same way and are reported with its reason.

Why a lane of its own for the examples that wait (`Job.waits`: a poll, a retry's back-off, a timeout being shown):
a worker that sleeps leaves its core idle and holds up the job it has been given next. On their own workers the
waits overlap the computing workers' work and hold nothing up. Their price in a build is small: a build's workers
are forked from a process that has already imported the SDK and the mock and built the SDK's validators (`batch`,
`worker_process`, `warm`).

Why four workers in that lane: a cold build's waits add up to some ten seconds, and they can start only once the
fork server is ready; on two workers the last wait ended seconds after the computing workers were done, the end of
the build. A worker that mostly sleeps costs a few tenths of a second of CPU.
"""

from __future__ import annotations

import contextlib
import functools
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future

from openai_api.core.providers import Target
from openai_api.core.runner import RESULTS, ExampleResult
from openai_api.core.settings import DEFAULT_DOCS_DEADLINE
from openai_api.core.status import Status
from openai_api.docsite.execution.job import Job
from openai_api.docsite.execution.results_cache import ResultCache, cache_key, surface_key
from openai_api.docsite.execution.worker_process import WorkerProcess

WAITING_WORKERS = 4  # workers for the examples that wait, besides the `workers` that compute
FORK_FROM = 20  # jobs handed out together from which workers are forked from the warmed fork server (`batch`)
GUARD_MARGIN = 10.0  # seconds past an example's deadline before its worker process is stopped
GUARD_TICK = 0.25

Callback = Callable[[str, "Future[list[ExampleResult]]", list[ExampleResult]], None]
_Entry = tuple[str, Job, "Future[list[ExampleResult]]"]  # a job, its cache key and its future
# Jobs a worker holds at once: the one it runs and those it runs next (see the module's docstring). Measured in cold
# builds on two cores, each computing worker spent 0.45-0.67 s waiting for its next job with two, 0.12-0.25 s with
# four; more would lengthen the tail (a worker still holding jobs while the other has none).
IN_FLIGHT = 4


def _failed(job: Job, target: Target, detail: str, status: Status) -> ExampleResult:
    return ExampleResult(
        feature=job.feature,
        variant=job.variant,
        status=status,
        elapsed_ms=0.0,
        target=target.name,
        detail=detail,
        page=job.page,
    )


class _Worker:
    """One child process running jobs in the order it received them.

    Guard: every example runs under its deadline inside the worker (see `core.deadline`), which stops it at its
    next SDK call. An example that waits outside the SDK would still hold the worker and every job queued
    behind it; so a job still running `GUARD_MARGIN` seconds after its deadline has its process stopped, is
    reported `network_error`, and the jobs queued behind it go to a fresh process.
    """

    def __init__(
        self,
        target: Target,
        on_results: Callback,
        on_ended: Callable[[_Worker, list[_Entry]], None],
        deadline: float,
        *,
        forked: bool,
    ) -> None:
        self.target = target
        self.deadline = deadline
        self.forked = forked
        self.waiting: deque[_Entry] = deque()
        self._on_results = on_results
        self._on_ended = on_ended
        self._lock = threading.Lock()
        self._running_since: float | None = None  # when the job at the head of `waiting` started
        self._stopped_head = False  # the guard stopped the process for the job at the head
        self._closing = False
        self.ended = ""  # why the worker's process ended for good, once it has
        self.answered = 0  # jobs it has answered
        self._spawn()
        self._guard = threading.Thread(target=self._watch, name="openai-api-worker-guard", daemon=True)
        self._guard.start()

    def _spawn(self) -> None:
        self._process = WorkerProcess(self.target, self.deadline, forked=self.forked)
        self._reader = threading.Thread(target=self._read, name="openai-api-worker-reader", daemon=True)
        self._reader.start()

    def send(self, key: str, job: Job, future: Future[list[ExampleResult]]) -> None:
        with self._lock:
            self.waiting.append((key, job, future))
            if len(self.waiting) == 1:
                self._running_since = time.monotonic()
            self._process.write(job)

    def _watch(self) -> None:
        limit = self.deadline + GUARD_MARGIN
        while not self._closing:
            time.sleep(GUARD_TICK)
            with self._lock:
                since, process = self._running_since, self._process
                overdue = since is not None and time.monotonic() - since > limit and not self._stopped_head
                if overdue:
                    self._stopped_head = True
            if overdue:
                process.kill()

    def _read(self) -> None:
        process = self._process
        for message in process.results():
            with self._lock:
                key, _, future = self.waiting.popleft()
                self._running_since = time.monotonic() if self.waiting else None
                self.answered += 1
            self._on_results(key, future, RESULTS.validate_json(message))
        process.wait(timeout=self.deadline + GUARD_MARGIN)
        with self._lock:
            stopped, self._stopped_head = self._stopped_head, False
            head = self.waiting.popleft() if stopped and self.waiting else None
        if head is not None:
            self._on_results(head[0], head[2], [self._overdue(head[1])])
            process.discard()
            self._restart()
            return
        # The worker is gone: the job it was running will never answer; say why instead of hanging. The jobs it
        # held behind that one never started, and go back to the executor.
        reason = process.end_reason()
        process.discard()
        with self._lock:
            self.ended = f"the example worker stopped: {reason}"
            held = list(self.waiting)
            self.waiting.clear()
        if held:
            _, job, future = held[0]
            future.set_result([_failed(job, self.target, self.ended, Status.UNKNOWN_ERROR)])
        self._on_ended(self, held[1:])

    def _restart(self) -> None:
        """A fresh process for the jobs that were queued behind the one the guard stopped."""
        with self._lock:
            self._spawn()
            self._running_since = time.monotonic() if self.waiting else None
            for _, job, _ in self.waiting:
                self._process.write(job)
            if self._closing:
                self._process.close_input()

    def _overdue(self, job: Job) -> ExampleResult:
        detail = (
            f"deadline of {self.deadline:g} s (OPENAI_API_DOCS_DEADLINE_SECONDS) exceeded while waiting outside the "
            f"SDK (no request in flight); its worker process was stopped {GUARD_MARGIN:g} s after the deadline"
        )
        result = _failed(job, self.target, detail, Status.NETWORK_ERROR)
        result.elapsed_ms = round((self.deadline + GUARD_MARGIN) * 1000, 1)
        return result

    def stop_input(self) -> None:
        """No more jobs. A worker with none left is stopped at once: all it would still do is shut its mock server
        down (half a second each, and a build has seven workers)."""
        self._closing = True
        with self._lock:
            process, idle = self._process, not self.waiting
            process.close_input()
        if idle:
            process.terminate()

    def close(self) -> None:
        self.stop_input()
        while True:
            process = self._process
            if not process.wait(timeout=self.deadline + GUARD_MARGIN + 30):
                process.kill()
                process.wait(timeout=30)
            self._reader.join(timeout=5)
            if self._process is process:  # not replaced by a restart meanwhile
                break


class Executor:
    def __init__(
        self,
        target: Target,
        *,
        include_side_effects: bool,
        cache: ResultCache | None,
        refresh: bool = False,
        workers: int = 1,
        waiting_workers: int = WAITING_WORKERS,
        deadline: float = DEFAULT_DOCS_DEADLINE,
        fork_from: int = FORK_FROM,
    ) -> None:
        self.target = target
        self.include_side_effects = include_side_effects
        self.cache = cache
        self.refresh = refresh
        self.executed = 0
        self.deadline = deadline
        self._futures: dict[str, Future[list[ExampleResult]]] = {}
        self._lock = threading.Lock()
        # Two lanes, each growing up to its size as jobs come: the examples that compute, and those that wait (with
        # no waiting lane, the examples that wait share the first).
        self._limits = {False: workers, True: waiting_workers}
        self._lanes: dict[bool, list[_Worker]] = {False: [], True: []}
        self._pending: dict[bool, deque[_Entry]] = {False: deque(), True: deque()}  # jobs no worker holds yet
        self._forked = {False: False, True: False}  # whether a lane's next new worker is forked (`batch`)
        self._closing = False
        self._fork_from = fork_from
        self._held: list[_Entry] | None = None  # jobs of an open `batch`

    @contextlib.contextmanager
    def batch(self) -> Iterator[None]:
        """Jobs submitted in the block are handed out when it ends, when their number tells how to start workers.

        Why: a worker forked from the fork server starts with the SDK and the mock loaded and every validator of the
        SDK built, which the fork server spends about 3 s of CPU on once; a spawned worker imports for itself (about
        1 s) and builds the validators its examples meet (several times slower, as the SDK builds them on first
        use). For a whole build (hundreds of examples, seven workers) forking saves tens of seconds; for the one
        example an edit changed, spawning answers sooner. Jobs submitted outside a batch go to spawned workers.
        """
        with self._lock:
            self._held = []
        try:
            yield
        finally:
            with self._lock:
                held, self._held = self._held or [], None
                forked = len(held) >= self._fork_from
                for entry in held:
                    lane = self._lane_of(entry[1])
                    self._pending[lane].append(entry)
                    self._forked[lane] = forked
            self._hand_out()

    def submit(self, feature: str, variant: str, code: str) -> Future[list[ExampleResult]]:
        """Run an example; the future holds its one result."""
        code = code.strip("\n") + "\n"  # a fence and a file differ only in their trailing newlines
        key = cache_key(code, self.target, feature=feature, variant=variant)
        job = Job(
            kind="example",
            feature=feature,
            variant=variant,
            code=code,
            include_side_effects=self.include_side_effects,
        )
        return self._submit(key, job)

    def submit_guide(self, page: str, name: str, side_effect: str, code: str) -> Future[list[ExampleResult]]:
        """Run an example of a guide page; the future holds its one result."""
        code = code.strip("\n") + "\n"
        key = cache_key(code, self.target, feature=f"{page}#{name}", variant="guide")
        job = Job(
            kind="guide",
            feature=name,
            variant="guide",
            page=page,
            side_effect=side_effect,  # type: ignore[arg-type]  # validated by the model
            code=code,
            include_side_effects=self.include_side_effects,
        )
        return self._submit(key, job)

    def submit_surface(self, resource: str) -> Future[list[ExampleResult]]:
        """Call every method of a resource against the in-process mock; the future holds one result per method."""
        key = surface_key(resource)
        return self._submit(key, Job(kind="surface", feature=resource, variant="surface"))

    def result(self, feature: str, variant: str, code: str) -> ExampleResult:
        return self.submit(feature, variant, code).result()[0]

    def _submit(self, key: str, job: Job) -> Future[list[ExampleResult]]:
        with self._lock:
            if key in self._futures:
                return self._futures[key]
            future: Future[list[ExampleResult]] = Future()
            self._futures[key] = future
        cached = None if (self.refresh or self.cache is None) else self.cache.get(key)
        if cached is not None:
            future.set_result(cached)
            return future
        with self._lock:
            if self._held is not None:
                self._held.append((key, job, future))
                return future
            lane = self._lane_of(job)
            self._pending[lane].append((key, job, future))
            self._forked[lane] = False
        self._hand_out()
        return future

    def _lane_of(self, job: Job) -> bool:
        """The waiting lane for a job that waits, when there is one."""
        return job.waits and self._limits[True] > 0

    def _hand_out(self) -> None:
        """Each lane's jobs, in the order they came, to its workers as they free up: at most `IN_FLIGHT` at a time
        each (all of them once the executor closes), the lane growing up to its size while jobs wait."""
        with self._lock:
            for waits, pending in self._pending.items():
                lane = self._lanes[waits] = [worker for worker in self._lanes[waits] if not worker.ended]
                while pending and (worker := self._free_worker(waits, lane)) is not None:
                    worker.send(*pending.popleft())

    def _free_worker(self, waits: bool, lane: list[_Worker]) -> _Worker | None:
        """An idle worker if there is one, a new one while the lane may grow, else one with room for another job."""
        idle = [worker for worker in lane if not worker.waiting]
        if idle:
            return idle[0]
        if len(lane) < self._limits[waits]:
            ended = functools.partial(self._ended, waits)
            lane.append(_Worker(self.target, self._done, ended, self.deadline, forked=self._forked[waits]))
            return lane[-1]
        roomy = [worker for worker in lane if self._closing or len(worker.waiting) < IN_FLIGHT]
        return min(roomy, key=lambda worker: len(worker.waiting), default=None)

    def _ended(self, waits: bool, worker: _Worker, unstarted: list[_Entry]) -> None:
        """A worker's process ended for good (not stopped by the guard, which starts a fresh one): the job it was
        running was reported failed; the jobs it held behind it and the lane's other jobs go to a new worker, those
        first, unless the one that ended answered none, when each of them would most likely end the same way (a
        broken environment): they are reported with its reason."""
        with self._lock:
            pending = self._pending[waits]
            pending.extendleft(reversed(unstarted))
            failed = [] if worker.answered else list(pending)
            if failed:
                pending.clear()
        for _, job, future in failed:
            future.set_result([_failed(job, self.target, worker.ended, Status.UNKNOWN_ERROR)])
        self._hand_out()

    def _done(self, key: str, future: Future[list[ExampleResult]], results: list[ExampleResult]) -> None:
        self._hand_out()  # the worker that answered has room for its next job
        with self._lock:
            self.executed += len(results)
        if self.cache is not None:
            self.cache.put(key, results)
        future.set_result(results)

    def close(self) -> None:
        with self._lock:
            self._closing = True
        self._hand_out()  # whatever is still waiting goes to the workers, which answer it before they stop
        while True:  # again for a worker started meanwhile, for the jobs held by one that died
            with self._lock:
                workers = [worker for lane in self._lanes.values() for worker in lane]
                self._lanes = {False: [], True: []}
            if not workers:
                break
            for worker in workers:  # all at once, then wait for each
                worker.stop_input()
            for worker in workers:
                worker.close()
