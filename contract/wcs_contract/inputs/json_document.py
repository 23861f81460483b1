"""One JSON document (a .json file or sniffed input): an envelope, a frame, a bare body or a HAR."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any, Final

import orjson

from wcs_contract.inputs import files, har
from wcs_contract.inputs.envelope import classify
from wcs_contract.inputs.errors import (
    BOM,
    EXPECTED_OBJECT,
    empty_file,
    json_error,
    os_error,
    position,
    skip_space,
)
from wcs_contract.inputs.model import Item, Unreadable
from wcs_contract.json_types import a_json_type

MAX_DOCUMENT_BYTES: Final = 64 << 20  # a bigger JSON document (not JSON Lines) is refused


def read_json(
    path: str, source: str, method: str | None, direction: str | None, *, har_only: bool = False
) -> Iterator[Item]:
    """The payload(s) of the JSON document at `path`; `har_only` for a .har file."""
    try:
        data = files.read_bytes(path, MAX_DOCUMENT_BYTES)
    except OSError as exc:
        yield os_error(exc, source)
        return
    if len(data) > MAX_DOCUMENT_BYTES:
        yield too_big(source)
        return
    yield from read_document(data, source, method, direction, har_only=har_only)


def too_big(source: str) -> Unreadable:
    return Unreadable(
        source,
        0,
        0,
        f"a JSON document larger than {MAX_DOCUMENT_BYTES >> 20} MiB: not read (a document is"
        " held in memory whole); write the payloads one per line in a .jsonl file, which is"
        " streamed, or export only the hook requests into the HAR",
    )


def read_document(
    data: bytes, source: str, method: str | None, direction: str | None, *, har_only: bool = False
) -> Iterator[Item]:
    """The payload(s) of one JSON document held in memory."""
    if data.startswith(BOM):
        data = data[len(BOM) :]  # editors on Windows prepend one; it is not part of the JSON
    expected = har.EXPECTED_HAR if har_only else EXPECTED_OBJECT
    first = skip_space(data)
    if first == len(data):
        yield empty_file(source, expected)
        return
    try:
        doc = orjson.loads(data)
    except orjson.JSONDecodeError as exc:
        if "surrogate" in exc.msg and (doc := _with_lone_surrogates(data)) is not None:
            # orjson refuses the whole document for one lone surrogate escape; in a HAR it
            # spoils only the entry that holds it (see har._side).
            yield from har.read_har_document(doc, source)
            return
        several = exc.msg == "unexpected content after document"
        if several and not har_only and _first_line_is_object(data, first):
            # Several objects, one per line, in a file named .json: read it as the JSONL it is.
            from wcs_contract.inputs import jsonl

            yield from jsonl.read_lines([data], source, 1, method, direction)
            return
        yield json_error(exc, data, source, expected=expected)
        return
    line, column = position(data, first)
    if isinstance(doc, dict) and har.is_har(doc):
        yield from har.read_har_document(doc, source)
    elif har_only:
        found = 'an object without "log"."entries"' if isinstance(doc, dict) else a_json_type(doc)
        yield Unreadable(source, line, column, f"not a HAR: the document is {found}; {expected}")
    else:
        yield classify(doc, source, line, method, direction, column)


def _with_lone_surrogates(data: bytes) -> dict[str, Any] | None:
    """The HAR in `data` parsed by the standard library, which keeps lone surrogates; None when
    that does not give a HAR either."""
    try:
        doc = json.loads(data.decode("utf-8"))
    except (ValueError, RecursionError):
        return None
    return doc if isinstance(doc, dict) and har.is_har(doc) else None


def _first_line_is_object(data: bytes, first: int) -> bool:
    end = data.find(b"\n", first)
    try:
        return isinstance(orjson.loads(data[first : end if end >= 0 else len(data)]), dict)
    except orjson.JSONDecodeError:
        return False
