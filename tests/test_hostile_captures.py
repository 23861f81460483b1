"""`wcs-contract validate` against hostile captures: every problem is reported for its item, the
rest is still checked, and time and memory stay bounded (issue 10)."""

from __future__ import annotations

import json
import os
import resource
import signal
import subprocess
import sys
import time
from contextlib import suppress
from pathlib import Path
from subprocess import DEVNULL
from typing import Any

import orjson
import pytest

from wcs_contract import batch, inputs
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


def test_a_password_in_a_quoted_url_is_hidden(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    capture = tmp_path / "capture.har"
    capture.write_bytes(har(entry("http://admin:pw-very-secret@[::1/app/connect", BODY)))
    log = tmp_path / "flashphoner.log"
    log.write_text(
        "SEND REST OBJECT ==>\nURL:http://admin:pw-very-secret@backend:8081/\n"
        f"OBJECT: {json.dumps(BODY)}\n"
    )
    code, out, _ = run(capsys, str(capture), str(log))
    assert code == 2
    assert "very-secret" not in out
    assert out.count("http://admin:***@") == 2


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
    assert elapsed < 8, elapsed  # before the cap: 10 s and more (jsonschema-rs finds every error)


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


@pytest.mark.parametrize("output", ["text", "json", "junit", "github"])
def test_a_file_name_that_is_not_utf8_is_reported_in_every_format(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, output: str
) -> None:
    named = tmp_path / os.fsdecode(b"latin1-caf\xe9.json")  # a name written by a Latin-1 system
    named.write_text(json.dumps(envelope({**BODY, "nodeId": 5})))
    code, out, err = run(capsys, "--format", output, str(named))
    assert code == 1
    assert "internal error" not in err
    shown = json.loads(out)["issues"][0]["source"] if output == "json" else out
    assert "caf\\udce9.json" in shown


def test_a_wrong_value_nested_hundreds_deep_is_one_issue_and_the_rest_is_checked(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    deep = "[" * 300 + "]" * 300  # JSON reads it; jsonschema-rs cannot hand it back
    capture = tmp_path / "deep.jsonl"
    body = json.dumps(BODY)[1:-1]
    capture.write_text(
        f'{{"message": "fail", "data": [{{"status": {deep}}}]}}\n'
        f'{{"method": "connect", "direction": "request", "body": {{{body}, "nodeId": {deep}}}}}\n'
        f'{{"message": "connection", "data": [{{"sipLogin": {deep}}}]}}\n'
        + json.dumps(envelope({**BODY, "nodeId": 5}))
    )
    code, out, err = run(capsys, str(capture))
    assert code == 1
    assert "internal error" not in err
    assert out.count("nests too deeply") == 3
    assert "Recursion limit" not in out
    assert "deep.jsonl:4: error: connect/request [ConnectRequest] /nodeId" in out


# --- --jobs -------------------------------------------------------------------------------------


def test_jobs_are_capped_at_the_usable_cores(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[int] = []

    def record(
        paths: list[str], reporter: Any, options: batch.Options, *args: Any, **kwargs: Any
    ) -> Any:
        seen.append(options.jobs)
        return Summary()

    monkeypatch.setattr(batch, "validate_paths", record)
    capture = tmp_path / "c.json"
    capture.write_text(json.dumps(envelope(BODY)))
    run(capsys, "--jobs", "500", str(capture))
    assert seen == [len(os.sched_getaffinity(0))]


# --- memory stays flat --------------------------------------------------------------------------

ROOT = Path(__file__).resolve().parents[1]
BAD_LINE = orjson.dumps(envelope({**BODY, "nodeId": 5})) + b"\n"


@pytest.mark.slow
@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGKILL], ids=["TERM", "KILL"])
def test_stopping_the_run_stops_its_workers(tmp_path: Path, stop: signal.Signals) -> None:
    # `timeout`, a cancelled CI job, systemd or the OOM killer stop the run: the worker
    # processes of --jobs went on alone, orphaned for good (waiting for work no one sends).
    capture = tmp_path / "bad.jsonl"
    capture.write_bytes(BAD_LINE * 1000)
    started = tmp_path / "started"
    started.mkdir()
    code = (
        "import os, time\n"
        "from pathlib import Path\n"
        "from wcs_contract import batch\n"
        "from wcs_contract.cli import main\n"
        "check = batch._check_range\n"
        "def slow(*args):\n"
        f"    Path({str(started)!r}, str(os.getpid())).touch()\n"
        "    time.sleep(2)\n"
        "    return check(*args)\n"
        "batch._check_range = slow\n"
        "batch.PARALLEL_MIN_BYTES = 1\n"
        f"raise SystemExit(main(['validate', '--quiet', '--jobs', '2', {str(capture)!r}]))\n"
    )
    errors = tmp_path / "stderr"
    with errors.open("wb") as stderr:  # not a pipe: orphaned workers would hold it open
        process = subprocess.Popen([sys.executable, "-c", code], stdout=DEVNULL, stderr=stderr)
    workers: list[int] = []
    try:
        while len(workers) < 2 and process.poll() is None:
            workers = [int(p.name) for p in started.iterdir()]
        process.send_signal(stop)
        process.wait(timeout=120)
        err = errors.read_text()
        if stop == signal.SIGTERM:
            assert process.returncode == 143, err
            assert "Traceback" not in err
            assert "wcs-contract: terminated" in err
            assert [pid for pid in workers if _alive(pid)] == []
        else:  # the kernel kills them too (PR_SET_PDEATHSIG): soon, not at once
            deadline = time.monotonic() + 60  # a safeguard; they go within milliseconds
            while any(_alive(pid) for pid in workers) and time.monotonic() < deadline:
                time.sleep(0.05)
            assert [pid for pid in workers if _alive(pid)] == []
    finally:
        process.kill()
        for pid in workers:
            with suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)


def _alive(pid: int) -> bool:
    """Whether `pid` runs (a zombie waiting for init to reap it has ended)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False
    return "\nState:\tZ" not in status


@pytest.mark.parametrize("output", ["text", "json", "junit", "github"])
def test_memory_stays_flat_on_the_parallel_path_in_every_format(
    tmp_path: Path, output: str
) -> None:
    # 9 MB of invalid lines, checked by two workers in ranges as the 1 GB promise is: before,
    # the JSON and JUnit reporters kept every issue (about 170 and 115 MiB peak here), and the
    # workers' results piled up in the parent (about 80 MiB for text).
    capture = tmp_path / "bad.jsonl"
    capture.write_bytes(BAD_LINE * 100_000)
    peaks = tmp_path / "peaks"
    # VmHWM, not ru_maxrss: the latter keeps the RSS of the forked pytest process before exec.
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from wcs_contract import batch\n"
        "from wcs_contract.cli import main\n"
        "def peak():\n"
        "    status = Path('/proc/self/status').read_text().splitlines()\n"
        "    kib = next(int(s.split()[1]) for s in status if s.startswith('VmHWM:'))\n"
        f"    with Path({str(peaks)!r}).open('a') as out:\n"
        "        out.write(f'{kib}\\n')\n"
        "check = batch._check_range\n"
        "def measured(*args):\n"
        "    result = check(*args)\n"
        "    peak()\n"
        "    return result\n"
        "batch._check_range = measured\n"
        "batch.PARALLEL_MIN_BYTES = 1\n"
        "batch.RANGE_BYTES = 256 * 1024\n"
        f"code = main(['validate', '--quiet', '--jobs', '2', '--format', {output!r},"
        f" {str(capture)!r}])\n"
        "peak()\n"
        "sys.exit(code)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 1, result.stderr
    *workers, parent = (int(kib) for kib in peaks.read_text().split())
    assert workers
    assert parent < 60 * 1024, f"the parent's peak RSS: {parent / 1024:.0f} MiB"
    assert max(workers) < 60 * 1024, f"a worker's peak RSS: {max(workers) / 1024:.0f} MiB"


# --- input that is not text, or too big to hold -------------------------------------------------


def _limited() -> None:
    # Should a reader hold all it reads again, it fails here rather than exhaust the machine.
    resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))


def validate_stdin(source: Any, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", "from wcs_contract.cli import entry; entry()", "validate", *args],
        stdin=source,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        preexec_fn=_limited,
    )


def test_dev_zero_on_stdin_is_refused_early() -> None:
    with Path("/dev/zero").open("rb") as zero:
        result = validate_stdin(zero, "-")
    assert result.returncode == 2
    assert "<stdin>:1:1: unreadable: binary data (a NUL byte at byte offset 0)" in result.stdout
    assert "Traceback" not in result.stderr


def test_gigabytes_without_a_newline_on_stdin_are_refused_early() -> None:
    process = subprocess.Popen(
        [sys.executable, "-c", "from wcs_contract.cli import entry; entry()", "validate", "-"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        preexec_fn=_limited,
    )
    assert process.stdin is not None
    block = b"a" * (1 << 20)
    sent = 0
    with suppress(BrokenPipeError):
        while sent < 512 << 20 and process.poll() is None:
            process.stdin.write(block)
            sent += len(block)
    with suppress(BrokenPipeError):
        process.stdin.close()
    assert process.stdout is not None
    assert process.stderr is not None
    with process.stdout, process.stderr:
        out = process.stdout.read()
        assert b"Traceback" not in process.stderr.read()
    assert process.wait(timeout=60) == 2
    assert b"no line break in the first 1 MiB, and not JSON" in out
    assert sent < 64 << 20  # it stopped reading long before


def test_a_long_line_without_a_newline_in_a_file_is_refused_early(tmp_path: Path) -> None:
    capture = tmp_path / "capture.txt"
    capture.write_bytes(b"x" * (3 << 20))
    code, out, _ = run_main(str(capture))
    assert code == 2
    assert "no line break in the first 1 MiB" in out


def run_main(*args: str) -> tuple[int, str, str]:
    from io import StringIO
    from unittest import mock

    out, err = StringIO(), StringIO()
    with mock.patch("sys.stdout", out), mock.patch("sys.stderr", err):
        code = main(["validate", "--quiet", *args])
    assert "Traceback" not in out.getvalue() + err.getvalue()
    return code, out.getvalue(), err.getvalue()


def test_a_jsonl_line_too_long_to_hold_is_reported_and_the_rest_checked(tmp_path: Path) -> None:
    huge = orjson.dumps(envelope({**BODY, "name": "x" * (17 << 20)}, method="publishStream"))
    capture = tmp_path / "capture.jsonl"
    good = orjson.dumps(envelope(BODY)) + b"\n"
    capture.write_bytes(good + huge + b"\n" + good + BAD_LINE)
    code, out, _ = run_main(str(capture))
    assert code == 2
    assert f"{capture}:2:1: unreadable: a line longer than 16 MiB: not read" in out
    assert f"{capture}:4:" in out
    assert "3 payloads: 2 valid, 1 invalid, 1 unreadable" in out.splitlines()[-1]


def test_cutting_a_long_line_into_ranges_never_holds_the_line(tmp_path: Path) -> None:
    # --jobs cuts big JSONL files into ranges at line starts; finding the next line start read
    # the line it falls in whole (300 MB for a 300 MB line: 600 MB RSS with --jobs 2).
    import tracemalloc

    capture = tmp_path / "capture.jsonl"
    with capture.open("wb") as out:
        out.write(b'{"body": "')
        for _ in range(32):
            out.write(b"y" * (1 << 20))
        out.write(b'"}\n' + BAD_LINE)
    tracemalloc.start()
    try:
        ranges = inputs.split_ranges(str(capture), 4)
        after = list(inputs.read_jsonl_range(str(capture), 5 << 20, None))  # starts in line 1
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 4 << 20
    assert len(ranges) == 2  # the starts inside line 1 all move to line 2
    assert [(item.line, type(item).__name__) for item in after] == [(2, "Payload")]


def test_a_json_document_too_big_to_hold_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from wcs_contract.inputs import json_document

    monkeypatch.setattr(json_document, "MAX_DOCUMENT_BYTES", 1000)
    document = tmp_path / "big.har"
    document.write_bytes(har(*[entry("http://h/app/connect", BODY)] * 20))
    code, out, _ = run_main(str(document))
    assert code == 2
    assert "a JSON document larger than 0 MiB: not read" in out
    lines = tmp_path / "lines.json"  # JSON Lines saved as .json: streamed, not refused
    lines.write_bytes(orjson.dumps(envelope(BODY)) + b"\n" + BAD_LINE * 30)
    code, out, _ = run_main(str(lines))
    assert code == 1
    assert "31 payloads: 1 valid, 30 invalid" in out.splitlines()[-1]


@pytest.mark.parametrize("suffix", [".json", ".jsonl", ".har", ".dump"])
@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_with_a_byte_order_mark_has_its_own_message(
    tmp_path: Path, suffix: str, encoding: str
) -> None:
    text = json.dumps(envelope(BODY)) + "\n" + json.dumps(envelope(BODY)) + "\n"
    capture = tmp_path / f"capture{suffix}"
    capture.write_bytes("\ufeff".encode(encoding) + text.encode(encoding))
    code, out, _ = run_main(str(capture))
    assert code == 2
    lines = out.splitlines()
    assert len(lines) == 2, lines  # one message for the file, then the summary
    order, mark = ("little", "FF FE") if encoding.endswith("le") else ("big", "FE FF")
    assert f"UTF-16 text (a {order}-endian byte order mark {mark}), not UTF-8" in lines[0]
    assert "iconv -f UTF-16 -t UTF-8" in lines[0]


def test_utf16_on_the_parallel_path_is_one_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(batch, "PARALLEL_MIN_BYTES", 1)
    text = (json.dumps(envelope(BODY)) + "\n") * 2000
    capture = tmp_path / "capture.jsonl"
    capture.write_bytes("\ufeff".encode("utf-16-le") + text.encode("utf-16-le"))
    code, out, _ = run_main("--jobs", "2", str(capture))
    assert code == 2
    assert len(out.splitlines()) == 2


@pytest.mark.parametrize("number", ["1e400", "-1e400", "9" * 5000, "-" + "1" * 5000])
@pytest.mark.parametrize("suffix", [".json", ".jsonl"])
def test_numbers_out_of_range_have_their_own_message(
    tmp_path: Path, number: str, suffix: str
) -> None:
    capture = tmp_path / f"capture{suffix}"
    good = json.dumps(envelope(BODY))
    capture.write_text(good[:-1] + f', "status": {number}}}' + "\n")
    code, out, _ = run_main(str(capture))
    assert code == 2
    assert "unreadable: a number out of range (such as 1e400" in out
    assert "write such a value as a string" in out


def test_one_lone_surrogate_spoils_one_har_entry_not_the_file(tmp_path: Path) -> None:
    document = har(
        entry("http://h/app/connect", BODY),
        entry("http://h/app/connect", '{"nodeId": "LONE", "appKey": "a", "sessionId": "s"}'),
        entry("http://h/app/connect", {**BODY, "nodeId": 5}),
    )
    capture = tmp_path / "capture.har"
    capture.write_bytes(document.replace(b"LONE", b"\\ud800"))
    code, out, _ = run_main(str(capture))
    assert code == 2
    assert "/log/entries/1/request (postData.text): a lone UTF-16 surrogate ('\\ud800')" in out
    assert "/log/entries/2/request" in out
    assert "2 payloads: 1 valid, 1 invalid, 1 unreadable" in out.splitlines()[-1]


# --- folders, FIFOs and other files that are not regular ----------------------------------------


def test_an_unreadable_subfolder_is_reported_never_skipped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "a.json").write_text(json.dumps(envelope(BODY)))
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "b.json").write_text(json.dumps(envelope({**BODY, "nodeId": 5})))
    (tmp_path / "z.json").write_text(json.dumps(envelope(BODY)))
    real_scandir = os.scandir

    def scandir(path: Any = ".") -> Any:
        if Path(path) == locked:  # the tests run as root, who can read anything: simulate
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    code, out, _ = run_main(str(tmp_path))
    assert code == 2
    assert f"{locked}: unreadable: permission denied: cannot list the folder" in out
    assert "2 payloads: 2 valid, 0 invalid, 1 unreadable" in out.splitlines()[-1]


def test_a_linked_subfolder_is_not_skipped_silently(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    elsewhere = tmp_path / "archive"
    elsewhere.mkdir()
    (elsewhere / "bad.json").write_text(json.dumps(envelope({**BODY, "nodeId": 5})))
    captures = tmp_path / "captures"
    captures.mkdir()
    (captures / "a.json").write_text(json.dumps(envelope(BODY)))
    (captures / "day2").symlink_to(elsewhere, target_is_directory=True)
    code, out, err = run(capsys, str(captures))
    assert code == 0  # as before: links are not followed (they may loop)
    assert "1 payload: 1 valid" in out
    assert (
        f"warning: {captures / 'day2'}: a link to a folder, not followed: its captures were"
        " not checked" in err
    )


def test_fifos_are_skipped_with_a_warning(tmp_path: Path) -> None:
    (tmp_path / "a.json").write_text(json.dumps(envelope(BODY)))
    os.mkfifo(tmp_path / "pipe.json")  # nobody writes to it: reading it would never end
    os.mkfifo(tmp_path / "named.jsonl")
    result = validate_stdin(
        subprocess.DEVNULL, "--quiet", str(tmp_path), str(tmp_path / "named.jsonl")
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 payload: 1 valid" in result.stdout
    for name in ("pipe.json", "named.jsonl"):
        assert (
            f"wcs-contract validate: warning: {tmp_path / name}: a FIFO, not a regular file:"
            " skipped" in result.stderr
        )
    assert "Traceback" not in result.stderr


def test_a_device_is_skipped_with_a_warning() -> None:
    result = validate_stdin(subprocess.DEVNULL, "--quiet", "/dev/zero")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 payloads" in result.stdout
    assert "/dev/zero: a device, not a regular file: skipped" in result.stderr


def test_stdin_that_is_neither_json_nor_a_log_is_told_from_its_first_line(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from io import BytesIO, TextIOWrapper

    from wcs_contract.inputs import Unreadable, read

    noise = b"\n\n" + b"noise line\n" * 200_000  # over 1 MiB, no marker anywhere
    monkeypatch.setattr(sys, "stdin", TextIOWrapper(BytesIO(noise)))
    (item,) = read("-")
    assert isinstance(item, Unreadable)
    assert (item.line, item.column) == (3, 1)
    assert item.message.startswith("invalid JSON")
