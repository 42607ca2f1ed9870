"""Full-size pictures (e.g. 1024x1536) built fast: a prompt-coloured gradient that PNG's filters compress.

Why not ``media.png``: that draws every pixel in Python, fine for 64x64 but seconds for a real image
size. Here the first row is a horizontal gradient and every later row is stored with PNG's "Up"
filter as a near-zero difference (it brightens one step every few rows), so a 1024x1536 image costs
a few milliseconds and a few kilobytes, and still opens in any viewer at the size the API reported.
A WebP, JPEG or SVG (``image_bytes``) is filled with the colour at the PNG's centre, and a GIF is an animation of
frames from that colour on (encoders in ``image_formats``), so they too follow the prompt.
"""

from __future__ import annotations

import functools
import hashlib
import struct
import zlib
from collections.abc import Mapping
from typing import Any

from openai_api.mock.content.image_formats import gif_image, jpeg_image, svg_image, webp_image
from openai_api.mock.errors import MockError

__all__ = [
    "dimensions",
    "gif_timing",
    "image_bytes",
    "png_average",
    "png_centre",
    "png_image",
    "png_size",
    "resolved_background",
]

_MAX_PIXELS = 128 * 128  # larger pictures are not looked at: pure-Python decoding would take seconds
_CHANNELS = {0: 1, 2: 3, 4: 2, 6: 4}  # PNG colour type -> samples per pixel (grey, RGB, grey+alpha, RGBA)


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


_GIF_FRAMES = range(2, 17)  # what `frame_count` accepts
_GIF_DEFAULT_FRAMES, _GIF_DEFAULT_MS = 9, 200


def gif_timing(settings: Mapping[str, Any]) -> tuple[int, int]:
    """(frames, milliseconds per frame) that a request's ``frame_count`` and ``frame_duration_ms`` ask of a GIF:
    9 frames of 200 ms unless it says otherwise. A count the API refuses is refused as it words it."""
    frames = settings.get("frame_count")
    frames = _GIF_DEFAULT_FRAMES if frames is None else int(frames)
    if frames not in _GIF_FRAMES:
        low = frames < _GIF_FRAMES[0]
        side, bound = ("below minimum", f">= {_GIF_FRAMES[0]}") if low else ("above maximum", f"<= {_GIF_FRAMES[-1]}")
        raise MockError(
            400,
            f"Invalid 'frame_count': integer {side} value. Expected a value {bound}, but got {frames} instead.",
            param="frame_count",
            code="integer_below_min_value" if low else "integer_above_max_value",
        )
    milliseconds = settings.get("frame_duration_ms")
    return frames, _GIF_DEFAULT_MS if milliseconds is None else max(0, int(milliseconds))


def dimensions(size: str) -> tuple[int, int]:
    """Width and height of a ``size`` such as ``1536x1024``; ``auto`` (or anything else) is the square the API
    picks, 1024 x 1024."""
    try:
        width, height = (int(v) for v in size.lower().split("x"))
    except ValueError:
        return 1024, 1024
    return width, height


_OPAQUE_ONLY = {"jpeg"}  # output formats without an alpha channel


def resolved_background(background: object, output_format: str) -> str:
    """The ``background`` a picture is made with: ``auto`` (or none) is ``opaque``; ``transparent`` in a format
    that cannot carry it is refused, as the API refuses it, instead of answering with a picture that is not what
    was asked for."""
    if background in (None, "", "auto"):
        return "opaque"
    if background == "transparent" and output_format in _OPAQUE_ONLY:
        raise MockError(
            400,
            f"Invalid value for 'background': 'transparent' is not supported with output_format '{output_format}'; "
            "use 'png' or 'webp', or an opaque background.",
            param="background",
            code="invalid_value",
        )
    return str(background)


def image_bytes(
    prompt: str,
    width: int = 1024,
    height: int = 1024,
    output_format: str = "png",
    frames: int = _GIF_DEFAULT_FRAMES,
    frame_ms: int = _GIF_DEFAULT_MS,
) -> bytes:
    """A ``width`` x ``height`` picture for ``prompt`` in ``output_format``: ``webp``, ``jpeg`` and ``svg`` in the
    colour at the PNG's centre; ``gif`` an animation of ``frames`` frames from that colour on, ``frame_ms`` each;
    anything else the PNG."""
    flat = {"webp": webp_image, "jpeg": jpeg_image, "svg": svg_image}.get(output_format)
    if flat is not None:
        return flat(png_centre(prompt, width, height), width, height)
    if output_format == "gif":
        red, green, blue = png_centre(prompt, width, height)
        shades = [((red + 24 * f) % 256, (green + 24 * f) % 256, (blue + 24 * f) % 256) for f in range(frames)]
        return gif_image(shades, width, height, frame_ms)
    return png_image(prompt, width, height)


def _gradient(prompt: str) -> tuple[list[int], list[int]]:
    """The first row's left and right RGB colours for ``prompt``."""
    digest = hashlib.sha256(prompt.encode()).digest()
    return [b // 2 for b in digest[0:3]], [b // 2 for b in digest[3:6]]  # headroom for brightening


def _shade(start: int, end: int, x: int, width: int) -> int:
    return int(start + (end - start) * (x / max(width - 1, 1)))


def png_centre(prompt: str, width: int = 1024, height: int = 1024) -> tuple[int, int, int]:
    """The RGB colour of the pixel at the centre of ``png_image(prompt, width, height)``, computed, not decoded:
    row ``y`` is the first row brightened once for every ``step``-th row down to it."""
    start, end = _gradient(prompt)
    x, y = width // 2, height // 2
    lift = y // _brightening_step(height)
    red, green, blue = ((_shade(a, b, x, width) + lift) & 0xFF for a, b in zip(start, end, strict=True))
    return red, green, blue


def _brightening_step(height: int) -> int:
    return max(1, height // 128)  # brighten by one level every `step` rows: at most +127, no overflow


def png_image(prompt: str, width: int = 1024, height: int = 1024) -> bytes:
    """An RGB ``width`` x ``height`` PNG whose colours follow ``prompt``'s hash."""
    start, end = _gradient(prompt)
    first = bytearray([0])
    for x in range(width):
        first.extend(_shade(a, b, x, width) for a, b in zip(start, end, strict=True))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", _idat(bytes(first), width, height))
        + _chunk(b"IEND", b"")
    )


def _idat(first: bytes, width: int, height: int) -> bytes:
    """The zlib stream of the first row and the rows below it.

    Why in two parts: the rows below the first are the same for every image of a size, megabytes that take tens of
    milliseconds to compress. The first row is compressed and flushed to a byte boundary with no reference past it,
    so the rows' deflate blocks, compressed once per size, follow it as they are; the stream's checksum (Adler-32)
    is combined from the two parts' checksums."""
    below, below_adler, below_length = _rows_below(width, height)
    head = zlib.compressobj(9, zlib.DEFLATED, -15)
    blocks = head.compress(first) + head.flush(zlib.Z_FULL_FLUSH)
    adler = _adler32_combine(zlib.adler32(first), below_adler, below_length)
    return b"\x78\xda" + blocks + below + struct.pack(">I", adler)


@functools.lru_cache(maxsize=16)
def _rows_below(width: int, height: int) -> tuple[bytes, int, int]:
    """Raw deflate of rows 1.. of a ``width`` x ``height`` gradient (filter "Up": a step brighter every few rows),
    with their Adler-32 and length."""
    step = _brightening_step(height)
    same, brighter = b"\x02" + bytes(3 * width), b"\x02" + b"\x01" * (3 * width)
    raw = b"".join(brighter if y % step == 0 else same for y in range(1, height))
    body = zlib.compressobj(9, zlib.DEFLATED, -15)
    return body.compress(raw) + body.flush(), zlib.adler32(raw), len(raw)


_ADLER_BASE = 65521


def _adler32_combine(first: int, second: int, second_length: int) -> int:
    """The Adler-32 of two byte strings joined, from each one's (zlib's ``adler32_combine``, which Python's
    ``zlib`` does not expose)."""
    remainder = second_length % _ADLER_BASE
    low = (first & 0xFFFF) + (second & 0xFFFF) - 1
    high = remainder * (first & 0xFFFF) + (first >> 16) + (second >> 16) - remainder
    return (low % _ADLER_BASE) | ((high % _ADLER_BASE) << 16)


def png_average(data: bytes) -> tuple[int, int, int] | None:
    """The mean colour of an 8-bit, non-interlaced grey or RGB(A) PNG; None for any other image.

    Why: the mock answers "what colour is this image?" from the picture itself, as a model would for a flat
    colour; it does not understand pictures beyond that. Hand-written because the standard library has no PNG
    reader and these few lines cover the images examples build in memory."""
    if not data.startswith(b"\x89PNG\r\n\x1a\n"):
        return None
    header, idat, offset = b"", bytearray(), 8
    while offset + 8 <= len(data):
        (length,) = struct.unpack(">I", data[offset : offset + 4])
        kind, body = data[offset + 4 : offset + 8], data[offset + 8 : offset + 8 + length]
        header = body if kind == b"IHDR" else header
        idat += body if kind == b"IDAT" else b""
        offset += 12 + length
    if len(header) < 13:
        return None
    width, height, depth, colour_type, _, _, interlace = struct.unpack(">IIBBBBB", header[:13])
    channels = _CHANNELS.get(colour_type)
    if depth != 8 or channels is None or interlace or not width or not height or width * height > _MAX_PIXELS:
        return None
    try:
        raw = zlib.decompress(bytes(idat))
    except zlib.error:
        return None
    stride = width * channels
    if len(raw) < height * (stride + 1):
        return None
    totals, previous = [0] * channels, bytearray(stride)
    for y in range(height):
        row = _unfilter(
            raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1 : (y + 1) * (stride + 1)]), previous, channels
        )
        for c in range(channels):
            totals[c] += sum(row[c::channels])
        previous = row
    mean = [round(t / (width * height)) for t in totals]
    return (mean[0], mean[0], mean[0]) if channels <= 2 else (mean[0], mean[1], mean[2])


def _unfilter(kind: int, row: bytearray, previous: bytearray, step: int) -> bytearray:
    """Undo one scanline's PNG filter (None, Sub, Up, Average, Paeth)."""
    for i in range(len(row)):
        left = row[i - step] if i >= step else 0
        up, corner = previous[i], previous[i - step] if i >= step else 0
        if kind == 1:
            row[i] = (row[i] + left) & 0xFF
        elif kind == 2:
            row[i] = (row[i] + up) & 0xFF
        elif kind == 3:
            row[i] = (row[i] + (left + up) // 2) & 0xFF
        elif kind == 4:
            guess = left + up - corner
            near = min((abs(guess - left), 0, left), (abs(guess - up), 1, up), (abs(guess - corner), 2, corner))
            row[i] = (row[i] + near[2]) & 0xFF
    return row


def png_size(data: bytes) -> tuple[int, int]:
    """Width and height read back from a PNG's IHDR chunk."""
    width, height = struct.unpack(">II", data[16:24])
    return width, height
