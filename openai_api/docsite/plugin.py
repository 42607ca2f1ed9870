"""The MkDocs plugin that executes the catalog's examples during the build and reports on them.

It registers a SuperFences fence for ```python blocks that carry `feature="…" variant="…"`: the page shows the
block's code exactly, and after it what the code printed, its status and time, and the target it ran against.
Execution goes through `markdown_exec.base_format`, with worker processes (see `executor`) doing the running.
After each language's pass it writes `status.json` at the root of the site (every result so far, each card and
guide result with the language of its page, so the last pass leaves them all), and with `OPENAI_API_DOCS_STRICT=1`
it fails the build, naming every example that was not `ok`.

What a build is told by its environment is read once, into `openai_api.core.settings.DocsSettings`, whose fields
name their variables (the README's table describes the same ones).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import openai
from markdown import Markdown
from markdown_exec import base_format
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from openai_api.core.catalog import CatalogError, load_catalog
from openai_api.core.i18n import DEFAULT_LANG, Lang
from openai_api.core.providers import ProviderError
from openai_api.core.runner import ExampleResult
from openai_api.core.settings import DocsSettings
from openai_api.docsite import matrix, pages, render
from openai_api.docsite.session import BuildSession
from openai_api.sdk import surface
from openai_api.storage import utc_timestamp, write_atomic

log = get_plugin_logger(__name__)
PLACEHOLDER_PREFIX = "<!-- openai-api: "


def _placeholder(fence: str) -> str:
    return f"{PLACEHOLDER_PREFIX}{fence} -->"


_HEAD_ALTERNATES = re.compile(r'<link rel="alternate" href="[^"]*" hreflang="[^"]*">\s*')


def _pass_lang(i18n: object, config: MkDocsConfig) -> Lang:
    """The language this pass renders: the i18n plugin's current one, else the theme's."""
    language = str(getattr(i18n, "current_language", None) or config.theme.get("language") or DEFAULT_LANG)
    return "zh" if language.startswith("zh") else "en"


class ExamplesPlugin(BasePlugin):  # type: ignore[type-arg]
    def __init__(self) -> None:
        super().__init__()
        self.session: BuildSession | None = None
        self._pages_with_table: list[Path] = []
        self._site_root: Path | None = None
        self._page_root = ""  # the relative path from the page being rendered to the site's root (one language)

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Runs once per language pass. The first pass of a build loads the catalog, writes the generated pages
        and starts a session; the i18n plugin's later passes (other languages) reuse that session, its workers
        and the results it already holds (the other language's examples were submitted at the start)."""
        i18n = config.plugins.get("i18n")
        nested = bool(getattr(i18n, "building", False))
        lang = _pass_lang(i18n, config)
        if nested and self.session is not None:
            self.session.lang = lang
        else:
            if self.session is not None:  # a `mkdocs serve` rebuild: the old workers go with the old session
                self.session.close()
                self.session = None
            try:
                catalog = load_catalog()
                self.session = BuildSession(catalog, DocsSettings.from_env(), lang)
            except (CatalogError, ProviderError, ValueError) as error:  # bad input in the catalog or environment
                raise PluginError(str(error)) from error
            self._site_root = Path(config.site_dir)
            target = self.session.target
            written = pages.write_pages(Path(config.docs_dir), pages.generated_pages(catalog, target))
            if written:
                log.info("generated pages written: %d", len(written))
        self._pages_with_table = []
        config.nav = pages.nav(self.session.catalog, lang)
        if "pymdownx.superfences" not in config.markdown_extensions:
            raise PluginError("openai-api-examples needs the pymdownx.superfences markdown extension")
        superfences = config.mdx_configs.setdefault("pymdownx.superfences", {})
        fences = superfences.setdefault("custom_fences", [])
        ours = {"python", render.CATALOG_FENCE, render.SURFACE_FENCE, render.MATRIX_FENCE}
        fences[:] = [f for f in fences if f.get("name") not in ours or "validator" not in f]
        fences.insert(0, {"name": "python", "class": "python", "validator": _validate, "format": self._format})
        for name in (render.CATALOG_FENCE, render.MATRIX_FENCE):
            fences.append({"name": name, "class": name, "validator": _always, "format": self._catalog})
        fences.append(
            {
                "name": render.SURFACE_FENCE,
                "class": render.SURFACE_FENCE,
                "validator": _options,
                "format": self._surface,
            }
        )
        return config

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        assert self.session is not None
        if self.session.prefetched:
            return
        log.info(
            "examples run against %s (%s)%s",
            self.session.target.name,
            self.session.target.kind,
            "" if self.session.execute else " — execution is off (OPENAI_API_DOCS_EXEC=0)",
        )
        self.session.prefetch()

    def _format(
        self, source: str, language: str, css_class: str, options: dict[str, Any], md: Markdown, **_: Any
    ) -> str:
        session = self.session
        assert session is not None
        feature, variant = str(options.get("feature")), str(options.get("variant"))
        guide = options.get("guide")

        def run(code: str, **_: Any) -> str:
            if guide is not None:
                result = session.guide_result(guide, options["name"], options["side_effect"], code)
            else:
                result = session.result(feature, variant, code)
            if result is None:
                return render.not_executed_html(session.lang)
            recording, stale = session.recording(result)
            return render.result_html(result, session.lang, recording=recording, stale=stale, root=self._page_root)

        return base_format(language="python", run=run, code=source, md=md, html=True, source="above")

    def on_page_markdown(self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Any) -> str:
        """Remember where the page being rendered sits, so the results on it can link to site pages."""
        self._page_root = "../" * page.url.count("/")
        return markdown

    def _catalog(
        self, source: str, language: str, css_class: str, options: dict[str, Any], md: Markdown, **_: Any
    ) -> str:
        """A placeholder: the index is the first page rendered, and waiting here for every example would leave
        nothing for the worker to overlap with; the table goes in once the build has all the results."""
        return _placeholder(language)

    def _surface(
        self, source: str, language: str, css_class: str, options: dict[str, Any], md: Markdown, **_: Any
    ) -> str:
        session = self.session
        assert session is not None
        resource = options["resource"]
        return render.surface_table(surface.methods_of(resource), session.surface(resource), session.lang)

    def on_page_context(
        self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        """ "Edit this page" opens the catalog entry the page was generated from, not the generated file."""
        session = self.session
        if session is not None and config.repo_url:
            stem = page.file.src_uri.split(".")[0]
            feature_id = stem.removeprefix("features/") if stem.startswith("features/") else None
            line = session.catalog_line(feature_id)
            page.edit_url = f"{config.repo_url.rstrip('/')}/blob/main/features.yaml" + (f"#L{line}" if line else "")
        return context

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        # Material fetches `sitemap.xml` next to every <link rel="alternate" hreflang> of the head, expecting them
        # to point at a language's root; the i18n plugin makes them point at the page in the other language, so
        # each page load would ask for sitemaps that do not exist (404s in the console). The language selector
        # in the header keeps its own per-page links, so switching language still lands on the same page.
        output = _HEAD_ALTERNATES.sub("", output)
        if PLACEHOLDER_PREFIX in output:
            self._pages_with_table.append(Path(config.site_dir) / page.file.dest_uri)
        return output

    def _fill_catalog_tables(self) -> None:
        session = self.session
        assert session is not None
        tables = {
            _placeholder(render.CATALOG_FENCE): lambda: render.catalog_table(
                session.catalog, session.lang, session.catalog_result
            ),
            _placeholder(render.MATRIX_FENCE): lambda: matrix.matrix_table(
                session.catalog, session.lang, session.matrix_result, matrix.load_reports()
            ),
        }
        for path in self._pages_with_table:
            text = path.read_text(encoding="utf-8")
            for placeholder, table in tables.items():
                if placeholder in text:
                    text = text.replace(placeholder, table())
            path.write_text(text, encoding="utf-8")

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        session = self.session
        assert session is not None
        self._fill_catalog_tables()
        records = session.records()
        status = {
            "target": session.target.name,
            "target_kind": session.target.kind,
            "sdk_version": openai.__version__,
            "built_at": utc_timestamp(),
            "executed": session.execute,
            "examples": [
                {**record.model_dump(mode="json"), "recording": _recording_summary(session, record)}
                for record in records + session.matrix_records()
            ],
        }
        path = (self._site_root or Path(config.site_dir)) / "status.json"
        write_atomic(path, json.dumps(status, ensure_ascii=False, indent=2) + "\n")
        cache = session.executor.cache
        log.info(
            "%d examples: %d executed, %d from cache; status written to %s",
            len(status["examples"]),
            session.executor.executed + session.profile_executor.executed,
            cache.hits if cache else 0,
            path,
        )
        stale = session.stale_recordings()
        if stale:
            log.info("%d recording(s) are for an earlier version of their example's code", len(stale))
        if session.strict and session.settings.recordings == "fresh" and stale:
            raise PluginError(
                f"OPENAI_API_DOCS_RECORDINGS=fresh and {len(stale)} recording(s) are stale (record them again with "
                "`make record`):\n  " + "\n  ".join(stale)
            )
        failures = [r for r in records if not _acceptable(r)]
        if session.strict and failures:
            lines = [
                f"feature {r.feature!r} variant {r.variant!r}{f' method {r.method!r}' if r.method else ''}: "
                f"{r.status}: {r.detail}"
                for r in failures
            ]
            raise PluginError(
                f"OPENAI_API_DOCS_STRICT=1 and {len(failures)} example(s) not ok:\n  " + "\n  ".join(lines)
            )

    def on_shutdown(self) -> None:
        if self.session is not None:
            self.session.close()


def _recording_summary(session: BuildSession, record: ExampleResult) -> dict[str, str | None] | None:
    """The recording the page shows for this example, if any (a stale one is not shown, so it is not named)."""
    if record.target != session.target.name:  # the matrix's profile columns have no recordings
        return None
    recording, stale = session.recording(record)
    return recording.summary() if recording is not None and not stale else None


def _acceptable(result: ExampleResult) -> bool:
    """Strict mode wants every example `ok`, and every SDK method of the surface tables, WebSocket ones included."""
    return result.status == "ok"


def _always(*_: Any) -> bool:
    return True


def _options(
    language: str, inputs: dict[str, str], options: dict[str, Any], attrs: dict[str, Any], md: Markdown
) -> bool:
    options.update(inputs)
    return True


def _validate(
    language: str, inputs: dict[str, str], options: dict[str, Any], attrs: dict[str, Any], md: Markdown
) -> bool:
    """Claim only the python blocks that name a feature and a variant, or a guide and an example name;
    other blocks stay plain code."""
    if "guide" in inputs:
        options["guide"] = inputs.pop("guide")
        options["name"] = inputs.pop("name", "example")
        options["side_effect"] = inputs.pop("side_effect", "none")
        return options["side_effect"] in ("none", "low", "high")
    feature = inputs.pop("feature", None)
    variant = inputs.pop("variant", None)
    if not feature:
        return False
    options["feature"] = feature
    options["variant"] = variant or "sync"
    return True
