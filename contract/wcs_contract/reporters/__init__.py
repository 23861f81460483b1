"""Renderings of validation results: every format is a function of the same Issues and counts.

A reporter receives each payload's issues as they are found (so text output streams and memory
stays flat on huge inputs) and the summary at the end.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple, Protocol, TextIO

from wcs_contract.issues import Issue


@dataclass(slots=True)
class Summary:
    payloads: int = 0
    valid: int = 0
    invalid: int = 0
    warnings: int = 0
    unreadable: int = 0
    seconds: float = 0.0

    def add(self, other: Summary) -> None:
        self.payloads += other.payloads
        self.valid += other.valid
        self.invalid += other.invalid
        self.warnings += other.warnings
        self.unreadable += other.unreadable

    def as_dict(self) -> dict[str, int]:
        return {
            "payloads": self.payloads,
            "valid": self.valid,
            "invalid": self.invalid,
            "warnings": self.warnings,
            "unreadable": self.unreadable,
        }


class Where(NamedTuple):
    """Where a payload or a problem is: the file, its line (0 unknown) and a place inside it."""

    source: str
    line: int = 0
    column: int = 0
    locator: str = ""

    def __str__(self) -> str:
        text = self.source
        if self.line:
            text += f":{self.line}"
            if self.column:
                text += f":{self.column}"
        if self.locator:
            text += f"#{self.locator}"
        return text


class Reporter(Protocol):
    def payload(self, where: Where, issues: list[Issue]) -> None:
        """One payload's issues (empty for a clean payload)."""

    def unreadable(self, where: Where, message: str) -> None:
        """Input that could not be read or parsed."""

    def finish(self, summary: Summary) -> None:
        """The run is over."""


def make_reporter(name: str, out: TextIO, *, color: bool, verbose: bool) -> Reporter:
    if name == "json":
        from wcs_contract.reporters.json_report import JsonReporter

        return JsonReporter(out)
    if name == "junit":
        from wcs_contract.reporters.junit import JunitReporter

        return JunitReporter(out)
    if name == "github":
        from wcs_contract.reporters.github import GithubReporter

        return GithubReporter(out)
    from wcs_contract.reporters.text import TextReporter

    return TextReporter(out, color=color, verbose=verbose)


class Tee:
    """Several reporters fed the same results (`validate --output FILE`: the file's format and
    the text on the terminal)."""

    def __init__(self, *reporters: Reporter) -> None:
        self.reporters = reporters

    def payload(self, where: Where, issues: list[Issue]) -> None:
        for reporter in self.reporters:
            reporter.payload(where, issues)

    def unreadable(self, where: Where, message: str) -> None:
        for reporter in self.reporters:
            reporter.unreadable(where, message)

    def finish(self, summary: Summary) -> None:
        for reporter in self.reporters:
            reporter.finish(summary)
