"""JUnit XML, the one writer of `validate --format junit` (a testcase per payload) and of
`test --report junit=PATH` (a testcase per method or flow and check).

`render_junit` turns test cases into a document `<testsuites><testsuite ...>`; `JunitReporter`
makes the cases of a validation run.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TextIO
from xml.etree import ElementTree

from wcs_contract.issues import Issue
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


def render_junit(suite: str, cases: Iterable[JunitCase], seconds: float) -> str:
    """The XML document for one test suite."""
    root = ElementTree.Element("testsuites")
    element = ElementTree.SubElement(root, "testsuite", name=suite)
    counts = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    for case in cases:
        counts["tests"] += 1
        node = ElementTree.SubElement(element, "testcase", classname=case.classname, name=case.name)
        for kind, outcome in (("failure", case.failure), ("error", case.error)):
            if outcome is not None:
                counts[f"{kind}s"] += 1
                message, text = outcome
                ElementTree.SubElement(node, kind, message=message, type=kind).text = text
        if case.skipped is not None:
            counts["skipped"] += 1
            ElementTree.SubElement(node, "skipped", message=case.skipped)
        if case.output:
            ElementTree.SubElement(node, "system-out").text = case.output
    for name, count in counts.items():
        element.set(name, str(count))
    element.set("time", f"{seconds:.3f}")
    ElementTree.indent(root)
    return ElementTree.tostring(root, encoding="unicode", xml_declaration=True) + "\n"


class JunitReporter:
    """`validate --format junit`: a testcase per payload, failed when it breaks the contract."""

    def __init__(self, out: TextIO) -> None:
        self.out = out
        self.cases: list[JunitCase] = []

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
        self.cases.append(JunitCase(where.source, name, failure=failure, output=output))

    def unreadable(self, where: Where, message: str) -> None:
        self.cases.append(JunitCase(where.source, str(where), error=(message, message)))

    def finish(self, summary: Summary) -> None:
        self.out.write(render_junit("wcs-contract validate", self.cases, summary.seconds))
