"""What the proxy has seen so far: counts per method, latency, drops; as JSON and for Prometheus.

Memory stays flat however long the proxy runs: counters per method and check (a bounded set of
names), a fixed ring of recent latencies for the percentiles, fixed histogram buckets.
"""

from __future__ import annotations

import sys
from array import array
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, TextIO

from wcs_contract.contract_coverage import Coverage
from wcs_contract.proxy.exchange import Exchange

WINDOW = 16_384  # latencies kept for the percentiles: the most recent ones
BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 15.0)


@dataclass
class MethodStats:
    exchanges: int = 0
    violations: int = 0  # exchanges with at least one error
    warnings: int = 0  # exchanges with warnings only
    statuses: Counter[int] = field(default_factory=Counter)  # what WCS got
    checks: Counter[str] = field(default_factory=Counter)  # errors by check


class Stats:
    """An Observer keeping the counters behind GET /-/stats and /-/metrics."""

    def __init__(self) -> None:
        self.methods: dict[str, MethodStats] = {}
        self.failures: Counter[str] = Counter()  # upstream failures by kind
        self.enforced = 0  # answers replaced by a 502 under --enforce
        self._latency = array("d", bytes(8 * WINDOW))
        self._seen = 0
        self._buckets = [0] * (len(BUCKETS) + 1)
        self._sum = 0.0
        self.dropped: Callable[[], int] = lambda: 0  # the recorder's drops, when recording
        self.sessions: Callable[[], int] = lambda: 0  # restClientConfigs held
        self.coverage = Coverage()

    def observe(self, exchange: Exchange) -> None:
        row = self.methods.get(exchange.canonical)
        if row is None:
            row = self.methods[exchange.canonical] = MethodStats()
        row.exchanges += 1
        row.statuses[exchange.answered] += 1
        errors = [f.check for f in exchange.findings if f.severity == "error"]
        if errors:
            row.violations += 1
            row.checks.update(errors)
        elif exchange.findings:
            row.warnings += 1
        if exchange.failure is not None:
            self.failures[exchange.failure] += 1
        self.coverage.observe(exchange.canonical, "request", exchange.sent)
        if exchange.answer is not None:
            self.coverage.observe(exchange.canonical, "response", exchange.answer, exchange.status)
        seconds = exchange.duration
        self._latency[self._seen % WINDOW] = seconds
        self._seen += 1
        self._sum += seconds
        for index, bound in enumerate(BUCKETS):
            if seconds <= bound:
                self._buckets[index] += 1
                break
        else:
            self._buckets[-1] += 1

    def close(self) -> None:
        pass

    @property
    def exchanges(self) -> int:
        return self._seen

    @property
    def violations(self) -> int:
        return sum(row.violations for row in self.methods.values())

    def percentiles(self) -> dict[str, float]:
        """p50, p90, p99 and max of the most recent latencies, in milliseconds."""
        recent = sorted(self._latency[: min(self._seen, WINDOW)])
        if not recent:
            return {}

        def at(q: float) -> float:
            return round(recent[min(len(recent) - 1, int(q * len(recent)))] * 1000, 3)

        return {"p50": at(0.5), "p90": at(0.9), "p99": at(0.99), "max": at(1.0)}

    def as_dict(self) -> dict[str, Any]:
        document: dict[str, Any] = {
            "exchanges": self._seen,
            "violations": self.violations,
            "upstream_failures": dict(self.failures),
            "enforced": self.enforced,
            "recording_dropped": self.dropped(),
            "sessions": self.sessions(),
            "latency_ms": self.percentiles(),
            "methods": {
                name: {
                    "exchanges": row.exchanges,
                    "violations": row.violations,
                    "warnings": row.warnings,
                    "statuses": {str(k): v for k, v in sorted(row.statuses.items())},
                    "checks": dict(row.checks),
                }
                for name, row in sorted(self.methods.items())
            },
        }
        document["coverage"] = self.coverage.as_dict()["totals"]  # the detail: GET /-/coverage
        return document

    def prometheus(self) -> str:
        """The counters in the Prometheus text exposition format (0.0.4)."""
        out: list[str] = []

        def metric(name: str, kind: str, text: str, samples: list[tuple[str, float]]) -> None:
            out.append(f"# HELP {name} {text}")
            out.append(f"# TYPE {name} {kind}")
            out.extend(f"{name}{labels} {value:g}" for labels, value in samples)

        rows = sorted(self.methods.items())
        metric(
            "wcs_proxy_exchanges_total",
            "counter",
            "Hook exchanges forwarded, by method.",
            [(f'{{method="{m}"}}', r.exchanges) for m, r in rows],
        )
        metric(
            "wcs_proxy_violations_total",
            "counter",
            "Exchanges that broke the contract, by method.",
            [(f'{{method="{m}"}}', r.violations) for m, r in rows],
        )
        metric(
            "wcs_proxy_upstream_failures_total",
            "counter",
            "Hooks the backend did not answer, by kind.",
            [(f'{{kind="{k}"}}', v) for k, v in sorted(self.failures.items())],
        )
        metric(
            "wcs_proxy_enforced_total",
            "counter",
            "Answers replaced by a 502 under --enforce.",
            [("", self.enforced)],
        )
        metric(
            "wcs_proxy_recording_dropped_total",
            "counter",
            "Exchanges the recorder had no room for.",
            [("", self.dropped())],
        )
        cumulative = 0
        samples: list[tuple[str, float]] = []
        for bound, count in zip((*map(str, BUCKETS), "+Inf"), self._buckets, strict=True):
            cumulative += count
            samples.append((f'_bucket{{le="{bound}"}}', cumulative))
        name = "wcs_proxy_duration_seconds"
        out.append(f"# HELP {name} Time from a hook's arrival to the backend's full answer.")
        out.append(f"# TYPE {name} histogram")
        out.extend(f"{name}{labels} {value:g}" for labels, value in samples)
        out.append(f"{name}_sum {self._sum:g}")
        out.append(f"{name}_count {self._seen}")
        return "\n".join(out) + "\n"


class LogLines:
    """An Observer writing one line per exchange: time, method, status, milliseconds, findings.

    Messages come from the validator and the answer checks, which never quote a credential's
    value; bodies quoted in them have their credentials emptied. Headers are never logged.
    """

    def __init__(self, out: TextIO | None = None) -> None:
        self.out = out or sys.stderr

    def observe(self, exchange: Exchange) -> None:
        when = datetime.fromtimestamp(exchange.started).isoformat(sep=" ", timespec="milliseconds")
        line = f"{when} {exchange.method} {exchange.answered} {exchange.duration * 1000:.1f} ms"
        if exchange.failure is not None:
            line += f" upstream {exchange.failure}"
        errors = exchange.errors
        if exchange.findings:
            line += f" · {errors} violation{'s' * (errors != 1)}"
            line += "".join(
                f" | {f.severity} {f.side} {f.check}{' ' + f.pointer if f.pointer else ''}:"
                f" {f.message}"
                for f in exchange.findings
            )
        if not line.isprintable():
            line = line.encode("unicode_escape").decode("ascii")
        self.out.write(line + "\n")

    def close(self) -> None:
        self.out.flush()
