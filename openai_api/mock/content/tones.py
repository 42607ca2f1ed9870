"""Real (tiny) media bytes: a PNG whose colours follow the prompt, and a tone (WAV or raw samples) of a given length.

Why stdlib only (zlib/struct, wave): the files must open in any viewer or player, and need nothing
installed; they only have to be genuine, small and deterministic.
"""

from __future__ import annotations

import array
import hashlib
import io
import math
import struct
import sys
import wave
import zlib

__all__ = ["png", "tone_samples", "wav"]


def png(prompt: str, size: int = 64) -> bytes:
    """A size x size RGB gradient; the two end colours come from the prompt's hash."""
    digest = hashlib.sha256(prompt.encode()).digest()
    start, end = digest[0:3], digest[3:6]
    rows = bytearray()
    for y in range(size):
        rows.append(0)  # filter: none
        for x in range(size):
            t = (x + y) / (2 * (size - 1))
            rows.extend(int(a + (b - a) * t) for a, b in zip(start, end, strict=True))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(bytes(rows))) + chunk(b"IEND", b"")
    )


_TONE_HZ = 440


def tone_samples(seconds: float, rate: int) -> bytes:
    """``seconds`` of a soft 440 Hz tone: mono signed 16-bit little-endian samples at ``rate``.

    Why one period repeated: a tone of 440 Hz at ``rate`` repeats exactly every ``rate / gcd(rate, 440)`` samples
    (600 at 24 kHz), so a few seconds of speech cost one short period computed in Python, not every sample."""
    frames = int(rate * seconds)
    period = rate // math.gcd(rate, _TONE_HZ)
    one = array.array(
        "h", (int(3000 * math.sin(2 * math.pi * _TONE_HZ * i / rate)) for i in range(min(period, frames)))
    )
    if sys.byteorder == "big":
        one.byteswap()
    return (one.tobytes() * -(-frames // period))[: 2 * frames]


def wav(seconds: float, rate: int = 24000) -> bytes:
    """A WAV file of ``tone_samples``."""
    buf = io.BytesIO()
    with wave.open(buf, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(tone_samples(seconds, rate))
    return buf.getvalue()
