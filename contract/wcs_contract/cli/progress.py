"""A progress bar on the terminal for long inputs (rich, imported only when a terminal shows it)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

# Inputs smaller than this finish before a bar would be worth drawing.
SHOW_FROM_BYTES = 8 * 1024 * 1024


def _size(path: str) -> int:
    try:
        return Path(path).stat().st_size if path != "-" else 0
    except OSError:
        return 0


@contextmanager
def byte_progress(paths: list[str]) -> Iterator[Callable[[int], None]]:
    total = sum(_size(p) for p in paths)
    if total < SHOW_FROM_BYTES:
        yield lambda _n: None
        return
    from rich.progress import (
        BarColumn,
        DownloadColumn,
        Progress,
        TimeRemainingColumn,
        TransferSpeedColumn,
    )

    columns = (BarColumn(), DownloadColumn(), TransferSpeedColumn(), TimeRemainingColumn())
    with Progress("checking", *columns, transient=True) as progress:
        task = progress.add_task("checking", total=total)
        yield lambda n: progress.advance(task, n)
