"""Decode request bodies: JSON, or multipart/form-data with file parts.

Why the stdlib ``email`` parser for multipart: it is a complete MIME parser already shipped with
Python, so uploads (files, audio, images) need no extra dependency and no hand-rolled splitting.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from email.parser import BytesParser
from email.policy import HTTP
from typing import Any

from openai_api.mock.errors import MockError

__all__ = ["Upload", "decode_body"]


@dataclass
class Upload:
    filename: str
    content_type: str
    data: bytes


@dataclass
class DecodedBody:
    fields: dict[str, Any] = field(default_factory=dict)
    files: dict[str, Upload] = field(default_factory=dict)


def decode_body(content_type: str, raw: bytes) -> DecodedBody:
    """Return the body's fields (JSON values, or form values) and uploaded files."""
    if not raw:
        return DecodedBody()
    if content_type.startswith("multipart/form-data"):
        return _multipart(content_type, raw)
    if content_type and "json" not in content_type:  # e.g. application/sdp for realtime calls
        return DecodedBody()
    try:
        value = json.loads(raw)
    except ValueError as exc:
        raise MockError(400, f"We could not parse the JSON body of your request. ({exc})") from exc
    if not isinstance(value, dict):
        raise MockError(400, "The request body must be a JSON object.")
    return DecodedBody(fields=value)


def _multipart(content_type: str, raw: bytes) -> DecodedBody:
    message = BytesParser(policy=HTTP).parsebytes(b"Content-Type: " + content_type.encode() + b"\r\n\r\n" + raw)
    out = DecodedBody()
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        if not isinstance(name, str):
            continue
        payload = part.get_payload(decode=True)
        data = payload if isinstance(payload, bytes) else b""
        filename = part.get_filename()
        if filename is not None:
            out.files[_free_key(out.files, name)] = Upload(filename, part.get_content_type(), data)
            out.fields.setdefault(name, filename)
            continue
        _add_form_value(out.fields, name, data.decode("utf-8", "replace"))
    return out


def _add_form_value(fields: dict[str, Any], name: str, text: str) -> None:
    """Form values arrive as text; `key[]` repeats build a list, numbers and booleans stay text."""
    if name.endswith("[]"):
        fields.setdefault(name[:-2], []).append(text)
    else:
        fields[name] = text


def _free_key(files: dict[str, Upload], name: str) -> str:
    """``name``, or ``name#2``, ``name#3``... : a directory upload repeats ``files[]`` once per file."""
    key, n = name, 1
    while key in files:
        n += 1
        key = f"{name}#{n}"
    return key
