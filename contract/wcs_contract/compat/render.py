"""Renderings of one comparison: text, Markdown (for a pull request), JSON, GitHub annotations."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TextIO

import orjson

from wcs_contract.compat.captures import Flip
from wcs_contract.compat.compare import Change
from wcs_contract.compat.rules import RANK, SEVERITIES
from wcs_contract.compat.snapshot import Snapshot
from wcs_contract.printable import printable


@dataclass
class Result:
    """What `diff` found: the changes, and the captures whose verdict flips."""

    old: Snapshot
    new: Snapshot
    changes: list[Change]
    flips: list[Flip] = field(default_factory=list)
    unreadable: list[str] = field(default_factory=list)
    captures_checked: bool = False
    payloads: int = 0

    def summary(self) -> dict[str, int]:
        counts: dict[str, int] = dict.fromkeys(SEVERITIES, 0)
        for change in self.changes:
            counts[change.severity] += 1
        return counts

    def ordered(self) -> list[Change]:
        return sorted(
            self.changes, key=lambda c: (RANK[c.severity], c.method, c.direction, c.pointer)
        )


def _body(value: Any) -> str:
    return orjson.dumps(value).decode()


def _witness_line(change: Change, result: Result) -> str:
    w = change.witness
    if w is None:
        return ""
    label = {"old": result.old.label, "new": result.new.label}
    where = f" as {w['method']}/{w['direction']}" if "method" in w else ""
    return (
        f"witness{where}: {_body(w['body'])} — accepted by {label[w['accepted_by']]},"
        f" rejected by {label[w['rejected_by']]}"
    )


def text(result: Result, out: TextIO) -> None:
    s = result.summary()
    out.write(
        f"wcs-contract diff {result.old.label} → {result.new.label}: {s['breaking']} breaking,"
        f" {s['warning']} warning, {s['compatible']} compatible,"
        f" {s['documentation']} documentation\n"
    )
    for change in result.ordered():
        # Names, pointers and messages quote the schemas under review: escaped, so that a
        # property named with a line break or a terminal escape cannot forge a report line.
        route = printable(f"{change.method}/{change.direction}")
        where = printable(f"{result.new.display_root}{change.file}#{change.pointer}")
        out.write(
            f"{change.severity}: {route} {change.change} {where}\n  {printable(change.message)}\n"
        )
        line = _witness_line(change, result)
        if line:
            out.write(f"  {line}\n")
    _captures_text(result, out)


def _captures_text(result: Result, out: TextIO) -> None:
    if not result.captures_checked:
        return
    for problem in result.unreadable:
        out.write(f"unreadable: {problem}\n")
    for flip in result.flips:
        where = f"{flip.source}:{flip.line}" + (f" ({flip.locator})" if flip.locator else "")
        where = printable(where)
        out.write(
            f"{'breaking' if flip.breaking else 'compatible'}: {where}:"
            f" {flip.method}/{flip.direction} was {flip.old} under {result.old.label},"
            f" is {flip.new} under {result.new.label}\n"
        )
    out.write(f"captures: {result.payloads} payloads, {len(result.flips)} verdicts flip\n")


def markdown(result: Result, out: TextIO) -> None:
    s = result.summary()
    out.write(f"## Contract changes: `{result.old.label}` → `{result.new.label}`\n\n")
    out.write("| severity | changes |\n|---|---|\n")
    for severity in SEVERITIES:
        out.write(f"| {severity} | {s[severity]} |\n")
    if result.captures_checked:
        out.write(f"| captures whose verdict flips | {len(result.flips)} of {result.payloads} |\n")
    out.write("\n")
    if not result.changes:
        out.write("No change to the contract.\n")
    groups: dict[tuple[str, str], list[Change]] = {}
    for change in result.ordered():
        groups.setdefault((change.method, change.direction), []).append(change)
    for (method, direction), changes in sorted(
        groups.items(), key=lambda kv: (RANK[kv[1][0].severity], kv[0])
    ):
        out.write(f"### {printable(method)} — {direction}\n\n")
        for change in changes:
            message = printable(change.message).replace("|", "\\|")
            out.write(
                f"- **{change.severity}** `{change.change}` at `{printable(change.pointer or '/')}`"
                f" ({printable(change.file)}): {message}\n"
            )
            if change.witness is not None:
                w = change.witness
                label = {"old": result.old.label, "new": result.new.label}
                route = f" as {w['method']}/{w['direction']}" if "method" in w else ""
                out.write(
                    f"  <details><summary>witness{route}: accepted by {label[w['accepted_by']]},"
                    f" rejected by {label[w['rejected_by']]}</summary>\n\n"
                    f"  ```json\n  {_body(w['body'])}\n  ```\n  </details>\n"
                )
        out.write("\n")
    if result.captures_checked and (result.flips or result.unreadable):
        out.write("### Captures whose verdict flips\n\n")
        for flip in result.flips:
            out.write(
                f"- `{printable(flip.source)}:{flip.line}` {flip.method}/{flip.direction}:"
                f" {flip.old} → {flip.new}\n"
            )
        for problem in result.unreadable:
            out.write(f"- unreadable: {problem}\n")


def json(result: Result, out: TextIO) -> None:
    document: dict[str, Any] = {
        "old": result.old.label,
        "new": result.new.label,
        "summary": result.summary(),
        "changes": [c.as_json() for c in result.ordered()],
    }
    if result.captures_checked:
        document["captures"] = {
            "payloads": result.payloads,
            "flips": [f.as_json() for f in result.flips],
            "unreadable": result.unreadable,
        }
    out.write(orjson.dumps(document, option=orjson.OPT_INDENT_2).decode() + "\n")


def _escape(text: str, is_property: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if is_property else text


def github(result: Result, out: TextIO) -> None:
    levels = {"breaking": "error", "warning": "warning", "compatible": "notice"}
    lines: dict[tuple[str, str], dict[str, int]] = {}
    for change in result.ordered():
        level = levels.get(change.severity)
        if level is None:
            continue  # documentation: no annotation
        side = result.new if change.file in result.new.texts else result.old
        if change.file not in lines.setdefault((side.label, change.file), {}):
            lines[(side.label, change.file)] = pointer_lines(side.texts.get(change.file, b""))
        line = line_of(lines[(side.label, change.file)], change.pointer)
        title = printable(f"{change.severity}: {change.method}/{change.direction} {change.change}")
        message = printable(change.message)
        witness = _witness_line(change, result)
        if witness:
            message += "\n" + witness
        out.write(
            f"::{level} file={_escape(printable(side.display_root + change.file), True)},"
            f"line={line},"
            f"title={_escape(title, True)}::{_escape(message)}\n"
        )
    for flip in result.flips:
        level = "error" if flip.breaking else "notice"
        title = f"{flip.method}/{flip.direction}: verdict flips"
        out.write(
            f"::{level} file={_escape(printable(flip.source), True)},line={max(flip.line, 1)},"
            f"title={_escape(title, True)}::{flip.old} under {_escape(result.old.label)},"
            f" {flip.new} under {_escape(result.new.label)}\n"
        )
    s = result.summary()
    out.write(
        f"wcs-contract diff: {s['breaking']} breaking, {s['warning']} warning,"
        f" {s['compatible']} compatible, {s['documentation']} documentation\n"
    )


FORMATS: dict[str, Callable[[Result, TextIO], None]] = {
    "text": text,
    "markdown": markdown,
    "json": json,
    "github": github,
}


# -- the line of a JSON pointer in a file ---------------------------------------------------------


def pointer_lines(text: bytes) -> dict[str, int]:
    """The 1-based line where each value of a JSON document starts, by its JSON pointer."""
    source = text.decode("utf-8", "replace")
    found: dict[str, int] = {}
    position = 0
    line = 1
    length = len(source)

    def skip() -> None:
        nonlocal position, line
        while position < length and source[position] in " \t\r\n":
            if source[position] == "\n":
                line += 1
            position += 1

    def string() -> str:
        nonlocal position
        start = position
        position += 1
        while position < length and source[position] != '"':
            position += 2 if source[position] == "\\" else 1
        position += 1
        try:
            decoded: str = orjson.loads(source[start:position])
        except orjson.JSONDecodeError:
            decoded = source[start + 1 : position - 1]
        return decoded

    def value(at: str, depth: int) -> None:
        nonlocal position
        skip()
        found[at] = line
        if position >= length or depth > 200:
            return
        char = source[position]
        if char == "{":
            position += 1
            while True:
                skip()
                if position >= length or source[position] == "}":
                    position += 1
                    return
                if source[position] == ",":
                    position += 1
                    continue
                key = string()
                skip()
                position += 1  # the colon
                value(at + "/" + key.replace("~", "~0").replace("/", "~1"), depth + 1)
        elif char == "[":
            position += 1
            index = 0
            while True:
                skip()
                if position >= length or source[position] == "]":
                    position += 1
                    return
                if source[position] == ",":
                    position += 1
                    continue
                value(f"{at}/{index}", depth + 1)
                index += 1
        elif char == '"':
            string()
        else:
            while position < length and source[position] not in ",]} \t\r\n":
                position += 1

    value("", 0)
    return found


def line_of(lines: dict[str, int], pointer: str) -> int:
    """The line of a pointer, or of its nearest ancestor the file has."""
    while pointer and pointer not in lines:
        pointer = pointer.rsplit("/", 1)[0]
    return lines.get(pointer, 1)
