"""What a page shows once the build has it: a placeholder when the page is rendered, the HTML at the end.

Why: MkDocs renders one page after another, and a page whose example is still running would hold the renderer
until it is in, a core left idle while the workers catch up (on a cold build, half the build's time). A result
not in yet becomes a placeholder; the page is written with it, and the placeholders are filled in once every
language's pages are rendered, when the results have had the whole render to arrive. A result already in (a warm
cache, a `mkdocs serve` rebuild) is put in at once. The search index never sees a result either way (see
`search_entries`): it is the same.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from pathlib import Path

PLACEHOLDER_PREFIX = "<!-- openai-api: "
_PLACEHOLDER = re.compile(re.escape(PLACEHOLDER_PREFIX) + r"later \d+ -->")


def without_placeholders(html: str) -> str:
    return _PLACEHOLDER.sub("", html)


class Deferred:
    def __init__(self) -> None:
        self._fills: dict[str, Callable[[], str]] = {}
        self._pages: list[Path] = []
        self._numbers = itertools.count(1)

    def placeholder(self, html: Callable[[], str]) -> str:
        """A placeholder for the HTML `html` returns when called, at the end of the build."""
        placeholder = f"{PLACEHOLDER_PREFIX}later {next(self._numbers)} -->"
        self._fills[placeholder] = html
        return placeholder

    def written(self, path: Path, output: str) -> None:
        """A page is being written; with a placeholder in it, it is filled in at the end."""
        if PLACEHOLDER_PREFIX in output:
            self._pages.append(path)

    def fill(self) -> None:
        """Put the HTML in every written page in place of its placeholders (each page written once more)."""
        for path in self._pages:
            text = _PLACEHOLDER.sub(lambda found: self._fills.pop(found.group(0))(), path.read_text(encoding="utf-8"))
            path.write_text(text, encoding="utf-8")  # as MkDocs wrote it, with the same permissions
        self.forget()

    def forget(self) -> None:
        self._fills.clear()
        self._pages.clear()
