"""The ``openai-poll-after-ms`` hint the API sends with an object that is still being worked on.

Why: the SDK's poll helpers (``vector_stores.files.poll``, ``file_batches.poll``, ``videos.poll``,
``beta.threads.runs.poll``) sleep as long as this header says, falling back to a whole second without it, and a
reader's own loop over a batch or a background response should read it the same way. The mock's jobs advance one
step per retrieve (``handlers.lifecycle``, ``handlers.responses``), so the hint is also the simulated time a step
takes: short, so that an example polling through several statuses takes a fraction of a second.
"""

from __future__ import annotations

from typing import Any

__all__ = ["POLL_AFTER_MS", "poll_hint"]

POLL_AFTER_MS = 100

# Objects a client waits on, and the statuses that mean "not yet": every in-between state of their lifecycles.
_POLLED = {
    "batch",
    "response",
    "fine_tuning.job",
    "vector_store.file",
    "vector_store.files_batch",
    "eval.run",
    "video",
    "thread.run",
}
_PENDING = {"validating", "validating_files", "queued", "in_progress", "running", "finalizing", "cancelling"}


def poll_hint(payload: Any) -> dict[str, str]:
    """The header to send with ``payload``: the hint for a pending job, nothing for anything else."""
    if isinstance(payload, dict) and payload.get("object") in _POLLED and payload.get("status") in _PENDING:
        return {"openai-poll-after-ms": str(POLL_AFTER_MS)}
    return {}
