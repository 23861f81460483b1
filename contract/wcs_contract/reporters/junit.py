"""JUnit XML: a testcase per payload (failure when it breaks the contract), for CI dashboards."""

from __future__ import annotations

from typing import TextIO
from xml.sax.saxutils import escape, quoteattr

from wcs_contract.issues import Issue
from wcs_contract.reporters import Summary, Where


class JunitReporter:
    def __init__(self, out: TextIO) -> None:
        self.out = out
        self.cases: list[str] = []
        self.failures = 0
        self.errors = 0

    def payload(self, where: Where, issues: list[Issue]) -> None:
        subject = next((f"{i.method}/{i.direction}" for i in issues if i.method), "")
        name = quoteattr(f"{where} {subject}".strip())
        classname = quoteattr(where.source)
        errors = [i for i in issues if i.severity == "error"]
        warnings = [i for i in issues if i.severity == "warning"]
        body = ""
        if errors:
            self.failures += 1
            text = "\n".join(f"{i.pointer or '/'}: {i.message}" for i in errors)
            message = quoteattr(f"{len(errors)} contract error(s): {errors[0].message}")
            body += f'<failure message={message} type="contract">{escape(text)}</failure>'
        if warnings:
            text = "\n".join(f"warning: {i.pointer or '/'}: {i.message}" for i in warnings)
            body += f"<system-out>{escape(text)}</system-out>"
        self.cases.append(f"    <testcase classname={classname} name={name}>{body}</testcase>")

    def unreadable(self, where: Where, message: str) -> None:
        self.errors += 1
        self.cases.append(
            f"    <testcase classname={quoteattr(where.source)} name={quoteattr(str(where))}>"
            f'<error message={quoteattr(message)} type="unreadable"/></testcase>'
        )

    def finish(self, summary: Summary) -> None:
        self.out.write('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites>\n')
        self.out.write(
            f'  <testsuite name="wcs-contract validate" tests="{len(self.cases)}"'
            f' failures="{self.failures}" errors="{self.errors}" time="{summary.seconds:.3f}">\n'
        )
        for case in self.cases:
            self.out.write(case + "\n")
        self.out.write("  </testsuite>\n</testsuites>\n")
