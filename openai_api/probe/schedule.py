"""Which example the probe starts first: the one that will take longest.

Against a provider, an example's time is mostly its calls' round trips, one after another, so the run cannot end
before its longest example does. All examples start at once, but they start from threads that share one
interpreter: the first ones get compiled, create their clients and send while the last ones wait their turn.
Starting the longest first puts that wait on the short examples, which have time to spare, instead of on the
example that sets the end of the run.

How long an example will take is read from its code, not from a previous run, so the order is the same on every
machine and for every provider: the number of calls on the example's clients. A `gather` of several calls counts
each of them, and a loop's body counts once; both are rare in the catalog, and an estimate that is wrong only
moves an example a few places in the queue.
"""

from __future__ import annotations

import ast
from collections.abc import Sequence


def _root(node: ast.expr) -> str | None:
    """The name an expression like `client.files.list(...).data` hangs from: `client`."""
    while isinstance(node, ast.Attribute | ast.Call | ast.Subscript):
        node = node.func if isinstance(node, ast.Call) else node.value
    return node.id if isinstance(node, ast.Name) else None


def _makes_client(node: ast.expr | None) -> bool:
    return isinstance(node, ast.Call) and (_root(node.func) or "").endswith("OpenAI")


def client_calls(code: str) -> int:
    """How many calls the code makes on the clients it creates (`client = OpenAI()`, `with AsyncOpenAI() as c`)."""
    try:
        tree = ast.parse(code)
    except SyntaxError:
        return 0  # the runner will say what is wrong with it; it makes no call
    clients: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.withitem) and isinstance(node.optional_vars, ast.Name):
            if _makes_client(node.context_expr):
                clients.add(node.optional_vars.id)
        elif isinstance(node, ast.Assign) and _makes_client(node.value):
            clients.update(target.id for target in node.targets if isinstance(target, ast.Name))
    return sum(
        1
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and _root(node.func) in clients
    )


def longest_first(codes: Sequence[str]) -> list[int]:
    """The examples' indexes in the order to start them: most client calls first, catalog order among equals."""
    calls = [client_calls(code) for code in codes]
    return sorted(range(len(codes)), key=lambda index: -calls[index])
