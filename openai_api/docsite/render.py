"""Markdown and HTML for the generated pages, as plain functions of the catalog.

`openai_api.docsite.pages` writes what these return before each build, and the tests call them directly, so a page
can be checked without building the site. Nothing here executes an example: results come in as `ExampleResult`s.
"""

from __future__ import annotations

import html
import textwrap
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

from openai_api.core.catalog import VARIANTS, Catalog, Feature, Variant
from openai_api.core.i18n import DEFAULT_LANG, Lang
from openai_api.core.providers import Target, localize_models
from openai_api.core.runner import ExampleResult
from openai_api.docsite.recordings import Recording
from openai_api.sdk.surface import MethodInfo
from openai_api.storage import load_yaml

UI_FILE = Path(__file__).parent / "data" / "ui.yaml"
CATALOG_FENCE = "openai-catalog"
SURFACE_FENCE = "openai-surface"
MATRIX_FENCE = "openai-matrix"
MockCell = Callable[[str], str]  # a surface row's mock cell, from the method's name


@cache
def _ui() -> dict[str, Any]:
    return load_yaml(UI_FILE.read_text(encoding="utf-8"))


def ui(key: str, lang: Lang, sub: str | None = None) -> str:
    entry = _ui()[key]
    if sub is not None:
        entry = entry[sub]
    return entry[lang]


def labelled(key: str, lang: Lang) -> str:
    """A label with the colon its language writes after it: `Target: ` in English, `目标：` in Chinese."""
    return ui(key, lang) + ui("label_colon", lang)


def page_path(feature: Feature) -> str:
    return f"features/{feature.id}.md"


def page_code(catalog: Catalog, feature: Feature, variant: Variant, target: Target, lang: Lang = DEFAULT_LANG) -> str:
    """The code a page of `lang` shows and runs: the language's example file, with model names for the target."""
    return localize_models(catalog.example_code(feature, variant, lang), target).rstrip() + "\n"


def _indent(text: str, spaces: int = 4) -> str:
    return textwrap.indent(text, " " * spaces, lambda line: True).replace(" " * spaces + "\n", "\n")


def example_fence(feature: Feature, variant: Variant, code: str) -> str:
    return f'```python feature="{feature.id}" variant="{variant}"\n{code}```\n'


def feature_page(catalog: Catalog, feature: Feature, lang: Lang, target: Target) -> str:
    required = ", ".join(f"`{name}`" for name in feature.required_params) or ui("none_required", lang)
    # The tags are shown once, by the theme above the title (and indexed by search): no second row of chips.
    tags = [
        catalog.categories[feature.category](lang),
        ui("stability", lang, feature.stability),
        f"{labelled('col_side_effect', lang)}{ui('side_effect', lang, feature.side_effect)}",
    ]
    lines = [
        "---",
        "tags:",
        *(f'  - "{tag}"' for tag in tags),
        "---",
        "",
        f"# {feature.title(lang)}",
        "",
        f"## {ui('purpose', lang)}",
        "",
        feature.purpose(lang),
        "",
        f"## {ui('when_to_use', lang)}",
        "",
        feature.when_to_use(lang),
        "",
        f"## {ui('api', lang)}",
        "",
        f"| | |\n|---|---|\n| {ui('surface', lang)} | `client.{feature.surface}` |",
        f"| {ui('param_count', lang)} | {feature.param_count} |",
        f"| {ui('required', lang)} | {required} |",
        "",
        f"## {ui('core_params', lang)}",
        "",
        *(f"- `{param.name}`{ui('label_colon', lang)}{param.text(lang)}" for param in feature.core_params),
        "",
        f"## {ui('examples', lang)}",
        "",
        ui("examples_intro", lang),
        "",
    ]
    for variant in VARIANTS:
        lines.append(f'=== "{ui("tab_" + variant, lang)}"')
        lines.append("")
        lines.append(_indent(example_fence(feature, variant, page_code(catalog, feature, variant, target, lang))))
    if feature.is_resource:
        lines += [
            f"## {ui('surface_title', lang)}",
            "",
            ui("surface_intro", lang),
            "",
            f'```{SURFACE_FENCE} resource="{feature.id}"',
            "```",
            "",
        ]
    lines += [f"## {ui('exercises', lang)}", ""]
    for kind in ("understand", "hands_on"):
        exercise = getattr(feature.exercises, kind)
        lines += [
            f"### {ui(kind, lang)}",
            "",
            exercise.question(lang),
            "",
            f'??? success "{ui("answer", lang)}"',
            "",
            _indent(localize_models(exercise.answer(lang), target).rstrip() + "\n"),
        ]
    return "\n".join(lines).rstrip() + "\n"


def catalog_page(lang: Lang, target: Target) -> str:
    return "\n".join(
        [
            f"# {ui('catalog_title', lang)}",
            "",
            ui("catalog_intro", lang),
            "",
            f"{labelled('built_against', lang)}**{html.escape(target.title(lang))}** (`{target.name}`).",
            "",
            f"```{CATALOG_FENCE}",
            "```",
            "",
        ]
    )


def matrix_page(lang: Lang) -> str:
    return f"# {ui('matrix_title', lang)}\n\n{ui('matrix_intro', lang)}\n\n```{MATRIX_FENCE}\n```\n"


def breakable(identifier: str) -> str:
    """An identifier that may wrap only between its parts (after a `.`, a `/` or a `_`), never inside a word: the
    tables' CSS forbids breaks inside code, and `<wbr>` marks where a long dotted name, path or snake_case name may
    still wrap, so a column is as narrow as its longest word rather than its longest identifier."""
    return html.escape(identifier).replace(".", ".<wbr>").replace("/", "/<wbr>").replace("_", "_<wbr>")


def status_badge(status: str) -> str:
    return f'<span class="oa-status oa-status--{status}">{status}</span>'


def result_html(
    result: ExampleResult,
    lang: Lang,
    *,
    recording: Recording | None = None,
    stale: bool = False,
    root: str = "",
) -> str:
    """What an example printed, where it ran and how it ended. With a recording of the same code, the recorded
    answer comes first, labelled with provider and date, and this build's run is shown as its verification."""
    meta = [
        status_badge(result.status),
        f'<span class="oa-elapsed" title="{ui("elapsed", lang)}">{result.elapsed_ms:.1f} ms</span>',
        _source(result.target, lang, root),
    ]
    if result.http_status is not None:
        meta.append(f'<span class="oa-http">HTTP {result.http_status}</span>')
    if result.cached:
        meta.append(f'<span class="oa-cached">{ui("cached", lang)} {html.escape(result.recorded_at)}</span>')
    parts = [
        f'<div class="oa-result" data-feature="{result.feature}" data-variant="{result.variant}" '
        f'data-status="{result.status}"{" data-recorded" if recording and not stale else ""} data-search-exclude>'
    ]
    if recording is not None and not stale:
        label = ui("recorded_from", lang).format(
            provider=html.escape(recording.provider),
            date=html.escape(recording.recorded_at),
            sdk=html.escape(recording.sdk_version),
            model=html.escape(recording.model or "?"),
            ms=f"{recording.elapsed_ms:.0f}",
        )
        recorded = html.escape(recording.output.rstrip()) or ui("no_output", lang)
        parts += [
            f'<p class="oa-result__label oa-recorded">{label}</p>',
            f'<pre class="oa-output oa-output--recorded"><code>{recorded}</code></pre>',
            f'<p class="oa-result__meta"><strong>{labelled("verified", lang)}</strong>{" ".join(meta)}</p>',
        ]
    else:
        output = result.output.rstrip("\n") or ui("no_output", lang)
        parts += [
            f'<p class="oa-result__meta">{" ".join(meta)}</p>',
            f'<p class="oa-result__label">{ui("output", lang)}</p>',
            f'<pre class="oa-output"><code>{html.escape(output)}</code></pre>',
        ]
        if recording is not None:
            note = ui("stale_recording", lang).format(
                provider=html.escape(recording.provider), date=html.escape(recording.recorded_at)
            )
            parts.append(f'<p class="oa-stale">{note}</p>')
    if result.detail:
        parts.append(f'<p class="oa-error"><strong>{labelled("error", lang)}</strong>{html.escape(result.detail)}</p>')
    parts.append("</div>")
    return "\n".join(parts)


def _source(target: str, lang: Lang, root: str) -> str:
    """Where the output came from, said plainly: the simulator is named as such and links to the page on it."""
    where = f"{labelled('target', lang)}{html.escape(target)}"
    if target.startswith("mock"):
        where += f' — <a href="{root}mock/">{ui("mock_source", lang)}</a>'
    return f'<span class="oa-target">{where}</span>'


def not_executed_html(lang: Lang) -> str:
    return f'<p class="oa-result oa-result--off">{ui("not_executed", lang)}</p>'


def catalog_table(catalog: Catalog, lang: Lang, result_of: Callable[[Feature, Variant], ExampleResult | None]) -> str:
    """The index's table; `result_of` gives each example's result, or None when examples were not executed."""
    header = [
        ui(key, lang)
        for key in ("col_feature", "col_surface", "col_category", "col_stability", "col_side_effect", "col_examples")
    ]
    rows = [
        '<div class="oa-table-scroll"><table class="oa-catalog"><thead><tr>'
        + "".join(f"<th>{cell}</th>" for cell in header)
        + "</tr></thead><tbody>"
    ]
    for _, features in catalog.by_category():
        for feature in features:
            cells = []
            for variant in VARIANTS:
                result = result_of(feature, variant)
                badge = status_badge(result.status) if result else "—"
                cells.append(f"{ui('tab_' + variant, lang)} {badge}")
            rows.append(
                "<tr>"
                f'<td><a href="../features/{feature.id}/">{html.escape(feature.title(lang))}</a>'
                f"<br><code>{breakable(feature.id)}</code></td>"
                f"<td><code>{breakable(feature.surface)}</code></td>"
                f"<td>{html.escape(catalog.categories[feature.category](lang))}</td>"
                f"<td>{ui('stability', lang, feature.stability)}</td>"
                f"<td>{ui('side_effect', lang, feature.side_effect)}</td>"
                f"<td>{'<br>'.join(cells)}</td>"
                "</tr>"
            )
    rows.append("</tbody></table></div>")
    return "\n".join(rows)


# A resource with more methods than this shows them grouped by sub-resource, each group a collapsible section.
SURFACE_GROUPING_THRESHOLD = 12


def surface_table(
    methods: list[MethodInfo], results: dict[str, ExampleResult] | None, lang: Lang, cell: MockCell | None = None
) -> str:
    """One row per SDK method; `results` maps a method to its build-time mock call (None: execution off). `cell`,
    when given, makes each row's mock cell from the method's name instead (a placeholder while the calls run).

    Why groups: `beta` or `admin` have dozens of methods under many sub-resources, and one long table hides where
    `files` ends and `file_batches` begins; each group (`client.vector_stores.files`) is a section of its own,
    open by default, that a reader can fold away."""
    groups: dict[str, list[MethodInfo]] = {}
    for method in methods:
        groups.setdefault(method.name.rpartition(".")[0], []).append(method)

    def from_results(name: str) -> str:
        return mock_cell((results or {}).get(name))

    cell = cell or from_results
    if len(methods) <= SURFACE_GROUPING_THRESHOLD or len(groups) == 1:
        return _surface_rows(methods, cell, lang)
    parts = []
    for group, members in groups.items():
        count = ui("surface_group_count", lang).format(n=len(members))
        parts.append(
            f'<details class="oa-surface-group" open data-group="{group}"><summary>'
            f"<code>{breakable('client.' + group)}</code> · {count}</summary>\n"
            f"{_surface_rows(members, cell, lang)}\n</details>"
        )
    return "\n".join(parts)


def mock_cell(result: ExampleResult | None) -> str:
    """A surface row's last cell: the method's call against the mock, or a dash when it was not called."""
    if result is None:
        return "—"
    cell = f"{status_badge(result.status)} {result.elapsed_ms:.1f} ms"
    if result.detail:
        cell += f'<br><span class="oa-detail">{html.escape(result.detail)}</span>'
    return cell


def _surface_rows(methods: list[MethodInfo], cell: MockCell, lang: Lang) -> str:
    header = [ui(key, lang) for key in ("col_method", "col_http", "col_params", "required", "col_mock")]
    rows = [
        '<div class="oa-table-scroll" data-search-exclude><table class="oa-surface"><thead><tr>'
        + "".join(f"<th>{h}</th>" for h in header)
        + "</tr></thead><tbody>"
    ]
    for method in methods:
        if method.http:
            http = "<br>".join(f"<code>{breakable(line)}</code>" for line in method.http)
        elif method.helper_of:
            http = (
                ui("sdk_side", lang) + " " + ", ".join(f"<code>{breakable(name)}</code>" for name in method.helper_of)
            )
        else:
            http = ui("websocket", lang) if method.name.endswith("connect") else "—"
        required = ", ".join(f"<code>{breakable(name)}</code>" for name in method.required) or "—"
        rows.append(
            f'<tr data-method="{method.name}"><td><code>{breakable("client." + method.name)}</code></td><td>{http}</td>'
            f"<td><code>{html.escape(method.signature)}</code> ({method.param_count})</td>"
            f"<td>{required}</td><td>{cell(method.name)}</td></tr>"
        )
    rows.append("</tbody></table></div>")
    return "\n".join(rows)
