"""GitHub Actions workflow commands: `::error file=…,line=…::message` annotations."""

from __future__ import annotations

from typing import TextIO

from wcs_contract.issues import Issue
from wcs_contract.printable import printable
from wcs_contract.reporters import Summary, Where


def _data(text: str) -> str:
    # Control characters from a capture are escaped first: none can end the command early.
    return printable(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


class GithubReporter:
    def __init__(self, out: TextIO) -> None:
        self.out = out

    def _annotate(self, level: str, where: Where, title: str, message: str) -> None:
        location = f"file={_property(where.source)}"
        if where.line:
            location += f",line={where.line}"
            if where.column:
                location += f",col={where.column}"
        self.out.write(f"::{level} {location},title={_property(title)}::{_data(message)}\n")

    def payload(self, where: Where, issues: list[Issue]) -> None:
        for issue in issues:
            title = f"{issue.method}/{issue.direction} {issue.pointer or '/'}"
            suffix = f" ({where.locator})" if where.locator else ""
            self._annotate(issue.severity, where, title, issue.message + suffix)

    def unreadable(self, where: Where, message: str) -> None:
        self._annotate("error", where, "unreadable input", message)

    def finish(self, summary: Summary) -> None:
        self.out.write(
            f"wcs-contract: {summary.payloads} payloads, {summary.invalid} invalid,"
            f" {summary.warnings} with warnings, {summary.unreadable} unreadable\n"
        )
