"""Opening inputs: one place, so tests can simulate permission errors even when run as root."""

from __future__ import annotations

from pathlib import Path
from typing import IO, Final

BUFFER: Final = 1 << 20


def open_binary(path: str) -> IO[bytes]:
    """The file at `path` opened for binary reading with a large buffer (raises OSError)."""
    return Path(path).open("rb", buffering=BUFFER)


def read_bytes(path: str) -> bytes:
    """The whole file at `path` (raises OSError)."""
    with open_binary(path) as stream:
        return stream.read()
