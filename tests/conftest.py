"""What every test shares: a clean environment, the in-process mock client, and site builds with one cache.

- Every test starts without the developer's `OPENAI_*` / `DEEPSEEK_*` variables: a real key on the machine must
  never reach a test's requests, and a stray `OPENAI_API_DOCS_*` must not change what a test builds.
- `mock_environment`: `OpenAI()` in the test points at one mock server on 127.0.0.1, started once per session
  (each API key has its own state on it, so tests do not see each other's objects).
- `client`: an SDK client on a fresh in-process mock, with the SDK's strict response validation (every answer
  must parse as the real API's would) and no retries (a test sees the first answer).
- `program_shape(code)`: the program with every string constant masked (an f-string's literal pieces too), so
  the two languages' copies of an example can be compared as one program.
- `sleeps_of_this_thread(monkeypatch)`: the `time.sleep` calls the test's own thread makes, recorded instead of
  slept; other threads (the session's mock server, a worker's guard) still sleep, so none of them spins.
- `site_build`: a real `mkdocs build --strict` in a child process, sharing one results cache for the whole
  session, so the second build of a session reuses what the first executed instead of running cold again.
- `picture_header(data)`: an image file's format and pixel size read from its own bytes by each format's rules
  (PNG, lossless WebP, baseline JPEG), independently of the mock's encoders.
"""

from __future__ import annotations

import ast
import functools
import os
import struct
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from xml.etree import ElementTree

import pytest
from openai import OpenAI

from openai_api.core.providers import target_for
from openai_api.core.runner import target_environment
from openai_api.mock import MockAPI, mock_client, running_server
from openai_api.storage import PROJECT_ROOT

_FOREIGN = ("OPENAI_", "DEEPSEEK_")
Builder = Callable[..., tuple[subprocess.CompletedProcess[str], Path]]


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    for name in list(os.environ):
        if name.startswith(_FOREIGN):
            monkeypatch.delenv(name)
    yield


def sleeps_of_this_thread(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    waits: list[float] = []
    real_sleep, test_thread = time.sleep, threading.get_ident()

    def pause(delay: float) -> None:
        if threading.get_ident() == test_thread:
            waits.append(delay)
        else:
            real_sleep(delay)

    monkeypatch.setattr(time, "sleep", pause)
    return waits


@pytest.fixture(scope="session")
def mock_server_url() -> Iterator[str]:
    with running_server(profile="openai") as base_url:
        yield base_url


@pytest.fixture
def mock_environment(mock_server_url: str) -> Iterator[None]:
    """After `clean_environment` (autouse fixtures come first), so its variables are the ones the test sees."""
    with target_environment(target_for("mock", {}), mock_server_url):
        yield


@pytest.fixture
def client() -> OpenAI:
    return mock_client(MockAPI(), _strict_response_validation=True, max_retries=0)


def build_site(
    tmp_path: Path, name: str, *extra_args: str, cache: Path, **env_extra: str
) -> tuple[subprocess.CompletedProcess[str], Path]:
    site = tmp_path / name
    env = {k: v for k, v in os.environ.items() if not k.startswith(_FOREIGN)}
    env["OPENAI_API_DOCS_CACHE_DIR"] = str(cache)
    env["NO_MKDOCS_2_WARNING"] = "1"
    env.update(env_extra)
    process = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site), *extra_args],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    return process, site


@pytest.fixture(scope="session")
def site_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The results cache every site build of the session shares (and `mkdocs serve` in the serve tests)."""
    return tmp_path_factory.mktemp("site-cache")


@pytest.fixture(scope="session")
def site_build(site_cache: Path) -> Builder:
    return functools.partial(build_site, cache=site_cache)


class _MaskStrings(ast.NodeTransformer):
    def visit_Constant(self, node: ast.Constant) -> ast.Constant:
        if isinstance(node.value, str):
            return ast.copy_location(ast.Constant(value="<str>"), node)
        return node


def program_shape(code: str) -> str:
    """The program with every string constant masked (an f-string's literal pieces are constants too)."""
    return ast.dump(_MaskStrings().visit(ast.parse(code)))


def picture_header(data: bytes) -> tuple[str, int, int]:
    """(format, width, height) of a PNG, a lossless (VP8L) WebP, a baseline JPEG, a GIF or an SVG, checking the
    container on the way: PNG's IHDR and IEND; WebP's RIFF size (file length - 8), VP8L chunk size, signature and
    version; JPEG's SOI and EOI markers and its one baseline (SOF0) frame header before the scan; GIF's trailer;
    SVG's root element and view box (GIF frames are read by `gif_frames`)."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        assert data[12:16] == b"IHDR" and data.endswith(b"IEND\xaeB`\x82")
        width, height = struct.unpack(">II", data[16:24])
        return "png", width, height
    if data.startswith(b"RIFF"):
        assert data[8:16] == b"WEBPVP8L"
        (riff_size,), (chunk_size,) = struct.unpack("<I", data[4:8]), struct.unpack("<I", data[16:20])
        assert riff_size == len(data) - 8 and 20 + chunk_size + chunk_size % 2 == len(data)
        assert data[20] == 0x2F  # the VP8L signature
        header = int.from_bytes(data[21:25], "little")  # 14 bits width - 1, 14 bits height - 1, alpha, version
        assert header >> 29 == 0
        return "webp", (header & 0x3FFF) + 1, ((header >> 14) & 0x3FFF) + 1
    if data.startswith(b"\xff\xd8"):
        assert data.endswith(b"\xff\xd9")
        frames, index = [], 2
        while data[index] == 0xFF and data[index + 1] != 0xDA:  # the segments before the scan
            marker, (length,) = data[index + 1], struct.unpack(">H", data[index + 2 : index + 4])
            if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
                frames.append((marker, data[index + 4 : index + 2 + length]))
            index += 2 + length
        assert data[index : index + 2] == b"\xff\xda" and len(frames) == 1
        marker, frame = frames[0]
        precision, height, width, components = struct.unpack(">BHHB", frame[:6])
        assert marker == 0xC0 and precision == 8 and components in (1, 3) and len(frame) == 6 + 3 * components
        return "jpeg", width, height
    if data.startswith(b"GIF89a"):
        assert data.endswith(b";")
        width, height = struct.unpack("<HH", data[6:10])
        return "gif", width, height
    if data.startswith(b"<svg "):
        root = ElementTree.fromstring(data)
        width, height = int(root.get("width") or 0), int(root.get("height") or 0)
        assert root.tag == "{http://www.w3.org/2000/svg}svg" and root.get("viewBox") == f"0 0 {width} {height}"
        return "svg", width, height
    raise AssertionError(f"not a PNG, WebP, JPEG, GIF or SVG: {data[:16]!r}")


def gif_frames(data: bytes) -> tuple[bool, list[tuple[tuple[int, int, int], int, bytes]]]:
    """Whether a GIF loops, and each frame's (colour of its first pixel, delay in ms, pixel indexes), its LZW data
    decoded here as a GIF reader does (variable-width codes, least significant bit first; the table grows one entry
    per code after the first, the width one bit when the table reaches the next power of two; clear and end codes)."""
    assert data.startswith(b"GIF89a") and data.endswith(b";")
    width, height, packed = struct.unpack("<HHB", data[6:11])
    entries = 2 << (packed & 7)
    palette = data[13 : 13 + 3 * entries]
    index, loops, delay, frames = 13 + 3 * entries, False, 0, []
    while data[index] != 0x3B:
        if data[index] == 0x21:  # an extension: its label, then sub-blocks
            label, body, index = data[index + 1], b"", index + 2
            while data[index]:
                body, index = body + data[index + 1 : index + 1 + data[index]], index + 1 + data[index]
            index += 1
            loops = loops or (label == 0xFF and body.startswith(b"NETSCAPE2.0"))
            delay = struct.unpack("<H", body[1:3])[0] * 10 if label == 0xF9 else delay
            continue
        assert data[index] == 0x2C and struct.unpack("<HHHH", data[index + 1 : index + 9]) == (0, 0, width, height)
        minimum, index, raw = data[index + 10], index + 11, b""
        while data[index]:
            raw, index = raw + data[index + 1 : index + 1 + data[index]], index + 1 + data[index]
        index += 1
        bits, position, clear = int.from_bytes(raw, "little"), 0, 1 << minimum
        table: list[bytes] = []
        size, previous, pixels = minimum + 1, -1, bytearray()
        while True:
            code = (bits >> position) & ((1 << size) - 1)
            position += size
            assert position <= 8 * len(raw)
            if code == clear:
                table, size, previous = [bytes([k]) for k in range(clear)] + [b"", b""], minimum + 1, -1
                continue
            if code == clear + 1:
                break
            entry = table[code] if code < len(table) else table[previous] + table[previous][:1]
            if previous >= 0 and len(table) < 4096:
                table.append(table[previous] + entry[:1])
                if len(table) == 1 << size and size < 12:
                    size += 1
            pixels += entry
            previous = code
        assert len(pixels) == width * height
        first = pixels[0]
        frames.append(((palette[3 * first], palette[3 * first + 1], palette[3 * first + 2]), delay, bytes(pixels)))
    return loops, frames
