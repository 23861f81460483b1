"""`{"summary": {...}, "issues": [...]}`: every issue with its source, for machines."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TextIO

import orjson

from wcs_contract.issues import Issue
from wcs_contract.reporters import Summary, Where


class JsonReporter:
    def __init__(self, out: TextIO) -> None:
        self.out = out
        self.issues: list[dict[str, Any]] = []
        self.extra: Callable[[], dict[str, Any]] | None = None  # more members (--coverage)

    def payload(self, where: Where, issues: list[Issue]) -> None:
        source = str(where)
        for i in issues:
            self.issues.append(
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
        self.issues.append(
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
        document = {"summary": summary.as_dict(), "issues": self.issues}
        if self.extra is not None:
            document.update(self.extra())
        self.out.write(orjson.dumps(document, option=orjson.OPT_INDENT_2).decode() + "\n")
