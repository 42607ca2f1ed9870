"""The generated part of `docs/`: every page the catalog implies, in both languages, written as real files.

Why real files rather than mkdocs-gen-files' virtual ones: the i18n plugin (mkdocs-static-i18n) only sees
pages that exist on disk and drops virtual ones ("Unhandled file case"). The files are ignored by git, rewritten
only when their text changes (so `mkdocs serve` does not rebuild in a loop), and a page whose feature left the
catalog is removed. Chinese is the default language (`x.md`), English sits beside it (`x.en.md`).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from openai_api.core.catalog import Catalog
from openai_api.core.i18n import DEFAULT_LANG, LANGS, Lang
from openai_api.core.providers import Target
from openai_api.docsite import render
from openai_api.docsite.guides import load_guides, load_pages
from openai_api.storage import write_atomic

GENERATED_DIRS = ("features",)
GENERATED_ROOT_PAGES = ("catalog", "matrix")


def localized_name(stem: str, lang: Lang) -> str:
    return f"{stem}.md" if lang == DEFAULT_LANG else f"{stem}.{lang}.md"


def generated_pages(catalog: Catalog, target: Target) -> dict[str, str]:
    """Relative path -> Markdown, for every generated page in every language."""
    pages: dict[str, str] = {}
    for lang in LANGS:
        pages[localized_name("catalog", lang)] = render.catalog_page(lang, target)
        pages[localized_name("matrix", lang)] = render.matrix_page(lang)
        for feature in catalog.features:
            stem = render.page_path(feature).removesuffix(".md")
            pages[localized_name(stem, lang)] = render.feature_page(catalog, feature, lang, target)
    return pages


def _generated_files(docs_dir: Path) -> Iterable[Path]:
    for folder in GENERATED_DIRS:
        yield from (docs_dir / folder).glob("*.md")
    for stem in GENERATED_ROOT_PAGES:
        yield from docs_dir.glob(f"{stem}.*md")


def write_pages(docs_dir: Path, pages: dict[str, str]) -> list[str]:
    """Write what changed, remove what is no longer generated; returns the paths written or removed."""
    touched = []
    for relative, text in pages.items():
        path = docs_dir / relative
        if path.is_file() and path.read_text(encoding="utf-8") == text:
            continue
        write_atomic(path, text)
        touched.append(relative)
    for path in _generated_files(docs_dir):
        relative = path.relative_to(docs_dir).as_posix()
        if relative not in pages:
            path.unlink()
            touched.append(relative)
    return touched


def nav(catalog: Catalog, lang: Lang) -> list[dict[str, object]]:
    """The navigation as a learning path: the start page, the catalog, troubleshooting and the matrix; then the
    guides in course order (`guides.yaml`); then one section per category, in catalog order."""
    start, *others = load_pages()
    entries: list[dict[str, object]] = [
        {start.title(lang): start.path("zh")},
        {render.ui("catalog_title", lang): "catalog.md"},
        *({page.title(lang): page.path("zh")} for page in others),
        {render.ui("matrix_title", lang): "matrix.md"},
        {render.ui("mock_title", lang): "mock.md"},
    ]
    guides = load_guides()
    if guides:
        entries.append(
            {render.ui("guides", lang): [{guide.title(lang): f"guides/{guide.slug}.md"} for guide in guides]}
        )
    for category, features in catalog.by_category():
        entries.append({catalog.categories[category](lang): [render.page_path(f) for f in features]})
    return entries
