"""`{"issues": [...], "summary": {...}}`: every issue with its source, for machines.

Issues are written as they are found, and the summary after them: memory stays flat however many
there are (a JSON object's members have no order; read `summary` by name).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TextIO

import orjson

from wcs_contract.issues import Issue
from wcs_contract.reporters import Summary, Where


class JsonReporter:
    def __init__(self, out: TextIO) -> None:
        self.out = out
        self.count = 0
        self.extra: Callable[[], dict[str, Any]] | None = None  # more members (--coverage)

    def _write(self, issue: dict[str, Any]) -> None:
        text = orjson.dumps(issue, option=orjson.OPT_INDENT_2).decode().replace("\n", "\n    ")
        self.out.write(('{\n  "issues": [\n    ' if not self.count else ",\n    ") + text)
        self.count += 1

    def payload(self, where: Where, issues: list[Issue]) -> None:
        source = str(where)
        for i in issues:
            self._write(
                {
                    "source": source,
                    "method": i.method,
                    "direction": i.direction,
                    "variant": i.variant,
                    "pointer": i.pointer,
                    "keyword": i.keyword,
                    "severity": i.severity,
                    "message": i.message,
                }
            )

    def unreadable(self, where: Where, message: str) -> None:
        self._write(
            {
                "source": str(where),
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
