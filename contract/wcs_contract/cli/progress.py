"""A progress bar on the terminal for long inputs (rich, imported only when a terminal shows it).

When the report goes to the same terminal as the bar, its lines are printed through the bar's
console, above the bar: a line is never glued to the bar, and the bar is cleared at the end.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from wcs_contract.terminal import console, is_terminal

if TYPE_CHECKING:
    from rich.console import Console

# Inputs smaller than this finish before a bar would be worth drawing.
SHOW_FROM_BYTES = 8 * 1024 * 1024


def _size(path: str) -> int:
    try:
        return Path(path).stat().st_size if path != "-" else 0
    except OSError:
        return 0


@contextmanager
def byte_progress(
    paths: list[str], out: TextIO, display: TextIO
) -> Iterator[tuple[Callable[[int], None], TextIO]]:
    """(advance by n bytes, the stream to write the report to) while a bar on `display` shows
    how far the inputs are read; without a bar, `out` itself."""
    total = sum(_size(p) for p in paths)
    if total < SHOW_FROM_BYTES or not is_terminal(display):
        yield lambda _n: None, out
        return
    from rich.progress import (
        BarColumn,
        DownloadColumn,
        Progress,
        TimeRemainingColumn,
        TransferSpeedColumn,
    )

    shared = is_terminal(out)  # the report and the bar on one terminal: one console for both
    screen = console(out if shared else display)
    columns = (BarColumn(), DownloadColumn(), TransferSpeedColumn(), TimeRemainingColumn())
    with Progress(
        "checking",
        *columns,
        console=screen,
        transient=True,
        redirect_stdout=False,
        redirect_stderr=False,
    ) as progress:
        task = progress.add_task("checking", total=total)
        writer: TextIO = _AboveTheBar(screen) if shared else out  # type: ignore[assignment]
        try:
            yield lambda n: progress.advance(task, n), writer
        finally:
            writer.flush()


class _AboveTheBar(io.TextIOBase):
    """Whole lines, printed through the bar's console above the bar, exactly as written: the
    colour codes of the text reporter become styles, and nothing is wrapped or cropped."""

    def __init__(self, screen: Console) -> None:
        self.screen = screen
        self.pending = ""

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        lines = (self.pending + text).split("\n")
        self.pending = lines.pop()
        for line in lines:
            self._print(line)
        return len(text)

    def flush(self) -> None:
        if self.pending:
            self._print(self.pending)
            self.pending = ""

    def _print(self, line: str) -> None:
        from rich.text import Text

        self.screen.print(Text.from_ansi(line), soft_wrap=True, crop=False)
