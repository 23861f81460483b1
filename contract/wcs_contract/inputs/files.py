"""Opening inputs: one place, so tests can simulate permission errors even when run as root."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Final, TypeVar

from wcs_contract.inputs.errors import os_error
from wcs_contract.inputs.model import Unreadable

BUFFER: Final = 1 << 20
T = TypeVar("T")


def open_binary(path: str) -> IO[bytes]:
    """The file at `path` opened for binary reading with a large buffer (raises OSError)."""
    return Path(path).open("rb", buffering=BUFFER)


def read_bytes(path: str, limit: int | None = None) -> bytes:
    """The whole file at `path`, or its first `limit` + 1 bytes when it is longer (raises
    OSError): a caller that gets more than `limit` bytes knows the file is too big."""
    with open_binary(path) as stream:
        if limit is None:
            return stream.read()
        # As much as the file holds, not `limit` + 1 bytes: read(n) allocates n bytes first,
        # which for a small file costs more than reading it.
        asked = min(limit, _size(stream)) + 1
        data = stream.read(asked)
        if len(data) == asked and asked <= limit:  # the file is longer than it was
            data += stream.read(limit + 1 - asked)
        return data


def _size(stream: IO[bytes]) -> int:
    try:
        return os.fstat(stream.fileno()).st_size
    except (OSError, ValueError):
        return 0


def bounded_lines(stream: IO[bytes], limit: int) -> Iterator[bytes]:
    """The lines of `stream`, a line longer than `limit` bytes coming in pieces of `limit`."""
    while line := stream.readline(limit):
        yield line


def read_items(
    path: str, source: str, read: Callable[[IO[bytes]], Iterator[T]]
) -> Iterator[T | Unreadable]:
    """`read` over the opened file; a file that cannot be opened or read is one Unreadable."""
    try:
        stream = open_binary(path)
    except OSError as exc:
        yield os_error(exc, source)
        return
    with stream:
        try:
            yield from read(stream)
        except OSError as exc:
            yield os_error(exc, source)
