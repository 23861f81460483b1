"""JUnit XML, the one writer of `validate --format junit` (a testcase per payload) and of
`test --report junit=PATH` (a testcase per method or flow and check).

The counts go in the `<testsuite>` element that opens the document, so `JunitWriter` writes the
testcases to an unnamed temporary file as they come and copies them out at the end: memory stays
flat however many there are. Control characters, which XML 1.0 cannot hold even escaped, are
spelled out (`printable`).
"""

from __future__ import annotations

import io
import shutil
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TextIO
from xml.etree import ElementTree

from wcs_contract.issues import Issue
from wcs_contract.printable import printable
from wcs_contract.reporters import Summary, Where


@dataclass(frozen=True, slots=True)
class JunitCase:
    """One testcase: passed, or failed / in error / skipped with a message and a text."""

    classname: str
    name: str
    failure: tuple[str, str] | None = None  # (message, text)
    error: tuple[str, str] | None = None
    skipped: str | None = None
    output: str = ""  # system-out: warnings


class JunitWriter:
    """One test suite, its testcases streamed to a temporary file until `finish`."""

    def __init__(self, suite: str) -> None:
        self.suite = suite
        self.counts = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
        self.cases: TextIO = tempfile.TemporaryFile("w+", encoding="utf-8")  # noqa: SIM115

    def add(self, case: JunitCase) -> None:
        self.counts["tests"] += 1
        node = ElementTree.Element(
            "testcase", classname=printable(case.classname), name=printable(case.name)
        )
        for kind, outcome in (("failure", case.failure), ("error", case.error)):
            if outcome is not None:
                self.counts[f"{kind}s"] += 1
                message, text = outcome
                element = ElementTree.SubElement(node, kind, message=printable(message), type=kind)
                element.text = _lines(text)
        if case.skipped is not None:
            self.counts["skipped"] += 1
            ElementTree.SubElement(node, "skipped", message=printable(case.skipped))
        if case.output:
            ElementTree.SubElement(node, "system-out").text = _lines(case.output)
        ElementTree.indent(node, space="  ", level=2)
        self.cases.write("    " + ElementTree.tostring(node, encoding="unicode").rstrip() + "\n")

    def finish(self, out: TextIO, seconds: float) -> None:
        suite = ElementTree.Element("testsuite", name=self.suite)
        for name, count in self.counts.items():
            suite.set(name, str(count))
        suite.set("time", f"{seconds:.3f}")
        opening = ElementTree.tostring(suite, encoding="unicode").replace(" />", ">")
        out.write(f"<?xml version='1.0' encoding='utf-8'?>\n<testsuites>\n  {opening}\n")
        with self.cases:
            self.cases.seek(0)
            shutil.copyfileobj(self.cases, out)
        out.write("  </testsuite>\n</testsuites>\n")


def _lines(text: str) -> str:
    """Each line made printable; the line breaks between them kept."""
    return "\n".join(printable(line) for line in text.split("\n"))


def render_junit(suite: str, cases: Iterable[JunitCase], seconds: float) -> str:
    """The XML document for one test suite."""
    writer = JunitWriter(suite)
    for case in cases:
        writer.add(case)
    out = io.StringIO()
    writer.finish(out, seconds)
    return out.getvalue()


class JunitReporter:
    """`validate --format junit`: a testcase per payload, failed when it breaks the contract."""

    def __init__(self, out: TextIO) -> None:
        self.out = out
        self.writer = JunitWriter("wcs-contract validate")

    def payload(self, where: Where, issues: list[Issue]) -> None:
        subject = next((f"{i.method}/{i.direction}" for i in issues if i.method), "")
        errors = [i for i in issues if i.severity == "error"]
        warnings = [i for i in issues if i.severity == "warning"]
        failure = None
        if errors:
            text = "\n".join(f"{i.pointer or '/'}: {i.message}" for i in errors)
            failure = (f"{len(errors)} contract error(s): {errors[0].message}", text)
        output = "\n".join(f"warning: {i.pointer or '/'}: {i.message}" for i in warnings)
        name = f"{where} {subject}".strip()
        self.writer.add(JunitCase(where.source, name, failure=failure, output=output))

    def unreadable(self, where: Where, message: str) -> None:
        self.writer.add(JunitCase(where.source, str(where), error=(message, message)))

    def finish(self, summary: Summary) -> None:
        self.writer.finish(self.out, summary.seconds)
