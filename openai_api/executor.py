"""Hands examples to the worker process and gives back futures, consulting the execution cache first.

Every example of the catalog is submitted as soon as the build starts, so that by the time a page is
rendered its results are usually already there; an example seen only at render time (a guide's) is submitted
then. Identical submissions share one execution.
"""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import tempfile
import threading
from collections import deque
from concurrent.futures import Future
from typing import IO

from openai_api.cache import ResultCache, cache_key, surface_key
from openai_api.component import RESULTS, ExampleResult
from openai_api.providers import Target
from openai_api.status import Status


class Executor:
    def __init__(
        self,
        target: Target,
        *,
        include_side_effects: bool,
        cache: ResultCache | None,
        refresh: bool = False,
    ) -> None:
        self.target = target
        self.include_side_effects = include_side_effects
        self.cache = cache
        self.refresh = refresh
        self.executed = 0
        self._futures: dict[str, Future[list[ExampleResult]]] = {}
        self._waiting: deque[tuple[str, dict[str, object], Future[list[ExampleResult]]]] = deque()
        self._stderr: IO[str] | None = None
        self._lock = threading.Lock()
        self._process: subprocess.Popen[str] | None = None
        self._reader: threading.Thread | None = None

    def submit(self, feature: str, variant: str, code: str) -> Future[list[ExampleResult]]:
        """Run an example; the future holds its one result."""
        code = code.strip("\n") + "\n"  # a fence and a file differ only in their trailing newlines
        key = cache_key(code, self.target, feature=feature, variant=variant)
        job = {
            "kind": "example",
            "feature": feature,
            "variant": variant,
            "code": code,
            "include_side_effects": self.include_side_effects,
        }
        return self._submit(key, job)

    def submit_guide(self, page: str, name: str, side_effect: str, code: str) -> Future[list[ExampleResult]]:
        """Run an example of a guide page; the future holds its one result."""
        code = code.strip("\n") + "\n"
        key = cache_key(code, self.target, feature=f"{page}#{name}", variant="guide")
        job = {
            "kind": "guide",
            "feature": name,
            "variant": "guide",
            "page": page,
            "side_effect": side_effect,
            "code": code,
            "include_side_effects": self.include_side_effects,
        }
        return self._submit(key, job)

    def submit_surface(self, resource: str) -> Future[list[ExampleResult]]:
        """Call every method of a resource against the in-process mock; the future holds one result per method."""
        key = surface_key(resource)
        return self._submit(key, {"kind": "surface", "feature": resource, "variant": "surface"})

    def result(self, feature: str, variant: str, code: str) -> ExampleResult:
        return self.submit(feature, variant, code).result()[0]

    def surface(self, resource: str) -> list[ExampleResult]:
        return self.submit_surface(resource).result()

    def _submit(self, key: str, job: dict[str, object]) -> Future[list[ExampleResult]]:
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
            process = self._ensure_worker()
            self._waiting.append((key, job, future))
            assert process.stdin is not None
            try:
                process.stdin.write(json.dumps(job) + "\n")
                process.stdin.flush()
            except OSError:
                pass  # the reader thread reports the dead worker on every waiting future
        return future

    def _ensure_worker(self) -> subprocess.Popen[str]:
        if self._process is None:
            # A file, not a pipe: a pipe nobody reads fills up and blocks the worker. Closed in `close`.
            self._stderr = tempfile.TemporaryFile(mode="w+", encoding="utf-8")  # noqa: SIM115
            self._process = subprocess.Popen(
                [sys.executable, "-m", "openai_api.worker", self.target.name],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=self._stderr,
                text=True,
                encoding="utf-8",
                env=os.environ.copy(),
            )
            self._reader = threading.Thread(target=self._read, name="openai-api-worker-reader", daemon=True)
            self._reader.start()
        return self._process

    def _read(self) -> None:
        process = self._process
        assert process is not None and process.stdout is not None
        for line in process.stdout:
            with self._lock:
                key, _, future = self._waiting.popleft()
            results = RESULTS.validate_json(line)
            self.executed += len(results)
            if self.cache is not None:
                self.cache.put(key, results)
            future.set_result(results)
        # The worker is gone: whatever is still waiting will never come; say why instead of hanging.
        process.wait()
        reason = f"exit code {process.returncode}"
        if self._stderr is not None:
            self._stderr.seek(0)
            reason = " ".join(self._stderr.read().strip().splitlines()[-1:]) or reason
        with self._lock:
            while self._waiting:
                _, job, future = self._waiting.popleft()
                future.set_result(
                    [
                        ExampleResult(
                            feature=str(job["feature"]),
                            variant=str(job["variant"]),
                            status=Status.UNKNOWN_ERROR,
                            elapsed_ms=0.0,
                            target=self.target.name,
                            detail=f"the example worker stopped: {reason}",
                        )
                    ]
                )

    def close(self) -> None:
        process = self._process
        if process is None:
            return
        if process.stdin is not None:
            with contextlib.suppress(OSError):
                process.stdin.close()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        if self._reader is not None:
            self._reader.join(timeout=5)
        if self._stderr is not None:
            self._stderr.close()
            self._stderr = None
        self._process = None
