"""Speech audio in each ``response_format`` of ``audio.speech.create``: real, playable, tiny containers.

Why genuine bytes: a reader saves the result as ``speech.mp3`` (the default format) or pipes it to a
player or to ``audio.transcriptions``; a file that only pretends to be MP3 would fail there. Every
format lasts about 0.3 s per word of the input, like the WAV of ``media.wav``:

- ``mp3``: MPEG-1 Layer III frames (48 kHz, mono, 32 kbit/s), silent: side info of zero length;
- ``opus``: Ogg Opus (``OpusHead``, ``OpusTags``, then 20 ms CELT silence packets), as the real API sends;
- ``aac``: ADTS frames of AAC-LC (24 kHz, mono), each a single channel element with no spectral data;
- ``flac``: native FLAC (24 kHz, mono, 16-bit): ``STREAMINFO`` then frames of CONSTANT zero subframes;
- ``wav``: 24 kHz mono 16-bit PCM of a soft tone (``media.wav``);
- ``pcm``: the same samples raw, without a header (24 kHz, signed 16-bit little-endian), like the real API.

The compressed formats are silence (encoding a tone needs a real encoder); each decodes cleanly with
the usual tools (mpg123, opusdec, faad, flac). Content types are in ``media.yaml``.
"""

from __future__ import annotations

import hashlib
import math
import struct

from openai_api.mock.content.tones import tone_samples, wav
from openai_api.mock.data import media

__all__ = ["SAMPLE_RATE", "speech_audio"]

SAMPLE_RATE = 24000  # the real API's speech sample rate (wav, pcm, aac, flac)
_SECONDS_PER_WORD = 0.3


def speech_audio(text: str, fmt: str | None) -> tuple[bytes, str]:
    """(bytes, content type) of ``text`` spoken in ``fmt`` (the default format when None)."""
    formats = media()["speech"]
    fmt = fmt or str(formats["default_format"])
    seconds = _SECONDS_PER_WORD * max(1, len(text.split()))
    encoders = {"mp3": _mp3, "opus": _ogg_opus, "aac": _adts_aac, "flac": _flac, "pcm": _pcm, "wav": _wav}
    encode = encoders.get(fmt, _mp3)
    return encode(seconds), str(formats["content_types"].get(fmt, "application/octet-stream"))


def _wav(seconds: float) -> bytes:
    return wav(seconds, SAMPLE_RATE)


def _pcm(seconds: float) -> bytes:
    return tone_samples(seconds, SAMPLE_RATE)


def _mp3(seconds: float) -> bytes:
    """MPEG-1 Layer III, 48 kHz mono at 32 kbit/s: 96-byte frames of 1152 samples, all silent."""
    header = bytes([0xFF, 0xFB, 0x14, 0xC0])  # sync, MPEG-1, Layer III, no CRC | 32 kbit/s, 48 kHz | mono
    frame = header + bytes(96 - len(header))  # 17 bytes of zero side info (no data), then the reservoir
    return frame * math.ceil(seconds * 48000 / 1152)


def _adts_aac(seconds: float) -> bytes:
    """AAC-LC in ADTS, 24 kHz mono: per 1024 samples a 7-byte header and a 4-byte silent raw block."""
    # SCE (tag 0), global_gain 0, ics_info: long window, max_sfb 0 (no bands, so no spectral data),
    # no pulse/tns/gain control; then END; 32 bits in all.
    block = bytes([0x00, 0x00, 0x00, 0x07])
    length = 7 + len(block)
    sampling_index = 6  # 24000 Hz
    header = (
        (0xFFF << 44)  # sync
        | (1 << 40)  # MPEG-4, layer 0, protection absent
        | (1 << 38)  # profile: AAC LC (object type 2, minus 1)
        | (sampling_index << 34)
        | (1 << 30)  # channel configuration: mono
        | (length << 13)
        | (0x7FF << 2)  # buffer fullness: variable bit rate
    )
    frame = header.to_bytes(7, "big") + block
    return frame * math.ceil(seconds * SAMPLE_RATE / 1024)


def _flac(seconds: float) -> bytes:
    """Native FLAC, 24 kHz mono 16-bit, in 4096-sample frames of one CONSTANT (zero) subframe."""
    block = 4096
    frames = math.ceil(seconds * SAMPLE_RATE / block)
    total = frames * block
    digest = hashlib.md5(bytes(2 * total), usedforsecurity=False).digest()  # MD5 of the decoded samples
    info = struct.pack(">HH", block, block) + (0).to_bytes(3, "big") + (0).to_bytes(3, "big")
    packed = (SAMPLE_RATE << 44) | (0 << 41) | (15 << 36) | total  # rate, channels-1, bits-1, samples
    info += packed.to_bytes(8, "big") + digest
    out = b"fLaC" + bytes([0x80]) + len(info).to_bytes(3, "big") + info  # last metadata block: STREAMINFO
    for number in range(frames):
        # sync + fixed blocking | block size 4096, 24 kHz | mono, 16-bit | frame number (UTF-8 coded)
        header = bytes([0xFF, 0xF8, 0xC7, 0x08]) + _utf8_number(number)
        header += bytes([_crc8(header)])
        frame = header + bytes([0x00, 0x00, 0x00])  # CONSTANT subframe, no wasted bits, value 0
        out += frame + _crc16(frame).to_bytes(2, "big")
    return out


def _ogg_opus(seconds: float) -> bytes:
    """Ogg Opus, mono: the two header pages, then pages of 20 ms silence packets."""
    pre_skip, serial = 312, 0x6F707573
    head = b"OpusHead" + struct.pack("<BBHIhB", 1, 1, pre_skip, SAMPLE_RATE, 0, 0)
    vendor = b"openai_api mock"
    tags = b"OpusTags" + struct.pack("<I", len(vendor)) + vendor + struct.pack("<I", 0)
    packets = [b"\xf8\xff\xfe"] * math.ceil(seconds / 0.02)  # CELT fullband 20 ms, one silent frame
    pages = [_ogg_page([head], 0, serial, 0, 0x02), _ogg_page([tags], 0, serial, 1, 0x00)]
    for start in range(0, len(packets), 255):
        chunk = packets[start : start + 255]
        last = start + 255 >= len(packets)
        granule = (start + len(chunk)) * 960  # 48 kHz samples decoded up to the end of this page
        pages.append(_ogg_page(chunk, granule, serial, len(pages), 0x04 if last else 0x00))
    return b"".join(pages)


def _ogg_page(packets: list[bytes], granule: int, serial: int, sequence: int, flags: int) -> bytes:
    lacing = b"".join(bytes([255] * (len(p) // 255) + [len(p) % 255]) for p in packets)
    header = b"OggS" + struct.pack("<BBqIII", 0, flags, granule, serial, sequence, 0)
    page = header + bytes([len(lacing)]) + lacing + b"".join(packets)
    return page[:22] + struct.pack("<I", _ogg_crc(page)) + page[26:]


def _utf8_number(value: int) -> bytes:
    """FLAC's frame number, in UTF-8's variable-length coding (extended to 36 bits, 7 bytes)."""
    if value < 0x80:
        return bytes([value])
    size = next(n for n in range(2, 8) if value.bit_length() <= (7 - n) + 6 * (n - 1))
    first = ((0xFF << (8 - size)) & 0xFF) | (value >> (6 * (size - 1)))
    return bytes([first] + [0x80 | ((value >> (6 * i)) & 0x3F) for i in range(size - 2, -1, -1)])


def _crc8(data: bytes) -> int:
    crc = 0
    for byte in data:
        crc ^= byte
        for _ in range(8):
            crc = ((crc << 1) ^ 0x07) & 0xFF if crc & 0x80 else (crc << 1) & 0xFF
    return crc


def _crc16(data: bytes) -> int:
    crc = 0
    for byte in data:
        crc ^= byte << 8
        for _ in range(8):
            crc = ((crc << 1) ^ 0x8005) & 0xFFFF if crc & 0x8000 else (crc << 1) & 0xFFFF
    return crc


def _ogg_crc(data: bytes) -> int:
    crc = 0
    for byte in data:
        crc ^= byte << 24
        for _ in range(8):
            crc = ((crc << 1) ^ 0x04C11DB7) & 0xFFFFFFFF if crc & 0x80000000 else (crc << 1) & 0xFFFFFFFF
    return crc
