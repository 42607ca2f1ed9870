"""Benchmark: what the embedded mock costs on top of the SDK itself.

Prints calls per second of `responses.create` against (1) a transport that returns one fixed valid answer —
the SDK's own floor —, (2) the in-process mock, (3) the mock server over loopback, sequentially on one
connection, and the ratios. Targets: in-process at most 2 x the floor's time per call; server
mode at least 500 calls/s.

The server is measured twice: in a thread of this process, as the docs build and the tests run it (client
and server then share one interpreter lock), and in a child process, as `python -m openai_api.mock` serves
it to a user's program — with one client and with four client threads.

Then the mock as a test server, as `python -m openai_api.mock` runs for a user's test suite: the time from
starting the command to its first answer (target <= 1 s), its memory after a mixed workload (target <= 100 MB),
and sequential calls per second of that mixed workload — models, files, chat, responses, embeddings — from one
client over loopback (target >= 1.25 x the figure measured before the mock became model-like; see the README).

``--baseline REV`` measures that last part for the tree at git revision REV too, in one run on one machine: REV is
checked out into a temporary ``git worktree`` (removed afterwards), its ``python -m openai_api.mock`` is started the
same way (this interpreter, that tree first on the path) and driven by the same client code, alternating with the
current tree ``--repeat`` times, and the ratios of the medians are printed. Each tree is started once before
measuring, so both have their route cache and byte code. Both trees run in this environment: packages installed
since REV (uvicorn's httptools and uvloop) serve the baseline too, so the ratios show what the code changed
(bc2e790, the commit before the first issue-17 change, is the README's baseline). ``--test-server-only`` skips
the in-process figures.

``--first models|chat|responses`` picks the request whose first answer is timed (``GET /models`` by default, as the
README's earlier figures were measured): a user's suite more often begins with ``chat.completions.create`` or
``responses.create``, whose first answer also builds the SDK's validators for their larger types. The request is
sent until it is answered, so the time includes the server's start-up, its route match and that reply.
"""

from __future__ import annotations

import argparse
import io
import os
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, fields
from pathlib import Path

import httpx2
from bench_trees import checked_out
from child_server import child_server, free_port, serve_until_stdin_closes
from openai import OpenAI

from openai_api.mock.adapters.server import running_server
from openai_api.mock.adapters.transport import mock_client

MODEL, INPUT = "gpt-5.4-mini", "Say hello in one short sentence."


def rate(call: Callable[[], object], seconds: float) -> float:
    call()  # warm: the first call builds the SDK's models for this response type
    count, started = 0, time.perf_counter()
    while (elapsed := time.perf_counter() - started) < seconds:
        call()
        count += 1
    return count / elapsed


def threaded_rate(client: OpenAI, threads: int, seconds: float) -> float:
    """Calls per second of ``threads`` threads sharing one client (its connection pool) for ``seconds``."""
    client.responses.create(model=MODEL, input=INPUT)
    counts = [0] * threads
    stop = time.perf_counter() + seconds

    def work(index: int) -> None:
        while time.perf_counter() < stop:
            client.responses.create(model=MODEL, input=INPUT)
            counts[index] += 1

    started = time.perf_counter()
    workers = [threading.Thread(target=work, args=(i,)) for i in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return sum(counts) / (time.perf_counter() - started)


def rss_mb(pid: int) -> float:
    with open(f"/proc/{pid}/status", encoding="utf-8") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def cpu_seconds(pid: int) -> float:
    """User and system CPU the process has spent: steadier than wall time on a machine others load too."""
    with open(f"/proc/{pid}/stat", encoding="utf-8") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def mixed_workload(client: OpenAI) -> None:
    """One round of what a test suite typically sends: lists, a create, the generation endpoints."""
    client.models.list()
    uploaded = client.files.create(file=("notes.txt", io.BytesIO(b"hello")), purpose="assistants")
    client.files.retrieve(uploaded.id)
    client.chat.completions.create(model=MODEL, messages=[{"role": "user", "content": "What's the weather in Oslo?"}])
    client.responses.create(model=MODEL, input=INPUT)
    client.embeddings.create(model="text-embedding-3-small", input="a short text")


ROOT = Path(__file__).resolve().parent.parent

# the first request a test suite may send: (method, path, JSON body)
FIRST_REQUESTS: dict[str, tuple[str, str, dict[str, object] | None]] = {
    "models": ("GET", "/models", None),
    "chat": ("POST", "/chat/completions", {"model": MODEL, "messages": [{"role": "user", "content": INPUT}]}),
    "responses": ("POST", "/responses", {"model": MODEL, "input": INPUT}),
}


@dataclass(frozen=True)
class ServerRun:
    first_answer: float  # seconds from the command to its first answer, wall
    first_cpu: float  # the server's CPU seconds by then
    memory_mb: float  # resident after the mixed workload
    calls_per_s: float  # of the mixed workload


def cold_server(seconds: float, tree: Path = ROOT, warm_up: bool = False, first: str = "models") -> ServerRun:
    """Start `python -m openai_api.mock` of ``tree`` as a user would and time its first answer (to the request
    ``FIRST_REQUESTS[first]``), then run the mixed workload (six calls a round). ``warm_up`` only starts it, writing
    the tree's byte code even where PYTHONDONTWRITEBYTECODE is set, as an installed package has its byte code."""
    method, path, body = FIRST_REQUESTS[first]
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(tree)}
    if warm_up:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
    started = time.perf_counter()
    server = subprocess.Popen(
        [sys.executable, "-m", "openai_api.mock", "--port", str(port)],
        cwd=tree,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        with httpx2.Client(base_url=f"http://127.0.0.1:{port}/v1", timeout=2.0) as http:
            while True:
                try:
                    answer = http.request(method, path, json=body, headers={"Authorization": "Bearer sk-bench"})
                    if answer.status_code == 200:
                        break
                except httpx2.TransportError:
                    pass
                if time.perf_counter() - started > 60 or server.poll() is not None:
                    raise SystemExit(f"the mock server of {tree} did not answer within 60 s")
                time.sleep(0.01)
        first_answer, first_cpu = time.perf_counter() - started, cpu_seconds(server.pid)
        if warm_up:
            return ServerRun(first_answer, first_cpu, rss_mb(server.pid), 0.0)
        with OpenAI(api_key="sk-bench", base_url=f"http://127.0.0.1:{port}/v1", max_retries=0) as client:
            rounds = rate(lambda: mixed_workload(client), seconds)
        return ServerRun(first_answer, first_cpu, rss_mb(server.pid), rounds * 6)
    finally:
        server.terminate()
        server.wait(timeout=30)


def print_test_server(label: str, runs: list[ServerRun]) -> ServerRun:
    """Each run's figures and their medians (returned), one line per figure."""
    median = ServerRun(*(statistics.median(getattr(r, field.name) for r in runs) for field in fields(ServerRun)))

    def each(name: str, form: str) -> str:
        return ", ".join(format(getattr(r, name), form) for r in runs)

    print(f"{label}:")
    print(f"  first answer after start: {median.first_answer:5.2f} s   runs: {each('first_answer', '.2f')}")
    print(f"  server CPU by the first answer: {median.first_cpu:5.2f} s   runs: {each('first_cpu', '.2f')}")
    print(f"  resident memory after the mixed workload: {median.memory_mb:6.1f} MB")
    calls = each("calls_per_s", ".0f")
    print(f"  mixed workload, one client, sequential: {median.calls_per_s:6.0f} calls/s   runs: {calls}")
    return median


def test_server(seconds: float, baseline: str | None, repeat: int, first: str = "models") -> None:
    """`python -m openai_api.mock` as a test server, and beside it the tree at ``baseline`` when given; ``first``
    names the request whose first answer is timed (``FIRST_REQUESTS``)."""
    cold_server(0, warm_up=True)
    label = f"python -m openai_api.mock, first request {first}"
    if baseline is None:
        current = print_test_server(label, [cold_server(seconds, first=first) for _ in range(repeat)])
        print(
            f"  targets: first answer <= 1 s ({current.first_answer:.2f}), memory <= 100 MB ({current.memory_mb:.0f})"
        )
        return
    with checked_out(baseline) as tree:
        cold_server(0, tree, warm_up=True)  # its route cache and byte code, as the current tree has them
        runs: list[ServerRun] = []
        base_runs: list[ServerRun] = []
        for _ in range(repeat):  # alternating, so a change of the machine's load hits both trees alike
            runs.append(cold_server(seconds, first=first))
            base_runs.append(cold_server(seconds, tree, first=first))
    current = print_test_server(f"{label}, this tree", runs)
    base = print_test_server(f"{label}, at {baseline}", base_runs)
    print(
        f"this tree / {baseline}: first answer {current.first_answer / base.first_answer:4.2f} x the time"
        f" ({current.first_cpu / base.first_cpu:4.2f} x the CPU), memory {current.memory_mb / base.memory_mb:4.2f} x,"
        f" mixed calls/s {current.calls_per_s / base.calls_per_s:4.2f} x (target >= 1.25)"
    )
    print(f"  targets: first answer <= 1 s ({current.first_answer:.2f}), memory <= 100 MB ({current.memory_mb:.0f})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=3.0, help="measuring time per configuration")
    parser.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--baseline", metavar="REV", help="also measure the test server of this git revision")
    parser.add_argument("--repeat", type=int, default=1, help="test-server runs per tree (medians printed)")
    parser.add_argument("--test-server-only", action="store_true", help="skip the in-process and thread figures")
    parser.add_argument(
        "--first", choices=sorted(FIRST_REQUESTS), default="models", help="the request whose first answer is timed"
    )
    args = parser.parse_args()
    if args.serve:
        serve_until_stdin_closes(running_server())
        return
    if not args.test_server_only:
        in_process_figures(args.seconds)
        long_prompt_figures()
    test_server(args.seconds, args.baseline, args.repeat, args.first)


def long_prompt_figures() -> None:
    """The answer to a long prompt, by its length: the reply is read in linear time (a document pasted in, a
    request to summarise one), and the requests answered by kind (`content/tasks`) only look at short sentences."""
    from openai_api.mock.content.replies import reply_text

    sentence = "Write a function in code that sorts a list, then test it. "  # near a request of a kind, not one
    timings = []
    for size in (10_000, 100_000, 1_000_000):
        text = sentence * (size // len(sentence))
        started = time.perf_counter()
        reply_text(text)
        summary_started = time.perf_counter()
        reply_text("Summarize the following text: " + text)
        timings.append((size, summary_started - started, time.perf_counter() - summary_started))
    for size, plain, summary in timings:
        print(
            f"reply to a {size:>9,}-character prompt: {plain:6.3f} s   to a request to summarise it: {summary:6.3f} s"
        )
    first, last = timings[0], timings[-1]
    print(f"  1,000,000 / 10,000 characters: {last[1] / first[1]:5.0f} x the time (linear: 100 x)")


def in_process_figures(seconds: float) -> None:
    """The SDK's floor, the in-process mock and the server (thread, child process) on `responses.create`."""
    in_process = mock_client()
    fixed = in_process.responses.with_raw_response.create(model=MODEL, input=INPUT).http_response.content

    def answer(request: httpx2.Request) -> httpx2.Response:
        return httpx2.Response(200, content=fixed, headers={"content-type": "application/json"})

    floor_client = OpenAI(
        api_key="sk-bench",
        base_url="http://floor.local/v1",
        http_client=httpx2.Client(transport=httpx2.MockTransport(answer)),
    )
    floor = rate(lambda: floor_client.responses.create(model=MODEL, input=INPUT), seconds)
    mock = rate(lambda: in_process.responses.create(model=MODEL, input=INPUT), seconds)
    with running_server() as base_url, OpenAI(api_key="sk-bench", base_url=base_url) as client:
        server = rate(lambda: client.responses.create(model=MODEL, input=INPUT), seconds)
    with child_server(__file__) as base_url, OpenAI(api_key="sk-bench", base_url=base_url) as client:
        child = rate(lambda: client.responses.create(model=MODEL, input=INPUT), seconds)
        child_threads = threaded_rate(client, 4, seconds)
    print(f"SDK floor (fixed answer):  {floor:8.0f} calls/s")
    print(
        f"in-process mock:           {mock:8.0f} calls/s   time per call {floor / mock:4.2f} x the floor (target <= 2)"
    )
    print(f"mock server, same process: {server:8.0f} calls/s   (client and server share one interpreter lock)")
    print(f"mock server, own process:  {child:8.0f} calls/s   (target >= 500 calls/s)")
    print(f"  the same, 4 client threads: {child_threads:5.0f} calls/s   ({child_threads / child:4.2f} x one client)")


if __name__ == "__main__":
    main()
