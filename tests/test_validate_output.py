"""`validate --output FILE`: the report in --format goes to the file, the text to the terminal."""

from __future__ import annotations

import errno
import io
import json
import os
from pathlib import Path
from xml.etree import ElementTree

import pytest

from wcs_contract.cli import main
from wcs_contract.examples import all_examples
from wcs_contract.issues import Issue
from wcs_contract.reporters import Summary, Where
from wcs_contract.reporters.json_report import JsonReporter
from wcs_contract.reporters.text import RENDERED, TextReporter

INVALID = next(
    e for e in all_examples() if not e.valid and e.method == "connect" and e.direction == "request"
)
VALID = [str(e.path) for e in all_examples() if e.valid and e.method == "connect"][:3]


@pytest.mark.parametrize("kind", ["json", "junit", "github", "text"])
def test_the_file_gets_the_format_and_stdout_the_text(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, kind: str
) -> None:
    output = tmp_path / f"report.{kind}"
    code = main(["validate", "--format", kind, "--output", str(output), *VALID, str(INVALID.path)])
    assert code == 1
    out = capsys.readouterr().out
    text_lines = out.splitlines()
    assert text_lines[-1].startswith(f"FAILED: {len(VALID) + 1} payloads: {len(VALID)} valid")
    assert f"{INVALID.path}:1: error: connect/request" in out
    saved = output.read_text()
    if kind == "json":
        assert json.loads(saved)["summary"]["invalid"] == 1
    elif kind == "junit":
        suite = ElementTree.fromstring(saved).find("testsuite")
        assert suite is not None
        assert suite.get("tests") == str(len(VALID) + 1)
        assert suite.get("failures") == "1"
    elif kind == "github":
        assert saved.startswith("::error file=")
    else:
        assert saved == out  # the same text, without colour
    assert "\x1b[" not in saved


def test_an_output_that_cannot_be_written_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["validate", "--output", str(tmp_path / "missing" / "r.json"), *VALID])
    assert stopped.value.code == 2
    assert "--output" in capsys.readouterr().err


def test_one_junit_writer_for_validate_and_test(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """Both commands write `<testsuites><testsuite>` with the same counters; an unreadable
    capture is an error, not a failure."""
    from wcs_contract.live.report import render_junit as live_junit
    from wcs_contract.live.results import Finding, MethodResult, RunResult

    broken = tmp_path / "broken.json"
    broken.write_text('{"method": "connect"')
    assert main(["validate", "--format", "junit", str(INVALID.path), str(broken)]) == 2
    validated = ElementTree.fromstring(capsys.readouterr().out)
    row = MethodResult(method="connect")
    row.cases, row.failed = 1, 1
    row.checks = ("mirror",)
    row.findings.append(Finding("mirror", "failure", "changed appKey", "curl x"))
    result = RunResult("http://h/App", 1, 1, 15.0, negative=False, signed=False, methods=[row])
    live = ElementTree.fromstring(live_junit(result))
    for document in (validated, live):
        assert document.tag == "testsuites"
        (suite,) = document.findall("testsuite")
        assert set(suite.attrib) == {"name", "tests", "failures", "errors", "skipped", "time"}
        assert suite.get("failures") == "1"
    (suite,) = validated.findall("testsuite")
    assert suite.get("errors") == "1"
    assert len(suite.findall("testcase/error")) == 1
    failure = live.find("testsuite/testcase/failure")
    assert failure is not None
    assert failure.get("message") == "changed appKey"
    assert "curl x" in (failure.text or "")


def test_reused_issue_texts_are_the_texts_and_their_store_stays_bounded() -> None:
    # The text and JSON reporters render an issue once and reuse the text on later lines: the
    # report must read as if each line were rendered afresh, and the store must not grow.
    issues = [
        Issue(f"/f{n % 7}", "type", f"message {n} \u2028 \x1b[2J", "error", "V", "m", "request")
        for n in range(RENDERED + 50)
    ]
    payloads = [
        (Where(f"c{n}.jsonl", n + 1), [issues[n], issues[n // 3]]) for n in range(len(issues))
    ]
    payloads += payloads[:100]  # the same issues again, on later lines
    reused = io.StringIO()
    text = TextReporter(reused, color=True, verbose=False)
    for where, found in payloads:
        text.payload(where, found)
    afresh = "".join(_text_afresh(where, found) for where, found in payloads)
    assert reused.getvalue() == afresh
    assert "\\u2028" in afresh  # still made printable
    assert "\x1b[2J" not in afresh
    assert 0 < len(text._rendered) <= RENDERED
    out = io.StringIO()
    report = JsonReporter(out)
    for where, found in payloads:
        report.payload(where, found)
    report.finish(Summary())
    expected = [
        {"source": str(where), **{k: getattr(i, k) for k in JSON_MEMBERS}}
        for where, found in payloads
        for i in found
    ]
    assert json.loads(out.getvalue())["issues"] == expected
    assert 0 < len(report._rendered) <= RENDERED


JSON_MEMBERS = ("method", "direction", "variant", "pointer", "keyword", "severity", "message")


def _text_afresh(where: Where, found: list[Issue]) -> str:
    out = io.StringIO()
    TextReporter(out, color=True, verbose=False).payload(where, found)
    return out.getvalue()


@pytest.mark.parametrize("inside_folder", [False, True])
def test_an_output_that_is_also_an_input_is_refused_before_it_is_emptied(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, inside_folder: bool
) -> None:
    capture = tmp_path / "captures" / "traffic.jsonl"
    capture.parent.mkdir()
    kept = INVALID.path.read_bytes()
    capture.write_bytes(kept)
    given = capture.parent if inside_folder else capture
    with pytest.raises(SystemExit) as stopped:
        main(["validate", "--output", str(capture), str(given)])
    assert stopped.value.code == 2
    err = capsys.readouterr().err
    assert f"--output {capture}" in err
    assert "also an input" in err
    assert capture.read_bytes() == kept  # the capture is intact


def test_an_output_that_standard_input_is_read_from_is_refused(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    capture = tmp_path / "traffic.json"
    kept = INVALID.path.read_bytes()
    capture.write_bytes(kept)
    with capture.open("rb") as stdin:  # validate - --output traffic.json < traffic.json
        monkeypatch.setattr("sys.stdin", io.TextIOWrapper(stdin))
        with pytest.raises(SystemExit) as stopped:
            main(["validate", "--output", str(capture), "-"])
    assert stopped.value.code == 2
    assert "also an input (-)" in capsys.readouterr().err
    assert capture.read_bytes() == kept


def test_a_closed_standard_output_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.stdout", None)  # wcs-contract validate FILE >&-
    with pytest.raises(SystemExit) as stopped:
        main(["validate", "--quiet", *VALID])
    assert stopped.value.code == 2
    assert "standard output is closed" in capsys.readouterr().err


class _FullDisk(io.StringIO):
    def write(self, _text: str) -> int:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


@pytest.mark.parametrize("to_file", [False, True])
def test_a_report_that_cannot_be_written_is_exit_2_and_not_called_a_bug(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, to_file: bool
) -> None:
    full = Path("/dev/full")
    if to_file:
        if not full.exists():
            pytest.skip("no /dev/full to fill")
        arguments = ["--output", str(full)]
    else:
        monkeypatch.setattr("sys.stdout", _FullDisk())
        arguments = []
    with pytest.raises(SystemExit) as stopped:
        main(["validate", "--quiet", "--format", "json", *arguments, *VALID])
    err = capsys.readouterr().err
    assert stopped.value.code == 2
    assert "internal error" not in err
    assert "No space left on device" in err
    assert ("/dev/full" in err) is to_file
