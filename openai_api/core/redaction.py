"""Keep keys out of pages, traces and reports: any run of five or more leading characters of a secret is masked.

Providers often echo a key back half-masked ("sk-proj-****abcd"); the readable head alone is already too much
to publish, so the rule is on prefixes, not on the whole key.
"""

from __future__ import annotations

from collections.abc import Iterable

MASK = "***"
_SHORTEST_LEAK = 5


def redact(text: str, secrets: Iterable[str]) -> str:
    for secret in secrets:
        if len(secret) < _SHORTEST_LEAK:
            continue
        head = secret[:_SHORTEST_LEAK]
        pieces: list[str] = []
        position = 0
        while (start := text.find(head, position)) != -1:
            end = start + _SHORTEST_LEAK
            while end < len(text) and end - start < len(secret) and text[end] == secret[end - start]:
                end += 1
            pieces.append(text[position:start] + MASK)
            position = end
        pieces.append(text[position:])
        text = "".join(pieces)
    return text
