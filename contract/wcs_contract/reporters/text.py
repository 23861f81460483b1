"""`file:line: method/direction [variant] /pointer: message`, one line per issue, then a summary."""

from __future__ import annotations

from typing import TextIO

from wcs_contract.issues import Issue
from wcs_contract.printable import printable
from wcs_contract.reporters import Summary, Where

RENDERED = 4096  # the most issue texts kept for reuse
_RESET = "\033[0m"
_STYLE = {"error": "\033[31m", "warning": "\033[33m", "dim": "\033[2m", "ok": "\033[32m"}


class TextReporter:
    def __init__(self, out: TextIO, *, color: bool, verbose: bool) -> None:
        self.out = out
        self.color = color
        self.verbose = verbose
        self._rendered: dict[Issue, str] = {}

    def _paint(self, style: str, text: str) -> str:
        return f"{_STYLE[style]}{text}{_RESET}" if self.color else text

    def payload(self, where: Where, issues: list[Issue]) -> None:
        place = printable(str(where))
        rendered = self._rendered
        for issue in issues:
            tail = rendered.get(issue)
            if tail is None:
                tail = self._render(issue)
            self.out.write(place + tail)

    def _render(self, issue: Issue) -> str:
        """`: severity: subject /pointer: message` and the newline: the same issue recurs on
        many lines of a capture, so its text is made once (a bounded number are kept)."""
        subject = f"{issue.method or '?'}/{issue.direction or '?'}"
        if issue.variant:
            subject += f" [{issue.variant}]"
        severity = self._paint(issue.severity, issue.severity)
        text = printable(f"{subject} {issue.pointer or '/'}: {issue.message}")
        if len(self._rendered) >= RENDERED:
            self._rendered.clear()
        tail = self._rendered[issue] = f": {severity}: {text}\n"
        return tail

    def unreadable(self, where: Where, message: str) -> None:
        text = (
            f"{printable(str(where))}: {self._paint('error', 'unreadable')}: {printable(message)}"
        )
        self.out.write(text + "\n")

    def finish(self, summary: Summary) -> None:
        parts = [f"{summary.valid} valid", f"{summary.invalid} invalid"]
        if summary.warnings:
            parts.append(f"{summary.warnings} with warnings")
        if summary.unreadable:
            parts.append(f"{summary.unreadable} unreadable")
        clean = not summary.invalid and not summary.unreadable
        mark = self._paint("ok", "ok") if clean else self._paint("error", "FAILED")
        noun = "payload" if summary.payloads == 1 else "payloads"
        rate = f", {summary.payloads / summary.seconds:,.0f}/s" if summary.seconds > 0.5 else ""
        timing = self._paint("dim", f"({summary.seconds:.2f} s{rate})")
        self.out.write(f"{mark}: {summary.payloads} {noun}: {', '.join(parts)} {timing}\n")
