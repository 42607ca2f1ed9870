"""The theme's HTML around a page is kept between builds: a later build writes the same files without rendering the
templates, and renders again whatever a template read that changed (the navigation, the page's own content where a
template asked about it, the theme's own templates), or whatever it cannot tell."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jinja2
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from openai_api.docsite.page_templates import PageTemplates

GUIDE = '---\ntitle: Guide\n---\n<h1 class="own">Guide, its own heading</h1>\n\nStreaming, explained.\n'


class Keeping(BasePlugin):  # type: ignore[type-arg]
    """What the project's plugin does with `PageTemplates`, in a site of its own; `extra` goes into each page's
    context."""

    def __init__(self, cache: Path, extra: dict[str, Any]) -> None:
        super().__init__()
        self.templates = PageTemplates()
        self.cache = cache
        self.extra = extra

    def on_config(self, config: Any) -> Any:
        self.templates.keep_in(self.cache, config.theme, "code-1")
        return config

    def on_env(self, env: jinja2.Environment, /, *, config: Any, files: Files) -> jinja2.Environment:
        self.templates.install(env)
        return env

    def on_page_context(self, context: Any, /, *, page: Page, config: Any, nav: Any) -> Any:
        context.update(self.extra)
        return context

    def on_post_build(self, *, config: Any) -> None:
        self.templates.save()


def site(root: Path) -> Path:
    docs = root / "docs"
    docs.mkdir(parents=True)
    (docs / "index.md").write_text("# Home\n\nWelcome.\n", encoding="utf-8")
    (docs / "guide.md").write_text(GUIDE, encoding="utf-8")
    (docs / "other.md").write_text("# Other\n\n## Usage\n\nText.\n", encoding="utf-8")
    (root / "mkdocs.yml").write_text("site_name: t\ntheme:\n  name: material\n", encoding="utf-8")
    return root


def built(root: Path, **extra: Any) -> tuple[dict[str, str], tuple[int, int]]:
    """One build of the site in `root`: its pages' HTML by file, and (rendered, kept) pages."""
    config = load_config(str(root / "mkdocs.yml"), site_dir=str(root / "site"))
    plugin = Keeping(root / "kept", extra)
    config.plugins["keeping"] = plugin
    config.plugins.on_config(config)  # `load_config` ran the others' already; this one's keeps the templates
    build(config)
    pages = {p.relative_to(root / "site").as_posix(): p.read_text("utf-8") for p in (root / "site").rglob("*.html")}
    return {name: html for name, html in pages.items() if name != "404.html"}, plugin.templates.counts()


def test_a_kept_page_is_byte_for_byte_the_rendered_one(tmp_path: Path) -> None:
    root = site(tmp_path)
    first, counts = built(root)
    assert counts == (3, 0)
    again, counts = built(root)
    assert counts == (0, 3)
    assert again == first
    assert "Streaming, explained." in again["guide/index.html"]
    assert 'class="md-nav__link' in again["guide/index.html"]  # the theme's navigation is there


def test_a_changed_title_renders_every_page_again_with_the_new_navigation(tmp_path: Path) -> None:
    root = site(tmp_path)
    built(root)
    (root / "docs" / "other.md").write_text("# Elsewhere\n\n## Usage\n\nText.\n", encoding="utf-8")
    pages, counts = built(root)
    assert counts == (3, 0)  # the title is in every page's navigation
    assert all("Elsewhere" in html for html in pages.values())


def test_an_edit_to_the_content_alone_reuses_the_theme_html_around_it(tmp_path: Path) -> None:
    root = site(tmp_path)
    built(root)
    guide = root / "docs" / "guide.md"
    guide.write_text(GUIDE.replace("explained.", "explained again."), encoding="utf-8")
    pages, counts = built(root)
    assert counts == (0, 3)
    assert "Streaming, explained again." in pages["guide/index.html"]


def test_the_answer_a_template_got_about_the_content_is_asked_again(tmp_path: Path) -> None:
    """Material writes the title as a heading only when the content has no `<h1>` of its own: a page losing its
    own heading, with nothing else changed, must get the theme's."""
    root = site(tmp_path)
    first, _ = built(root)
    assert "<h1>Guide</h1>" not in first["guide/index.html"]
    guide = root / "docs" / "guide.md"
    guide.write_text(GUIDE.replace('<h1 class="own">Guide, its own heading</h1>\n', ""), encoding="utf-8")
    pages, counts = built(root)
    assert counts == (1, 2)
    assert pages["guide/index.html"].count("<h1>Guide</h1>") == 1
    assert "its own heading" not in pages["guide/index.html"]


def test_content_used_other_than_as_a_whole_is_rendered_each_time(tmp_path: Path) -> None:
    root = site(tmp_path)
    overrides = root / "overrides"
    overrides.mkdir()
    main = overrides / "main.html"
    main.write_text(
        '{% extends "base.html" %}{% block extrahead %}<meta name="size" content="{{ page.content | length }}">'
        '<meta name="description" content="{{ page.content | striptags | truncate(30) }}">{% endblock %}',
        encoding="utf-8",
    )
    (root / "mkdocs.yml").write_text(
        "site_name: t\ntheme:\n  name: material\n  custom_dir: overrides\n", encoding="utf-8"
    )
    first, counts = built(root)
    again, counts_again = built(root)
    assert counts == counts_again == (3, 0)  # nothing kept: every page's content was measured or transformed
    assert again == first
    guide = first["guide/index.html"]
    assert '<meta name="description" content="Guide, its own heading..."' in guide
    size = int(guide.split('<meta name="size" content="')[1].split('"')[0])
    assert size > len("Streaming, explained.")


def test_an_edit_to_the_sites_own_templates_renders_every_page_again(tmp_path: Path) -> None:
    root = site(tmp_path)
    main = root / "overrides" / "main.html"
    main.parent.mkdir()
    main.write_text('{% extends "base.html" %}{% block extrahead %}<meta name="first">{% endblock %}', "utf-8")
    (root / "mkdocs.yml").write_text(
        "site_name: t\ntheme:\n  name: material\n  custom_dir: overrides\n", encoding="utf-8"
    )
    built(root)
    _, counts = built(root)
    assert counts == (0, 3)
    main.write_text('{% extends "base.html" %}{% block extrahead %}<meta name="edited">{% endblock %}', "utf-8")
    pages, counts = built(root)
    assert counts == (3, 0)
    assert all('<meta name="edited">' in html and "first" not in html for html in pages.values())


def test_a_context_value_it_cannot_spell_out_is_rendered_each_time(tmp_path: Path) -> None:
    root = site(tmp_path)
    built(root, unknown=object())
    _, counts = built(root, unknown=object())
    assert counts == (3, 0)
    _, counts = built(root, known={"a": [1, 2]})
    _, counts = built(root, known={"a": [1, 2]})
    assert counts == (0, 3)
    _, counts = built(root, known={"a": [1, 3]})
    assert counts == (3, 0)
