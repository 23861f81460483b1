"""`{"issues": [...], "summary": {...}}`: every issue with its source, for machines.

Issues are written as they are found, and the summary after them: memory stays flat however many
there are (a JSON object's members have no order; read `summary` by name).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TextIO

import orjson

from wcs_contract.issues import Issue
from wcs_contract.printable import printable
from wcs_contract.reporters import Summary, Where
from wcs_contract.reporters.text import RENDERED


def _source(where: Where) -> str:
    """Where, as JSON can hold it: the bytes of a file name that is not UTF-8 (decoded as lone
    surrogates, which no UTF-8 can encode) spelled as the other formats spell them (`\\udce9`)."""
    text = str(where)
    if text.isprintable():
        return text
    return "".join(printable(c) if "\ud800" <= c <= "\udfff" else c for c in text)


class JsonReporter:
    def __init__(self, out: TextIO) -> None:
        self.out = out
        self.count = 0
        self.extra: Callable[[], dict[str, Any]] | None = None  # more members (--coverage)
        self._rendered: dict[Issue, str] = {}

    def _next(self) -> str:
        """What goes before the next issue: the array's opening, then a comma."""
        self.count += 1
        return '{\n  "issues": [\n    ' if self.count == 1 else ",\n    "

    def _write(self, issue: dict[str, Any]) -> None:
        text = orjson.dumps(issue, option=orjson.OPT_INDENT_2).decode().replace("\n", "\n    ")
        self.out.write(self._next() + text)

    def payload(self, where: Where, issues: list[Issue]) -> None:
        if not issues:
            return
        head = '{\n      "source": ' + orjson.dumps(_source(where)).decode() + ",\n"
        rendered = self._rendered
        for issue in issues:
            rest = rendered.get(issue)
            if rest is None:
                rest = self._render(issue)
            self.out.write(self._next() + head + rest)

    def _render(self, issue: Issue) -> str:
        """The members of an issue after `source`, as `_write` lays them out: the same issue
        recurs on many lines of a capture, so its text is made once (a bounded number kept)."""
        members = {
            "method": issue.method,
            "direction": issue.direction,
            "variant": issue.variant,
            "pointer": issue.pointer,
            "keyword": issue.keyword,
            "severity": issue.severity,
            "message": issue.message,
        }
        text = orjson.dumps(members, option=orjson.OPT_INDENT_2).decode()
        if len(self._rendered) >= RENDERED:
            self._rendered.clear()
        rest = self._rendered[issue] = "    " + text[2:].replace("\n", "\n    ")
        return rest

    def unreadable(self, where: Where, message: str) -> None:
        self._write(
            {
                "source": _source(where),
                "method": None,
                "direction": None,
                "variant": None,
                "pointer": "",
                "keyword": "x-unreadable",
                "severity": "error",
                "message": message,
            }
        )

    def finish(self, summary: Summary) -> None:
        head = '{\n  "issues": []' if not self.count else "\n  ]"
        summary_text = orjson.dumps(summary.as_dict(), option=orjson.OPT_INDENT_2).decode()
        more = "".join(
            f",\n  {orjson.dumps(name).decode()}: "
            + orjson.dumps(value, option=orjson.OPT_INDENT_2).decode().replace("\n", "\n  ")
            for name, value in (self.extra() if self.extra is not None else {}).items()
        )
        self.out.write(
            f'{head},\n  "summary": {summary_text.replace(chr(10), chr(10) + "  ")}{more}\n}}\n'
        )
