"""A page's converted Markdown is kept with holes for its results: a later build gets the same page (HTML, table of
contents, title, anchors, links, logged warnings) without converting it, and fills the holes afresh in page order."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import pytest
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files, get_files
from mkdocs.structure.pages import Page

from openai_api.docsite.page_bodies import PageBodies

GUIDE = """# Streaming

Intro with a [link to the other page](other.md#usage) and a [broken one](missing.md).

```result
first block
```

## Usage {#usage}

```result
second block
```
"""


class Site:
    """A two-page MkDocs site whose `result` fences leave holes in `bodies`, and the fills a build makes."""

    def __init__(self, root: Path, cache: Path) -> None:
        docs = root / "docs"
        if not docs.exists():  # the first build of the test; a later one sees what the test changed since
            docs.mkdir(parents=True)
            (docs / "guide.md").write_text(GUIDE, encoding="utf-8")
            (docs / "other.md").write_text("# Other\n\n## Usage {#usage}\n", encoding="utf-8")
            (root / "mkdocs.yml").write_text("site_name: t\n", encoding="utf-8")
        self.fills: list[tuple[str, list[Any]]] = []
        self.bodies = PageBodies(self._fill)
        fence = {"name": "result", "class": "result", "format": self._fence}
        self.config: MkDocsConfig = load_config(
            str(root / "mkdocs.yml"),
            site_dir=str(root / "site"),
            markdown_extensions=["toc", "attr_list", {"pymdownx.superfences": {"custom_fences": [fence]}}],
        )
        self.files: Files = get_files(self.config)
        self.bodies.keep_in(cache, [self.config.markdown_extensions], "code-1")
        self.bodies.site(self.files, "zh")

    def _fence(self, source: str, *_: Any, **__: Any) -> str:
        return self.bodies.hole("result", source.strip())

    def _fill(self, kind: str, arguments: list[Any]) -> str:
        self.fills.append((kind, arguments))
        return f'<div class="out">{arguments[0]} #{len(self.fills)}</div>'

    def render(self, src: str) -> Page:
        file = self.files.get_file_from_path(src)
        assert file is not None
        page = Page(None, file, self.config)
        page.read_source(self.config)
        converted = Page.render.__get__(page)
        self.bodies.render(page, lambda: converted(self.config, self.files), self.files)
        return page


def facts(page: Page) -> dict[str, Any]:
    return {
        "content": page.content,
        "toc": [(item.title, item.id, [(child.title, child.id) for child in item.children]) for item in page.toc],
        "title": page.title,
        "anchors": page.present_anchor_ids,
        "links": {target.src_uri: anchors for target, anchors in (page.links_to_anchors or {}).items()},
    }


def test_a_kept_page_is_the_converted_page_with_its_holes_filled_again(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    first = Site(tmp_path, tmp_path / "kept")
    with caplog.at_level(logging.INFO):
        converted = facts(first.render("guide.md"))
    warned = [r.getMessage() for r in caplog.records if "missing.md" in r.getMessage()]
    assert warned, caplog.text
    assert first.bodies.counts() == (1, 0)
    assert first.fills == [("result", ["first block"]), ("result", ["second block"])]
    assert '<div class="out">first block #1</div>' in converted["content"]
    assert converted["toc"] == [("Streaming", "streaming", [("Usage", "usage")])]
    assert converted["title"] == "Streaming" and "usage" in converted["anchors"]
    assert converted["links"] == {"other.md": {"usage": "other.md#usage"}}
    first.bodies.save()

    caplog.clear()
    second = Site(tmp_path, tmp_path / "kept")  # a later build: a new process reading what the first one kept
    with caplog.at_level(logging.INFO):
        kept = facts(second.render("guide.md"))
    assert second.bodies.counts() == (0, 1)
    assert second.fills == first.fills  # the holes were filled afresh, in page order
    assert kept == converted
    assert [r.getMessage() for r in caplog.records if "missing.md" in r.getMessage()] == warned


def test_a_page_is_converted_again_when_its_text_or_its_site_changes(tmp_path: Path) -> None:
    first = Site(tmp_path, tmp_path / "kept")
    first.render("guide.md")
    first.bodies.save()

    (tmp_path / "docs" / "guide.md").write_text(GUIDE.replace("Intro", "Introduction"), encoding="utf-8")
    edited = Site(tmp_path, tmp_path / "kept")
    assert "Introduction" in (edited.render("guide.md").content or "")
    assert edited.bodies.counts() == (1, 0)
    edited.bodies.save()

    (tmp_path / "docs" / "missing.md").write_text("# Now here\n", encoding="utf-8")
    grown = Site(tmp_path, tmp_path / "kept")  # the broken link now resolves: the page must say so
    page = grown.render("guide.md")
    assert grown.bodies.counts() == (1, 0)
    assert 'href="../missing/"' in (page.content or "")


def test_a_fence_outside_a_page_conversion_is_filled_at_once(tmp_path: Path) -> None:
    site = Site(tmp_path, tmp_path / "kept")
    assert site.bodies.hole("result", "alone") == '<div class="out">alone #1</div>'
