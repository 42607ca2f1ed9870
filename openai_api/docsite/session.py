"""One build's knowledge of its examples: the target, the executors, and every result shown, in page order.

The plugin creates a session on the first language pass of a build and keeps it for the other languages, so the
workers and the results already in hand carry over. A `mkdocs serve` rebuild starts a new session that takes over
the previous one's workers and results in memory when nothing they depend on changed (same settings, same
execution fingerprint): an unchanged example is not run again, nor read back from disk. Each language
runs its own code (its prompts are in that language, so its replies differ); an example whose code is the same
in both languages runs once, as results are keyed by the code.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from concurrent.futures import Future
from dataclasses import dataclass
from typing import Generic, TypeVar

from openai_api.core.catalog import VARIANTS, Catalog, Feature, Variant, catalog_path
from openai_api.core.i18n import DEFAULT_LANG, LANGS, Lang
from openai_api.core.providers import ProviderError, Target, resolve_target, target_for
from openai_api.core.runner import ExampleResult
from openai_api.core.settings import DocsSettings
from openai_api.docsite import render
from openai_api.docsite.execution.executor import Executor
from openai_api.docsite.execution.results_cache import ResultCache, package_fingerprint
from openai_api.docsite.execution.worker_process import start_fork_server
from openai_api.docsite.guides import guide_blocks, load_guides, load_pages, page_blocks
from openai_api.docsite.recordings import Recording, Recordings, code_hash
from openai_api.sdk.version import sdk_version
from openai_api.storage import PROJECT_ROOT

T = TypeVar("T")


@dataclass(frozen=True)
class Later(Generic[T]):
    """A result a page asked for, which may still be running: `ready` tells whether `get` would wait. Pages do not
    wait for it (see `docsite.deferred`); `get` records it as shown, for the page's language, when it is read."""

    future: Future[list[ExampleResult]]
    shown: Callable[[list[ExampleResult]], T]

    @property
    def ready(self) -> bool:
        return self.future.done()

    def get(self) -> T:
        return self._value

    @functools.cached_property
    def _value(self) -> T:  # once: a surface table reads its results once per method
        return self.shown(self.future.result())


def docs_target(settings: DocsSettings, env: Mapping[str, str] | None = None) -> Target:
    if settings.target == "mock":
        return target_for("mock", env)
    target = resolve_target(settings.provider, env)
    if target.embedded:
        raise ProviderError(
            "OPENAI_API_DOCS_TARGET=live needs a provider key: set DEEPSEEK_API_KEY or OPENAI_API_KEY "
            "(or OPENAI_API_DOCS_PROVIDER with that provider's key)"
        )
    return target


def start_executing_early() -> None:
    """With the command: start the workers' fork server when this build will execute most of its examples on the
    mock (nothing kept from this package's code, or a refresh; see `worker_process.start_fork_server`). Settings
    that do not read are left for the session to report."""
    try:
        settings = DocsSettings.from_env()
    except ValueError:
        return
    if not settings.execute or settings.target != "mock":
        return  # nothing to compute: no need to hash the package to look for its results
    if settings.refresh or not ResultCache(settings.cache_dir).holds_this_package():
        start_fork_server()


class BuildSession:
    """Everything one build knows about its examples: target, executor, results in page order."""

    def __init__(
        self, catalog: Catalog, settings: DocsSettings, lang: Lang, previous: BuildSession | None = None
    ) -> None:
        """`previous` is the session of the last build of the same server; its workers and results are taken
        over when they are still valid (else the caller closes it)."""
        self.catalog = catalog
        self.settings = settings
        self.target = target = docs_target(settings)
        self.lang: Lang = lang
        self.execute = settings.execute
        self.strict = settings.strict
        self.fingerprint = package_fingerprint()
        self.recordings = Recordings(settings.recordings_dir or PROJECT_ROOT / "docs" / "recordings")
        # The matrix's DeepSeek column: the same examples against the mock's `deepseek` profile, in a worker of its own.
        self.profile_target = target_for("mock-deepseek", {})
        self.prefetched = False
        if previous is not None and previous.settings == settings and previous.fingerprint == self.fingerprint:
            self.executor, self.profile_executor = previous.executor, previous.profile_executor
            # What a dirty rebuild does not render again stays shown, with its recording.
            self._shown = dict(previous._shown)
            self._recorded = dict(previous._recorded)
            self._matched = dict(previous._matched)
        else:
            self.executor = Executor(
                target,
                include_side_effects=settings.include_side_effects,
                cache=ResultCache(settings.cache_dir),
                refresh=settings.refresh,
                workers=settings.workers,
                deadline=settings.deadline,
            )
            self.profile_executor = Executor(
                self.profile_target,
                include_side_effects=True,
                cache=self.executor.cache,
                refresh=self.executor.refresh,
                deadline=settings.deadline,
            )
            # (language or None for surface calls, feature or example name, variant, page) -> the results shown
            # (one, or a resource's surface calls; none yet while a page waits for them)
            self._shown: dict[tuple[str | None, str, str, str | None], tuple[ExampleResult, ...]] = {}
            # Per shown example (language, feature, variant, page): its recording, and whether that recording is
            # for other code than today's (stale); and the hash of the code it was matched with.
            self._recorded: dict[tuple[str | None, str, str, str | None], tuple[Recording, bool]] = {}
            self._matched: dict[tuple[str | None, str, str, str | None], str] = {}
        cache = self.executor.cache
        self._counts_before = (self.executed_total(), cache.hits if cache else 0)

    def executed_total(self) -> int:
        return self.executor.executed + self.profile_executor.executed

    def counts(self) -> tuple[int, int]:
        """Examples executed and results read from the disk cache during this build (not earlier ones)."""
        cache = self.executor.cache
        executed, hits = self._counts_before
        return self.executed_total() - executed, (cache.hits if cache else 0) - hits

    def code(self, feature: Feature, variant: Variant, lang: Lang | None = None) -> str:
        """The code the page of `lang` (default: the pass being rendered) shows and runs."""
        return render.page_code(self.catalog, feature, variant, self.target, self.lang if lang is None else lang)

    def prefetch(self) -> None:
        """Submit every example of the catalog and the guides in every language, the language being rendered
        first and each in navigation order (learner pages, guides, cards — a card's surface calls right after its
        examples, as its page shows them), so results arrive in the order pages need them."""
        self.prefetched = True
        if not self.execute:
            return
        ordered = [feature for _, features in self.catalog.by_category() for feature in features]
        with self.executor.batch(), self.profile_executor.batch():  # how many ran out of cache tells how to start
            for number, lang in enumerate(sorted(LANGS, key=lambda lang: lang != self.lang)):
                for page in load_pages():  # the start page first: it is the first read
                    for block in page_blocks(page, lang):
                        self.executor.submit_guide(*block._replace(page=self._record_page(block.page, lang)))
                for block in (block for guide in load_guides() for block in guide_blocks(guide, lang)):
                    self.executor.submit_guide(*block)
                for feature in ordered:
                    for variant in VARIANTS:
                        self.executor.submit(feature.id, variant, self.code(feature, variant, lang))
                    if number == 0 and feature.is_resource:  # one call per method, shown in both languages
                        self.executor.submit_surface(feature.id)
            for feature in ordered:
                self.profile_executor.submit(feature.id, "sync", self.matrix_code(feature))

    def result_later(
        self, feature: str, variant: str, code: str, lang: Lang | None = None
    ) -> Later[ExampleResult] | None:
        """A card example's result as the page of `lang` (default: the pass being rendered) shows it, once it is in;
        None when examples are not executed."""
        if not self.execute:
            return None
        lang = self.lang if lang is None else lang
        key = (lang, feature, variant, None)
        self._shown.setdefault(key, ())  # its place in status.json is where the page asked for it

        def shown(results: list[ExampleResult]) -> ExampleResult:
            result = results[0].model_copy(update={"lang": lang})
            self._shown[key] = (result,)
            if variant in VARIANTS:  # the catalog's own code, before model names are localized, is what is hashed
                feature_ = self.catalog.feature(feature)
                self._match(result, self.catalog.example_code(feature_, variant, lang))  # type: ignore[arg-type]
            return result

        return Later(self.executor.submit(feature, variant, code), shown)

    def guide_result_later(self, page: str, name: str, side_effect: str, code: str) -> Later[ExampleResult] | None:
        if not self.execute:
            return None
        lang = self.lang
        page = self._record_page(page, lang)
        key = (lang, name, "guide", page)
        self._shown.setdefault(key, ())

        def shown(results: list[ExampleResult]) -> ExampleResult:
            result = results[0].model_copy(update={"lang": lang})
            self._shown[key] = (result,)
            self._match(result, code)
            return result

        return Later(self.executor.submit_guide(page, name, side_effect, code), shown)

    def _match(self, result: ExampleResult, code: str) -> None:
        """Record the answer (a recording build) or find the example's recording and whether it is still for
        this code."""
        key = (result.lang, result.feature, result.variant, result.page)
        if self._matched.get(key) == (hashed := code_hash(code)):
            return
        self._matched[key] = hashed
        self._recorded.pop(key, None)
        if self.settings.record and not self.target.embedded and result.status == "ok":
            recording = self.recordings.record(result, code, self.target, sdk_version())
        else:
            found = self.recordings.find(result.feature, result.variant, result.page, result.lang)
            if found is None or self.settings.recordings == "off":
                return
            recording = found
        self._recorded[key] = (recording, recording.code_sha256 != hashed)

    def recording(self, result: ExampleResult) -> tuple[Recording | None, bool]:
        """The recording shown beside `result`, and whether it is stale."""
        return self._recorded.get((result.lang, result.feature, result.variant, result.page), (None, False))

    def stale_recordings(self) -> list[str]:
        return [
            f"{page + '#' if page else ''}{feature} ({variant}, {lang}): recorded {recording.recorded_at} from "
            f"{recording.provider} for other code"
            for (lang, feature, variant, page), (recording, stale) in self._recorded.items()
            if stale
        ]

    @staticmethod
    def _record_page(page: str, lang: Lang) -> str:
        """A learner's page is a page of its own per language in the records (`index`, `index.en`); a guide keeps
        one page name, its records told apart by `lang`."""
        is_learner = any(learner.stem == page for learner in load_pages())
        return f"{page}.{lang}" if is_learner and lang != DEFAULT_LANG else page

    def matrix_code(self, feature: Feature) -> str:
        """The matrix's profile column runs the default language's sync example: it shows a status, not a reply."""
        return render.page_code(self.catalog, feature, "sync", self.profile_target, DEFAULT_LANG)

    def matrix_result(self, column: str, feature: Feature, lang: Lang | None = None) -> ExampleResult | None:
        if not self.execute:
            return None
        if column == "mock":
            return self.catalog_result(feature, "sync", lang)
        return self.profile_executor.result(feature.id, "sync", self.matrix_code(feature))

    def matrix_records(self) -> list[ExampleResult]:
        if not self.execute:
            return []
        return [
            self.profile_executor.result(f.id, "sync", self.matrix_code(f)).model_copy(update={"lang": DEFAULT_LANG})
            for f in self.catalog.features
        ]

    def surface_later(self, resource: str) -> Later[dict[str, ExampleResult]] | None:
        if not self.execute:
            return None
        key = (None, resource, "surface", None)
        self._shown.setdefault(key, ())

        def shown(results: list[ExampleResult]) -> dict[str, ExampleResult]:
            self._shown[key] = tuple(results)
            return {result.method or "": result for result in results}

        return Later(self.executor.submit_surface(resource), shown)

    def catalog_result(self, feature: Feature, variant: Variant, lang: Lang | None = None) -> ExampleResult | None:
        later = self.result_later(feature.id, variant, self.code(feature, variant, lang), lang)
        return None if later is None else later.get()

    def catalog_line(self, feature_id: str | None) -> int | None:
        """The line of `- id: <feature_id>` in the catalog file, for links into it."""
        if feature_id is None:
            return None
        for number, line in enumerate(catalog_path().read_text(encoding="utf-8").splitlines(), start=1):
            if line.strip() == f"- id: {feature_id}":
                return number
        return None

    def records(self) -> list[ExampleResult]:
        return [result for results in self._shown.values() for result in results]

    def close(self) -> None:
        self.executor.close()
        self.profile_executor.close()
