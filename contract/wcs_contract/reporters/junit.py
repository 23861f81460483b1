"""JUnit XML: a testcase per payload (failure when it breaks the contract), for CI dashboards.

The counts go in the `<testsuite>` element that opens the report, so the testcases are written to
an unnamed temporary file as they come and copied out at the end: memory stays flat however many
payloads there are.
"""

from __future__ import annotations

import shutil
import tempfile
from typing import TextIO
from xml.sax.saxutils import escape, quoteattr

from wcs_contract.issues import Issue
from wcs_contract.reporters import Summary, Where, printable


def _attr(text: str) -> str:
    # XML 1.0 cannot hold most control characters, even escaped: they are spelled out instead.
    return quoteattr(printable(text))


class JunitReporter:
    def __init__(self, out: TextIO) -> None:
        self.out = out
        self.cases: TextIO = tempfile.TemporaryFile("w+", encoding="utf-8")  # noqa: SIM115
        self.tests = 0
        self.failures = 0
        self.errors = 0

    def payload(self, where: Where, issues: list[Issue]) -> None:
        subject = next((f"{i.method}/{i.direction}" for i in issues if i.method), "")
        name = _attr(f"{where} {subject}".strip())
        classname = _attr(where.source)
        errors = [i for i in issues if i.severity == "error"]
        warnings = [i for i in issues if i.severity == "warning"]
        body = ""
        if errors:
            self.failures += 1
            text = "\n".join(printable(f"{i.pointer or '/'}: {i.message}") for i in errors)
            message = _attr(f"{len(errors)} contract error(s): {errors[0].message}")
            body += f'<failure message={message} type="contract">{escape(text)}</failure>'
        if warnings:
            text = "\n".join(
                printable(f"warning: {i.pointer or '/'}: {i.message}") for i in warnings
            )
            body += f"<system-out>{escape(text)}</system-out>"
        self.tests += 1
        self.cases.write(f"    <testcase classname={classname} name={name}>{body}</testcase>\n")

    def unreadable(self, where: Where, message: str) -> None:
        self.errors += 1
        self.tests += 1
        self.cases.write(
            f"    <testcase classname={_attr(where.source)} name={_attr(str(where))}>"
            f'<error message={_attr(message)} type="unreadable"/></testcase>\n'
        )

    def finish(self, summary: Summary) -> None:
        self.out.write('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites>\n')
        self.out.write(
            f'  <testsuite name="wcs-contract validate" tests="{self.tests}"'
            f' failures="{self.failures}" errors="{self.errors}" time="{summary.seconds:.3f}">\n'
        )
        with self.cases:
            self.cases.seek(0)
            shutil.copyfileobj(self.cases, self.out)
        self.out.write("  </testsuite>\n</testsuites>\n")
