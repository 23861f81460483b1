"""Which reader an input needs by its content, when its extension says nothing (`inputs.read`
goes by the extension first) or for standard input, which has none.

Content rules, on the first non-blank line:
- it is a complete JSON object and more lines follow: JSON Lines (streamed);
- it starts with "{" or "[" otherwise: one JSON document (an envelope, a frame, a bare body, a HAR);
- else, the text contains "REST OBJECT": a WCS server log (streamed);
- else: one JSON document, so that the JSON parser says precisely what is wrong.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from itertools import chain
from typing import IO, Final

import orjson

from wcs_contract.inputs import files, json_document, jsonl, wcs_log
from wcs_contract.inputs.errors import (
    BOM,
    UTF16_BOMS,
    binary_message,
    binary_offset,
    json_error,
    os_error,
    position,
    utf16_message,
)
from wcs_contract.inputs.model import STDIN, Item, Unreadable

HEAD_BYTES: Final = 1 << 20  # how much of a stream is looked at for a log marker before giving up


def _first_content_line(stream: IO[bytes]) -> tuple[list[bytes], bytes]:
    """Read up to the first non-blank line: (the lines read, that line stripped and without BOM).

    At most HEAD_BYTES are read: a longer line comes cut (without its newline), and after that
    much blank input the content is b"" as for an empty input."""
    head: list[bytes] = []
    size = 0
    while size < HEAD_BYTES:
        line = stream.readline(HEAD_BYTES - size)
        if not line:
            return head, b""
        head.append(line)
        size += len(line)
        content = line.removeprefix(BOM).strip() if len(head) == 1 else line.strip()
        if content:
            return head, content
    return head, b""


def _refused(head: list[bytes], content: bytes, source: str) -> Unreadable | None:
    """Why the input is refused from its first line alone: UTF-16 text, binary data, or a line
    of more than HEAD_BYTES that is no JSON (no log has such lines). None to read on."""
    if not head:
        return None
    if b"".join(head).startswith(UTF16_BOMS):
        return Unreadable(source, 1, 1, utf16_message(b"".join(head)))
    if (offset := binary_offset(content)) is not None:
        first = b"".join(head)
        line, column = position(first, first.find(content) + offset)
        return Unreadable(source, line, column, binary_message(content, offset))
    cut = not head[-1].endswith(b"\n") and sum(map(len, head)) >= HEAD_BYTES
    if cut and not content.startswith((b"{", b"[")):
        return Unreadable(
            source,
            len(head),
            1,
            f"no line break in the first {HEAD_BYTES >> 20} MiB, and not JSON: pass a JSON,"
            " JSONL, HAR or WCS log file",
        )
    return None


def _is_object_line(content: bytes) -> bool:
    if not content.startswith(b"{"):
        return False
    try:
        return isinstance(orjson.loads(content), dict)
    except orjson.JSONDecodeError:
        return False


def _has_more_content(stream: IO[bytes], head: list[bytes]) -> bool:
    """Whether a non-blank line follows; the lines read are appended to `head`."""
    more, content = _first_content_line(stream)
    head.extend(more)
    return bool(content)


def read_sniffed_file(
    path: str, source: str, method: str | None, direction: str | None, *, default: str | None = None
) -> Iterator[Item]:
    """A file whose name does not settle its format; `default` ('log') wins unless it is JSON."""
    try:
        stream = files.open_binary(path)
    except OSError as exc:
        yield os_error(exc, source)
        return
    with stream:
        try:
            head, content = _first_content_line(stream)
            if (refusal := _refused(head, content, source)) is not None:
                yield refusal
                return
            if _is_object_line(content) and _has_more_content(stream, head):
                kind = "jsonl"
            elif content.startswith((b"{", b"[")):
                kind = "json"
            elif default == "log" or _contains_marker(stream, b"".join(head)):
                kind = "log"
            else:
                kind = "json"
        except OSError as exc:
            yield os_error(exc, source)
            return
    if kind == "jsonl":
        yield from jsonl.read_jsonl(path, source, method, direction)
    elif kind == "log":
        yield from wcs_log.read_log(path, source)
    else:
        yield from json_document.read_json(path, source, method, direction)


def _contains_marker(stream: IO[bytes], head: bytes) -> bool:
    """Whether the rest of the file (after `head`) contains the log marker; constant memory."""
    marker = wcs_log.MARKER
    tail = head
    while True:
        if marker in tail:
            return True
        block = stream.read(files.BUFFER)
        if not block:
            return False
        tail = tail[-len(marker) :] + block


def read_stream(
    stream: IO[bytes], source: str, method: str | None, direction: str | None
) -> Iterator[Item]:
    """An unseekable stream (standard input): sniffed from what has been read, which is replayed."""
    try:
        yield from _read_stream(stream, source, method, direction)
    except OSError as exc:
        yield os_error(exc, source)


def _read_stream(
    stream: IO[bytes], source: str, method: str | None, direction: str | None
) -> Iterator[Item]:
    head, content = _first_content_line(stream)
    if (refusal := _refused(head, content, source)) is not None:
        yield refusal
        return
    if _is_object_line(content):
        if _has_more_content(stream, head):
            yield from jsonl.read_lines(
                jsonl.chunks(stream, b"".join(head)), source, 1, method, direction
            )
        else:
            yield from json_document.read_document(b"".join(head), source, method, direction)
        return
    if not content.startswith((b"{", b"[")):
        # Maybe a log: look for a marker in the first megabyte, keeping what is read for the log
        # reader, then further on without keeping anything (only the lines are counted).
        size = sum(map(len, head))
        found = any(wcs_log.MARKER in line for line in head)
        ended = False
        while not found and size < HEAD_BYTES:
            line = stream.readline(HEAD_BYTES - size)
            if not line:
                ended = True
                break
            head.append(line)
            size += len(line)
            found = wcs_log.MARKER in line
        lines = files.bounded_lines(stream, wcs_log.MAX_LINE)
        if found:
            yield from wcs_log.read_log_lines(chain(head, lines), source)
            return
        if not ended:
            complete = sum(text.endswith(b"\n") for text in head)  # lines before this one
            for line in lines:
                if wcs_log.MARKER in line:
                    yield from wcs_log.read_log_lines(chain([line], lines), source, complete + 1)
                    return
                complete += line.endswith(b"\n")
            yield _neither_json_nor_log(head, content, source)
            return
    read = sum(map(len, head))
    data = b"".join(head) + stream.read(json_document.MAX_DOCUMENT_BYTES + 1 - read)
    if len(data) > json_document.MAX_DOCUMENT_BYTES:
        yield json_document.too_big(source)
        return
    yield from json_document.read_document(data, source, method, direction)


def _neither_json_nor_log(head: list[bytes], content: bytes, source: str) -> Unreadable:
    """An input too big to hold that is no log: what the JSON parser says of its first line."""
    line = next((n for n, text in enumerate(head, 1) if text.strip()), 1)
    try:
        orjson.loads(content)
    except orjson.JSONDecodeError as exc:
        return json_error(exc, content, source, line0=line)
    return Unreadable(
        source,
        line,
        1,
        f"neither JSON nor a WCS log: the input holds more than one JSON value and no"
        f" {wcs_log.MARKER.decode()} marker; pass a JSON, JSONL, HAR or WCS log file",
    )


def read_stdin(method: str | None, direction: str | None) -> Iterator[Item]:
    stdin = sys.stdin
    if stdin is None:  # e.g. started detached, or with stdin closed
        yield Unreadable(STDIN, 0, 0, "no standard input: pipe the capture in, or pass a file")
        return
    yield from read_stream(stdin.buffer, STDIN, method, direction)
