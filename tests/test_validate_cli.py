"""`wcs-contract validate`: outputs, exit codes, and bad input that never crashes."""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree

import pytest
import yaml

from wcs_contract import batch
from wcs_contract.cli import main
from wcs_contract.examples import all_examples
from wcs_contract.validator import Contract

ROOT = Path(__file__).resolve().parents[1]
VALID = [str(e.path) for e in all_examples() if e.valid][:20]
INVALID = next(e for e in all_examples() if e.key.endswith("request/invalid/status-misspelt.json"))
NODE = "Q7m2xKd9LpR3vTnB8cWzY4hJ6sFgA1eU@10.0.0.5"
REQUEST = {
    "nodeId": NODE,
    "sessionId": "6d3b1f0e-8c2a-4c5e-9b7d-2f1a0e3c4d5b",
    "appKey": "defaultApp",
}


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["validate", "--quiet", *args])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def write(path: Path, document: object) -> str:
    path.write_text(json.dumps(document))
    return str(path)


def test_valid_examples_pass(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, *VALID)
    assert code == 0
    assert out.splitlines()[-1].startswith(
        f"ok: {len(VALID)} payloads: {len(VALID)} valid, 0 invalid"
    )


def test_text_output_names_file_line_method_variant_pointer(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run(capsys, str(INVALID.path))
    assert code == 1
    assert out.splitlines()[0] == (
        f"{INVALID.path}:1: error: ConnectionStatusEvent/request /status: 'CONECTED' is not a"
        " ConnectionStatusEvent request status (expected one of PENDING, ESTABLISHED,"
        " DISCONNECTED, FAILED)"
    )
    assert out.splitlines()[-1].startswith("FAILED: 1 payload: 0 valid, 1 invalid")


def test_json_output(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    missing = str(tmp_path / "missing.json")
    code, out, _ = run(capsys, "--format", "json", str(INVALID.path), VALID[0], missing)
    assert code == 2
    report = json.loads(out)
    assert report["summary"] == {
        "payloads": 2,
        "valid": 1,
        "invalid": 1,
        "warnings": 0,
        "unreadable": 1,
    }
    first = report["issues"][0]
    assert set(first) == {
        "source",
        "method",
        "direction",
        "variant",
        "pointer",
        "keyword",
        "severity",
        "message",
    }
    assert (first["pointer"], first["keyword"], first["severity"]) == ("/status", "enum", "error")
    assert report["issues"][1]["source"] == missing
    assert "no such file" in report["issues"][1]["message"].lower()


def test_junit_output(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--format", "junit", str(INVALID.path), *VALID[:3])
    assert code == 1
    suite = ElementTree.fromstring(out).find("testsuite")
    assert suite is not None
    assert suite.get("tests") == "4"
    assert suite.get("failures") == "1"
    assert len(suite.findall("testcase/failure")) == 1


def test_github_annotations(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--format", "github", str(INVALID.path))
    assert code == 1
    assert out.startswith(
        f"::error file={INVALID.path},line=1,title=ConnectionStatusEvent/request /status::"
    )


def test_bare_body_needs_method_and_direction(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    body = write(tmp_path / "body.json", {**REQUEST, "name": "s1", "status": "PENDING"})
    code, out, _ = run(capsys, body)
    assert code == 2
    assert "--method" in out
    code, out, _ = run(capsys, "--method", "publishStream", "--direction", "request", body)
    assert code == 0, out


def test_unknown_method_option_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["validate", "--method", "publishStreem", "--direction", "request", VALID[0]])
    assert exit_info.value.code == 2
    assert "did you mean 'publishStream'" in capsys.readouterr().err


def test_jsonl_with_a_broken_line(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    good = json.dumps(
        {"method": "publishStream", "direction": "request", "body": {**REQUEST, "name": "s"}}
    )
    bad = json.dumps(
        {"method": "publishStream", "direction": "request", "body": {**REQUEST, "name": 5}}
    )
    path = tmp_path / "capture.jsonl"
    path.write_text("\n".join([good, '{"method": "connect", "dir', bad, good]) + "\n")
    code, out, _ = run(capsys, str(path))
    assert code == 2
    lines = out.splitlines()
    assert lines[0].startswith(f"{path}:2:")
    assert lines[1].startswith(
        f"{path}:3: error: publishStream/request [PublishStreamRequest] /name:"
    )
    assert "3 payloads: 2 valid, 1 invalid, 1 unreadable" in lines[-1]


def test_strict_and_secrets_options(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    body = {**REQUEST, "name": "s1", "nmae": "typo", "custom": {"password": "p4ss-secret"}}
    path = write(
        tmp_path / "capture.json", {"method": "publishStream", "direction": "request", "body": body}
    )
    code, out, _ = run(capsys, path)
    assert code == 0
    assert (
        "warning: publishStream/request [PublishStreamRequest] /nmae: unknown field 'nmae'" in out
    )
    assert "p4ss-secret" not in out
    assert run(capsys, "--strict", path)[0] == 1
    assert run(capsys, "--secrets", "error", path)[0] == 1


def test_rest_client_config_option(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    body = {k: v for k, v in REQUEST.items() if k != "nodeId"} | {"name": "s1"}
    path = write(
        tmp_path / "capture.json", {"method": "publishStream", "direction": "request", "body": body}
    )
    assert run(capsys, path)[0] == 1
    config = write(tmp_path / "rcc.json", {"publishStream": {"restExclude": "nodeId"}})
    assert run(capsys, "--rest-client-config", config, path)[0] == 0
    broken = write(tmp_path / "broken.json", {"publishStream": {"restPolicy": "SOMETIMES"}})
    with pytest.raises(SystemExit) as exit_info:
        main(["validate", "--rest-client-config", broken, path])
    assert exit_info.value.code == 2
    assert "restPolicy" in capsys.readouterr().err


def test_a_rest_client_config_too_big_to_be_one_is_refused_without_reading_it_all(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    capture = write(
        tmp_path / "capture.json",
        {"method": "hangup", "direction": "request", "body": {**REQUEST, "callId": "c1"}},
    )
    for endless in ("/dev/zero", "/dev/urandom"):  # read whole, they took every byte of memory
        if not Path(endless).exists():
            pytest.skip(f"no {endless}")
        with pytest.raises(SystemExit) as exit_info:
            main(["validate", "--rest-client-config", endless, capture])
        assert exit_info.value.code == 2
        assert f"--rest-client-config {endless}: larger than" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("content", "said"),
    [
        (b'{"connect": {}, "x": "caf\xe9"}', ":1:26: invalid UTF-8 (byte 0xe9"),
        (b'{"connect": {"restPolicy": NaN}}', ":1:28: NaN is not JSON"),
        (b'{"connect": ', ":1:13: truncated JSON"),
    ],
)
def test_a_rest_client_config_that_is_not_json_says_where_and_why(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, content: bytes, said: str
) -> None:
    config = tmp_path / "rcc.json"
    config.write_bytes(content)
    with pytest.raises(SystemExit) as exit_info:
        main(["validate", "--rest-client-config", str(config), VALID[0]])
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert f"--rest-client-config {config}{said}" in err
    assert "surrogates" not in err


def test_parallel_jsonl_gives_the_same_result(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    lines = [json.dumps(e.envelope) for e in all_examples()] * 3
    path = tmp_path / "big.jsonl"
    path.write_text("\n".join(lines) + "\n")
    code_one, out_one, _ = run(capsys, "--jobs", "1", "--format", "json", str(path))
    monkeypatch.setattr(batch, "PARALLEL_MIN_BYTES", 1)
    code_two, out_two, _ = run(capsys, "--jobs", "2", "--format", "json", str(path))
    assert code_one == code_two == 1
    assert json.loads(out_one) == json.loads(out_two)


def test_bulk_jsonl_reports_what_the_library_finds_one_by_one(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    # The JSONL reader counts a line as clean on its route's screen and the HTTP status alone;
    # every other line is explained. Together they must report exactly what Contract.issues
    # finds envelope by envelope: on every example, and on statuses and credentials.
    refusal = {"status": 403, "reason": "no"}
    stream = {**REQUEST, "name": "s"}
    envelopes = [e.envelope for e in all_examples()] + [
        {"method": "publishStream", "direction": "response", "status": 200, "body": refusal},
        {"method": "publishStream", "direction": "response", "status": 403, "body": refusal},
        {"method": "publishStream", "direction": "response", "status": 403, "body": stream},
        {"method": "publishStream", "direction": "response", "status": 200, "body": stream},
        {"method": "publishStream", "direction": "request", "body": {**stream, "custom": {}}},
        {
            "method": "publishStream",
            "direction": "request",
            "body": {**stream, "custom": {"apiKey": "k", "room": "r"}},
        },
    ]
    path = tmp_path / "capture.jsonl"
    path.write_text("\n".join(json.dumps(e) for e in envelopes) + "\n")
    code, out, _ = run(capsys, "--format", "json", str(path))
    reported = json.loads(out)
    contract = Contract()
    expected = [
        {
            "source": f"{path}:{line}",
            "pointer": issue.pointer,
            "keyword": issue.keyword,
            "severity": issue.severity,
            "message": issue.message,
        }
        for line, envelope in enumerate(envelopes, 1)
        for issue in contract.issues(
            envelope["body"],
            envelope["method"],
            envelope["direction"],
            http_status=envelope.get("status"),
        )
    ]
    found = [
        {k: i[k] for k in ("source", "pointer", "keyword", "severity", "message")}
        for i in reported["issues"]
    ]
    assert found == expected
    assert reported["summary"]["payloads"] == len(envelopes)
    assert code == 1
    assert {"x-http-status", "x-secret"} <= {i["keyword"] for i in found[-4:]}


def test_standard_input(tmp_path: Path) -> None:
    envelope = json.dumps(
        {"method": "hangup", "direction": "request", "body": {**REQUEST, "callId": "c1"}}
    )
    result = subprocess.run(
        [sys.executable, "-m", "wcs_contract.cli", "validate", "-"],
        input=envelope,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 payload: 1 valid" in result.stdout


@pytest.mark.parametrize("output", ["text", "github", "junit", "json"])
def test_text_the_terminal_cannot_encode_is_escaped_not_a_crash(
    tmp_path: Path, output: str
) -> None:
    # e.g. Windows, where a redirected stdout is cp1252: a Cyrillic stream name must not end
    # the report half-way with an internal error.
    capture = tmp_path / "capture.json"
    body = {**REQUEST, "name": "поток", "status": "ПУБЛИКАЦИЯ"}
    capture.write_text(
        json.dumps({"method": "publishStream", "direction": "request", "body": body}),
        encoding="utf-8",
    )
    result = subprocess.run(
        [sys.executable, "-m", "wcs_contract.cli", "validate", "--format", output, str(capture)],
        capture_output=True,
        env={**os.environ, "PYTHONIOENCODING": "cp1252"},
        check=False,
    )
    assert result.returncode == 1, result.stderr
    assert b"internal error" not in result.stderr
    assert b"\\u041f" in result.stdout or b"\\\\u041f" in result.stdout


def test_published_pre_commit_hook_runs_on_valid_and_invalid_files(tmp_path: Path) -> None:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    hook = next(h for h in hooks if h["id"] == "wcs-contract-validate")
    assert re.search(hook["files"], "captures/connect.json")
    entry = shlex.split(hook["entry"])
    binary = Path(sys.executable).with_name(entry[0])
    passing = subprocess.run(
        [str(binary), *entry[1:], *VALID], capture_output=True, text=True, check=False
    )
    assert passing.returncode == 0, passing.stdout
    failing = subprocess.run(
        [str(binary), *entry[1:], str(INVALID.path)], capture_output=True, text=True, check=False
    )
    assert failing.returncode == 1
    assert "/status" in failing.stdout


def test_own_pre_commit_config_selects_only_valid_examples() -> None:
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text())
    hook = config["repos"][0]["hooks"][0]
    assert hook["entry"].endswith("wcs-contract validate --quiet")
    pattern = re.compile(hook["files"])
    for example in all_examples():
        relative = example.path.relative_to(ROOT).as_posix()
        assert bool(pattern.search(relative)) == example.valid, relative


BAD_INPUTS = {
    "truncated.json": (b'{"method": "connect", "direction": "request", "body": {"nodeId": "n"', 1),
    "latin1.json": (b'{"method": "connect", "direction": "request", "body": {"x": "\xe9"}}', 1),
    "nan.json": (b'{"method": "connect", "direction": "request", "body": {"width": NaN}}', 1),
    "empty.json": (b"", 1),
    "garbage.json": (bytes(range(256)) * 4, 1),
    "deep.json": (b"[" * 100_000 + b"]" * 100_000, 1),
    "array.json": (b"[1, 2]", 1),
    "string.json": (b'"connect"', 1),
}


@pytest.mark.parametrize("name", sorted(BAD_INPUTS))
def test_bad_input_is_a_clear_error_with_exit_code_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, name: str
) -> None:
    content, line = BAD_INPUTS[name]
    path = tmp_path / name
    path.write_bytes(content)
    code, out, _ = run(capsys, str(path), VALID[0])
    assert code == 2
    first = out.splitlines()[0]
    assert first.startswith(f"{path}:{line}:")
    assert "unreadable" in first
    assert "1 payload: 1 valid, 0 invalid, 1 unreadable" in out.splitlines()[-1]


def test_frames_that_name_no_method(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    # A WebSocket capture holds keep-alives and signalling frames beside the hooks' messages.
    frames = [
        {"message": "ping", "data": []},  # WCS's keep-alive: not a payload
        {"message": "pong", "data": [None]},  # the Web SDK's answer: not a payload
        {"message": "setRemoteSDP", "data": ["m1", "v=0"]},  # positional data: not checked
        {"message": "notifyStreamStatusEvnt", "data": [{}]},  # a misspelt hook message
        {"message": "fail", "data": [{"status": "FAILED", "info": "Forbidden"}]},  # no apiMethod
    ]
    path = tmp_path / "frames.jsonl"
    path.write_text("\n".join(json.dumps(f) for f in frames) + "\n")
    code, out, _ = run(capsys, str(path))
    lines = out.splitlines()
    assert code == 1
    assert lines[0].startswith(f"{path}:3: warning: ?/client /data: 'setRemoteSDP' is a WebSocket")
    assert lines[0].endswith("recognised but not checked")
    assert lines[1].startswith(f"{path}:4: warning: ?/client /message:")
    assert "did you mean 'notifyStreamStatusEvent'?" in lines[1]
    assert lines[2].startswith(f"{path}:5: error: ?/client [FailFrame] /data/0/apiMethod:")
    assert "3 payloads: 2 valid, 1 invalid, 2 with warnings" in lines[-1]
    code, out, _ = run(capsys, "--strict", str(path))
    # positional frames are recognised: a warning even in strict mode, never an unknown message
    assert "3 payloads: 1 valid, 2 invalid" in out.splitlines()[-1]
    keep_alive = write(tmp_path / "ping.json", {"message": "ping"})
    code, out, _ = run(capsys, keep_alive)
    assert (code, out.splitlines()[-1].split(" (")[0]) == (0, "ok: 0 payloads: 0 valid, 0 invalid")


def test_methods_lists_the_catalogue_as_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["methods", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    names = {n for row in rows for n in (row["name"], *row["aliases"])}
    assert {"connect", "playRTSP", "StreamEvent", "sendDtmf", "submitBugReport"} <= names
    assert {"ErrorStatusEvent", "pauseStream", "SessionDebugStatusEvent", "sendIMDN"} <= names
    connect = next(row for row in rows if row["name"] == "connect")
    assert connect["kind"] == "connect"
    assert connect["directions"] == ["request", "response", "client"]
    assert main(["methods"]) == 0
    table = capsys.readouterr().out.splitlines()
    assert table[0].split() == ["METHOD", "KIND", "DIRECTIONS", "ALIASES", "WEBSOCKET", "MESSAGES"]
    assert table[1].split()[-1] == "connect,connection"
    assert table[-1] == (
        "44 methods; the messages ping and pong carry none; notifyAudioCodec, notifyVideoFormat,"
        " setRemoteSDP carry positional data (recognised, not checked)"
    )
    listed = " ".join(table)
    for message in ("getUserData", "notifyTryingResponse", "ring", "talk", "finish"):
        assert message in listed
    assert "notifyTransferEvent" in listed
    assert "availableStream" in listed
    call_status = next(row for row in rows if row["name"] == "CallStatusEvent")
    assert "hold" in call_status["serverMessages"]


def test_a_folder_stands_for_the_captures_in_it(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    nested = tmp_path / "day1" / "node2"
    nested.mkdir(parents=True)
    envelope = {"method": "hangup", "direction": "request", "body": {**REQUEST, "callId": "c1"}}
    write(tmp_path / "a.json", envelope)
    write(nested / "b.json", envelope)
    write(nested / "EXPORT.JSON", envelope)  # saved by Windows tools: the suffix in capitals
    (nested / "notes.txt").write_text("not a capture")
    code, out, _ = run(capsys, str(tmp_path))
    assert code == 0
    assert "3 payloads: 3 valid" in out.splitlines()[-1]
    empty = tmp_path / "empty"
    empty.mkdir()
    code, out, _ = run(capsys, str(empty))
    assert code == 2
    assert "is a directory" in out
