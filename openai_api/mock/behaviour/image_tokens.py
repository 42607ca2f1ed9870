"""Input tokens of the images in a request, counted the way the real API bills them (rules in ``media.yaml``).

Why: an image is not free. A reader comparing ``usage.input_tokens`` with and without an image, or at
``detail="low"`` and ``"high"``, should see the difference the real API shows. The size is read from the
image itself where the mock has its bytes (a ``data:`` URL, or an uploaded file's ``file_id``) by the
PNG, GIF, WebP or JPEG header; a remote URL is not fetched, so its size is unknown and a fixed,
typical count stands in.

Both content shapes are understood: Responses' ``{"type": "input_image", "image_url": "...", "file_id":
..., "detail": ...}`` and Chat's ``{"type": "image_url", "image_url": {"url": "...", "detail": ...}}``.
"""

from __future__ import annotations

import base64
import binascii
import math
import struct
from collections.abc import Iterable
from typing import Any

from openai_api.mock.content.images import png_average
from openai_api.mock.data import media

__all__ = ["image_colours", "image_input_tokens", "image_size", "image_tokens"]


def image_input_tokens(contents: Iterable[Any], blobs: dict[str, bytes]) -> int:
    """Tokens of every image part in ``contents`` (message contents); ``blobs`` resolves ``file_id``s."""
    total = 0
    for content in contents:
        for part in content if isinstance(content, list) else []:
            image = _image_part(part)
            if image is not None:
                source, file_id, detail = image
                data = blobs.get(file_id) if file_id else _data_url_bytes(source)
                total += image_tokens(image_size(data) if data else None, detail)
    return total


def image_tokens(size: tuple[int, int] | None, detail: str) -> int:
    """What one image of ``size`` (width, height; None when unknown) costs at ``detail``."""
    rules = media()["image_tokens"]
    if detail == "low":
        return int(rules["low"])
    if size is None:
        return int(rules["unknown_size"])
    width, height = size
    fit = min(1.0, rules["fit"] / max(width, height))
    width, height = width * fit, height * fit
    shrink = min(1.0, rules["short_side"] / min(width, height))
    width, height = width * shrink, height * shrink
    tiles = math.ceil(width / rules["tile"]) * math.ceil(height / rules["tile"])
    return int(rules["base"] + rules["per_tile"] * tiles)


def image_size(data: bytes) -> tuple[int, int] | None:
    """(width, height) from a PNG, GIF, WebP or JPEG header; None for anything else."""
    if data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) >= 24:
        width, height = struct.unpack(">II", data[16:24])
        return (width, height) if width and height else None
    if data[:6] in (b"GIF87a", b"GIF89a") and len(data) >= 10:
        width, height = struct.unpack("<HH", data[6:10])
        return (width, height) if width and height else None
    if data.startswith(b"RIFF") and data[8:12] == b"WEBP":
        return _webp_size(data)
    if data.startswith(b"\xff\xd8"):
        return _jpeg_size(data)
    return None


def _image_part(part: Any) -> tuple[str, str | None, str] | None:
    """(url, file_id, detail) of an image content part, in either API's shape; None if not an image."""
    if not isinstance(part, dict):
        return None
    if part.get("type") == "input_image":
        file_id = part.get("file_id")
        return str(part.get("image_url") or ""), str(file_id) if file_id else None, str(part.get("detail") or "auto")
    inner = part.get("image_url")
    if part.get("type") == "image_url" and isinstance(inner, dict):
        return str(inner.get("url") or ""), None, str(inner.get("detail") or "auto")
    return None


def _data_url_bytes(url: str) -> bytes | None:
    if not url.startswith("data:") or ";base64," not in url:
        return None
    try:
        return base64.b64decode(url.split(";base64,", 1)[1], validate=False)
    except (binascii.Error, ValueError):
        return None


def _jpeg_size(data: bytes) -> tuple[int, int] | None:
    """Walk the JPEG segments to the first start-of-frame marker, which holds the size."""
    index = 2
    while index + 9 <= len(data):
        if data[index] != 0xFF:
            return None
        marker = data[index + 1]
        if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7:  # markers without a length
            index += 2
            continue
        (length,) = struct.unpack(">H", data[index + 2 : index + 4])
        if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
            height, width = struct.unpack(">HH", data[index + 5 : index + 9])
            return (width, height) if width and height else None
        index += 2 + length
    return None


def _webp_size(data: bytes) -> tuple[int, int] | None:
    kind = data[12:16]
    if kind == b"VP8 " and len(data) >= 30:
        width, height = struct.unpack("<HH", data[26:30])
        return width & 0x3FFF, height & 0x3FFF
    if kind == b"VP8L" and len(data) >= 25:
        bits = int.from_bytes(data[21:25], "little")
        return (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1
    if kind == b"VP8X" and len(data) >= 30:
        return int.from_bytes(data[24:27], "little") + 1, int.from_bytes(data[27:30], "little") + 1
    return None


def image_colours(content: Any, blobs: dict[str, bytes]) -> list[dict[str, str]]:
    """The colour names (``{"en": ..., "zh": ...}``) of the images in one message content that the mock can
    read (small PNGs from a ``data:`` URL or an uploaded file); images it cannot read are left out."""
    names = []
    for part in content if isinstance(content, list) else []:
        image = _image_part(part)
        if image is None:
            continue
        source, file_id, _ = image
        data = blobs.get(file_id) if file_id else _data_url_bytes(source)
        mean = png_average(data) if data else None
        if mean is not None:
            names.append(_nearest(mean))
    return names


def _nearest(rgb: tuple[int, int, int]) -> dict[str, str]:
    def distance(point: list[int]) -> int:
        return sum((a - b) ** 2 for a, b in zip(rgb, point, strict=True))

    best = min(media()["colours"], key=lambda colour: min(distance(p) for p in colour["rgb"]))
    return {"en": str(best["en"]), "zh": str(best["zh"])}
