"""JSON Lines (.jsonl / .ndjson): one envelope, frame or bare body per line, streamed.

This is the hot path of big captures: the file is read in 64 KiB chunks completed to a newline and
split in C, and every line goes straight to orjson. An envelope with a string method, a valid
direction and an integer (or no) status goes to its route's check (a Screen's, when given: one
call into jsonschema-rs) and is only counted when clean, or becomes a Payload without any further
call. Everything unusual (frames, bare bodies, bad envelopes, broken lines) takes the slow path.
Memory stays constant whatever the file size; byte ranges let several processes share one file.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO, Any, Final, overload

import orjson

from wcs_contract.inputs import files
from wcs_contract.inputs.envelope import classify
from wcs_contract.inputs.errors import BOM, UTF16_BOMS, empty_file, json_error
from wcs_contract.inputs.model import DIRECTIONS, Clean, Counted, Item, Payload, Screen, Unreadable

CHUNK: Final = 1 << 16  # below malloc's mmap threshold, and within the CPU's L2 cache
MAX_LINE_BYTES: Final = 16 << 20  # a longer line is reported, not read into memory
TOO_LONG: Final = b"\x00 line too long"  # what stands for such a line (never valid JSON)
BATCH: Final = 4096  # failing items kept aside before they are handed over: a few MB at most
EXPECTED_LINE: Final = (
    "expected one JSON object per line: an envelope "
    '{"method": ..., "direction": ..., "body": {...}}, '
    'a frame {"message": ..., "data": [...]} or a bare body'
)


def _rest_of_line(stream: IO[bytes], block: bytes) -> tuple[bytes, int]:
    """`block` completed to the end of its last line, and the bytes read for that. A line longer
    than MAX_LINE_BYTES is not kept: it becomes TOO_LONG (memory stays bounded)."""
    tail = stream.readline(MAX_LINE_BYTES)
    if len(tail) < MAX_LINE_BYTES or tail.endswith(b"\n"):
        return block + tail, len(tail)
    consumed = len(tail)
    while tail and not tail.endswith(b"\n"):
        tail = stream.readline(CHUNK)
        consumed += len(tail)
    return block[: block.rfind(b"\n") + 1] + TOO_LONG + b"\n", consumed


def chunks(stream: IO[bytes], prefix: bytes = b"", limit: int | None = None) -> Iterator[bytes]:
    """Blocks of whole lines from `stream` (after `prefix`), each ending at a newline but the last.

    With `limit`, stop once `limit` bytes are consumed: a line that starts before the limit is
    completed past it, so ranges that split inside a line lose nothing and repeat nothing.
    """
    if prefix:
        if not prefix.endswith(b"\n"):
            prefix = _rest_of_line(stream, prefix)[0]
        yield prefix
    remaining = limit
    while remaining is None or remaining > 0:
        block = stream.read(CHUNK if remaining is None else min(CHUNK, remaining))
        if not block:
            return
        if remaining is not None:
            remaining -= len(block)
        if not block.endswith(b"\n"):
            block, consumed = _rest_of_line(stream, block)
            if remaining is not None:
                remaining -= consumed
        yield block


def too_long_message() -> str:
    return (
        f"a line longer than {MAX_LINE_BYTES >> 20} MiB: not read (a hook body is a few hundred"
        " bytes); is this really JSON Lines? Each line must be one JSON object"
    )


def _never(*_args: Any) -> bool:
    return False


def _route(obj: Any) -> tuple[str, str] | None:
    """The route of an envelope the screen can take: a method name, a known direction and a
    body (its status is looked at after)."""
    if type(obj) is not dict:
        return None
    m, d = obj.get("method"), obj.get("direction")
    if type(m) is str and m and type(d) is str and d in DIRECTIONS and "body" in obj:
        return m, d
    return None


@overload
def read_lines(
    blocks: Iterable[bytes],
    source: str,
    first_line: int,
    method: str | None,
    direction: str | None,
    *,
    whole: bool = True,
    screen: None = None,
    on_end: Callable[[int], None] | None = None,
) -> Iterator[Item]: ...


@overload
def read_lines(
    blocks: Iterable[bytes],
    source: str,
    first_line: int,
    method: str | None,
    direction: str | None,
    *,
    whole: bool = True,
    screen: Screen,
    on_end: Callable[[int], None] | None = None,
) -> Iterator[Counted]: ...


def read_lines(
    blocks: Iterable[bytes],
    source: str,
    first_line: int,
    method: str | None,
    direction: str | None,
    *,
    whole: bool = True,
    screen: Screen | None = None,
    on_end: Callable[[int], None] | None = None,
) -> Iterator[Counted]:
    """Payloads of the lines in `blocks`, the first being line `first_line`.

    `whole` means the blocks are the whole input: an input with no line at all is reported empty.
    Envelopes that `screen` finds clean are counted, and reported as one Clean per batch. `on_end`
    receives the number of lines read, so that a range's reader can number the next range's.
    """
    loads = orjson.loads
    decode_error = orjson.JSONDecodeError
    new = tuple.__new__  # Payload(...) without the named tuple's Python-level __new__
    checks: dict[tuple[str, str], Callable[[Any], bool]] = {}  # the screen's, by route

    def check_of(route: tuple[str, str]) -> Callable[[Any], bool]:
        check = screen.check_for(*route) if screen is not None else None
        if check is None:
            return _never  # not kept: unknown routes are rare, and need not fill memory
        checks[route] = check
        return check

    status_agrees = screen.status_agrees if screen is not None else _never
    lineno = first_line - 1
    blank = 0
    # Clean envelopes are counted and the other items kept aside, then handed over a batch at a
    # time: the loop over lines seldom leaves for the caller's work (explaining failures, mostly),
    # which keeps each of the two hot in the CPU's caches.
    clean = 0
    rest: list[Counted] = []
    keep = rest.append
    batch = BATCH if screen is not None else 1  # unscreened, every item is the caller's work
    stopped = False
    check: Callable[[Any], bool] | None  # a line's route check; None: not an envelope
    for block in blocks:
        if stopped:
            break
        if len(rest) >= batch:
            if clean:
                yield Clean(clean)
                clean = 0
            yield from rest
            rest.clear()
        lines = block.split(b"\n")
        if not lines[-1]:
            lines.pop()  # the empty string after the block's final newline is not a line
        for line in lines:
            lineno += 1
            try:
                obj = loads(line)
            except decode_error as exc:
                if not line.strip():
                    blank += 1
                    continue
                if lineno == 1 and line.startswith(BOM):
                    # Editors on Windows prepend a byte order mark; it is not part of the JSON.
                    rest += read_lines([line[3:]], source, 1, method, direction, whole=False)
                    continue
                if line == TOO_LONG:
                    keep(Unreadable(source, lineno, 1, too_long_message()))
                    continue
                if lineno == 1 and line.startswith(UTF16_BOMS):
                    # Every line would be garbage: one message for the file, and stop.
                    keep(json_error(exc, line, source, line0=lineno, unit="line"))
                    stopped = True
                    break
                keep(
                    json_error(exc, line, source, line0=lineno, expected=EXPECTED_LINE, unit="line")
                )
                continue
            try:  # an envelope of a route seen before: the hot path, without a type check
                check = checks[obj["method"], obj["direction"]]
                body = obj["body"]
            except (KeyError, TypeError):  # not a dict, a member missing or unhashable, new route
                route = _route(obj)
                check = check_of(route) if route is not None else None
                body = obj["body"] if route is not None else None
            if check is not None:
                s = obj.get("status")
                if s is None or type(s) is int:
                    if check(body) and (
                        s is None
                        or (s == 200 and type(body) is dict and "status" not in body)
                        or status_agrees(body, s)
                    ):
                        clean += 1
                    else:
                        m, d = obj["method"], obj["direction"]
                        keep(new(Payload, (source, lineno, body, m, d, s, "")))
                    continue
            keep(classify(obj, source, lineno, method, direction, 1, unit="line"))
    if clean:
        yield Clean(clean)
    yield from rest
    if on_end is not None:
        on_end(lineno - first_line + 1)
    if whole and blank == lineno - first_line + 1:
        yield empty_file(source, EXPECTED_LINE)


@overload
def read_jsonl(
    path: str, source: str, method: str | None, direction: str | None, screen: None = None
) -> Iterator[Item]: ...


@overload
def read_jsonl(
    path: str, source: str, method: str | None, direction: str | None, screen: Screen
) -> Iterator[Counted]: ...


def read_jsonl(
    path: str,
    source: str,
    method: str | None,
    direction: str | None,
    screen: Screen | None = None,
) -> Iterator[Counted]:
    """Every line of the JSONL file at `path`."""
    return files.read_items(
        path,
        source,
        lambda stream: read_lines(chunks(stream), source, 1, method, direction, screen=screen),
    )


def split_ranges(path: str, parts: int) -> list[tuple[int, int]]:
    """Split the file at `path` into at most `parts` byte ranges [start, end) starting at lines.

    Together the ranges cover the file; hand each to read_jsonl_range (with first_lines for exact
    line numbers). Raises OSError when the file cannot be read.
    """
    size = Path(path).stat().st_size
    if size == 0 or parts <= 1:
        return [(0, size)]
    starts = [0]
    with files.open_binary(path) as stream:
        for i in range(1, parts):
            target = size * i // parts
            if target <= starts[-1]:
                continue
            stream.seek(target - 1)
            _skip_line(stream)  # to the start of the next line (the byte before may be a newline)
            start = stream.tell()
            if start >= size:
                break
            if start > starts[-1]:
                starts.append(start)
    return list(zip(starts, [*starts[1:], size], strict=True))


def first_lines(path: str, ranges: list[tuple[int, int]]) -> list[int]:
    """The 1-based line number at each range's start, counting newlines in one pass."""
    numbers: list[int] = []
    line = 1
    position = 0
    with files.open_binary(path) as stream:
        for start, _end in ranges:
            while position < start:
                block = stream.read(min(CHUNK, start - position))
                if not block:
                    break
                line += block.count(b"\n")
                position += len(block)
            numbers.append(line)
    return numbers


def _aligned(stream: IO[bytes], start: int) -> int:
    """Seek to the first line start at or after `start`; return that offset."""
    if start <= 0:
        stream.seek(0)
        return 0
    stream.seek(start - 1)
    if stream.read(1) != b"\n":
        _skip_line(stream)  # the line straddling `start` belongs to the previous range
    return stream.tell()


def _skip_line(stream: IO[bytes]) -> None:
    """Read past the end of the current line, a piece at a time: a line may be gigabytes."""
    while (piece := stream.readline(CHUNK)) and not piece.endswith(b"\n"):
        pass


@overload
def read_jsonl_range(
    path: str,
    start: int,
    end: int | None,
    first_line: int | None = None,
    *,
    method: str | None = None,
    direction: str | None = None,
    source: str | None = None,
    screen: None = None,
    on_end: Callable[[int], None] | None = None,
) -> Iterator[Item]: ...


@overload
def read_jsonl_range(
    path: str,
    start: int,
    end: int | None,
    first_line: int | None = None,
    *,
    method: str | None = None,
    direction: str | None = None,
    source: str | None = None,
    screen: Screen,
    on_end: Callable[[int], None] | None = None,
) -> Iterator[Counted]: ...


def read_jsonl_range(
    path: str,
    start: int,
    end: int | None,
    first_line: int | None = None,
    *,
    method: str | None = None,
    direction: str | None = None,
    source: str | None = None,
    screen: Screen | None = None,
    on_end: Callable[[int], None] | None = None,
) -> Iterator[Counted]:
    """Payloads of the lines that start in bytes [start, end) of the JSONL file at `path`.

    `first_line` is the number of the first line there (first_lines() computes it); None counts the
    newlines before `start`. `source` names the file in the items (default: `path`).
    """
    name = path if source is None else source

    def read(stream: IO[bytes]) -> Iterator[Counted]:
        offset = _aligned(stream, start)
        first = first_lines(path, [(offset, offset)])[0] if first_line is None else first_line
        limit = None if end is None else max(0, end - offset)
        whole = start <= 0 and end is None
        yield from read_lines(
            chunks(stream, limit=limit),
            name,
            first,
            method,
            direction,
            whole=whole,
            screen=screen,
            on_end=on_end,
        )

    return files.read_items(path, name, read)
