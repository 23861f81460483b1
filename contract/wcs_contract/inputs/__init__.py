"""Readers that turn captured WCS hook traffic into payloads for the validator.

`read(path)` accepts a .json document (an envelope, a WebSocket frame, a bare body or a HAR), JSON
Lines (.jsonl/.ndjson), a HAR 1.2 capture (.har), a WCS server log (.log), any of them without a
known extension (sniffed), or "-" for standard input. It yields a Payload for every body found and
an Unreadable, never an exception, for every part of the input that is not one, and goes on where
it can. JSONL and logs are streamed in constant memory; split_ranges/read_jsonl_range let several
processes share one big JSONL file.

Each reader is imported when an input needs it: checking JSON Lines never loads the HAR, JSON
document or log readers, nor the sniffing of inputs without a known extension.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, overload

from wcs_contract.inputs.errors import UTF16_BOMS
from wcs_contract.inputs.model import (
    DIRECTIONS,
    STDIN,
    Clean,
    Counted,
    Item,
    Payload,
    Screen,
    Unreadable,
)

__all__ = [
    "DIRECTIONS",
    "STDIN",
    "UTF16_BOMS",
    "Clean",
    "Counted",
    "Item",
    "Payload",
    "Screen",
    "Unreadable",
    "first_lines",
    "read",
    "read_jsonl_range",
    "split_ranges",
]

if TYPE_CHECKING:
    from wcs_contract.inputs.jsonl import first_lines, read_jsonl_range, split_ranges

# by file name; any other suffix (or none) is sniffed from the content (inputs/detect.py)
_SUFFIXES = {".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "json", ".har": "har", ".log": "log"}


def __getattr__(name: str) -> Any:
    """The JSONL range readers, from their module when first asked for."""
    if name in ("first_lines", "read_jsonl_range", "split_ranges"):
        from wcs_contract.inputs import jsonl

        return getattr(jsonl, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def format_of_suffix(path: str) -> str | None:
    """'jsonl', 'json', 'har' or 'log' from the file name; None when content must decide."""
    return _SUFFIXES.get(Path(path).suffix.lower())


@overload
def read(
    path: str,
    *,
    method: str | None = None,
    direction: str | None = None,
    screen: None = None,
) -> Iterator[Item]: ...


@overload
def read(
    path: str,
    *,
    method: str | None = None,
    direction: str | None = None,
    screen: Screen,
) -> Iterator[Counted]: ...


def read(
    path: str,
    *,
    method: str | None = None,
    direction: str | None = None,
    screen: Screen | None = None,
) -> Iterator[Counted]:
    """Every payload in the input at `path` ("-" for standard input), in input order.

    `method`/`direction` are the command line's --method/--direction: they apply to bare bodies,
    and to envelopes that lack the field; an envelope's own fields win. Raises ValueError at once
    for a direction that is not "request", "response" or "client"; bad input never raises.
    With a `screen`, JSON Lines envelopes it finds clean are only counted (Clean items).
    """
    if direction is not None and direction not in DIRECTIONS:
        raise ValueError(f"direction must be 'request', 'response' or 'client', not {direction!r}")
    kind = format_of_suffix(path) if path != "-" else None
    if kind == "jsonl":
        from wcs_contract.inputs import jsonl

        return jsonl.read_jsonl(path, path, method, direction, screen)
    if kind in ("json", "har"):
        from wcs_contract.inputs import json_document

        if kind == "har":
            return json_document.read_json(path, path, method, direction, har_only=True)
        if _size(path) <= json_document.MAX_DOCUMENT_BYTES:
            return json_document.read_json(path, path, method, direction)
        # Too big to hold: JSON Lines saved as .json is streamed, anything else refused.
    from wcs_contract.inputs import detect

    if path == "-":
        return detect.read_stdin(method, direction)
    if kind == "log":
        # Content still decides: a capture saved as .log that is really JSON is read as JSON.
        return detect.read_sniffed_file(path, path, method, direction, default="log")
    return detect.read_sniffed_file(path, path, method, direction)


def _size(path: str) -> int:
    try:
        return Path(path).stat().st_size
    except OSError:
        return 0  # the reader reports why
