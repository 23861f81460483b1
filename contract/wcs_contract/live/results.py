"""What a live run found: findings per method and per flow, rendered by every reporter.

Pure data (stdlib only), so the CLI, the pytest plugin, the JUnit writer and the demo all render
the same structure, and nothing here imports the network stack.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Literal

Severity = Literal["failure", "warning"]
CheckStatus = Literal["passed", "failed", "warning", "skipped"]

# Every check, in report order, with what it demands. The names are stable: they appear in the
# JSON result, the JUnit report (one testcase per method and check) and the pytest items.
CHECKS: dict[str, str] = {
    "connection": "every request gets an HTTP answer: no refused, reset or garbled connection",
    "timeout": "an answer within --timeout seconds (WCS waits rest_request_timeout, default 15 s);"
    " a warning above 10 s",
    "server_error": "no 5xx answer to a valid body",
    "status_code": "200, or a 4xx refusal (404/405 mean the hook is not served, 413 that bodies"
    " WCS sends are too large): WCS treats any other status as a failed call",
    "json_object": "a 200 answer is a JSON object sent with Content-Type: application/json",
    "response_schema": "the answer conforms to the method's response schema",
    "mirror": "connect keeps every field it received; no answer changes nodeId, sessionId or"
    " appKey, garbles non-ASCII text or adds a field WCS does not know",
    "rest_client_config": "a restClientConfig in connect's answer is valid: method keys are"
    " methods, restExclude/clientExclude/restOverwrite name fields of that method",
    "refusal_body": "a 4xx JSON body is exactly {status, reason}, the only one WCS passes on",
    "signature": "with --secret: correctly signed requests are accepted (non-ASCII and large"
    " bodies too); a wrongly signed and an unsigned request are refused with 403",
    "negative": "with --negative: an invalid body causes no 5xx and no dropped connection",
    "self_check": "the tester could build its requests: generated cases, valid flow bodies",
    "exercised": "a valid request was accepted (200): a method whose every valid request was"
    " refused was not tested, unless --expect-refusal names it",
}


@dataclass(frozen=True, slots=True)
class Finding:
    """One thing a check found, with the request that shows it."""

    check: str
    severity: Severity
    message: str
    curl: str = ""
    occurrences: int = 1
    key: str = ""  # the root cause: findings with the same check, severity and key are one
    size: int = 0  # bytes of the request body the curl line sends

    @property
    def cause(self) -> tuple[str, str, str]:
        return (self.check, self.severity, self.key or self.message)

    def counted(self, extra: int) -> Finding:
        return replace(self, occurrences=self.occurrences + extra)

    def reproduced_by(self, message: str, curl: str, size: int) -> Finding:
        """The same finding shown by a smaller request: its message and curl line instead."""
        return replace(self, message=message, curl=curl, size=size)


@dataclass(slots=True)
class Tally:
    """Requests sent and what their answers got, for one method or one flow."""

    cases: int = 0
    passed: int = 0
    failed: int = 0
    slowest_ms: float = 0.0
    findings: list[Finding] = field(default_factory=list)
    evaluated: set[str] = field(default_factory=set)  # checks that judged at least one answer
    notes: list[str] = field(default_factory=list)  # e.g. why sending stopped early

    @property
    def failures(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "failure"]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "warning"]

    def check_status(self, check: str) -> CheckStatus:
        own = [f for f in self.findings if f.check == check]
        if any(f.severity == "failure" for f in own):
            return "failed"
        if own:
            return "warning"
        return "passed" if check in self.evaluated else "skipped"


@dataclass(slots=True)
class MethodResult(Tally):
    """The property tests of one hook method."""

    method: str = ""
    checks: tuple[str, ...] = ()  # the checks that apply to this method in this run
    accepted: int = 0  # valid requests answered 200
    refused_with: list[int] = field(default_factory=list)  # 4xx answers to valid requests
    expect_refusal: bool = False  # --expect-refusal names it

    @property
    def name(self) -> str:
        return self.method

    @property
    def exercised(self) -> bool:
        """A valid request was accepted, so the backend's handling of the hook was tested."""
        return self.accepted > 0


@dataclass(slots=True)
class FindingGroup:
    """One root cause across every method and flow it showed in, with its smallest reproduction."""

    check: str
    severity: Severity
    message: str
    curl: str
    rows: list[str] = field(default_factory=list)  # method names, or "flow <name>"
    occurrences: int = 0
    size: int = 0


def group_findings(rows: list[MethodResult | FlowResult], severity: Severity) -> list[FindingGroup]:
    """The findings of one severity, one group per check and root cause, in first-seen order.

    The root cause is the finding's key (which never names the method), else its message, so
    "Content-Type is missing" on 46 methods is one group naming the 46."""
    groups: dict[tuple[str, str], FindingGroup] = {}
    for row in rows:
        for finding in row.findings:
            if finding.severity != severity:
                continue
            cause = finding.key or finding.message
            group = groups.get((finding.check, cause))
            if group is None:
                group = groups[(finding.check, cause)] = FindingGroup(
                    finding.check, severity, finding.message, finding.curl, size=finding.size
                )
            elif finding.curl and (not group.curl or finding.size < group.size):
                group.message, group.curl, group.size = finding.message, finding.curl, finding.size
            if row.name not in group.rows:
                group.rows.append(row.name)
            group.occurrences += finding.occurrences
    return list(groups.values())


@dataclass(frozen=True, slots=True)
class StepOutcome:
    """One step of a flow: sent (with its answer's status), skipped, or never reached."""

    method: str
    label: str  # e.g. "StreamStatusEvent PUBLISHING"
    outcome: Literal["sent", "disabled", "not reached"]
    http_status: int | None = None
    elapsed_ms: float = 0.0


@dataclass(slots=True)
class FlowResult(Tally):
    """A stateful sequence of hooks with consistent ids, as WCS sends them."""

    flow: str = ""
    description: str = ""
    steps: list[StepOutcome] = field(default_factory=list)
    checks: tuple[str, ...] = ()

    @property
    def name(self) -> str:
        return f"flow {self.flow}"


@dataclass(slots=True)
class RunResult:
    """Everything one run found; `exit_code` is the CLI's (0 passed, 1 failures)."""

    url: str
    seed: int
    max_examples: int
    timeout: float
    negative: bool
    signed: bool
    methods: list[MethodResult] = field(default_factory=list)
    flows: list[FlowResult] = field(default_factory=list)
    duration: float = 0.0

    @property
    def rows(self) -> list[MethodResult | FlowResult]:
        return [*self.methods, *self.flows]

    @property
    def failure_count(self) -> int:
        return sum(len(row.failures) for row in self.rows)

    @property
    def warning_count(self) -> int:
        return sum(len(row.warnings) for row in self.rows)

    @property
    def exercised(self) -> list[MethodResult]:
        return [m for m in self.methods if m.exercised]

    @property
    def requests(self) -> int:
        return sum(row.cases for row in self.rows)

    @property
    def passed(self) -> bool:
        return self.failure_count == 0

    @property
    def exit_code(self) -> int:
        return 0 if self.passed else 1


class CannotRun(Exception):
    """The run could not start (unreachable URL, bad options): the CLI's exit code 2."""
