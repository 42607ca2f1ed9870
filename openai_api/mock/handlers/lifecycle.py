"""Batches and fine-tuning jobs move through their real states, one step per retrieve.

Why: against OpenAI a new batch is ``validating`` and a new job ``validating_files``; a reader's
poll loop then sees them progress and finish. Here each ``retrieve`` advances one step, so a loop
ends after a couple of calls: batch validating -> in_progress -> completed (with an output file of
real mock answers), or validating -> failed when the input file is invalid (``batch_input``: the
reasons in ``errors.data``); job validating_files -> running -> succeeded (with a fine-tuned model name).
Cancelling a batch answers ``cancelling`` (then ``cancelled``); a job is ``cancelled`` at once.
Every answer about one not yet finished says when to ask again (``openai-poll-after-ms``, see ``polling``).
"""

from __future__ import annotations

import json
from typing import Any

from openai.types import Batch
from openai.types.fine_tuning import FineTuningJob

from openai_api.mock.behaviour.batch_runner import run_batch
from openai_api.mock.behaviour.batch_validation import input_errors
from openai_api.mock.crud import fresh_id, refuse_transition, stored_or_demo
from openai_api.mock.errors import MockError
from openai_api.mock.handler_call import Call
from openai_api.mock.handlers import handles
from openai_api.mock.handlers.files import store_file
from openai_api.sdk.synthesis import EPOCH

ORG_ID = "org-mockdocs7Kq2Xw9Lr4Tz"
_BATCHES = "/batches"
_JOBS = "/fine_tuning/jobs"
_DAY = 86400


def _jsonl(call: Call, file_id: str) -> list[dict[str, Any]]:
    lines = []
    for raw in call.store.blobs.get(file_id, b"").decode("utf-8", "replace").splitlines():
        try:
            value = json.loads(raw)
        except ValueError:
            continue
        if isinstance(value, dict):
            lines.append(value)
    return lines


def _save(call: Call, collection: str, tp: Any, obj: dict[str, Any]) -> Any:
    call.store.put(collection, obj["id"], obj)
    return call.coerce(tp, obj)


@handles("POST", "/batches")
def create_batch(call: Call) -> Any:
    batch = {
        "id": fresh_id(call, _BATCHES, "batch_"),
        "object": "batch",
        "endpoint": str(call.body.get("endpoint") or ""),
        "input_file_id": str(call.body.get("input_file_id") or ""),
        "completion_window": str(call.body.get("completion_window") or "24h"),
        "status": "validating",
        "created_at": EPOCH,
        "expires_at": EPOCH + _DAY,
        "request_counts": {"total": 0, "completed": 0, "failed": 0},
        "metadata": call.body.get("metadata") or {},
    }
    return _save(call, _BATCHES, Batch, batch)


def _advance_batch(call: Call, batch: dict[str, Any]) -> None:
    status = batch.get("status")
    if status == "validating":
        errors = input_errors(call.store.blobs.get(str(batch.get("input_file_id")), b""), str(batch.get("endpoint")))
        if errors:
            batch.update(status="failed", failed_at=EPOCH + 2, errors={"object": "list", "data": errors})
            return
        total = len(_jsonl(call, str(batch.get("input_file_id"))))
        batch.update(
            status="in_progress", in_progress_at=EPOCH + 2, request_counts={"total": total, "completed": 0, "failed": 0}
        )
    elif status in {"in_progress", "finalizing"}:
        run = run_batch(call, _jsonl(call, str(batch.get("input_file_id"))))
        output = store_file(call, "batch_output.jsonl", run.output, "batch_output")
        batch.update(status="completed", finalizing_at=EPOCH + 55, completed_at=EPOCH + 60, output_file_id=output["id"])
        if run.failed:
            batch["error_file_id"] = store_file(call, "batch_errors.jsonl", run.errors, "batch_output")["id"]
        batch["request_counts"] = {
            "total": run.completed + run.failed,
            "completed": run.completed,
            "failed": run.failed,
        }
        batch["usage"] = {
            "input_tokens": run.usage["input_tokens"],
            "input_tokens_details": {"cached_tokens": 0},
            "output_tokens": run.usage["output_tokens"],
            "output_tokens_details": {"reasoning_tokens": 0},
            "total_tokens": run.usage["input_tokens"] + run.usage["output_tokens"],
        }
    elif status == "cancelling":
        batch.update(status="cancelled", cancelled_at=EPOCH + 30)


@handles("GET", "/batches/{batch_id}")
def retrieve_batch(call: Call) -> Any:
    batch = stored_or_demo(call, _BATCHES, call.path_params["batch_id"], Batch)
    _advance_batch(call, batch)
    return _save(call, _BATCHES, Batch, batch)


@handles("POST", "/batches/{batch_id}/cancel")
def cancel_batch(call: Call) -> Any:
    batch = stored_or_demo(call, _BATCHES, call.path_params["batch_id"], Batch)
    if batch.get("status") in {"completed", "failed", "expired", "cancelled"}:
        refuse_transition(
            call,
            MockError(400, f"Cannot cancel a batch with status '{batch.get('status')}'.", code="batch_not_cancellable"),
        )
    batch.update(status="cancelling", cancelling_at=EPOCH + 10)
    return _save(call, _BATCHES, Batch, batch)


@handles("POST", "/fine_tuning/jobs")
def create_job(call: Call) -> Any:
    method = call.body.get("method") if isinstance(call.body.get("method"), dict) else {"type": "supervised"}
    job = {
        "id": fresh_id(call, _JOBS, "ftjob-"),
        "object": "fine_tuning.job",
        "model": str(call.body.get("model") or ""),
        "training_file": str(call.body.get("training_file") or ""),
        "validation_file": call.body.get("validation_file"),
        "status": "validating_files",
        "created_at": EPOCH,
        "organization_id": ORG_ID,
        "hyperparameters": {"batch_size": "auto", "learning_rate_multiplier": "auto", "n_epochs": "auto"},
        "method": method,
        "result_files": [],
        "seed": int(call.body.get("seed") or 1337),
        "fine_tuned_model": None,
        "finished_at": None,
        "trained_tokens": None,
        "error": None,
        "metadata": call.body.get("metadata") or {},
        "_suffix": call.body.get("suffix"),
    }
    return _save(call, _JOBS, FineTuningJob, job)


def _advance_job(call: Call, job: dict[str, Any]) -> None:
    if job.get("status") in {"validating_files", "queued"}:
        job.update(status="running", estimated_finish=EPOCH + 900)
        job["hyperparameters"] = {"batch_size": 1, "learning_rate_multiplier": 2.0, "n_epochs": 3}
    elif job.get("status") == "running":
        rows = _jsonl(call, str(job.get("training_file")))
        tokens = 3 * sum(len(json.dumps(row, ensure_ascii=False)) // 4 for row in rows)
        suffix = job.get("_suffix") or ""
        name = f"ft:{job.get('model')}:mock-org:{suffix}:{job['id'][-8:]}"
        metrics = store_file(
            call, "step_metrics.csv", b"step,train_loss,train_accuracy\n1,1.20,0.55\n", "fine-tune-results"
        )
        job.update(status="succeeded", finished_at=EPOCH + 900, fine_tuned_model=name, trained_tokens=tokens)
        job.update(result_files=[metrics["id"]], estimated_finish=None)


@handles("GET", "/fine_tuning/jobs/{fine_tuning_job_id}")
def retrieve_job(call: Call) -> Any:
    job = stored_or_demo(call, _JOBS, call.path_params["fine_tuning_job_id"], FineTuningJob)
    _advance_job(call, job)
    return _save(call, _JOBS, FineTuningJob, job)


@handles("POST", "/fine_tuning/jobs/{fine_tuning_job_id}/cancel")
def cancel_job(call: Call) -> Any:
    job = stored_or_demo(call, _JOBS, call.path_params["fine_tuning_job_id"], FineTuningJob)
    if job.get("status") in {"succeeded", "failed", "cancelled"}:
        message = f"Job {job['id']} has already {job.get('status')}; it cannot be cancelled."
        refuse_transition(call, MockError(400, message))
    job.update(status="cancelled", finished_at=None, estimated_finish=None)
    return _save(call, _JOBS, FineTuningJob, job)
