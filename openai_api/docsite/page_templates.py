"""The theme's HTML around each page, kept between builds with a marker where the page's content goes.

Why: once the pages' bodies are kept (`page_bodies`), what a warm build spends most on is the theme's templates
around each page: Material's navigation lists every page of the site on every page, and every language pays for
its pages again. That HTML depends on the template context (the site's configuration, its navigation, the page's
place, title, table of contents and metadata, and what plugins added to it), and on the page's content only where a
template asks about it (Material asks whether the content has its own `<h1>`). So:

- the context without the content is spelled out exactly (`_spelled`, as JSON) and hashed; an object this module cannot
  spell out makes the page render as usual, unkept. The navigation and the list of pages are the same objects for
  every page of a language pass, and spelled once per pass; the configuration is spelled for each page, as a plugin
  may change it per page (the i18n plugin sets the language selector's links);
- the template renders with a stand-in for the content: a string holding a marker that answers `in` from the
  real content and records the question and its answer; any other use (its length, a slice, a method) answers from
  the real content too, but the page is then not kept;
- the output is kept only if the marker is in it exactly once: a filter that transformed the content (`striptags`,
  `tojson`) leaves a changed copy beside it;
- a kept output is used when the hash is the same and every recorded question has the same answer for the
  content now; the content then takes the marker's place.

Two things are left out of the hash: the build date (no template of the theme shows it on a page) and the folder
the site is written to (MkDocs and the theme only write files there).
"""

from __future__ import annotations

import datetime
import enum
import functools
import hashlib
import json
import re
import sysconfig
from collections.abc import Callable, Mapping
from importlib.metadata import version
from pathlib import Path, PurePath
from typing import Any

import jinja2
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Link, Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink, TableOfContents
from mkdocs.theme import Theme

from openai_api.docsite.kept import KeptMap, configuration

# A filter that escapes, strips tags or encodes would change it, so the output would not hold it exactly once.
_MARKER = "<!-- openai-api: page content & -->"
_UNSPELLED_CONTEXT = frozenset({"build_date_utc"})  # see the module's docstring
_UNSPELLED_CONFIG = frozenset({"site_dir"})  # where the files go (`mkdocs build -d`), not what a page says
_PACKAGES = ("mkdocs", "mkdocs-material", "mkdocs-static-i18n", "jinja2", "markupsafe")


class _Unspellable(Exception):
    """The context holds something this module cannot spell out exactly: the page is rendered, not kept."""


class _Content(str):
    """The page's content as a template sees it while its output is made to be kept: the marker when written out,
    the real content for every question, with `in` questions recorded and any other use noted."""

    real: str
    asked: list[list[Any]]
    other_use: bool

    def __new__(cls, real: str) -> _Content:
        stand_in = super().__new__(cls, _MARKER)
        stand_in.real = real
        stand_in.asked = []
        stand_in.other_use = False
        return stand_in

    def __contains__(self, part: object) -> bool:
        if not isinstance(part, str):
            self._used()
            return part in self.real  # type: ignore[operator]  # str raises the TypeError a template would see
        answer = part in self.real
        self.asked.append([part, answer])
        return answer

    def __bool__(self) -> bool:
        answer = bool(self.real)
        self.asked.append([None, answer])
        return answer

    def _used(self) -> str:
        self.other_use = True
        return self.real

    def __len__(self) -> int:
        return len(self._used())

    def __getitem__(self, index: Any) -> str:
        return self._used()[index]

    def __iter__(self) -> Any:
        return iter(self._used())

    def __eq__(self, other: object) -> bool:
        return self._used() == other

    def __hash__(self) -> int:
        return hash(self._used())

    def __add__(self, other: str) -> str:
        return self._used() + other

    def __radd__(self, other: str) -> str:
        return other + self._used()

    def __mod__(self, other: Any) -> str:
        return self._used() % other

    def __getattribute__(self, name: str) -> Any:
        if name in _STR_METHODS:  # `content.startswith(...)` and the like: answered from the real content
            return getattr(self._used(), name)
        return super().__getattribute__(name)


_STR_METHODS = frozenset(name for name in dir(str) if not name.startswith("__"))


def _toc(items: Any) -> list[Any]:
    return [[item.level, item.id, item.title, _toc(item.children)] for item in items]


def _answer(question: str | None, content: str) -> bool:
    """A recorded question about the content (`in`, or its truth for None), answered for `content`."""
    return bool(content) if question is None else question in content


def _one_level(value: Any, current: Page | None) -> Any:
    """The JSON encoder's hook for what it cannot write itself: `value` one level down, as plain data that differs
    whenever what a template rendering `current` (None: any page) could read from it differs. What it holds goes
    through the encoder, and through this hook, again."""
    if isinstance(value, Page):  # a navigation entry as the navigation shows it; the current page in full
        shown = ["page", value.file.src_uri, value.url, value.title, value.is_index, value.meta]
        if value is current:
            shown += [
                "current",
                value.canonical_url,
                value.abs_url,
                value.edit_url,
                _toc(value.toc),
                [(p.url, p.title) if p is not None else None for p in (value.previous_page, value.next_page)],
                [ancestor.title for ancestor in value.ancestors],
            ]
        return shown
    if isinstance(value, Section):
        return ["section", value.title, value.children]
    if isinstance(value, Link):
        return ["link", value.title, value.url]
    if isinstance(value, Navigation):
        return ["nav", value.items]
    if isinstance(value, (Files, File)):
        files = value if isinstance(value, Files) else [value]
        return [["file", f.src_uri, f.dest_uri, f.url] for f in files]
    if isinstance(value, (TableOfContents, AnchorLink)):
        return _toc(value if isinstance(value, TableOfContents) else [value])
    if isinstance(value, Theme):
        return ["theme", value.name, value.dirs, sorted(value.static_templates), dict(value)]
    if isinstance(value, Mapping):  # a configuration (a `UserDict`)
        return dict(value)
    if isinstance(value, (set, frozenset)):
        return sorted(_spelled(item, current) for item in value)
    if isinstance(value, enum.Enum):
        return [type(value).__qualname__, value.value]
    if isinstance(value, (PurePath, datetime.date, re.Pattern)):
        return str(value.pattern if isinstance(value, re.Pattern) else value)
    config = getattr(value, "config", None)
    if hasattr(value, "on_config") and isinstance(config, Mapping):  # a plugin: what it was configured with
        return ["plugin", type(value).__qualname__, config]
    if callable(value):  # a function in the configuration (a fence's formatter): its code is in the key already
        return ["function", getattr(value, "__qualname__", None) or type(value).__qualname__]
    if type(value).__module__.startswith(("mkdocs.", "babel.")) and type(value).__str__ is not object.__str__:
        return [type(value).__qualname__, str(value)]  # a locale, an extra script's address
    if type(value).__module__.startswith("material.") and hasattr(value, "__dict__"):
        return [type(value).__qualname__, vars(value)]  # a tag of the page, with its links
    raise _Unspellable(type(value).__qualname__)


def _spelled(value: Any, current: Page | None) -> str:
    """`value` as JSON text (see `_one_level`), written by the standard library's C encoder."""
    try:
        return json.dumps(
            value, sort_keys=True, ensure_ascii=False, default=functools.partial(_one_level, current=current)
        )
    except (TypeError, ValueError) as error:  # a key that is not text, a value that holds itself
        raise _Unspellable(str(error)) from error


def _own_templates(theme: Theme) -> list[Any]:
    """The theme folders outside the installed packages (a `custom_dir`), file by file: the packages' own are
    named by their versions."""
    installed = {Path(p).resolve() for p in (sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"])}
    own = []
    for folder in map(Path, theme.dirs):
        if any(folder.resolve().is_relative_to(p) for p in installed):
            continue
        files = sorted(f for f in folder.rglob("*") if f.is_file())
        own.append([str(folder), [[str(f.relative_to(folder)), f.stat().st_mtime_ns, f.stat().st_size] for f in files]])
    return own


_PASS_WIDE = ("nav", "pages")  # the same objects for every page of a language pass: spelled once per pass


def _hash(
    context: Mapping[str, Any], page: Page, template: str, setup: str, per_pass: dict[int, tuple[object, str]]
) -> str:
    spelled: dict[str, Any] = {}
    for key, value in context.items():
        if key in _UNSPELLED_CONTEXT:
            continue
        if key in _PASS_WIDE:
            held = per_pass.get(id(value))
            if held is None or held[0] is not value:
                held = per_pass[id(value)] = (value, hashlib.sha256(_spelled(value, None).encode()).hexdigest())
            spelled[key] = held[1]
        elif key == "config" and isinstance(value, Mapping):
            spelled[key] = {name: item for name, item in value.items() if name not in _UNSPELLED_CONFIG}
        else:
            spelled[key] = value
    return hashlib.sha256(_spelled([setup, template, spelled], page).encode()).hexdigest()


class PageTemplates:
    def __init__(self) -> None:
        self._kept = KeptMap()
        self._setup = ""
        self.reused = self.rendered = 0  # pages of the current build
        self._per_pass: dict[int, tuple[object, str]] = {}  # id -> (a pass-wide object, its digest)

    def keep_in(self, folder: Path | None, theme: Theme, code: str) -> None:
        """A build starts: keep the outputs in `folder` (None: in memory only), in the file for these packages, this
        theme's own templates and this package's code (`code`, a fingerprint of it)."""
        self._kept.new_build()
        self.reused = self.rendered = 0
        self._per_pass = {}
        self._setup = configuration([version(name) for name in _PACKAGES], _own_templates(theme), code)
        self._kept.open_for(folder, "templates", self._setup)

    def counts(self) -> tuple[int, int]:
        """Pages of this build whose theme HTML was rendered, and those whose HTML was kept from an earlier one."""
        return self.rendered, self.reused

    def save(self, *, whole_build: bool = True) -> None:
        self._kept.save(whole_build=whole_build)

    def install(self, env: jinja2.Environment) -> None:
        """Make the page templates this environment loads from now on go through `render`."""
        keeper = self

        class KeptPageTemplate(jinja2.Template):
            def render(self, *args: Any, **kwargs: Any) -> str:
                context = dict(*args, **kwargs)
                page = context.get("page")
                if not isinstance(page, Page) or page.content is None or self.name is None:
                    return super().render(context)
                return keeper.render(self.name, context, page, lambda: super(KeptPageTemplate, self).render(context))

        env.template_class = KeptPageTemplate

    def render(self, template: str, context: dict[str, Any], page: Page, render: Callable[[], str]) -> str:
        content = page.content or ""
        try:
            key = _hash(context, page, template, self._setup, self._per_pass)
        except _Unspellable:
            self.rendered += 1
            return render()
        kept = self._kept.get(key)
        self._kept.latest(page.url, key)
        if isinstance(kept, dict) and all(_answer(part, content) == answer for part, answer in kept["asked"]):
            self.reused += 1
            return kept["output"].replace(_MARKER, content, 1)
        self.rendered += 1
        stand_in = _Content(content)
        page.content = stand_in
        try:
            output = render()
        finally:
            page.content = content
        if stand_in.other_use or output.count(_MARKER) != 1 or _MARKER in content:
            return render()  # the content was used in a way the marker cannot stand for: rendered as it is
        self._kept.put(key, {"asked": stand_in.asked, "output": output})
        return output.replace(_MARKER, content, 1)
