"""Turning parse and file errors into Unreadable items whose message says what is wrong and the fix.

Every message is a sentence or two for a person at a terminal: never exception text or a traceback.
"""

from __future__ import annotations

import errno
import os
import re
from typing import Final

import orjson

from wcs_contract.inputs.model import Unreadable

#: What a JSON input may hold, for the end of "expected ..." sentences.
EXPECTED_OBJECT: Final = (
    'expected a JSON object (an envelope {"method": ..., "direction": ..., "body": {...}}, '
    'a WebSocket frame {"message": ..., "data": [...]} or a bare body)'
)
ENVELOPE_SHAPE: Final = '{"method": "connect", "direction": "request", "body": {...}}'
MAX_DEPTH: Final = 1024  # orjson's nesting limit
BOM: Final = b"\xef\xbb\xbf"
UTF16_BOMS: Final = (b"\xff\xfe", b"\xfe\xff")  # little and big endian (UTF-32 LE starts alike)

_LEADING_SPACE: Final = re.compile(rb"[ \t\r\n]*")


def skip_space(data: bytes, start: int = 0) -> int:
    """Offset of the first non-whitespace byte at or after `start` (len(data) if none); no copy."""
    match = _LEADING_SPACE.match(data, start)
    return match.end() if match else start


def position(data: bytes, offset: int) -> tuple[int, int]:
    """1-based (line, column) of byte `offset` in `data`; columns count characters, like orjson."""
    line_start = data.rfind(b"\n", 0, offset) + 1
    column = len(data[line_start:offset].decode("utf-8", "replace")) + 1
    return data.count(b"\n", 0, offset) + 1, column


def binary_offset(data: bytes) -> int | None:
    """Where `data` shows it is binary (a NUL byte or a gzip header), or None for text."""
    if data[:2] == b"\x1f\x8b":
        return 0
    nul = data.find(b"\x00", 0, 65536)
    return nul if nul >= 0 else None


def binary_message(data: bytes, offset: int) -> str:
    if data[:2] == b"\x1f\x8b":
        return (
            "gzip-compressed data, not JSON text: decompress it first "
            "(e.g. `zcat FILE | wcs-contract validate -`)"
        )
    return (
        f"binary data (a NUL byte at byte offset {offset}), not JSON text: "
        "pass the JSON, JSONL, HAR or WCS log file itself"
    )


def utf16_message(data: bytes) -> str:
    order = "little" if data.startswith(b"\xff\xfe") else "big"
    return (
        f"UTF-16 text (a {order}-endian byte order mark {data[:2].hex(' ').upper()}), not UTF-8:"
        " JSON must be UTF-8; re-encode the file, e.g. `iconv -f UTF-16 -t UTF-8 FILE > NEW`"
    )


def utf8_error(data: bytes) -> tuple[int, int, str] | None:
    """(line, column, message) of the first invalid UTF-8 byte in `data`; None if all is valid."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, column = position(data, exc.start)
        return (
            line,
            column,
            f"invalid UTF-8 (byte 0x{data[exc.start]:02x} at byte offset {exc.start}): "
            "JSON must be UTF-8; re-encode the file, e.g. `iconv -f latin1 -t utf-8`",
        )
    return None


def _non_finite(data: bytes, exc: orjson.JSONDecodeError) -> str | None:
    """The NaN/Infinity literal at the error position, if that is what orjson stumbled on."""
    text = data.decode("utf-8", "replace")
    pos = exc.pos
    # orjson points at the "I" of "-Infinity" ("no digit after sign"), at the "N" of "NaN".
    if pos > 0 and text.startswith("-Infinity", pos - 1):
        return "-Infinity"
    for literal in ("-Infinity", "NaN", "Infinity"):
        if text.startswith(literal, pos):
            return literal
    return None


def json_error(
    exc: orjson.JSONDecodeError,
    data: bytes,
    source: str,
    *,
    line0: int = 1,
    col0: int = 1,
    expected: str = EXPECTED_OBJECT,
    what: str = "",
    unit: str = "input",
) -> Unreadable:
    """Explain why orjson rejected `data`, which starts at (line0, col0) of `source`.

    `what` prefixes the message (e.g. a HAR locator); `expected` ends the generic case; `unit` names
    what was parsed ("input", "line", "body").
    """
    msg = exc.msg
    line, column = exc.lineno, exc.colno
    if msg.startswith(("Input is a zero-length", "input data is empty")):
        return empty_file(source, expected)
    if data.startswith(UTF16_BOMS):
        line, column = 1, 1
        text = utf16_message(data)
    elif (offset := binary_offset(data)) is not None:
        line, column = position(data, offset)
        text = binary_message(data, offset)
    elif "UTF-8" in msg and (bad := utf8_error(data)) is not None:
        line, column, text = bad
    elif msg == "depth limit exceeded":
        text = (
            f"JSON nested deeper than {MAX_DEPTH} levels: no hook body is that deep; "
            "the input is probably generated wrongly"
        )
    elif msg.startswith("unexpected end of data"):
        text = (
            f"truncated JSON: the {unit} ends before the value is complete; "
            "check the capture was not cut off, or complete the missing brackets and quotes"
        )
    elif (literal := _non_finite(data, exc)) is not None:
        if literal == "-Infinity" and data.decode("utf-8", "replace")[exc.pos : exc.pos + 1] == "I":
            column -= 1  # point at the sign, where the literal starts
        text = f"{literal} is not JSON: JSON has no NaN or Infinity; write null or a string instead"
    elif msg.startswith("number is infinity"):
        text = (
            "a number out of range (such as 1e400, or an integer of hundreds of digits): JSON"
            " numbers here must fit a 64-bit float (up to about 1.8e308); write such a value"
            " as a string"
        )
    elif "surrogate" in msg:
        text = (
            "a lone UTF-16 surrogate escape (\\ud800-\\udfff without its pair) in a string:"
            " not valid Unicode, so not a text WCS sends; the capture was damaged"
        )
    elif msg == "unexpected content after document":
        text = (
            f"more than one JSON value in the {unit}: "
            "write one document per .json file, or one JSON object per line in a .jsonl file"
        )
    else:
        text = f"invalid JSON ({msg}): {expected}"
    if line == 1:
        column += col0 - 1
    return Unreadable(source, line0 + line - 1, column, f"{what}{text}")


def os_error(exc: OSError, source: str) -> Unreadable:
    """A file that cannot be opened or read: say which case it is and what to do."""
    if isinstance(exc, FileNotFoundError):
        text = "no such file: check the path"
    elif isinstance(exc, IsADirectoryError) or exc.errno == errno.EISDIR:
        text = "is a directory with no captures in it (.json, .jsonl, .ndjson, .har or .log files)"
        try:
            with os.scandir(exc.filename or source):
                pass
        except PermissionError:
            text = (
                "permission denied: cannot list the folder, so its captures were not checked;"
                " check its permissions (chmod +rx) or run as its owner"
            )
        except OSError:
            pass
    elif isinstance(exc, PermissionError):
        text = (
            "permission denied: cannot read the file; "
            "check its permissions (chmod +r) or run as its owner"
        )
    else:
        reason = exc.strerror or type(exc).__name__
        text = f"cannot read the file ({reason}): check the path and the disk"
    return Unreadable(source, 0, 0, text)


def empty_file(source: str, expected: str = EXPECTED_OBJECT) -> Unreadable:
    noun = "empty input" if source == "<stdin>" else "empty file"
    return Unreadable(source, 1, 1, f"{noun}: {expected}")
