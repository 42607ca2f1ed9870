"""Command line: ``python -m openai_api.mock --port 4010 [--host 127.0.0.1] [--profile openai|deepseek]
[--lenient]``."""

from __future__ import annotations

import argparse
import contextlib
import sys
from collections.abc import Iterator

from openai_api.mock.data import profiles
from openai_api.sdk.loading import kept_out_of_collections


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        prog="python -m openai_api.mock",
        description=(
            "Serve the mock OpenAI API under /v1 (e.g. curl http://127.0.0.1:4010/v1/models with any bearer "
            "token). Logs one line per request; stop with Ctrl-C. Fault injection headers: x-mock-status, "
            "x-mock-delay-ms, x-mock-drop (see `python -c 'import openai_api.mock; help(openai_api.mock)'`)."
        ),
    )
    parser.add_argument("--port", type=int, default=4010, help="port to listen on (default 4010)")
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    parser.add_argument(
        "--profile",
        default="openai",
        choices=sorted(profiles()),
        help="provider profile: openai serves every endpoint, deepseek only chat/completions/models",
    )
    parser.add_argument(
        "--lenient",
        action="store_true",
        help="for test suites written for a stateless mock (Prism): every id and model name exists (an id is made on "
        "first touch, then kept, and made anew after a delete), an action the object's status forbids is made, and "
        "paths are served without /v1 too; everything else stays as the API does it",
    )
    args = parser.parse_args(argv)
    # imported after the arguments are read, so `--help` and a mistyped option answer without loading the server
    with _skipped("aiohttp"), kept_out_of_collections():  # see `sdk.loading`
        from openai_api.mock.adapters.server import serve

    # uvicorn handles SIGINT itself; this covers an interrupt during startup
    with contextlib.suppress(KeyboardInterrupt):
        serve(args.host, args.port, args.profile, lenient=args.lenient)


@contextlib.contextmanager
def _skipped(module: str) -> Iterator[None]:
    """While the server's modules load, ``module`` reads as not installed; afterwards it imports as usual.

    Why for aiohttp: the SDK imports it, when installed, for its optional aiohttp client transport, which a
    server never uses; skipping it (and the TLS context it builds on import) takes a seventh of the CPU of
    ``import openai`` off the time to the first answer. The SDK then offers its stand-in that asks for the
    ``aiohttp`` extra, in this process only.
    """
    skip = module not in sys.modules
    if skip:
        sys.modules[module] = None  # type: ignore[assignment]  # the import system's "not installed" marker
    try:
        yield
    finally:
        if skip and sys.modules.get(module, "") is None:
            del sys.modules[module]


if __name__ == "__main__":
    main()
