"""`validate --coverage` and the library's Coverage: what traffic exercised of the contract."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from wcs_contract import batch
from wcs_contract.batch import Options, _screen, validate_paths
from wcs_contract.cli import main
from wcs_contract.contract_coverage import Coverage, declared, routes
from wcs_contract.reporters import Summary, Where
from wcs_contract.validator import Contract

CONNECT = {"nodeId": "n1", "appKey": "defaultApp", "sessionId": "s1", "status": "PENDING"}
FRAME = {"message": "connection", "data": [{"appKey": "defaultApp", "urlServer": "wss://x"}]}
LINES: list[dict[str, Any]] = [
    {"method": "connect", "direction": "request", "body": CONNECT},
    {"method": "connect", "direction": "request", "body": {**CONNECT, "status": "FAILED"}},
    {
        "method": "connect",
        "direction": "response",
        "status": 403,
        "body": {"status": 403, "reason": "no"},
    },
    {"method": "connect", "direction": "client", "body": FRAME},
    {"method": "sendDtmf", "direction": "request", "body": {"nodeId": "n", "callId": "c"}},
    {"method": "noSuchMethod", "direction": "request", "body": {}},
]


def capture(tmp_path: Path, lines: list[dict[str, Any]] = LINES, name: str = "t.jsonl") -> Path:
    path = tmp_path / name
    path.write_text("".join(json.dumps(line) + "\n" for line in lines))
    return path


def test_coverage_counts_methods_variants_statuses_and_fields() -> None:
    coverage = Coverage()
    for line in LINES:
        coverage.observe(line["method"], line["direction"], line["body"], line.get("status"))
    document = coverage.as_dict()
    connect = document["methods"]["connect"]
    assert connect["request"]["payloads"] == 2
    assert connect["request"]["statuses"]["exercised"] == ["PENDING", "FAILED"]
    assert "ESTABLISHED" in connect["request"]["statuses"]["missing"]
    assert connect["request"]["fields"]["exercised"] == ["appKey", "nodeId", "sessionId", "status"]
    assert connect["response"]["variants"]["exercised"] == ["Refusal"]
    assert connect["response"]["http_statuses"] == {"403": 1}
    # a frame counts as itself and its elements, which are checked as bare bodies
    assert connect["client"]["variants"]["exercised"] == [
        "ConnectClientMessage",
        "ConnectClientFrame",
    ]
    assert connect["client"]["fields"]["exercised"] == ["appKey", "urlServer"]
    # aliases count for their method; unknown routes are not counted
    assert document["methods"]["sendDTMF"]["request"]["payloads"] == 1
    totals = document["totals"]
    assert totals["methods"] == {"declared": len({m for m, _ in routes()}), "exercised": 2}
    declared_variants = sum(len(declared(m, d).variants) for m, d in routes())
    assert totals["variants"]["declared"] == declared_variants
    assert totals["variants"]["exercised"] == 5


def test_coverages_merge() -> None:
    one, two, both = Coverage(), Coverage(), Coverage()
    for index, line in enumerate(LINES):
        (one if index % 2 else two).observe(line["method"], line["direction"], line["body"])
        both.observe(line["method"], line["direction"], line["body"])
    one.merge(two)
    assert one.as_dict() == both.as_dict()


def test_validate_coverage_prints_a_table_after_the_report(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = capture(tmp_path)
    assert main(["validate", "--coverage", str(path)]) == 1  # the unknown method
    out = capsys.readouterr().out
    report, table = out.split("contract coverage: ")
    assert "noSuchMethod" in report
    assert table.startswith("2/")
    rows = table.splitlines()
    assert rows[1].split() == ["METHOD", "DIRECTION", "PAYLOADS", "VARIANTS", "STATUSES", "FIELDS"]
    assert rows[2].split()[:4] == ["connect", "request", "2", "1/1"]
    assert rows[-1].startswith("methods never exercised (")


def test_validate_coverage_in_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = capture(tmp_path)
    main(["validate", "--coverage", "--format", "json", str(path)])
    document = json.loads(capsys.readouterr().out)
    assert document["coverage"]["totals"]["methods"]["exercised"] == 2
    main(["validate", "--format", "json", str(path)])
    assert "coverage" not in json.loads(capsys.readouterr().out)


def test_validate_coverage_goes_to_stderr_beside_junit(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    main(["validate", "--coverage", "--format", "junit", str(capture(tmp_path))])
    out, err = capsys.readouterr()
    assert out.startswith("<?xml")
    assert err.startswith("contract coverage: ")


def test_without_coverage_the_bulk_screen_stays_on() -> None:
    contract = Contract()
    assert _screen(contract, Options()) is contract
    assert _screen(contract, Options(coverage=True)) is None


class _Quiet:
    def payload(self, where: Where, issues: list[Any]) -> None:
        pass

    def unreadable(self, where: Where, message: str) -> None:
        pass

    def finish(self, summary: Summary) -> None:
        pass


def test_worker_processes_count_coverage_as_one_process_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = capture(tmp_path, LINES * 50, "big.jsonl")
    serial, parallel = Coverage(), Coverage()
    validate_paths([str(path)], _Quiet(), Options(coverage=True, jobs=1), coverage=serial)
    monkeypatch.setattr(batch, "PARALLEL_MIN_BYTES", 0)
    validate_paths([str(path)], _Quiet(), Options(coverage=True, jobs=2), coverage=parallel)
    assert parallel.as_dict() == serial.as_dict()
    assert serial.payloads[("connect", "request")] == 100


def test_invented_fields_and_statuses_never_grow_the_counters() -> None:
    coverage = Coverage()
    for number in range(500):
        body = {**CONNECT, f"made-up-{number}": 1, "status": f"STATUS-{number}"}
        coverage.observe("connect", "request", body)
    assert len(coverage.fields) == 4  # nodeId, appKey, sessionId, status: declared names only
    assert len(coverage.statuses) == 0
    assert coverage.payloads[("connect", "request")] == 500
