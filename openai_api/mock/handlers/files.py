"""POST /files keeps the uploaded bytes (so files.content returns them) and echoes name and size."""

from __future__ import annotations

from typing import Any

from openai.types import FileObject

from ..call import Call
from . import handles


@handles("POST", "/files")
def create(call: Call) -> Any:
    upload = call.files.get("file")
    data = upload.data if upload else b""
    fields = {k: v for k, v in call.body.items() if k != "file"}
    obj = call.synth.build(
        FileObject, {**fields, "filename": upload.filename if upload else "upload", "bytes": len(data), "status": "processed"}
    )
    call.store.put("/files", obj["id"], obj)
    call.store.blobs[obj["id"]] = data
    return obj
