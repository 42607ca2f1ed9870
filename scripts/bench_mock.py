"""Benchmark: what the embedded mock costs on top of the SDK itself.

Prints calls per second of `responses.create` against (1) a transport that returns one fixed valid answer —
the SDK's own floor —, (2) the in-process mock, (3) the mock server over loopback, sequentially on one
connection, and the ratios. Targets (issue 3): in-process at most 2 x the floor's time per call; server
mode at least 500 calls/s.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable

import httpx2
from openai import OpenAI

from openai_api.mock.server import running_server
from openai_api.mock.transport import mock_client

MODEL, INPUT = "gpt-5.4-mini", "Say hello in one short sentence."


def rate(call: Callable[[], object], seconds: float) -> float:
    call()  # warm: the first call builds the SDK's models for this response type
    count, started = 0, time.perf_counter()
    while (elapsed := time.perf_counter() - started) < seconds:
        call()
        count += 1
    return count / elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=3.0, help="measuring time per configuration")
    args = parser.parse_args()

    in_process = mock_client()
    fixed = in_process.responses.with_raw_response.create(model=MODEL, input=INPUT).http_response.content

    def answer(request: httpx2.Request) -> httpx2.Response:
        return httpx2.Response(200, content=fixed, headers={"content-type": "application/json"})

    floor_client = OpenAI(
        api_key="sk-bench",
        base_url="http://floor.local/v1",
        http_client=httpx2.Client(transport=httpx2.MockTransport(answer)),
    )
    floor = rate(lambda: floor_client.responses.create(model=MODEL, input=INPUT), args.seconds)
    mock = rate(lambda: in_process.responses.create(model=MODEL, input=INPUT), args.seconds)
    with running_server() as base_url, OpenAI(api_key="sk-bench", base_url=base_url) as client:
        server = rate(lambda: client.responses.create(model=MODEL, input=INPUT), args.seconds)
    print(f"SDK floor (fixed answer):  {floor:8.0f} calls/s")
    print(
        f"in-process mock:           {mock:8.0f} calls/s   time per call {floor / mock:4.2f} x the floor (target <= 2)"
    )
    print(f"mock server over loopback: {server:8.0f} calls/s   (target >= 500 calls/s)")


if __name__ == "__main__":
    main()
