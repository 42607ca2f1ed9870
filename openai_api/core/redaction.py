"""Keep keys out of pages, traces and reports: any run of five or more leading characters of a secret is masked.

Providers often echo a key back half-masked ("sk-proj-****abcd"); the readable head alone is already too much
to publish, so the rule is on prefixes, not on the whole key.
"""

from __future__ import annotations

import re
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


# Account identifiers a recording must not publish: organization and project ids, and the `user-…` ids of people.
_ACCOUNT_IDS = re.compile(r"\b(org|proj|user)([-_])[A-Za-z0-9]{6,}\b")


def redact_account_ids(text: str) -> str:
    """`org-AbC123…` → `org-***`: who owns an account is not part of the lesson a recording shows."""
    return _ACCOUNT_IDS.sub(lambda found: f"{found.group(1)}{found.group(2)}{MASK}", text)
