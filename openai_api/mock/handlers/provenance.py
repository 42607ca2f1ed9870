"""POST /content_provenance_checks: which OpenAI provenance signals an uploaded image or audio file carries.

Why by file kind and origin: images are checked for both a C2PA manifest and a SynthID watermark, audio for
SynthID only, as the API does. Only pictures this token had the mock generate carry the signals (``detected``,
a trusted manifest); anything else, such as a 1×1 PNG a program wrote itself, is ``not_detected`` with no
manifest present — a file the tool knows nothing about.
"""

from __future__ import annotations

import hashlib
from typing import Any

from openai.types import ContentProvenanceCheck

from openai_api.mock.handler_call import Call
from openai_api.mock.handlers import handles

__all__ = ["GENERATED", "remember_generated"]

GENERATED = "/content_provenance_checks/generated"  # hashes of the pictures this token generated

_IMAGE_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"GIF87a", b"GIF89a")
_AUDIO_MAGIC = (b"ID3", b"\xff\xfb", b"\xff\xf3", b"\xff\xf2", b"OggS", b"fLaC")


def remember_generated(call: Call, data: bytes, model: str) -> None:
    """Mark ``data`` as a picture this token generated with ``model`` (so a later check detects it)."""
    call.store.put(GENERATED, hashlib.sha256(data).hexdigest(), {"model": model})


def _kind(data: bytes) -> str | None:
    """``image`` or ``audio`` by the file's magic bytes (None: neither)."""
    if data.startswith(_IMAGE_MAGIC) or (data[:4] == b"RIFF" and data[8:12] == b"WEBP"):
        return "image"
    if data.startswith(_AUDIO_MAGIC) or (data[:4] == b"RIFF" and data[8:12] == b"WAVE") or data[4:8] == b"ftyp":
        return "audio"
    return None


@handles("POST", "/content_provenance_checks")
def create(call: Call) -> Any:
    upload = call.files.get("file")
    data = upload.data if upload else b""
    kind = _kind(data) or "image"  # an unrecognised upload is checked like a picture: nothing found
    made = call.store.get(GENERATED, hashlib.sha256(data).hexdigest())
    signal: dict[str, Any] = {"outcome": "detected", "model": made["model"]} if made else {"outcome": "not_detected"}
    results = [{"type": "synthid", **signal}]
    if kind == "image":
        manifest = {"validation_state": "trusted", "issuer": "OpenAI"} if made else {"validation_state": "not_present"}
        results.insert(0, {"type": "c2pa", **signal, **manifest})
    return call.synth.build(ContentProvenanceCheck, {"object": "content_provenance_check", "results": results})
