"""Full-size PNGs (e.g. 1024x1536) built fast: a prompt-coloured gradient that PNG's filters compress.

Why not ``media.png``: that draws every pixel in Python, fine for 64x64 but seconds for a real image
size. Here the first row is a horizontal gradient and every later row is stored with PNG's "Up"
filter as a near-zero difference (it brightens one step every few rows), so a 1024x1536 image costs
a few milliseconds and a few kilobytes, and still opens in any viewer at the size the API reported.
"""

from __future__ import annotations

import hashlib
import struct
import zlib

__all__ = ["png_image", "png_size"]


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def png_image(prompt: str, width: int = 1024, height: int = 1024) -> bytes:
    """An RGB ``width`` x ``height`` PNG whose colours follow ``prompt``'s hash."""
    digest = hashlib.sha256(prompt.encode()).digest()
    start, end = [b // 2 for b in digest[0:3]], [b // 2 for b in digest[3:6]]  # headroom for brightening
    first = bytearray([0])
    for x in range(width):
        t = x / max(width - 1, 1)
        first.extend(int(a + (b - a) * t) for a, b in zip(start, end, strict=True))
    step = max(1, height // 128)  # brighten by one level every `step` rows: at most +127, no overflow
    same, brighter = b"\x02" + bytes(3 * width), b"\x02" + b"\x01" * (3 * width)
    rows = [bytes(first)] + [brighter if y % step == 0 else same for y in range(1, height)]
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    idat = zlib.compress(b"".join(rows), 9)
    return b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + _chunk(b"IDAT", idat) + _chunk(b"IEND", b"")


def png_size(data: bytes) -> tuple[int, int]:
    """Width and height read back from a PNG's IHDR chunk."""
    width, height = struct.unpack(">II", data[16:24])
    return width, height
