"""Uploads: create (pending) -> parts hold bytes -> complete (a File of the joined parts) or cancel.

Why a handler: the generic behaviour cannot join parts, and a reader of ``uploads`` (or of the
SDK's ``upload_file_chunked``) must get back a File whose name, size, purpose and content are
exactly what was sent, with the same errors the real API gives for a wrong size or a closed upload.
"""

from __future__ import annotations

from typing import Any

from openai.types import Upload
from openai.types.uploads import UploadPart

from openai_api.mock.crud import fresh_id, refuse_transition, stored_or_demo
from openai_api.mock.errors import MockError
from openai_api.mock.handler_call import Call
from openai_api.mock.handlers import handles
from openai_api.mock.handlers.files import store_file
from openai_api.sdk.synthesis import EPOCH

_COLLECTION = "/uploads"
_EXPIRY_S = 3600  # an Upload expires an hour after it is created


def _load(call: Call) -> dict[str, Any]:
    """The stored upload; a ``_demo`` id is a pending upload of whatever its parts hold."""
    key = call.path_params["upload_id"]
    stored = call.store.get(_COLLECTION, key)
    if stored is None and call.store.answers_unknown(_COLLECTION, key):
        stored_or_demo(call, _COLLECTION, key, Upload)  # the first touch keeps the id, as for any demo object
        stored = {"id": key, "object": "upload", "bytes": None, "filename": "demo.txt", "purpose": "assistants"}
        stored.update(status="pending", created_at=EPOCH, expires_at=EPOCH + _EXPIRY_S)
    return stored if stored is not None else stored_or_demo(call, _COLLECTION, key, Upload)


def _save(call: Call, upload: dict[str, Any]) -> dict[str, Any]:
    call.store.put(_COLLECTION, upload["id"], upload)
    return call.coerce(Upload, upload)


def _require_pending(call: Call, upload: dict[str, Any], action: str) -> None:
    if upload.get("status", "pending") != "pending":
        status = upload.get("status")
        refuse_transition(call, MockError(400, f"Cannot {action} upload {upload['id']}: its status is {status!r}."))


@handles("POST", "/uploads")
def create(call: Call) -> Any:
    upload = {
        "id": fresh_id(call, _COLLECTION, "upload_"),
        "object": "upload",
        "bytes": int(call.body.get("bytes") or 0),
        "filename": str(call.body.get("filename") or "upload"),
        "purpose": str(call.body.get("purpose") or ""),
        "status": "pending",
        "created_at": EPOCH,
        "expires_at": EPOCH + _EXPIRY_S,
    }
    return _save(call, upload)


@handles("POST", "/uploads/{upload_id}/parts")
def add_part(call: Call) -> Any:
    upload = _load(call)
    _require_pending(call, upload, "add a part to")
    sent = call.files.get("data")
    part_id = fresh_id(call, f"{_COLLECTION}/{upload['id']}/parts", "part_")
    part = {"id": part_id, "object": "upload.part", "created_at": EPOCH, "upload_id": upload["id"]}
    call.store.put(f"{_COLLECTION}/{upload['id']}/parts", part_id, part)
    call.store.blobs[part_id] = sent.data if sent else b""
    return call.coerce(UploadPart, part)


@handles("POST", "/uploads/{upload_id}/complete")
def complete(call: Call) -> Any:
    upload = _load(call)
    _require_pending(call, upload, "complete")
    part_ids = [str(p) for p in call.body.get("part_ids") or []]
    unknown = [p for p in part_ids if p not in call.store.blobs]
    # A demo upload, and any upload in lenient mode (where a suite completes placeholder part ids), takes whatever
    # its parts hold.
    takes_parts = upload.get("bytes") is None or call.store.lenient
    if unknown and not takes_parts:
        raise MockError(400, f"Part {unknown[0]} does not belong to upload {upload['id']}.", param="part_ids")
    data = b"".join(call.store.blobs.get(p, b"") for p in part_ids)
    if takes_parts:
        upload["bytes"] = len(data)
    if len(data) != upload.get("bytes"):
        raise MockError(
            400,
            f"The number of bytes in the parts ({len(data)}) does not match the bytes declared when the upload "
            f"was created ({upload.get('bytes')}).",
            param="part_ids",
        )
    upload["file"] = store_file(call, str(upload["filename"]), data, str(upload["purpose"]))
    upload["status"] = "completed"
    return _save(call, upload)


@handles("POST", "/uploads/{upload_id}/cancel")
def cancel(call: Call) -> Any:
    upload = _load(call)
    _require_pending(call, upload, "cancel")
    upload["status"] = "cancelled"
    return _save(call, upload)
