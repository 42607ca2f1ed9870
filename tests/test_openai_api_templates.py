"""The theme's templates are listed once per set of folders, whichever language pass asks (`docsite.templates`)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jinja2
import pytest

from openai_api.docsite import templates


class _Theme:
    """What `share_compiled_templates` needs of a MkDocs theme: `get_env`, a new environment per call."""

    def __init__(self, folders: list[Path]) -> None:
        self.folders = folders

    def get_env(self) -> jinja2.Environment:
        return jinja2.Environment(loader=jinja2.FileSystemLoader([str(f) for f in self.folders]))


def test_a_later_pass_listing_a_folder_twice_reuses_the_listing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    theme_dir, extra = tmp_path / "theme", tmp_path / "i18n"
    for folder, name in ((theme_dir, "main.html"), (theme_dir, "assets/app.js"), (extra, "sitemap.xml")):
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text("x", encoding="utf-8")
    monkeypatch.setattr(templates, "_LISTED", {})
    walks: list[Any] = []
    walk = jinja2.FileSystemLoader.list_templates
    monkeypatch.setattr(jinja2.FileSystemLoader, "list_templates", lambda self: walks.append(self) or walk(self))

    def only_files(name: str) -> bool:
        return not name.endswith(".html")

    first, later = _Theme([extra, theme_dir]), _Theme([extra, extra, theme_dir])  # as the i18n plugin's second pass
    for theme in (first, later):
        templates.share_compiled_templates(theme)  # type: ignore[arg-type]
    names = [theme.get_env().list_templates(filter_func=only_files) for theme in (first, later)]
    assert names == [["assets/app.js", "sitemap.xml"]] * 2
    assert len(walks) == 1


def test_a_new_process_loads_the_compiled_templates_and_compiles_an_edited_one_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    theme_dir, kept = tmp_path / "theme", tmp_path / "cache" / "jinja"
    theme_dir.mkdir()
    (theme_dir / "main.html").write_text("<p>{{ title }}</p>", encoding="utf-8")
    compiled: list[str | None] = []
    compile_ = jinja2.Environment.compile
    monkeypatch.setattr(
        jinja2.Environment,
        "compile",
        lambda self, source, name=None, *a, **k: compiled.append(name) or compile_(self, source, name, *a, **k),
    )

    def render_in_new_process() -> str:
        monkeypatch.setattr(templates, "_BYTECODE", templates._KeptBytecodeCache())  # nothing in memory yet
        theme = _Theme([theme_dir])
        templates.share_compiled_templates(theme, kept)  # type: ignore[arg-type]
        return theme.get_env().get_template("main.html").render(title="Hello")

    assert render_in_new_process() == "<p>Hello</p>"
    assert compiled == ["main.html"] and len(list(kept.glob("*.jinja"))) == 1
    assert render_in_new_process() == "<p>Hello</p>"
    assert compiled == ["main.html"]  # loaded from the folder
    (theme_dir / "main.html").write_text("<h1>{{ title }}</h1>", encoding="utf-8")
    assert render_in_new_process() == "<h1>Hello</h1>"
    assert compiled == ["main.html", "main.html"]
