"""`wcs-contract validate` against hostile captures: every problem is reported for its item, the
rest is still checked, and time and memory stay bounded (issue 10)."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path
from typing import Any

import orjson
import pytest

from wcs_contract import batch
from wcs_contract.cli import main
from wcs_contract.reporters import Summary

NODE = "Q7m2xKd9LpR3vTnB8cWzY4hJ6sFgA1eU@10.0.0.5"
BODY = {"nodeId": NODE, "appKey": "defaultApp", "sessionId": "s-1"}
STATUS = {**BODY, "status": "ESTABLISHED"}


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["validate", "--quiet", *args])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def har(*entries: dict[str, Any]) -> bytes:
    return orjson.dumps({"log": {"version": "1.2", "entries": list(entries)}})


def entry(url: str, body: Any) -> dict[str, Any]:
    text = body if isinstance(body, str) else orjson.dumps(body).decode()
    return {
        "request": {"method": "POST", "url": url, "postData": {"text": text}},
        "response": {"status": 200, "content": {}},
    }


def envelope(body: Any, method: str = "connect", direction: str = "request") -> dict[str, Any]:
    return {"method": method, "direction": direction, "body": body}


# --- URLs that do not parse ---------------------------------------------------------------------


def test_a_har_url_that_does_not_parse_spoils_its_entry_only(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    capture = tmp_path / "capture.har"
    capture.write_bytes(
        har(
            entry("http://[::1/app/connect", BODY),
            entry("http://h/app/connect", BODY),
            entry("http://h/app/connect", {**BODY, "nodeId": 5}),
        )
    )
    other = tmp_path / "other.json"
    other.write_text(json.dumps(envelope(BODY)))
    code, out, _ = run(capsys, str(capture), str(other))
    assert code == 2
    assert "/log/entries/0/request: the URL 'http://[::1/app/connect' does not parse" in out
    assert "/log/entries/2/request" in out  # the entry after it is still checked
    assert "3 payloads: 2 valid, 1 invalid, 1 unreadable" in out.splitlines()[-1]


def test_a_log_url_that_does_not_parse_spoils_its_block_only(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    block = "11:02:13,402 INFO RestClient - SEND REST OBJECT ==>\nURL:{url}\nOBJECT:\n{body}\n"
    body = json.dumps(BODY)
    log = tmp_path / "flashphoner.log"
    log.write_text(
        block.format(url="http://[::1/apps/EchoApp/connect", body=body)
        + block.format(url="http://h/apps/EchoApp/connect", body=body)
    )
    code, out, _ = run(capsys, str(log))
    assert code == 2
    assert f"{log}:1: unreadable: in the SEND REST OBJECT block at line 1: the URL" in out
    assert "1 payload: 1 valid, 0 invalid, 1 unreadable" in out.splitlines()[-1]


# --- issues per payload are capped --------------------------------------------------------------


@pytest.mark.parametrize(
    "body",
    [
        pytest.param({**BODY, "mediaProviders": [1] * 300_000}, id="wrong-items"),
        pytest.param({**BODY, **{f"x{i}": 1 for i in range(300_000)}}, id="unknown-fields"),
    ],
)
@pytest.mark.parametrize("output", ["text", "json"])
def test_a_body_with_300000_wrong_items_gives_a_short_report_fast(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, body: dict[str, Any], output: str
) -> None:
    capture = tmp_path / "big.json"
    capture.write_bytes(orjson.dumps(envelope(body)))
    started = time.perf_counter()
    code, out, _ = run(capsys, "--strict", "--format", output, str(capture))
    elapsed = time.perf_counter() - started
    assert code == 1
    if output == "json":
        issues = json.loads(out)["issues"]
        assert len(issues) == 101
        last = issues[-1]["message"]
    else:
        assert len(out.splitlines()) == 102  # 100 issues, the rest counted, the summary
        last = out.splitlines()[-2]
    assert "more issues in this payload (only the first 100 are reported)" in last
    assert elapsed < 4, elapsed  # before the cap: over 5 s (jsonschema-rs finds every error)


def test_errors_beyond_the_first_elements_are_still_an_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    capture = tmp_path / "late.json"
    capture.write_bytes(orjson.dumps(envelope({**BODY, "mediaProviders": ["WebRTC"] * 500 + [1]})))
    code, out, _ = run(capsys, str(capture))
    assert code == 1
    assert "beyond the first 100 elements of /mediaProviders" in out


# --- control characters from captures -----------------------------------------------------------

FORGED = "connect\x1b[2J\x1b]0;pwned\x07\n::error file=x::forged\r"


@pytest.mark.parametrize("output", ["text", "github", "junit"])
def test_control_characters_from_a_capture_are_escaped(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, output: str
) -> None:
    folder = tmp_path / "caps\x1b[31m"
    folder.mkdir()
    named = folder / "evil\x1b]0;x\x07\nname.json"
    named.write_text(json.dumps(envelope({**BODY, "nodeId": 5})))
    unknown = folder / "unknown.json"
    unknown.write_text(json.dumps(envelope(BODY, method=FORGED)))
    log = folder / "bad.log"
    log.write_text(f"SEND REST OBJECT ==>\nURL:http://h/app/{FORGED[:-2]}\nOBJECT:\n{{}}\n")
    code, out, _ = run(capsys, "--format", output, str(folder))
    assert code in (1, 2)
    assert "\x1b" not in out
    assert "\x07" not in out
    assert "\r" not in out
    lines = out.splitlines()
    if output == "github":
        assert all(line.startswith(("::error ", "::warning ", "wcs-contract:")) for line in lines)
        assert sum("forged" in line for line in lines) >= 1
    elif output == "text":
        assert not any(line.startswith("::error") for line in lines)
        assert "\\x1b[2J" in out
    else:
        from xml.etree import ElementTree

        ElementTree.fromstring(out)  # well-formed: no control character XML 1.0 forbids


# --- --jobs -------------------------------------------------------------------------------------


def test_jobs_are_capped_at_the_usable_cores(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[int] = []

    def record(paths: list[str], reporter: Any, options: batch.Options, *args: Any) -> Any:
        seen.append(options.jobs)
        return Summary()

    monkeypatch.setattr(batch, "validate_paths", record)
    capture = tmp_path / "c.json"
    capture.write_text(json.dumps(envelope(BODY)))
    run(capsys, "--jobs", "500", str(capture))
    assert seen == [len(os.sched_getaffinity(0))]
