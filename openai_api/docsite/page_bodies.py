"""Each page's Markdown turned into HTML once per text, kept between builds with holes where its results go.

Why: converting a page's Markdown (Python-Markdown, Pygments for the plain fences, the anchors and links MkDocs
resolves) is the largest share of rendering a language, and every language renders its own pages, so a warm
build with two languages cost half as much again as one. A page's HTML depends on its text, on where it sits in
the site and on the Markdown configuration — and on its results, which change from build to build. So the fences
whose HTML shows results (an executed example's output, a surface table, the catalog and matrix tables) leave a
hole in the converted HTML and note what fills it; the HTML with its holes is kept (in memory, and on disk beside
the results cache, one file per configuration), and on every build, converted now or kept, the holes are filled
in page order, as the fences would have been rendered. A page is never converted from a kept copy whose site,
configuration or code differ: they are in the key.

What a conversion tells MkDocs besides the HTML is kept too: the table of contents, the title found in the text,
the anchors the page has and the links it makes to other pages' anchors (MkDocs checks them after all pages are
rendered), and the messages it logged (an unrecognised link, say), which are logged again when the copy is used,
so a strict build fails on a kept page as it does on a converted one.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from importlib.metadata import version
from pathlib import Path
from typing import Any

from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from openai_api.docsite.kept import KeptMap, configuration
from openai_api.docsite.rebuilds import digest

Fill = Callable[[str, list[Any]], str]
_PACKAGES = ("markdown", "pymdown-extensions", "pygments", "markdown-exec", "mkdocs", "mkdocs-material")
_HOLE = "<!-- openai-api: hole {} -->"
_HOLES = re.compile(r"<!-- openai-api: hole (\d+) -->")


class _Messages(logging.Handler):
    """What MkDocs and the Markdown extensions log while a page converts, to be logged again with a kept copy."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.records: list[list[Any]] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append([record.name, record.levelno, record.getMessage()])


@contextmanager
def _logged() -> Iterator[_Messages]:
    messages = _Messages()
    loggers = [logging.getLogger(name) for name in ("mkdocs", "MARKDOWN")]
    for logger in loggers:
        logger.addHandler(messages)
    try:
        yield messages
    finally:
        for logger in loggers:
            logger.removeHandler(messages)


def _toc_tokens(items: Any) -> list[dict[str, Any]]:
    return [
        {"level": item.level, "id": item.id, "name": item.title, "children": _toc_tokens(item.children)}
        for item in items
    ]


class PageBodies:
    def __init__(self, fill: Fill) -> None:
        """`fill(kind, arguments)` is the HTML of a hole, made the way the fence that left it would have."""
        self._fill = fill
        self._kept = KeptMap()
        self._setup = ""
        self._site = ""
        self._holes: list[list[Any]] | None = None  # the holes of the page converting now
        self._converted = self._reused = 0  # pages of the current build (see `counts`)

    def keep_in(self, folder: Path | None, markdown_config: Any, code: str) -> None:
        """A build starts: keep the pages in `folder` (None: in memory only), in the file for this Markdown
        configuration, these packages and this package's own code (`code`, a fingerprint of it)."""
        self._kept.new_build()
        self._converted = self._reused = 0
        self._setup = configuration([version(name) for name in _PACKAGES], markdown_config, code)
        self._kept.open_for(folder, "pages", self._setup)

    def site(self, files: Files, *facts: str) -> None:
        """A language pass starts: where every page sits, which the links on a page resolve against, and any
        other fact its conversion depends on."""
        places = "\n".join(f"{f.src_uri}\t{f.dest_uri}\t{f.url}" for f in sorted(files, key=lambda f: f.src_uri))
        self._site = digest(self._setup, places, *facts)

    def hole(self, kind: str, *arguments: Any) -> str:
        """What a fence whose HTML shows results returns: a hole, filled in after the page's conversion (and
        filled at once when no page is converting)."""
        if self._holes is None:
            return self._fill(kind, list(arguments))
        self._holes.append([kind, list(arguments)])
        return _HOLE.format(len(self._holes) - 1)

    def render(self, page: Page, convert: Callable[[], None], files: Files) -> None:
        """Set the page's HTML and what MkDocs learns from converting it: by `convert` (MkDocs' own rendering)
        the first time, from the kept copy after; then fill its holes."""
        assert page.markdown is not None
        key = digest(self._site, page.file.src_uri, page.url, page.markdown)
        kept = self._kept.get(key)
        if not isinstance(kept, dict):
            kept = self._convert(page, convert)
            self._kept.put(key, kept)
            self._converted += 1
        else:
            self._restore(page, kept, files)
            self._reused += 1
        self._kept.latest(page.url, key)
        html = [self._fill(kind, arguments) for kind, arguments in kept["holes"]]  # in page order, as converted
        page.content = _HOLES.sub(lambda found: html[int(found.group(1))], kept["content"])

    def _convert(self, page: Page, convert: Callable[[], None]) -> dict[str, Any]:
        self._holes = []
        try:
            with _logged() as messages:
                convert()
            holes = self._holes
        finally:
            self._holes = None
        links = getattr(page, "links_to_anchors", None) or {}
        return {
            "content": page.content,
            "holes": holes,
            "toc": _toc_tokens(page.toc),
            "title": page._title_from_render,  # pyright: ignore[reportPrivateUsage]
            "anchors": sorted(page.present_anchor_ids or ()),
            "links": {target.src_uri: anchors for target, anchors in links.items()},
            "log": messages.records,
        }

    @staticmethod
    def _restore(page: Page, kept: dict[str, Any], files: Files) -> None:
        page.toc = get_toc(kept["toc"])
        page._title_from_render = kept["title"]  # pyright: ignore[reportPrivateUsage]
        page.present_anchor_ids = set(kept["anchors"])
        if logging.getLogger("mkdocs").getEffectiveLevel() > logging.DEBUG:  # as MkDocs' own rendering
            links = {files.get_file_from_path(src): anchors for src, anchors in kept["links"].items()}
            page.links_to_anchors = {target: anchors for target, anchors in links.items() if target is not None}
        for name, level, message in kept["log"]:
            logging.getLogger(name).log(level, message)

    def counts(self) -> tuple[int, int]:
        """Pages converted by this build, and pages whose kept body it used."""
        return self._converted, self._reused

    def save(self, *, whole_build: bool = True) -> None:
        self._kept.save(whole_build=whole_build)
