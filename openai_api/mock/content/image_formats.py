"""One-colour WebP, JPEG, GIF and SVG files of any size, so ``output_format`` returns what it names.

Why hand-written: the real Images API and the Responses ``image_generation`` tool answer with bytes in the format
asked for, and a lesson checks the header (``RIFF....WEBP``) or opens the file. The project has no imaging library
(Pillow and its wheels would be a heavy dependency for a mock), and a picture of one colour needs very little of
either format:

- WebP: a lossless (VP8L) bitstream with no transforms and no colour cache whose five prefix codes are "simple"
  codes of one symbol each (green, red, blue, alpha, distance). A one-symbol code takes zero bits, so every pixel
  is the same ARGB literal and the whole file is a few dozen bytes whatever its size.
- JPEG: baseline JFIF with the standard (ITU T.81 Annex K) quantisation and Huffman tables, three YCbCr
  components without subsampling, and every 8x8 block a DC value followed by end-of-block: the first block of each
  component carries the colour, the rest a zero difference.
- GIF: one palette entry and one frame per colour (an animation, as the API sends, when there are several), each
  frame LZW data for a run of its index. LZW codes a run of one symbol as runs of length 1, 2, 3, ... (each code
  adds the next length to the table), so the codes are computed from the run's length, not by matching pixel by
  pixel: a 1024x1024 frame is some 1,450 codes.
- SVG: a rectangle filling the view box.

The pixel data does not depend on ``output_compression``: a flat colour has nothing to compress further.
"""

from __future__ import annotations

import struct

__all__ = ["gif_image", "jpeg_image", "svg_image", "webp_image"]

_MAX_WEBP_SIDE = 1 << 14  # VP8L stores width-1 and height-1 in 14 bits each
_MAX_JPEG_SIDE = 0xFFFF  # SOF0 stores width and height in 16 bits each
_MAX_GIF_SIDE = 0xFFFF  # the logical screen and image descriptors store them in 16 bits each
_MAX_SVG_SIDE = 0xFFFF  # no bound of the format's: the largest side any of the others takes


def _check(width: int, height: int, largest: int) -> None:
    if not (1 <= width <= largest and 1 <= height <= largest):
        raise ValueError(f"image size {width}x{height} is outside 1..{largest}")


# --- WebP (lossless VP8L) --------------------------------------------------------------------------


class _LsbBits:
    """Bits packed least-significant first, as the VP8L bit reader takes them."""

    def __init__(self) -> None:
        self.value = 0
        self.count = 0

    def put(self, value: int, bits: int) -> None:
        assert 0 <= value < 1 << bits
        self.value |= value << self.count
        self.count += bits

    def bytes(self) -> bytes:
        return self.value.to_bytes((self.count + 7) // 8, "little")


def _one_symbol_code(out: _LsbBits, symbol: int) -> None:
    """A "simple" prefix code with one symbol, which then costs zero bits per use."""
    out.put(1, 1)  # simple code
    out.put(0, 1)  # num_symbols - 1
    if symbol <= 1:
        out.put(0, 1)  # is_first_8bits: the symbol fits in one bit
        out.put(symbol, 1)
    else:
        out.put(1, 1)
        out.put(symbol, 8)


def webp_image(rgb: tuple[int, int, int], width: int, height: int) -> bytes:
    """An opaque ``width`` x ``height`` lossless WebP filled with ``rgb``."""
    _check(width, height, _MAX_WEBP_SIDE)
    red, green, blue = rgb
    bits = _LsbBits()
    bits.put(width - 1, 14)
    bits.put(height - 1, 14)
    bits.put(0, 1)  # alpha_is_used: a hint only; every pixel is opaque
    bits.put(0, 3)  # version
    bits.put(0, 1)  # no transform
    bits.put(0, 1)  # no colour cache
    bits.put(0, 1)  # no meta prefix codes: one prefix code group for the whole image
    for symbol in (green, red, blue, 255, 0):  # green (a literal), red, blue, alpha, distance
        _one_symbol_code(bits, symbol)
    payload = b"\x2f" + bits.bytes()  # no pixel bits follow: every code has a single symbol
    chunk = b"VP8L" + struct.pack("<I", len(payload)) + payload + b"\x00" * (len(payload) % 2)
    return b"RIFF" + struct.pack("<I", 4 + len(chunk)) + b"WEBP" + chunk


# --- JPEG (baseline JFIF) --------------------------------------------------------------------------

# Annex K.1 quantisation tables at quality 50, in the zigzag order a DQT segment stores them
_LUMA_QUANT = bytes((
    16, 11, 12, 14, 12, 10, 16, 14, 13, 14, 18, 17, 16, 19, 24, 40, 26, 24, 22, 22, 24, 49, 35, 37, 29, 40, 58, 51,
    61, 60, 57, 51, 56, 55, 64, 72, 92, 78, 64, 68, 87, 69, 55, 56, 80, 109, 81, 87, 95, 98, 103, 104, 103, 62, 77,
    113, 121, 112, 100, 120, 92, 101, 103, 99,
))  # fmt: skip
_CHROMA_QUANT = bytes([17, 18, 18, 24, 21, 24, 47, 26, 26, 47, 99, 66, 56, 66, *[99] * 50])

# Annex K.3 Huffman tables: (code counts for lengths 1..16, symbols in code order)
_DC_LUMA = (
    bytes([0, 1, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0]),
    bytes(range(12)),
)
_DC_CHROMA = (
    bytes([0, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0]),
    bytes(range(12)),
)
_AC_LUMA = (
    bytes([0, 2, 1, 3, 3, 2, 4, 3, 5, 5, 4, 4, 0, 0, 1, 0x7D]),
    bytes.fromhex(
        "01020300041105122131410613516107227114328191a1082342b1c11552d1f02433627282090a161718191a2526272829"
        "2a3435363738393a434445464748494a535455565758595a636465666768696a737475767778797a838485868788898a92"
        "939495969798999aa2a3a4a5a6a7a8a9aab2b3b4b5b6b7b8b9bac2c3c4c5c6c7c8c9cad2d3d4d5d6d7d8d9dae1e2e3e4e5"
        "e6e7e8e9eaf1f2f3f4f5f6f7f8f9fa"
    ),
)
_AC_CHROMA = (
    bytes([0, 2, 1, 2, 4, 4, 3, 4, 7, 5, 4, 4, 0, 1, 2, 0x77]),
    bytes.fromhex(
        "000102031104052131061241510761711322328108144291a1b1c109233352f0156272d10a162434e125f11718191a2627"
        "28292a35363738393a434445464748494a535455565758595a636465666768696a737475767778797a8283848586878889"
        "8a92939495969798999aa2a3a4a5a6a7a8a9aab2b3b4b5b6b7b8b9bac2c3c4c5c6c7c8c9cad2d3d4d5d6d7d8d9dae2e3e4"
        "e5e6e7e8e9eaf2f3f4f5f6f7f8f9fa"
    ),
)
_END_OF_BLOCK = 0x00  # AC symbol: (run 0, size 0)


def _codes(table: tuple[bytes, bytes]) -> dict[int, str]:
    """Each symbol's code as a string of bits (the canonical assignment of Annex C)."""
    counts, symbols = table
    codes, code, index = {}, 0, 0
    for length, count in enumerate(counts, start=1):
        for _ in range(count):
            codes[symbols[index]] = format(code, f"0{length}b")
            code, index = code + 1, index + 1
        code <<= 1
    return codes


def _block(dc: dict[int, str], ac: dict[int, str], difference: int) -> str:
    """One 8x8 block's bits: the DC difference's size category, its extra bits, then end-of-block."""
    size = abs(difference).bit_length()
    extra = format(difference if difference >= 0 else difference + (1 << size) - 1, f"0{size}b") if size else ""
    return dc[size] + extra + ac[_END_OF_BLOCK]


def _segment(marker: int, body: bytes) -> bytes:
    return struct.pack(">BBH", 0xFF, marker, 2 + len(body)) + body


def jpeg_image(rgb: tuple[int, int, int], width: int, height: int) -> bytes:
    """A ``width`` x ``height`` baseline JPEG filled with ``rgb`` (decoded within a level or two per channel)."""
    _check(width, height, _MAX_JPEG_SIDE)
    red, green, blue = rgb
    levels = (  # JFIF's RGB -> YCbCr
        0.299 * red + 0.587 * green + 0.114 * blue,
        128 - 0.168736 * red - 0.331264 * green + 0.5 * blue,
        128 + 0.5 * red - 0.418688 * green - 0.081312 * blue,
    )
    # a flat block's DCT has only the DC term, 8 x (sample - 128); quantised by the table's first entry
    quant = (_LUMA_QUANT[0], _CHROMA_QUANT[0], _CHROMA_QUANT[0])
    dcs = [round(8 * (level - 128) / q) for level, q in zip(levels, quant, strict=True)]
    luma = (_codes(_DC_LUMA), _codes(_AC_LUMA))
    chroma = (_codes(_DC_CHROMA), _codes(_AC_CHROMA))
    tables = (luma, chroma, chroma)
    first = "".join(_block(dc, ac, value) for (dc, ac), value in zip(tables, dcs, strict=True))
    rest = "".join(_block(dc, ac, 0) for dc, ac in tables)  # the same colour: no difference from the block before
    units = ((width + 7) // 8) * ((height + 7) // 8)  # one MCU (Y, Cb, Cr blocks) per 8x8 pixels
    scan = first + rest * (units - 1)
    scan += "1" * (-len(scan) % 8)  # pad the last byte with one-bits
    entropy = int(scan, 2).to_bytes(len(scan) // 8, "big").replace(b"\xff", b"\xff\x00")  # byte stuffing
    huffman = b"".join(
        bytes([kind]) + counts + symbols
        for kind, (counts, symbols) in (
            (0x00, _DC_LUMA),
            (0x10, _AC_LUMA),
            (0x01, _DC_CHROMA),
            (0x11, _AC_CHROMA),
        )
    )
    return (
        b"\xff\xd8"
        + _segment(0xE0, b"JFIF\x00\x01\x01\x00" + struct.pack(">HH", 1, 1) + b"\x00\x00")
        + _segment(0xDB, b"\x00" + _LUMA_QUANT + b"\x01" + _CHROMA_QUANT)
        + _segment(0xC0, struct.pack(">BHHB", 8, height, width, 3) + bytes([1, 0x11, 0, 2, 0x11, 1, 3, 0x11, 1]))
        + _segment(0xC4, huffman)
        + _segment(0xDA, bytes([3, 1, 0x00, 2, 0x11, 3, 0x11, 0, 63, 0]))
        + entropy
        + b"\xff\xd9"
    )


# --- GIF (LZW, one palette index per frame) --------------------------------------------------------

_GIF_LARGEST_CODE = 4095  # codes are at most 12 bits wide
_GIF_MOST_FRAMES = 256  # one palette entry per frame
_GIF_LONGEST_DELAY = 0xFFFF  # hundredths of a second, in 16 bits


def _lzw_one_index(pixels: int, index: int, code_size: int) -> bytes:
    """LZW codes, as a GIF decoder reads them, for ``pixels`` copies of palette ``index``.

    A greedy LZW coder over one repeated symbol emits the table's longest run each time and adds the run one longer:
    after a clear the runs it emits are 1, 2, 3, ... pixels long, the run of length n (n > 1) being code
    ``end + n - 1``, until the table is full, when a clear starts over. The last run is what is left."""
    clear = 1 << code_size
    end = clear + 1
    bits = _LsbBits()
    size = code_size + 1
    bits.put(clear, size)
    next_code, longest = end + 1, 1  # the next code to assign; the longest run in the table
    left = pixels
    while left:
        run = min(longest, left)
        bits.put(index if run == 1 else end + run - 1, size)
        left -= run
        if not left:
            break
        if next_code <= _GIF_LARGEST_CODE:  # the table grows by the run one pixel longer
            next_code += 1
            longest += 1
            if next_code > 1 << size and size < 12:  # the decoder widens one code later than the coder adds
                size += 1
        else:
            bits.put(clear, size)
            size, next_code, longest = code_size + 1, end + 1, 1
    bits.put(end, size)
    return bits.bytes()


def gif_image(colours: list[tuple[int, int, int]], width: int, height: int, frame_ms: int) -> bytes:
    """A ``width`` x ``height`` GIF with one frame per colour, each filled with its colour and shown ``frame_ms``
    milliseconds (rounded to the format's hundredths); more than one frame loops forever."""
    _check(width, height, _MAX_GIF_SIDE)
    if not 1 <= len(colours) <= _GIF_MOST_FRAMES:
        raise ValueError(f"{len(colours)} frames is outside 1..{_GIF_MOST_FRAMES}")
    depth = max(2, (len(colours) - 1).bit_length())  # palette entries 2^depth; LZW's minimum code size is 2
    palette = b"".join(bytes(colour) for colour in colours).ljust(3 << depth, b"\x00")
    screen = struct.pack("<HHBBB", width, height, 0b1111_0000 | (depth - 1), 0, 0)
    delay = min(round(frame_ms / 10), _GIF_LONGEST_DELAY)
    parts = [b"GIF89a", screen, palette]
    if len(colours) > 1:
        parts.append(b"\x21\xff\x0bNETSCAPE2.0\x03\x01" + struct.pack("<H", 0) + b"\x00")  # loop forever
    for index in range(len(colours)):
        data = _lzw_one_index(width * height, index, depth)
        parts += [
            b"\x21\xf9\x04\x00" + struct.pack("<H", delay) + b"\x00\x00",  # graphic control: the frame's delay
            b"," + struct.pack("<HHHHB", 0, 0, width, height, 0),
            bytes([depth]),
            b"".join(bytes([len(data[i : i + 255])]) + data[i : i + 255] for i in range(0, len(data), 255)),
            b"\x00",
        ]
    return b"".join(parts) + b";"


# --- SVG ------------------------------------------------------------------------------------------


def svg_image(rgb: tuple[int, int, int], width: int, height: int) -> bytes:
    """A ``width`` x ``height`` SVG document filled with ``rgb``."""
    _check(width, height, _MAX_SVG_SIDE)
    colour = "#{:02x}{:02x}{:02x}".format(*rgb)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}">'
        f'<rect width="{width}" height="{height}" fill="{colour}"/></svg>\n'
    ).encode()
