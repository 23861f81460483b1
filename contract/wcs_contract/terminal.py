"""Colour on a terminal: one decision for every command (`--color`, NO_COLOR, FORCE_COLOR).

`--color always|never` wins; with `auto` (the default) a non-empty NO_COLOR turns colour off, a
non-empty FORCE_COLOR turns it on, and otherwise the stream being a terminal decides
(https://no-color.org, https://force-color.org). Standard library only; rich is imported by
`console()` alone.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import IO, TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from rich.console import Console

ColorMode = Literal["auto", "always", "never"]
COLOR_MODES: tuple[ColorMode, ...] = ("auto", "always", "never")

_mode: ColorMode = "auto"


def set_color_mode(mode: ColorMode) -> None:
    """What `--color` asked for; the command line sets it once per run."""
    global _mode
    _mode = mode


def color_mode() -> ColorMode:
    return _mode


def is_terminal(stream: IO[str]) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def color_wanted(stream: IO[str]) -> bool:
    """Whether output written to `stream` should carry colour."""
    if _mode != "auto":
        return _mode == "always"
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return is_terminal(stream)


def console(stream: IO[str]) -> Console:
    """A rich console over `stream` that follows the same decision (no escape code at all
    without colour; colour even into a pipe when forced)."""
    from rich.console import Console

    color = color_wanted(stream)
    if not color:
        return Console(file=stream, color_system=None, no_color=True, highlight=False)
    forced = not is_terminal(stream)
    return Console(
        file=stream,
        force_terminal=True if forced else None,
        color_system="standard" if forced else "auto",
        no_color=False,
        highlight=False,
    )


def table_lines(
    header: Sequence[str], rows: Sequence[Sequence[str]], *, right: Sequence[int] = ()
) -> list[str]:
    """A plain text table (rich, no borders, two spaces between columns, the columns numbered
    in `right` right-aligned), as lines without trailing spaces."""
    import io

    from rich.console import Console
    from rich.table import Table

    table = Table(box=None, pad_edge=False, padding=(0, 1), show_edge=False, header_style="")
    for index, title in enumerate(header):
        table.add_column(title, justify="right" if index in right else "left", no_wrap=True)
    for row in rows:
        table.add_row(*row)
    out = io.StringIO()
    Console(file=out, width=10_000, color_system=None, highlight=False).print(table)
    return [line.rstrip() for line in out.getvalue().splitlines()]
