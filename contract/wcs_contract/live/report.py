"""Renderers of a RunResult: the text summary, the JSON result and the JUnit XML report.

Pure functions of the result: the CLI, the pytest plugin and the demo print the same thing.
"""

from __future__ import annotations

import json
from typing import Any

from wcs_contract.live.progress import describe
from wcs_contract.live.results import (
    CHECKS,
    Finding,
    FindingGroup,
    FlowResult,
    MethodResult,
    RunResult,
    Severity,
    group_findings,
)

SHOWN_PER_CHECK = 3  # findings of one check printed in the text summary; the rest are counted
COLUMNS = ("METHOD", "CASES", "PASSED", "FAILED", "WARNINGS", "SLOWEST MS")


def _times(finding: Finding) -> str:
    return f" ({finding.occurrences}×)" if finding.occurrences > 1 else ""


def _findings_text(rows: list[MethodResult | FlowResult], severity: str) -> list[str]:
    lines: list[str] = []
    for row in rows:
        chosen = [f for f in row.findings if f.severity == severity]
        by_check: dict[str, list[Finding]] = {}
        for finding in chosen:
            by_check.setdefault(finding.check, []).append(finding)
        for check, findings in by_check.items():
            for finding in findings[:SHOWN_PER_CHECK]:
                lines.append(f"  {row.name} · {check}: {finding.message}{_times(finding)}")
                if finding.curl:
                    lines.append(f"    {finding.curl}")
            if len(findings) > SHOWN_PER_CHECK:
                lines.append(
                    f"  {row.name} · {check}: ... and {len(findings) - SHOWN_PER_CHECK} more"
                    " (see --format json or --report junit=PATH)"
                )
    return lines


SHOWN_ROWS = 4  # methods named in a grouped finding; the rest are counted


def _grouped_text(rows: list[MethodResult | FlowResult], severity: Severity) -> list[str]:
    """One entry per root cause, naming every method (or flow) it showed in, with a curl line."""
    lines: list[str] = []
    shown: dict[str, int] = {}
    hidden: dict[str, int] = {}
    for group in group_findings(rows, severity):
        if shown.get(group.check, 0) >= SHOWN_PER_CHECK * 2:
            hidden[group.check] = hidden.get(group.check, 0) + 1
            continue
        shown[group.check] = shown.get(group.check, 0) + 1
        if len(group.rows) == 1:
            where = group.rows[0]
        else:
            named = ", ".join(group.rows[:SHOWN_ROWS])
            more = len(group.rows) - SHOWN_ROWS
            named += f" and {more} more" if more > 0 else ""
            kinds = "methods" if not any(r.startswith("flow ") for r in group.rows) else "rows"
            where = f"{len(group.rows)} {kinds} ({named})"
        times = f" ({group.occurrences}×)" if group.occurrences > 1 else ""
        lines.append(f"  {where} · {group.check}: {group.message}{times}")
        if group.curl:
            lines.append(f"    {group.curl}")
    for check, count in hidden.items():
        lines.append(f"  {check}: ... and {count} more (see --format json or --report junit=PATH)")
    return lines


def render_row(row: MethodResult | FlowResult) -> str:
    """One method's or flow's findings and notes: what a pytest item shows when it fails."""
    lines = [describe(row)]
    failures = _findings_text([row], "failure")
    if failures:
        lines += ["failures:", *failures]
    warnings = _findings_text([row], "warning")
    if warnings:
        lines += ["warnings:", *warnings]
    lines += [f"note: {note}" for note in row.notes]
    return "\n".join(lines) + "\n"


def table(result: RunResult) -> list[str]:
    """The summary table: one row per method and per flow."""
    from wcs_contract.terminal import table_lines

    rows = [
        (
            row.name,
            str(row.cases),
            str(row.passed),
            str(row.failed),
            str(len(row.warnings)),
            f"{row.slowest_ms:.0f}",
        )
        for row in result.rows
    ]
    return table_lines(COLUMNS, rows, right=range(1, len(COLUMNS)))


def headline(result: RunResult) -> str:
    verdict = "PASSED" if result.passed else "FAILED"
    failures, warnings = result.failure_count, result.warning_count
    return (
        f"{verdict}: {failures} failure{'s' if failures != 1 else ''},"
        f" {warnings} warning{'s' if warnings != 1 else ''} in {result.requests} requests,"
        f" {result.duration:.1f} s (repeat with --seed {result.seed})"
    )


def render_text(result: RunResult, *, header: bool = True) -> str:
    """The human summary: failures with curl lines, warnings, notes, the table, the verdict
    (without the first line naming the URL when the caller has printed its own header)."""
    mode = [f"seed {result.seed}", f"{result.max_examples} examples per method"]
    mode.append(f"timeout {result.timeout:g} s")
    if result.signed:
        mode.append("signed requests")
    if result.negative:
        mode.append("negative cases")
    lines = [f"wcs-contract test {result.url}"] if header else []
    lines += [" · ".join(mode), ""]
    failures = _grouped_text(result.rows, "failure")
    if failures:
        lines += ["FAILURES", *failures, ""]
    warnings = _grouped_text(result.rows, "warning")
    if warnings:
        lines += ["WARNINGS", *warnings, ""]
    notes = [f"  {row.name}: {note}" for row in result.rows for note in row.notes]
    if notes:
        lines += ["NOTES", *notes, ""]
    exercised = [exercised_line(result)] if result.methods else []
    lines += [*table(result), "", *exercised, headline(result)]
    return "\n".join(lines) + "\n"


def exercised_line(result: RunResult) -> str:
    """How many methods had a valid request accepted: refused everything means untested."""
    line = f"{len(result.exercised)} of {len(result.methods)} methods exercised"
    refused = [m for m in result.methods if not m.exercised and m.refused_with]
    unexpected = [m.method for m in refused if not m.expect_refusal]
    expected = [m.method for m in refused if m.expect_refusal]
    if unexpected:
        line += f"; every valid request refused: {', '.join(unexpected)}"
    if expected:
        line += f"; refused as declared (--expect-refusal): {', '.join(expected)}"
    return line


def _group_json(group: FindingGroup) -> dict[str, Any]:
    return {
        "check": group.check,
        "severity": group.severity,
        "message": group.message,
        "methods": list(group.rows),
        "occurrences": group.occurrences,
        "curl": group.curl,
    }


def _finding_json(finding: Finding) -> dict[str, Any]:
    return {
        "check": finding.check,
        "severity": finding.severity,
        "message": finding.message,
        "occurrences": finding.occurrences,
        "curl": finding.curl,
    }


def _row_json(row: MethodResult | FlowResult) -> dict[str, Any]:
    checks = _checks_of(row)
    out: dict[str, Any] = {
        "cases": row.cases,
        "passed": row.passed,
        "failed": row.failed,
        "warnings": len(row.warnings),
        "slowestMs": row.slowest_ms,
        "checks": {check: row.check_status(check) for check in checks},
        "findings": [_finding_json(f) for f in row.findings],
        "notes": list(row.notes),
    }
    if isinstance(row, FlowResult):
        out = {
            "flow": row.flow,
            "description": row.description,
            "steps": [
                {
                    "method": s.method,
                    "step": s.label,
                    "outcome": s.outcome,
                    "httpStatus": s.http_status,
                    "elapsedMs": s.elapsed_ms,
                }
                for s in row.steps
            ],
            **out,
        }
    else:
        out = {"method": row.method, "exercised": row.exercised, **out}
    return out


def to_json(result: RunResult) -> dict[str, Any]:
    """The machine-readable result (`--format json`)."""
    return {
        "url": result.url,
        "passed": result.passed,
        "exitCode": result.exit_code,
        "seed": result.seed,
        "maxExamples": result.max_examples,
        "timeout": result.timeout,
        "signed": result.signed,
        "negative": result.negative,
        "requests": result.requests,
        "exercisedMethods": len(result.exercised),
        "failures": result.failure_count,
        "warnings": result.warning_count,
        "durationSeconds": round(result.duration, 3),
        "checks": CHECKS,
        # one entry per root cause, naming every method and flow it showed in
        "findings": [
            _group_json(group)
            for severity in ("failure", "warning")
            for group in group_findings(result.rows, severity)
        ],
        "methods": [_row_json(m) for m in result.methods],
        "flows": [_row_json(f) for f in result.flows],
    }


def render_json(result: RunResult) -> str:
    return json.dumps(to_json(result), indent=2, ensure_ascii=False) + "\n"


def _checks_of(row: MethodResult | FlowResult) -> list[str]:
    """The row's checks, plus any other check that found something (e.g. self_check)."""
    checks = list(row.checks)
    checks += [f.check for f in row.findings if f.check not in checks]
    return list(dict.fromkeys(checks))


def _skip_reason(check: str) -> str:
    if check == "rest_client_config":
        return "no answer to connect carried a restClientConfig"
    return "no answer reached this check (see the notes)"


def render_junit(result: RunResult) -> str:
    """JUnit XML: a testcase per method (or flow) and check; failures carry the curl lines."""
    from wcs_contract.reporters.junit import JunitCase
    from wcs_contract.reporters.junit import render_junit as junit_document

    cases = []
    for row in result.rows:
        classname = (
            f"wcs-contract.flow.{row.flow}"
            if isinstance(row, FlowResult)
            else (f"wcs-contract.{row.method}")
        )
        for check in _checks_of(row):
            findings = [f for f in row.findings if f.check == check]
            failures = [f for f in findings if f.severity == "failure"]
            warnings = [f for f in findings if f.severity == "warning"]
            failure = None
            if failures:
                text = "\n\n".join(f"{f.message}{_times(f)}\n{f.curl}".rstrip() for f in failures)
                failure = (failures[0].message, text)
            skipped = (
                _skip_reason(check)
                if not failures and row.check_status(check) == "skipped"
                else None
            )
            output = "\n\n".join(
                f"warning: {f.message}{_times(f)}\n{f.curl}".rstrip() for f in warnings
            )
            cases.append(JunitCase(classname, check, failure, skipped=skipped, output=output))
    return junit_document("wcs-contract", cases, result.duration)
