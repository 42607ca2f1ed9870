"""POST /files keeps the uploaded bytes (so files.content returns them) and echoes name and size."""

from __future__ import annotations

from typing import Any

from openai.types import FileObject

from openai_api.mock.crud import fresh_id
from openai_api.mock.handler_call import Call
from openai_api.mock.handlers import handles
from openai_api.sdk.synthesis import EPOCH


def store_file(call: Call, filename: str, data: bytes, purpose: str) -> dict[str, Any]:
    """A processed File object holding ``data``: what files.create and a completed upload both make."""
    fields = {"filename": filename, "bytes": len(data), "purpose": purpose, "status": "processed"}
    obj = call.synth.build(FileObject, {**fields, "id": fresh_id(call, "/files", "file-"), "created_at": EPOCH})
    call.store.put("/files", obj["id"], obj)
    call.store.blobs[obj["id"]] = data
    return obj


@handles("POST", "/files")
def create(call: Call) -> Any:
    upload = call.files.get("file")
    data = upload.data if upload else b""
    obj = store_file(call, upload.filename if upload else "upload", data, str(call.body.get("purpose") or ""))
    seconds = _expiry_seconds(call.body)
    if seconds is not None:  # expires_after={"anchor": "created_at", "seconds": N}
        obj["expires_at"] = obj["created_at"] + seconds
        call.store.put("/files", obj["id"], obj)
    return obj


def _expiry_seconds(body: dict[str, Any]) -> int | None:
    raw = body.get("expires_after[seconds]")
    nested = body.get("expires_after")
    if raw is None and isinstance(nested, dict):
        raw = nested.get("seconds")
    try:
        return int(raw) if raw is not None else None
    except (TypeError, ValueError):
        return None
