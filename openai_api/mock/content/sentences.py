"""Where a user's text breaks into sentences, for the answers that take one of them: a request read sentence by
sentence (`tasks`), a summary that is a text's first sentence (`tasks`, and a structured output's `summary` in
`behaviour.entities`).

Why one definition: a sentence ends at ".", "!" or "?" followed by a space and a capital, a digit, a quote or a
bracket, or at "。", "！" or "？". A full stop inside a number or an abbreviation ("Version 2.0", "e.g. this") ends
nothing; a split at every stop cut "Version 2.0 crashes on login." to "Version 2.".
The length rules of the replies (`replies._SENTENCE_END`) cut the mock's own answers, whose sentences it wrote.
"""

from __future__ import annotations

import re

__all__ = ["sentences"]

_BREAK = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“'‘(\d])|(?<=[。！？])")


def sentences(text: str, limit: int = 0) -> list[str]:
    """The sentences of ``text``, stripped, empty ones left out; with ``limit``, the first ``limit`` of them."""
    parts = _BREAK.split(text.strip(), maxsplit=limit)
    return [part.strip() for part in parts[: limit or None] if part.strip()]
