"""The MkDocs plugin that executes the catalog's examples during the build and reports on them.

It registers a SuperFences fence for ```python blocks that carry `feature="…" variant="…"`: the page shows the
block's code exactly, and after it what the code printed, its status and time, and the target it ran against.
Execution goes through `markdown_exec.base_format`, with worker processes (see `executor`) doing the running.
When every language's pass is done it writes `status.json` at the root of the site (every result, each card and
guide result with the language of its page), and with `OPENAI_API_DOCS_STRICT=1` it fails the build, naming every
example that was not `ok`.

What a build is told by its environment is read once, into `openai_api.core.settings.DocsSettings`, whose fields
name their variables (the README's table describes the same ones).

Under `mkdocs serve --dirty` (what `make serve` runs) a rebuild renders only the pages whose source changed
(`rebuilds`), reuses the previous build's workers and results (`session`) and the search entries of unchanged
pages (`search_entries`); the server watches the catalog, the guides list and the examples too (`watching`).
"""

from __future__ import annotations

import contextlib
import json
import logging
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jinja2
from markdown import Markdown
from markdown_exec import base_format
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from openai_api.core.catalog import CatalogError, catalog_path, load_catalog
from openai_api.core.i18n import DEFAULT_LANG, Lang
from openai_api.core.providers import ProviderError
from openai_api.core.runner import ExampleResult
from openai_api.core.settings import DocsSettings
from openai_api.docsite import matrix, pages, render
from openai_api.docsite.chinese_words import use_kept_dictionary
from openai_api.docsite.code_blocks import CodeBlocks
from openai_api.docsite.deferred import Deferred
from openai_api.docsite.guides import GUIDES_FILE
from openai_api.docsite.page_bodies import PageBodies
from openai_api.docsite.page_templates import PageTemplates
from openai_api.docsite.rebuilds import Rebuilds, digest
from openai_api.docsite.search_entries import SearchEntries, excluded_parts
from openai_api.docsite.session import BuildSession, start_executing_early
from openai_api.docsite.templates import share_compiled_templates
from openai_api.docsite.watching import watch_sources
from openai_api.sdk import surface
from openai_api.sdk.loading import frozen_for_exit
from openai_api.sdk.version import sdk_version
from openai_api.storage import (
    PROJECT_ROOT,
    cache_folder,
    folder_fingerprint,
    forget_fingerprints,
    utc_timestamp,
    write_atomic,
)

log = get_plugin_logger(__name__)
_HEAD_ALTERNATES = re.compile(r'<link rel="alternate" href="[^"]*" hreflang="[^"]*">\s*')


class _DirtyWarning(logging.Filter):
    """MkDocs warns on every dirty build that navigation may be inaccurate; `rebuilds` renders every page when
    anything shared changed, so the warning is not true here (and a warning fails a strict configuration)."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith("A 'dirty' build is being performed")


def _search_plugin(config: MkDocsConfig) -> Any:
    """Material's search plugin, under the name MkDocs registers it by (`material/search` for `search`)."""
    return config.plugins.get("material/search") or config.plugins.get("search")


def _pass_lang(i18n: object, config: MkDocsConfig) -> Lang:
    """The language this pass renders: the i18n plugin's current one, else the theme's."""
    language = str(getattr(i18n, "current_language", None) or config.theme.get("language") or DEFAULT_LANG)
    return "zh" if language.startswith("zh") else "en"


class ExamplesPlugin(BasePlugin):  # type: ignore[type-arg]
    def __init__(self) -> None:
        super().__init__()
        self.session: BuildSession | None = None
        self._deferred = Deferred()
        self._site_root: Path | None = None
        self._page_root = ""  # the relative path from the page being rendered to the site's root (one language)
        self._page_output = ""  # the output file of the page being rendered
        self._dirty = False
        self._rebuilds = Rebuilds()
        self._search = SearchEntries()
        self._code_blocks = CodeBlocks()
        self._bodies = PageBodies(self._fill)
        self._templates = PageTemplates()
        self._compiled: Path | None = None  # where the theme's compiled templates are kept (`templates`)

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self._dirty = dirty
        start_executing_early()
        use_kept_dictionary()  # jieba's, for the search index of Chinese pages: loaded in 0.3 s instead of 1.0 s
        if dirty:
            logging.getLogger("mkdocs.commands.build").addFilter(_DirtyWarning())

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
            forget_fingerprints()  # a `mkdocs serve` rebuild: the package may have been edited since the last one
            self._deferred.forget()
            previous, self.session = self.session, None
            try:
                catalog = load_catalog()
                self.session = BuildSession(catalog, DocsSettings.from_env(), lang, previous)
            except (CatalogError, ProviderError, ValueError) as error:  # bad input in the catalog or environment
                if previous is not None:
                    previous.close()
                raise PluginError(str(error)) from error
            if previous is not None and previous.executor is not self.session.executor:
                previous.close()  # the old workers ran other code, or under other settings
            kept = self.session.settings.cache_dir  # what is kept between builds sits beside the results

            def kept_in(name: str) -> Path:
                return kept / name if kept else cache_folder(name)

            self._search.keep_in(kept_in("search"))
            markdown_config = [config.markdown_extensions, config.mdx_configs]
            self._code_blocks.keep_in(kept_in("render"), markdown_config)
            self._bodies.keep_in(kept_in("render"), markdown_config, folder_fingerprint("docsite"))
            self._templates.keep_in(kept_in("render"), config.theme, folder_fingerprint("docsite"))
            self._site_root = Path(config.site_dir)
            self._compiled = kept_in("render") / "jinja"
            target = self.session.target
            written = pages.write_pages(Path(config.docs_dir), pages.generated_pages(catalog, target))
            if written:
                log.info("generated pages written: %d", len(written))
        share_compiled_templates(config.theme, self._compiled)
        search = _search_plugin(config)
        if search is not None and hasattr(search, "search_index"):
            self._search.install(search.search_index)
            search.search_index_prev = None  # type: ignore[attr-defined]  # `add_skipped` keeps the index whole
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

    @event_priority(-110)  # after the i18n plugin has made this language's files
    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        """Tell the kept page bodies where this pass's pages sit; under a dirty rebuild, tell each page whether it
        must be rendered again."""
        session = self.session
        self._bodies.site(
            files, session.lang if session else "", str(config.use_directory_urls), repr(config.validation)
        )
        if not self._dirty or session is None:
            return files
        shared = digest(
            Path(config.config_file_path or "").read_bytes() if config.config_file_path else b"",
            repr(config.nav),
            "\n".join(sorted(f.src_uri for f in files.documentation_pages())),
            catalog_path().read_bytes(),
            GUIDES_FILE.read_bytes(),
            session.fingerprint,
        )
        fences = tuple(f"```{name}" for name in (render.CATALOG_FENCE, render.MATRIX_FENCE))
        rendered = self._rebuilds.mark(session.lang, files, shared, fences)
        log.info("%s: %d page(s) to render, the others are unchanged", session.lang, rendered)
        return files

    def on_env(self, env: jinja2.Environment, /, *, config: MkDocsConfig, files: Files) -> jinja2.Environment:
        self._templates.install(env)  # each pass's own environment (`page_templates`)
        return env

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
        """An executed block: its code, with a hole where its output goes (`page_bodies`)."""
        names = ("feature", "variant", "guide", "name", "side_effect")
        hole = self._bodies.hole("example", source, {name: options[name] for name in names if name in options})

        def code_html(slot: str) -> str:
            return str(
                base_format(language="python", run=lambda *_, **__: slot, code=source, md=md, html=True, source="above")
            )

        return self._code_blocks.html(source, hole, code_html)

    def _example(self, code: str, options: dict[str, Any]) -> str:
        """What an executed block shows after its code: its result, or a placeholder for it."""
        session = self.session
        assert session is not None
        guide = options.get("guide")
        if guide is not None:
            later = session.guide_result_later(guide, options["name"], options["side_effect"], code)
        else:
            later = session.result_later(str(options.get("feature")), str(options.get("variant")), code)
        if later is None:
            return render.not_executed_html(session.lang)
        lang, root = session.lang, self._page_root

        def html() -> str:
            result = later.get()
            recording, stale = session.recording(result)
            return render.result_html(result, lang, recording=recording, stale=stale, root=root)

        return self._now_or_later(later.ready, html)

    def _fill(self, kind: str, arguments: list[Any]) -> str:
        """The HTML of a hole a fence left in a page (`page_bodies`)."""
        if kind == "example":
            return self._example(*arguments)
        if kind == "surface":
            return self._surface_table(*arguments)
        return self._table(*arguments)

    def on_page_markdown(self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Any) -> str:
        """Remember where the page being rendered sits, so the results on it can link to site pages."""
        self._page_root = "../" * page.url.count("/")
        self._page_output = page.file.dest_uri
        self._search.excluded[page.file.dest_uri] = []
        convert = page.render
        bodies = self._bodies

        def render_page(config: MkDocsConfig, files: Files) -> None:
            bodies.render(page, lambda: convert(config, files), files)

        setattr(page, "render", render_page)  # noqa: B010  # an instance override: MkDocs renders it next
        return markdown

    def _now_or_later(self, ready: bool, html: Callable[[], str]) -> str:
        """The HTML of a result that is in, or a placeholder for it (`deferred`). The HTML put in now is kept out
        of the search index (`search_entries`); a placeholder never reaches it."""
        if not ready:
            return self._deferred.placeholder(html)
        shown = html()
        self._search.excluded.setdefault(self._page_output, []).extend(excluded_parts(shown))
        return shown

    def _catalog(
        self, source: str, language: str, css_class: str, options: dict[str, Any], md: Markdown, **_: Any
    ) -> str:
        return self._bodies.hole("table", language)

    def _table(self, language: str) -> str:
        """A placeholder: the index is the first page rendered, and waiting here for every example would leave
        nothing for the workers to overlap with; the table goes in once the build has all the results."""
        session = self.session
        assert session is not None
        lang = session.lang
        if language == render.CATALOG_FENCE:
            return self._deferred.placeholder(
                lambda: render.catalog_table(
                    session.catalog, lang, lambda feature, variant: session.catalog_result(feature, variant, lang)
                )
            )
        return self._deferred.placeholder(
            lambda: matrix.matrix_table(
                session.catalog,
                lang,
                lambda column, feature: session.matrix_result(column, feature, lang),
                matrix.load_reports(),
            )
        )

    def _surface(
        self, source: str, language: str, css_class: str, options: dict[str, Any], md: Markdown, **_: Any
    ) -> str:
        return self._bodies.hole("surface", options["resource"])

    def _surface_table(self, resource: str) -> str:
        session = self.session
        assert session is not None
        later = session.surface_later(resource)
        cell: render.MockCell | None = None
        if later is not None and not later.ready:  # the table now (its group names are indexed), its calls later
            pending = later

            def placeholder(name: str) -> str:
                return self._deferred.placeholder(lambda: render.mock_cell(pending.get().get(name)))

            cell = placeholder
        results = later.get() if later is not None and later.ready else None
        html = render.surface_table(surface.methods_of(resource), results, session.lang, cell)
        self._search.excluded.setdefault(self._page_output, []).extend(excluded_parts(html))
        return html

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
        self._deferred.written(Path(config.site_dir) / page.file.dest_uri, output)
        return output

    @event_priority(100)  # before the search plugin writes the index and the i18n plugin collects its entries
    def _keep_search_entries(self, *, config: MkDocsConfig) -> None:
        search = _search_plugin(config)
        if self._dirty and self.session is not None and search is not None and hasattr(search, "search_index"):
            self._search.add_skipped(search.search_index, self._rebuilds.skipped.get(self.session.lang, []))

    @event_priority(-50)  # after the search plugin wrote this pass's index, before the i18n plugin merges them
    def _finish_pass(self, *, config: MkDocsConfig) -> None:
        session = self.session
        assert session is not None
        search = _search_plugin(config)
        if search is not None:
            # Under a dirty build the search plugin keeps this pass's index to merge into the next one; this
            # plugin hands it every page's entries instead (`_keep_search_entries`), and a merge would repeat them.
            search.search_index_prev = None  # type: ignore[attr-defined]
        site = Path(config.site_dir)
        for output in self._rebuilds.built(session.lang):  # a page deleted under `mkdocs serve --dirty`
            path = site / output
            path.unlink(missing_ok=True)
            if path.parent != site:
                with contextlib.suppress(OSError):  # not empty: something else lives there
                    path.parent.rmdir()

    @event_priority(-200)  # after the i18n plugin's own post-build, which runs the other languages' passes
    def _report(self, *, config: MkDocsConfig) -> None:
        """Once per build, when every language's pass is done: status.json, the log line, strict mode."""
        session = self.session
        assert session is not None
        if getattr(config.plugins.get("i18n"), "building", False):
            return  # a nested language pass: the outer pass reports for all of them
        self._deferred.fill()  # every language's pages, now that the results have had the whole render to arrive
        records = session.records()
        path = (self._site_root or Path(config.site_dir)) / "status.json"
        write_atomic(path, _status_json(session, records))
        self._search.save(whole_build=not self._dirty)
        self._code_blocks.save(whole_build=not self._dirty)
        self._bodies.save(whole_build=not self._dirty)
        self._templates.save(whole_build=not self._dirty)
        executed, from_disk = session.counts()
        log.info(
            "%d examples: %d executed, %d from cache; status written to %s",
            len(records) + len(session.matrix_records()),
            executed,
            from_disk,
            path,
        )
        log.info(
            "pages: %d converted from Markdown, %d kept from an earlier build; theme around them: %d rendered, %d kept",
            *self._bodies.counts(),
            *self._templates.counts(),
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

    on_post_build = CombinedEvent(_keep_search_entries, _finish_pass, _report)  # pyright: ignore[reportAssignmentType]

    def on_build_error(self, *, error: Exception) -> None:
        self._rebuilds.forget()  # pages may be half-written: the next rebuild renders all of them
        self._deferred.forget()

    def on_serve(self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Any) -> LiveReloadServer:
        watch_sources(server, [catalog_path(), GUIDES_FILE, PROJECT_ROOT / "examples"])
        return server

    @event_priority(-100)  # after every other plugin's
    def on_shutdown(self) -> None:
        """The command ends: the workers are stopped, and the pages, search index and templates the build holds
        are frozen out of the collections the interpreter makes as it exits (`sdk.loading.frozen_for_exit`)."""
        if self.session is not None:
            self.session.close()
        frozen_for_exit()


def _status_json(session: BuildSession, records: list[ExampleResult]) -> str:
    """Every result of the build with the build's facts; one example per line, so the file reads and diffs well
    (and is written by the JSON encoder's C code: an indented dump took a quarter of a second)."""
    head = {
        "target": session.target.name,
        "target_kind": session.target.kind,
        "sdk_version": sdk_version(),
        "built_at": utc_timestamp(),
        "executed": session.execute,
    }
    examples = [
        json.dumps(
            {**record.model_dump(mode="json"), "recording": _recording_summary(session, record)}, ensure_ascii=False
        )
        for record in records + session.matrix_records()
    ]
    body = json.dumps(head, ensure_ascii=False)[:-1]
    return body + ', "examples": [\n' + ",\n".join(examples) + "\n]}\n"


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
