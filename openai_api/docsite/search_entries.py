"""The search index's entries for each page, computed once per page content and kept for the next build.

Why: Material's search plugin parses every page's HTML with Python's `html.parser` and cuts its Chinese text
into words with jieba; on this site that was a third of a build. Two things make it cheaper without changing
one entry of the index:

- The parser is handed a lean copy of the page: the blocks this site marks `data-search-exclude` (outputs,
  surface tables — blocks the parser would walk through only to skip) are cut out, and the highlighter's
  `<span>` tags, which the parser drops anyway, are removed, leaving their text.
- A page whose content, address, title and metadata are unchanged gets the entries it had the last time
  (a `mkdocs serve` rebuild), and a page a dirty rebuild did not render gets them too, so the index stays whole.
  The entries are also kept on disk beside the results cache, one file per search configuration, so a build whose
  pages did not change never loads jieba's dictionary (a second) nor parses a page.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable
from importlib.metadata import version
from pathlib import Path
from typing import Any

from mkdocs.structure.pages import Page

from openai_api.docsite.deferred import without_placeholders
from openai_api.docsite.kept import KeptMap

Entry = dict[str, Any]
_SPAN = re.compile(r"</?span\b[^>]*>")
_FIRST_TAG = re.compile(r"\s*<[^>]*>")
# The one excluded element this site nests inside indexed markup: a surface table inside its group's <details>,
# whose <summary> (the sub-resource and its method count) stays in the index.
_EXCLUDED_TABLE = re.compile(r'<div class="oa-table-scroll" data-search-exclude>.*?</table></div>', re.S)


def excluded_parts(html: str) -> list[str]:
    """The parts of a block this site rendered that the index leaves out: the whole block when its outer
    element is marked `data-search-exclude`, else the marked tables inside it."""
    first = _FIRST_TAG.match(html)
    if first is not None and "data-search-exclude" in first.group(0):
        return [html]
    return _EXCLUDED_TABLE.findall(html)


def indexed_content(content: str, excluded: list[str]) -> str:
    """What of the page's HTML the index reads: without the excluded blocks it contains verbatim and without the
    placeholders of results not in yet (`deferred`), so a page has one key whether its results were in when it
    was rendered (a warm build) or not (a cold one)."""
    for block in excluded:
        content = content.replace(block, "")
    return without_placeholders(content)


def _page_key(page: Page, indexed: str) -> str:
    meta = json.dumps(page.meta, sort_keys=True, default=str)
    parts = "\0".join((page.url, str(page.title or ""), meta, indexed))
    return hashlib.sha256(parts.encode()).hexdigest()


class SearchEntries:
    """Wraps one search index's `add_entry_from_context`, remembering each page's entries across builds."""

    def __init__(self) -> None:
        self._folder: Path | None = None
        self._by_key = KeptMap()  # page key -> its entries
        # The latest entries of each page by its output file (unlike its URL, spelled one way everywhere), for the
        # pages a dirty build skips.
        self._by_page: dict[str, list[Entry]] = {}
        self.excluded: dict[str, list[str]] = {}  # output file -> the excluded blocks rendered on it in this build
        self.indexed: set[str] = set()  # output files of the pages indexed in the current pass

    def keep_in(self, folder: Path) -> None:
        """A build starts: keep the entries in `folder` between builds."""
        self._folder = folder
        self._by_key.new_build()

    def save(self, *, whole_build: bool = True) -> None:
        self._by_key.save(whole_build=whole_build)

    def install(self, search_index: Any) -> None:
        """Route the index's per-page entry point through the memo (a fresh index each language pass)."""
        original: Callable[[Page], None] = search_index.add_entry_from_context
        self.indexed = set()
        if self._folder is not None:  # one file per search configuration: languages, separator, pipeline, fields
            config = json.dumps(search_index.config, sort_keys=True, default=str)
            name = hashlib.sha256(f"{version('mkdocs-material')}\0{config}".encode()).hexdigest()[:16]
            self._by_key.open(self._folder / f"entries-{name}.json")

        def add_entry_from_context(page: Page) -> None:
            output = page.file.dest_uri
            self.indexed.add(output)
            indexed = indexed_content(page.content or "", self.excluded.get(output, []))
            key = _page_key(page, indexed)
            entries: list[Entry] = search_index.entries
            known: list[Entry] | None = self._by_key.get(key)
            if known is not None:
                entries.extend(dict(entry) for entry in known)
                self._by_page[output] = known
                return
            content, before = page.content, len(entries)
            page.content = _SPAN.sub("", indexed)  # the parser drops the tags and keeps their text
            try:
                original(page)
            finally:
                page.content = content
            added = [dict(entry) for entry in entries[before:]]
            self._by_key.latest(output, key)
            self._by_key.put(key, added)
            self._by_page[output] = added

        search_index.add_entry_from_context = add_entry_from_context

    def add_skipped(self, search_index: Any, outputs: list[str]) -> None:
        """Entries for the pages of this pass that were not rendered (a dirty rebuild kept their HTML), named by
        their output files."""
        for output in outputs:
            if output not in self.indexed and output in self._by_page:
                search_index.entries.extend(dict(entry) for entry in self._by_page[output])
