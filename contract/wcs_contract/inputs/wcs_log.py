"""WCS server logs (server.log): the bodies WCS logs around each hook, streamed line by line.

WCS's RestClient logs every hook as one multi-line log4j record:

    11:02:13,402 INFO   RestClient - API-ASYNC-pool-10-thread-3 SEND REST OBJECT ==>
    URL:http://localhost:8081/apps/EchoApp/connect
    OBJECT:
    {
      "nodeId" : "...",
      ...
    }

and the answer as `RECEIVED REST OBJECT <==` with the same shape. The format is not specified, so
the reader is tolerant: prefixes before the markers and `URL:`, other lines between the URL and the
body (an HTTP status there is captured: `200 OK`, `status: 403`, `HTTP/1.1 403 Forbidden`), the
body starting at the first line that begins with `{` (or `OBJECT: {`) and ending at its matching
brace. A block ends early when a new log record (a line starting with a time) begins.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Final

import orjson

from wcs_contract.inputs import files
from wcs_contract.inputs.errors import json_error
from wcs_contract.inputs.har import bad_url_message, method_from_url, shown_url
from wcs_contract.inputs.model import Item, Payload, Unreadable

MARKER: Final = b"REST OBJECT"
MAX_HEADER_LINES: Final = 20  # lines tolerated between a marker and its body
MAX_BODY_BYTES: Final = 64 << 20
MAX_LINE: Final = 16 << 20  # a longer line is read in pieces: memory stays bounded

_URL: Final = re.compile(rb"URL:\s*(\S+)")
_STATUS: Final = re.compile(
    rb"(?i:\bstatus(?:[ _-]?code)?\s*[:=]\s*)([1-5]\d\d)\b"
    rb"|\bHTTP/\d(?:\.\d)?\s+([1-5]\d\d)\b"
    rb"|(?:^|\s)([1-5]\d\d)(?:\s+(?:OK|[A-Z][a-z]+(?:[ -][A-Z][a-z]+)*))?\s*$"
)
# A line starting a new log record: a time, maybe after a date, "[" or a syslog month and day.
_NEW_RECORD: Final = re.compile(
    rb"\s*\[?(?:\d{4}-\d{2}-\d{2}[ T]|[A-Z][a-z]{2} +\d{1,2} )?\d{1,2}:\d{2}:\d{2}"
)
_OBJECT_START: Final = re.compile(rb"\s*(?:OBJECT:\s*)?\{")
_TOKENS: Final = re.compile(rb'[{}"\\]')


def _scan(line: bytes, start: int, depth: int) -> tuple[int, int]:
    """Count braces outside strings from `start`: (depth, end) with end just past the brace closing
    the object, or -1 when the object goes on after this line. Strings cannot span lines in JSON,
    so every line starts outside one."""
    in_string = False
    skip = -1
    for match in _TOKENS.finditer(line, start):
        i = match.start()
        if i == skip:
            continue
        char = line[i]
        if in_string:
            if char == 0x5C:  # backslash: the next byte is escaped
                skip = i + 1
            elif char == 0x22:
                in_string = False
        elif char == 0x22:
            in_string = True
        elif char == 0x7B:
            depth += 1
        elif char == 0x7D:
            depth -= 1
            if depth == 0:
                return 0, i + 1
    return depth, -1


class _Block:
    """One SEND/RECEIVED block being read."""

    __slots__ = (
        "depth",
        "direction",
        "header_lines",
        "json_col",
        "json_line",
        "kind",
        "line",
        "parts",
        "size",
        "status",
        "url",
    )

    def __init__(self, line: int, kind: str, direction: str) -> None:
        self.line = line
        self.kind = kind
        self.direction = direction
        self.url: str | None = None
        self.status: int | None = None
        self.header_lines = 0
        self.parts: list[bytes] = []
        self.size = 0
        self.depth = 0
        self.json_line = 0
        self.json_col = 0

    @property
    def name(self) -> str:
        return f"the {self.kind} block at line {self.line}"


def read_log(path: str, source: str) -> Iterator[Item]:
    """The hook bodies logged in the WCS log file at `path`."""
    return files.read_items(
        path, source, lambda stream: read_log_lines(files.bounded_lines(stream, MAX_LINE), source)
    )


def read_log_lines(lines: Iterable[bytes], source: str, first_line: int = 1) -> Iterator[Item]:
    """The hook bodies in log `lines` (bytes, with or without their newlines)."""
    block: _Block | None = None
    in_body = False
    lineno = first_line - 1
    for lineno, line in enumerate(lines, first_line):
        if block is not None and in_body:
            if _NEW_RECORD.match(line):
                yield _unclosed(block, source, f"before the next log record at line {lineno}")
                block, in_body = None, False
            else:
                depth, end = _scan(line, 0, block.depth)
                block.depth = depth
                if end >= 0:
                    block.parts.append(line[:end])
                    yield _finish(block, source)
                    block, in_body = None, False
                else:
                    block.parts.append(line)
                    block.size += len(line)
                    if block.size > MAX_BODY_BYTES:
                        yield _unclosed(block, source, f"within {MAX_BODY_BYTES >> 20} MiB")
                        block, in_body = None, False
                continue
        if MARKER in line:
            if b"SEND REST OBJECT" in line:
                new = _Block(lineno, "SEND REST OBJECT", "request")
            elif b"RECEIVED REST OBJECT" in line:
                new = _Block(lineno, "RECEIVED REST OBJECT", "response")
            else:
                new = None
            if new is not None:
                if block is not None:
                    yield from _no_body(block, source)
                block = new
                continue
        if block is None:
            continue
        block.header_lines += 1
        start = _OBJECT_START.match(line)
        if start is not None:
            brace = start.end() - 1
            block.json_line = lineno
            block.json_col = len(line[:brace].decode("utf-8", "replace")) + 1
            depth, end = _scan(line, brace, 0)
            if end >= 0:
                block.parts.append(line[brace:end])
                yield _finish(block, source)
                block = None
            else:
                block.parts.append(line[brace:])
                block.depth = depth
                in_body = True
            continue
        if block.url is None and (url := _URL.search(line)) is not None:
            block.url = url.group(1).decode("utf-8", "replace")
            continue
        if (status := _STATUS.search(line)) is not None:
            block.status = int(next(group for group in status.groups() if group))
            continue
        new_record = block.url is not None and _NEW_RECORD.match(line)
        if new_record or block.header_lines > MAX_HEADER_LINES:
            yield from _no_body(block, source)
            block = None
    if block is not None:
        if in_body:
            yield _unclosed(block, source, f"before the end of the log (line {lineno})")
        else:
            yield from _no_body(block, source)


def _finish(block: _Block, source: str) -> Item:
    """The payload of a block whose object is complete."""
    data = b"".join(block.parts)
    try:
        body = orjson.loads(data)
    except orjson.JSONDecodeError as exc:
        return json_error(
            exc,
            data,
            source,
            line0=block.json_line,
            col0=block.json_col,
            what=f"in {block.name}: ",
            unit="logged object",
            expected="the logged body must be a JSON object",
        )
    if block.url is None:
        return Unreadable(
            source,
            block.line,
            0,
            f"{block.name} has no URL:<url> line, so its method is unknown: "
            "keep the URL line WCS logs after the marker",
        )
    try:
        method = method_from_url(block.url)
    except ValueError:
        return Unreadable(source, block.line, 0, bad_url_message(block.url, f"in {block.name}"))
    if not method:
        return Unreadable(
            source,
            block.line,
            0,
            f"the URL {shown_url(block.url)} of {block.name} has no method name at the end of"
            " its path: "
            "WCS appends the method to the application's REST URL",
        )
    status = block.status if block.direction == "response" else None
    return Payload(source, block.line, body, method, block.direction, status)


def _unclosed(block: _Block, source: str, where: str) -> Unreadable:
    return Unreadable(
        source,
        block.json_line,
        block.json_col,
        f"truncated JSON in {block.name}: the object is not closed {where}; "
        "the log was probably cut off or mixed with other output — complete or remove the block",
    )


def _no_body(block: _Block, source: str) -> Iterator[Unreadable]:
    """A block that ended without a JSON object: fine for a refusal (its body is optional)."""
    if block.direction == "response" and block.status not in (None, 200):
        return
    if block.url is None:
        yield Unreadable(
            source,
            block.line,
            0,
            f"{block.name} is not followed by a URL:<url> line and a JSON object: "
            "pass the log as WCS wrote it (the record spans several lines)",
        )
        return
    yield Unreadable(
        source,
        block.line,
        0,
        f"{block.name} has no JSON object after its URL line: the body (a line starting with {{) "
        "is missing — the log was probably cut or filtered (e.g. by grep)",
    )
