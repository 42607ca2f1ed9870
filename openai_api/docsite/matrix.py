"""The provider compatibility matrix: features down, providers across, a status and a time in every cell.

Two kinds of column. The build's own: the embedded mock posing as the full OpenAI API and as DeepSeek (its
`deepseek` profile), executed at every build. And recorded ones: probe reports (`python -m openai_api.main
--report docs/reports/<name>.json`) committed under `docs/reports/`, shown with the date and SDK version of the run
that made them, so an offline build still shows what a live run found.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from pathlib import Path

from pydantic import ValidationError

from openai_api.core.catalog import ROOT, Catalog, CatalogError, Feature
from openai_api.core.i18n import Lang
from openai_api.core.report import Report
from openai_api.core.runner import ExampleResult
from openai_api.docsite.render import breakable, status_badge, ui

REPORTS_DIR = ROOT / "docs" / "reports"
BUILD_COLUMNS = ("mock", "mock-deepseek")


def load_reports(directory: Path = REPORTS_DIR) -> list[tuple[str, Report]]:
    """(file name, report) for every committed report, in name order; a malformed one is an error naming it."""
    reports = []
    for path in sorted(directory.glob("*.json")):
        try:
            reports.append((path.name, Report.model_validate_json(path.read_text(encoding="utf-8"))))
        except (OSError, ValidationError) as error:
            raise CatalogError(f"{path}: not a probe report: {error}") from error
    return reports


def _cell(status: str | None, elapsed_ms: float | None) -> str:
    if status is None:
        return "—"
    return f"{status_badge(status)}<br><small>{elapsed_ms or 0:.0f} ms</small>"


def matrix_table(
    catalog: Catalog,
    lang: Lang,
    build_result: Callable[[str, Feature], ExampleResult | None],
    reports: list[tuple[str, Report]],
) -> str:
    """`build_result(column, feature)` gives the build's result for one of BUILD_COLUMNS (None when not executed)."""
    head = [ui("col_feature", lang)]
    head += [ui(f"matrix_{column.replace('-', '_')}", lang) for column in BUILD_COLUMNS]
    head += [
        f"{html.escape(report.title())}<br><small>{ui('matrix_report', lang)} {html.escape(name)}, "
        f"{html.escape(report.generated_at[:10])}, SDK {html.escape(report.sdk_version)}</small>"
        for name, report in reports
    ]
    rows = [
        '<div class="oa-table-scroll"><table class="oa-matrix"><thead><tr>'
        + "".join(f"<th>{h}</th>" for h in head)
        + "</tr></thead><tbody>"
    ]
    for _, features in catalog.by_category():
        for feature in features:
            cells = [f'<td><a href="../features/{feature.id}/"><code>{breakable(feature.id)}</code></a></td>']
            for column in BUILD_COLUMNS:
                result = build_result(column, feature)
                cells.append(
                    f"<td>{_cell(result.status if result else None, result.elapsed_ms if result else None)}</td>"
                )
            for _, report in reports:
                found = next((r for r in report.results if r.id == feature.id), None)
                cells.append(f"<td>{_cell(found.status if found else None, found.elapsed_ms if found else None)}</td>")
            rows.append(f'<tr data-feature="{feature.id}">' + "".join(cells) + "</tr>")
    rows.append("</tbody></table></div>")
    return "\n".join(rows)
