"""Decode request bodies: JSON, or multipart/form-data with file parts.

Why ``python-multipart`` for multipart (the parser Starlette itself uses): a streaming form-data parser,
so uploads (files, audio, images) need no hand-rolled splitting. The stdlib ``email`` parser did the same
job but built a structured header object for every header it read, which made the parse most of the cost
of a ``files.create`` call.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from python_multipart.exceptions import MultipartParseError
from python_multipart.multipart import MultipartParser, parse_options_header

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
    boundary = parse_options_header(content_type)[1].get(b"boundary")
    if not boundary:
        return DecodedBody()  # nothing to split on: no fields, as a body with no parts
    parts: list[tuple[dict[bytes, bytes], bytearray]] = []
    field_name = bytearray()
    field_value = bytearray()

    def begin() -> None:
        parts.append(({}, bytearray()))

    def header_field(data: bytes, start: int, end: int) -> None:
        field_name.extend(data[start:end])

    def header_value(data: bytes, start: int, end: int) -> None:
        field_value.extend(data[start:end])

    def header_end() -> None:
        parts[-1][0][bytes(field_name).lower()] = bytes(field_value)
        field_name.clear()
        field_value.clear()

    def part_data(data: bytes, start: int, end: int) -> None:
        parts[-1][1].extend(data[start:end])

    parser = MultipartParser(
        boundary,
        {
            "on_part_begin": begin,
            "on_header_field": header_field,
            "on_header_value": header_value,
            "on_header_end": header_end,
            "on_part_data": part_data,
        },
    )
    try:
        parser.write(raw)
        parser.finalize()
    except MultipartParseError:
        del parts[-1:]  # a damaged body: the parts read whole before the damage, as the email parser kept them
    out = DecodedBody()
    for headers, data in parts:
        params = parse_options_header(headers.get(b"content-disposition"))[1]
        if b"name" not in params:
            continue
        name = params[b"name"].decode("utf-8", "replace")
        if b"filename" in params:
            filename = params[b"filename"].decode("utf-8", "replace")
            part_type = parse_options_header(headers.get(b"content-type"))[0].decode("latin-1") or "text/plain"
            out.files[_free_key(out.files, name)] = Upload(filename, part_type.lower(), bytes(data))
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
