"""The probe's report: one model, written by the probe (`--report PATH`) and read by the site's matrix.

Why a model both sides import: a field renamed on one side would otherwise surface as an empty matrix column
months later; here it is a type error, and a committed report that no longer parses is an error naming it.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from openai_api.core.deadline import Call
from openai_api.core.redaction import redact
from openai_api.core.runner import ExampleResult


class ReportResult(BaseModel):
    model_config = ConfigDict(extra="ignore")

    id: str
    status: str
    http_status: int | None = None
    elapsed_ms: float
    request_id: str | None = None
    detail: str = ""
    calls: list[Call] = []  # every HTTP call the example made: method, path, HTTP status, ms, request id


class Report(BaseModel):
    model_config = ConfigDict(extra="ignore")

    provider: str
    base_url: str | None = None
    generated_at: str
    sdk_version: str
    variant: str = "async"
    cleanup: list[str] = []
    results: list[ReportResult]

    def title(self) -> str:
        where = f" · {self.base_url}" if self.base_url else ""
        return f"{self.provider}{where}"

    def to_json(self) -> str:
        return self.model_dump_json(indent=2) + "\n"


def report_result(result: ExampleResult, secrets: list[str]) -> ReportResult:
    """One probe result as the report keeps it: keys and key prefixes masked in the detail and the calls."""
    return ReportResult(
        id=result.feature,
        status=str(result.status),
        http_status=result.http_status,
        elapsed_ms=result.elapsed_ms,
        request_id=result.request_id,
        detail=redact(result.detail, secrets),
        calls=[
            call.model_copy(update={"path": redact(call.path, secrets), "note": redact(call.note, secrets)})
            for call in result.calls
        ],
    )
