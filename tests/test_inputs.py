"""The input readers (wcs_contract.inputs): every format, and every kind of bad input."""

from __future__ import annotations

import base64
import gzip
import io
import itertools
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson
import pytest

from wcs_contract.inputs import (
    Clean,
    Item,
    Payload,
    Unreadable,
    first_lines,
    read,
    read_jsonl_range,
    split_ranges,
)
from wcs_contract.inputs import files as input_files
from wcs_contract.resources import schemas_dir

DATA = Path(__file__).parent / "data" / "inputs"
EXAMPLES = schemas_dir() / "methods" / "ConnectionStatusEvent" / "examples"
NODE = "Q7m2xKd9LpR3vTnB8cWzY4hJ6sFgA1eU@10.0.0.5"
BODY = {"nodeId": NODE, "appKey": "defaultApp", "sessionId": "s-1", "status": "ESTABLISHED"}
FRAME = {"message": "ConnectionStatusEvent", "data": [{"status": "ESTABLISHED"}]}


def envelope(
    method: str = "ConnectionStatusEvent", direction: str = "request", **extra: Any
) -> bytes:
    return orjson.dumps({"method": method, "direction": direction, **extra, "body": BODY})


def write(tmp_path: Path, name: str, data: bytes | str) -> str:
    path = tmp_path / name
    path.write_bytes(data.encode() if isinstance(data, str) else data)
    return str(path)


def items(path: str, **kwargs: Any) -> list[Item]:
    return list(read(path, **kwargs))


def only(path: str, **kwargs: Any) -> Item:
    (item,) = items(path, **kwargs)
    return item


def unreadable(path: str, **kwargs: Any) -> Unreadable:
    item = only(path, **kwargs)
    assert isinstance(item, Unreadable), item
    assert "Traceback" not in item.message
    return item


def payload(path: str, **kwargs: Any) -> Payload:
    item = only(path, **kwargs)
    assert isinstance(item, Payload), item
    return item


def feed_stdin(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))


# --- .json documents ---------------------------------------------------------------------------


def test_the_projects_example_envelopes_are_read_as_they_are() -> None:
    refusal = payload(str(EXAMPLES / "response" / "valid" / "refusal.json"))
    assert refusal == Payload(
        str(EXAMPLES / "response" / "valid" / "refusal.json"),
        1,
        {"status": 403, "reason": "Not allowed at this hour"},
        "ConnectionStatusEvent",
        "response",
        403,
    )
    frame = payload(str(EXAMPLES / "client" / "valid" / "fail-frame.json"))
    assert (frame.method, frame.direction, frame.http_status) == (
        "ConnectionStatusEvent",
        "client",
        None,
    )
    assert frame.body["message"] == "fail"


def test_envelope_fields_win_over_the_arguments_which_fill_the_gaps(tmp_path: Path) -> None:
    full = write(tmp_path, "full.json", envelope("connect", "response", status=200))
    got = payload(full, method="call", direction="request")
    assert (got.method, got.direction, got.http_status, got.body) == (
        "connect",
        "response",
        200,
        BODY,
    )
    partial = write(tmp_path, "partial.json", orjson.dumps({"method": "connect", "body": BODY}))
    assert payload(partial, direction="request").direction == "request"
    no_method = write(
        tmp_path, "no-method.json", orjson.dumps({"direction": "request", "body": BODY})
    )
    assert payload(no_method, method="sendDtmf").method == "sendDtmf"


def test_envelope_without_method_or_direction_says_how_to_give_them(tmp_path: Path) -> None:
    path = write(tmp_path, "e.json", orjson.dumps({"direction": "request", "body": BODY}))
    problem = unreadable(path)
    assert (problem.line, problem.column) == (1, 1)
    assert 'has no "method"' in problem.message
    assert "--method" in problem.message
    path = write(tmp_path, "d.json", orjson.dumps({"method": "connect", "body": BODY}))
    assert 'has no "direction"' in unreadable(path).message


@pytest.mark.parametrize(
    ("envelope_fields", "words"),
    [
        ({"method": "connect", "direction": "sideways"}, ['"direction" "sideways"', '"request"']),
        ({"method": 7, "direction": "request"}, ['"method" that is an integer', "wire name"]),
        (
            {"method": "connect", "direction": "response", "status": "403"},
            ['"status" is "403"', "integer"],
        ),
        ({"method": "connect", "direction": "response", "status": True}, ['"status" is a boolean']),
    ],
)
def test_bad_envelope_fields_are_named(
    tmp_path: Path, envelope_fields: dict[str, Any], words: list[str]
) -> None:
    path = write(tmp_path, "e.json", b"\n\n" + orjson.dumps({**envelope_fields, "body": BODY}))
    problem = unreadable(path)
    assert (problem.line, problem.column) == (3, 1)
    for word in words:
        assert word in problem.message


def test_a_frame_is_a_client_payload_named_by_its_message(tmp_path: Path) -> None:
    got = payload(
        write(tmp_path, "f.json", orjson.dumps(FRAME)), method="call", direction="request"
    )
    assert got == Payload(got.source, 1, FRAME, "ConnectionStatusEvent", "client")
    connection = {"message": "connection", "data": [{"appKey": "defaultApp"}]}
    assert payload(write(tmp_path, "c.json", orjson.dumps(connection))).method == "connect"
    incoming = {"message": "notifyIncomingCall", "data": [{"callId": "1"}]}
    assert payload(write(tmp_path, "i.json", orjson.dumps(incoming))).method == "OnCallEvent"
    old_sdk = {"message": "registered"}  # older SDKs omit an empty data
    assert (
        payload(write(tmp_path, "o.json", orjson.dumps(old_sdk))).method
        == "RegistrationStatusEvent"
    )


def test_a_fail_frame_is_named_by_its_api_method(tmp_path: Path) -> None:
    fail = {
        "message": "fail",
        "data": [{"status": "FAILED", "info": "Forbidden", "apiMethod": "playStream"}],
    }
    got = payload(write(tmp_path, "f.json", orjson.dumps(fail)))
    assert (got.method, got.direction, got.body) == ("playStream", "client", fail)
    anonymous = {"message": "fail", "data": [{"status": "FAILED", "info": "Forbidden"}]}
    path = write(tmp_path, "a.json", orjson.dumps(anonymous))
    # The frame does not say: the validator gets no method (or the user's) and reports the frame.
    assert payload(path).method is None
    assert payload(path, method="connect").method == "connect"
    unknown = {"message": "notifySomethingNew", "data": [{}]}
    assert payload(write(tmp_path, "u.json", orjson.dumps(unknown))).method is None


def test_a_bare_body_takes_method_and_direction_from_the_arguments(tmp_path: Path) -> None:
    path = write(tmp_path, "b.json", b"  \n" + orjson.dumps(BODY, option=orjson.OPT_INDENT_2))
    assert payload(path, method="connect", direction="request") == Payload(
        path, 2, BODY, "connect", "request"
    )


@pytest.mark.parametrize(
    ("kwargs", "missing"),
    [
        ({}, "no --method and --direction"),
        ({"method": "connect"}, "no --direction"),
        ({"direction": "request"}, "no --method"),
    ],
)
def test_a_bare_body_without_method_or_direction_shows_the_envelope(
    tmp_path: Path, kwargs: dict[str, str], missing: str
) -> None:
    problem = unreadable(write(tmp_path, "b.json", orjson.dumps(BODY)), **kwargs)
    assert (problem.line, problem.column) == (1, 1)
    assert missing in problem.message
    assert "--method NAME --direction request|response|client" in problem.message
    assert '{"method": "connect", "direction": "request", "body": {...}}' in problem.message


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("[1, 2]", "an array"),
        ('"connect"', "a string"),
        ("42", "an integer"),
        ("4.2", "a number"),
        ("null", "null"),
        ("true", "a boolean"),
    ],
)
def test_a_top_level_non_object_is_not_a_body(tmp_path: Path, text: str, kind: str) -> None:
    problem = unreadable(
        write(tmp_path, "t.json", "\n  " + text), method="connect", direction="request"
    )
    assert (problem.line, problem.column) == (2, 3)
    assert f"the document is {kind}, not an object" in problem.message
    assert "expected a JSON object (an envelope" in problem.message


def test_a_json_file_holding_json_lines_is_read_line_by_line(tmp_path: Path) -> None:
    path = write(tmp_path, "several.json", envelope() + b"\n" + envelope("connect") + b"\n")
    assert [(i.line, i.method) for i in items(path) if isinstance(i, Payload)] == [
        (1, "ConnectionStatusEvent"),
        (2, "connect"),
    ]


def test_a_byte_order_mark_is_ignored(tmp_path: Path) -> None:
    assert payload(write(tmp_path, "bom.json", b"\xef\xbb\xbf" + envelope())).body == BODY
    bom_lines = write(
        tmp_path, "bom.jsonl", b"\xef\xbb\xbf" + envelope() + b"\n" + envelope() + b"\n"
    )
    assert [i.line for i in items(bom_lines) if isinstance(i, Payload)] == [1, 2]


# --- bad input -------------------------------------------------------------------------------


def test_truncated_json(tmp_path: Path) -> None:
    problem = unreadable(write(tmp_path, "t.json", b'{\n  "method": "connect",\n  "body": {"a'))
    assert (problem.line, problem.column) == (3, 14)
    assert problem.message.startswith("truncated JSON: the input ends before the value is complete")


def test_invalid_utf8_names_the_byte(tmp_path: Path) -> None:
    path = write(tmp_path, "latin1.json", b'{"method": "connect",\n "body": {"info": "caf\xe9"}}')
    problem = unreadable(path)
    assert (problem.line, problem.column) == (2, 23)
    assert "invalid UTF-8 (byte 0xe9 at byte offset 44)" in problem.message
    assert "re-encode" in problem.message


@pytest.mark.parametrize("literal", ["NaN", "Infinity", "-Infinity"])
def test_nan_and_infinity_are_not_json(tmp_path: Path, literal: str) -> None:
    path = write(tmp_path, "n.json", '{"method": "call",\n "body": {"width": ' + literal + "}}")
    problem = unreadable(path)
    assert (problem.line, problem.column) == (2, 20)
    assert problem.message.startswith(f"{literal} is not JSON: JSON has no NaN or Infinity")
    assert "null or a string" in problem.message


@pytest.mark.parametrize("content", [b"", b" \n\t\r\n"])
def test_an_empty_file(tmp_path: Path, content: bytes) -> None:
    problem = unreadable(write(tmp_path, "empty.json", content))
    assert (problem.line, problem.column) == (1, 1)
    assert problem.message.startswith("empty file: expected a JSON object (an envelope")


def test_binary_garbage(tmp_path: Path) -> None:
    problem = unreadable(write(tmp_path, "garbage.json", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"))
    assert (problem.line, problem.column) == (3, 1)
    assert "binary data (a NUL byte at byte offset 8), not JSON text" in problem.message
    problem = unreadable(write(tmp_path, "capture.json", gzip.compress(envelope())))
    assert (problem.line, problem.column) == (1, 1)
    assert "gzip-compressed data" in problem.message
    assert "zcat" in problem.message


def test_garbage_text_is_invalid_json(tmp_path: Path) -> None:
    problem = unreadable(write(tmp_path, "x.json", b"{'method': 'connect'}"))
    assert (problem.line, problem.column) == (1, 2)
    assert problem.message.startswith("invalid JSON (")
    assert "expected a JSON object" in problem.message


def test_deep_nesting(tmp_path: Path) -> None:
    problem = unreadable(write(tmp_path, "deep.json", b"[" * 100_000 + b"]" * 100_000))
    assert (problem.line, problem.column) == (1, 1026)
    assert "nested deeper than 1024 levels" in problem.message
    deep_line = b'{"method": "connect", "direction": "request", "body": ' + b"[" * 2000 + b"\n"
    path = write(tmp_path, "deep.jsonl", deep_line + envelope() + b"\n")
    first, second = items(path)
    assert isinstance(first, Unreadable)
    assert (first.line, "nested deeper than 1024 levels" in first.message) == (1, True)
    assert isinstance(second, Payload)
    assert second.line == 2


def test_missing_file_and_directory(tmp_path: Path) -> None:
    for name in ("missing.json", "missing.jsonl", "missing.har", "missing.log", "missing.txt"):
        problem = unreadable(str(tmp_path / name))
        assert (problem.source, problem.line, problem.column) == (str(tmp_path / name), 0, 0)
        assert problem.message.startswith("no such file")
    for name in ("dir.json", "dir.jsonl", "dir"):
        (tmp_path / name).mkdir()
        problem = unreadable(str(tmp_path / name))
        assert (problem.line, problem.column) == (0, 0)
        assert problem.message.startswith("is a directory")


def test_permission_denied(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path, "secret.jsonl", envelope())

    def refuse(path: str) -> io.BufferedReader:
        raise PermissionError(13, "Permission denied", path)

    monkeypatch.setattr(input_files, "open_binary", refuse)
    for name in (
        path,
        write(tmp_path, "secret.json", envelope()),
        write(tmp_path, "secret.log", "x"),
    ):
        problem = unreadable(name)
        assert (problem.line, problem.column) == (0, 0)
        assert problem.message.startswith("permission denied")


@pytest.mark.parametrize("size", [0, 1, 99, 100, 101, 250])
def test_read_bytes_gives_the_file_or_one_byte_past_the_limit(tmp_path: Path, size: int) -> None:
    path = tmp_path / "document.json"
    path.write_bytes(bytes(range(256))[:size])
    assert input_files.read_bytes(str(path), 100) == path.read_bytes()[:101]
    assert input_files.read_bytes(str(path)) == path.read_bytes()


def test_read_bytes_reads_past_the_size_it_was_told_when_the_file_grew(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """read_bytes asks for the file's size plus one byte; a file that grew after its size was
    taken (or a stream without one) is still read up to the limit."""
    path = tmp_path / "growing.json"
    path.write_bytes(b"x" * 150)
    monkeypatch.setattr(input_files, "_size", lambda _stream: 10)
    assert input_files.read_bytes(str(path), 100) == b"x" * 101
    assert input_files.read_bytes(str(path), 200) == b"x" * 150


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads anything")
def test_permission_denied_for_real(tmp_path: Path) -> None:
    path = tmp_path / "secret.json"
    path.write_bytes(envelope())
    path.chmod(0)
    assert unreadable(str(path)).message.startswith("permission denied")


def test_an_unknown_direction_argument_is_refused_at_once() -> None:
    with pytest.raises(ValueError, match="direction must be"):
        read("whatever.json", direction="sideways")


# --- JSON Lines -------------------------------------------------------------------------------


def test_jsonl_reads_every_line_and_reports_the_broken_one(tmp_path: Path) -> None:
    lines = [
        envelope("connect", "request"),
        b"",
        b'{"method": "connect", "direction": "response", "status": 403, "body": {"status": 403',
        orjson.dumps(FRAME) + b"\r",
        b"   ",
        orjson.dumps(BODY),
        b"[1]",
        envelope("publishStream", "response", status=200),
    ]
    got = items(write(tmp_path, "c.jsonl", b"\n".join(lines)))  # no final newline
    assert [type(i).__name__ for i in got] == [
        "Payload",
        "Unreadable",
        "Payload",
        "Unreadable",
        "Unreadable",
        "Payload",
    ]
    first, broken, frame, bare, array, last = got
    assert first == Payload(first.source, 1, BODY, "connect", "request")
    assert isinstance(broken, Unreadable)
    assert (broken.line, broken.column) == (3, 85)
    assert broken.message.startswith("truncated JSON: the line ends")
    assert frame == Payload(frame.source, 4, FRAME, "ConnectionStatusEvent", "client")
    assert isinstance(bare, Unreadable)
    assert (bare.line, bare.column) == (6, 1)
    assert "a bare body needs a method and a direction" in bare.message
    assert isinstance(array, Unreadable)
    assert (array.line, array.column) == (7, 1)
    assert "the line is an array, not an object" in array.message
    assert last == Payload(last.source, 8, BODY, "publishStream", "response", 200)


def test_jsonl_bare_bodies_take_the_arguments(tmp_path: Path) -> None:
    path = write(tmp_path, "bare.ndjson", orjson.dumps(BODY) + b"\n" + envelope("call") + b"\n")
    got = items(path, method="connect", direction="request")
    assert [(i.line, i.method, i.direction) for i in got if isinstance(i, Payload)] == [
        (1, "connect", "request"),
        (2, "call", "request"),
    ]


def test_jsonl_bad_lines(tmp_path: Path) -> None:
    lines = [
        b'{"method": "call", "direction": "request", "body": {"w": NaN}}',
        b'{"method": "call", "direction": "request", "body": {"info": "\xff"}}',
        envelope(),
    ]
    nan, utf8, good = items(write(tmp_path, "bad.jsonl", b"\n".join(lines) + b"\n"))
    assert isinstance(nan, Unreadable)
    assert (nan.line, nan.column) == (1, 58)
    assert "NaN is not JSON" in nan.message
    assert isinstance(utf8, Unreadable)
    assert (utf8.line, utf8.column) == (2, 62)
    assert "invalid UTF-8 (byte 0xff at byte offset 61)" in utf8.message
    assert isinstance(good, Payload)
    assert good.line == 3


def test_an_empty_jsonl_file(tmp_path: Path) -> None:
    for content in (b"", b"\n\n  \n"):
        problem = unreadable(write(tmp_path, "empty.jsonl", content))
        assert (problem.line, problem.column) == (1, 1)
        assert problem.message.startswith("empty file: expected one JSON object per line")


def test_jsonl_payloads_are_ordinary_immutable_payloads(tmp_path: Path) -> None:
    envelope = {"method": "connect", "direction": "request", "status": 200, "body": BODY}
    path = tmp_path / "one.jsonl"
    path.write_bytes(orjson.dumps(envelope) + b"\n")
    [made] = read(str(path))
    assert made == Payload(str(path), 1, BODY, "connect", "request", 200, "")
    assert type(made) is Payload
    with pytest.raises(AttributeError):
        made.line = 4  # type: ignore[misc]


_MEASURE_READ = """
import resource, sys, time
from wcs_contract.inputs import Payload, read
from wcs_contract.catalogue import load_catalogue
load_catalogue()
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
started = time.perf_counter()
seen = last = 0
for item in read(sys.argv[1]):
    assert type(item) is Payload, item
    seen += 1
    last = item.line
elapsed = time.perf_counter() - started
grown = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
print(seen, last, grown * 1024, elapsed)
"""


@pytest.mark.skipif(sys.platform != "linux", reason="ru_maxrss is in kilobytes on Linux")
def test_a_big_jsonl_file_is_read_in_constant_memory(tmp_path: Path) -> None:
    # In a fresh process, so that the peak resident size measures the reader and nothing else.
    line = envelope() + b"\n"
    count = 50_000_000 // len(line) // 10 * 10
    path = tmp_path / "big.jsonl"
    with path.open("wb") as out:
        for _ in range(10):
            out.write(line * (count // 10))
    size = path.stat().st_size
    assert size > 45_000_000
    env = {**os.environ, "PYTHONPATH": str(Path(input_files.__file__).parents[2])}
    result = subprocess.run(
        [sys.executable, "-c", _MEASURE_READ, str(path)],
        capture_output=True,
        text=True,
        env=env,
        check=True,
        timeout=60,
    )
    seen, last, grown, elapsed = result.stdout.split()
    assert (int(seen), int(last)) == (count, count)
    assert int(grown) < 16_000_000, f"resident size grew {grown} bytes reading {size} bytes"
    assert float(elapsed) < 10


def _numbered(tmp_path: Path, count: int) -> Path:
    path = tmp_path / "numbered.jsonl"
    lines = []
    for n in range(1, count + 1):
        lines.append(b"" if n % 7 == 0 else envelope(seq=n))
    path.write_bytes(b"\n".join(lines) + b"\n")
    return path


def test_split_ranges_cover_the_file_on_line_starts(tmp_path: Path) -> None:
    path = _numbered(tmp_path, 1000)
    data = path.read_bytes()
    for parts in (1, 2, 3, 8, 5000):
        ranges = split_ranges(str(path), parts)
        assert ranges[0][0] == 0
        assert ranges[-1][1] == len(data)
        assert all(a[1] == b[0] for a, b in itertools.pairwise(ranges))
        assert all(start == 0 or data[start - 1 : start] == b"\n" for start, _ in ranges)
        assert len(ranges) <= parts
        starts = first_lines(str(path), ranges)
        got: list[Item] = []
        for (start, end), first in zip(ranges, starts, strict=True):
            part = list(read_jsonl_range(str(path), start, end, first, source="n.jsonl"))
            counted = list(read_jsonl_range(str(path), start, end))  # first line counted
            assert [i.line for i in counted] == [i.line for i in part]
            got += part
        assert all(isinstance(i, Payload) and i.source == "n.jsonl" for i in got)
        assert [i.line for i in got] == [n for n in range(1, 1001) if n % 7]


def test_ranges_that_cut_lines_lose_and_repeat_nothing(tmp_path: Path) -> None:
    path = _numbered(tmp_path, 100)
    size = path.stat().st_size
    cuts = [0, 1, 333, 334, 1000, 2500, size - 1, size]
    lines: list[int] = []
    for start, end in itertools.pairwise(cuts):
        lines += [i.line for i in read_jsonl_range(str(path), start, end)]
    assert lines == [n for n in range(1, 101) if n % 7]


def test_a_range_of_a_missing_file_is_unreadable(tmp_path: Path) -> None:
    (problem,) = read_jsonl_range(str(tmp_path / "nope.jsonl"), 0, 10, 1)
    assert isinstance(problem, Unreadable)
    assert problem.message.startswith("no such file")


# --- HAR --------------------------------------------------------------------------------------


def test_har_capture() -> None:
    path = str(DATA / "capture.har")
    got = items(path)
    assert [
        (i.locator, i.method, i.http_status) if isinstance(i, Payload) else "?" for i in got
    ] == [
        ("/log/entries/0/request", "connect", None),
        ("/log/entries/0/response", "connect", 200),
        ("/log/entries/3/request", "publishStream", None),  # its 403 has no body: skipped
        ("/log/entries/4/request", "sendDtmf", None),
        ("/log/entries/4/response", "sendDtmf", 200),  # base64
        ("/log/entries/5/request", "playStream", None),  # its 403 "Forbidden" text: skipped
        "?",  # entry 6: a cut-off request body
        ("/log/entries/6/response", "StreamStatusEvent", 200),
    ]
    connect_request, connect_response = got[0], got[1]
    assert isinstance(connect_request, Payload)
    assert isinstance(connect_response, Payload)
    assert (connect_request.direction, connect_response.direction) == ("request", "response")
    assert connect_request.body["custom"] == {"token": "room-42"}
    assert connect_request.line == 0
    dtmf = got[4]
    assert isinstance(dtmf, Payload)
    assert dtmf.body["dtmf"] == "1"
    cut = got[6]
    assert isinstance(cut, Unreadable)
    assert (cut.line, cut.column) == (0, 0)
    assert cut.message.startswith("/log/entries/6/request (postData.text): truncated JSON")
    assert "column 67 of the body" in cut.message


def _har(*entries: dict[str, Any]) -> bytes:
    return orjson.dumps({"log": {"version": "1.2", "entries": list(entries)}})


def _entry(
    url: str, request: str | None, status: int, response: str | None, **content: str
) -> dict[str, Any]:
    req: dict[str, Any] = {"method": "POST", "url": url}
    if request is not None:
        req["postData"] = {"mimeType": "application/json", "text": request}
    return {
        "request": req,
        "response": {"status": status, "content": {"text": response, **content}},
    }


def test_har_bad_bodies(tmp_path: Path) -> None:
    har = _har(
        _entry("http://h/app/connect", None, 200, "not base64!", encoding="base64"),
        _entry("http://h/app/connect", None, 403, '{"status": 403,', mimeType="application/json"),
        _entry("http://h/app/connect", None, 200, '{"w": NaN}'),
        "not an entry",  # type: ignore[arg-type]
    )
    base, refusal, nan, entry = items(write(tmp_path, "bad.har", har))
    assert isinstance(base, Unreadable)
    assert "/log/entries/0/response (content.text)" in base.message
    assert "not valid base64" in base.message
    assert isinstance(refusal, Unreadable)
    assert refusal.message.startswith("/log/entries/1/response (content.text): truncated JSON")
    assert isinstance(nan, Unreadable)
    assert "NaN is not JSON" in nan.message
    assert "line 1, column 7 of the body" in nan.message
    assert isinstance(entry, Unreadable)
    assert entry.message.startswith("/log/entries/3 is a string, not an entry")


def test_a_har_inside_a_json_file_and_a_json_file_as_har(tmp_path: Path) -> None:
    har = _har(_entry("http://h/app/connect", orjson.dumps(BODY).decode(), 200, ""))
    assert payload(write(tmp_path, "capture.json", har)).locator == "/log/entries/0/request"
    problem = unreadable(write(tmp_path, "not.har", envelope()))
    assert (problem.line, problem.column) == (1, 1)
    assert 'not a HAR: the document is an object without "log"."entries"' in problem.message
    assert "Save all as HAR" in problem.message
    problem = unreadable(write(tmp_path, "entries.har", b'{"log": {"entries": {}}}'))
    assert problem.message.startswith('"/log/entries" is an object, not an array')


# --- WCS logs ---------------------------------------------------------------------------------


def test_wcs_log() -> None:
    path = str(DATA / "server.log")
    got = items(path)
    assert [(i.line, type(i).__name__) for i in got] == [
        (4, "Payload"),
        (17, "Payload"),
        (38, "Unreadable"),  # NaN inside the publishStream block of line 31
        (44, "Payload"),  # the 403 of line 40 has no body: skipped
        (51, "Unreadable"),  # the block of line 48 is cut by an exception
        (57, "Payload"),
    ]
    connect, answer, nan, refusal, cut, status_event = got
    assert isinstance(connect, Payload)
    assert (connect.method, connect.direction, connect.http_status) == ("connect", "request", None)
    assert connect.body["custom"] == {"token": 'room{42}"quoted\\'}
    assert isinstance(answer, Payload)
    assert (answer.method, answer.direction, answer.http_status) == ("connect", "response", 200)
    assert answer.body["restClientConfig"]["publishStream"]["restOnError"] == "FAIL"
    assert isinstance(nan, Unreadable)
    assert nan.column == 55
    assert nan.message.startswith("in the SEND REST OBJECT block at line 31: NaN is not JSON")
    assert isinstance(refusal, Payload)
    assert refusal == Payload(
        path,
        44,
        {"status": 403, "reason": "Not allowed at this hour"},
        "playStream",
        "response",
        403,
    )
    assert isinstance(cut, Unreadable)
    assert cut.column == 1
    assert "truncated JSON in the SEND REST OBJECT block at line 48" in cut.message
    assert "before the next log record at line 54" in cut.message
    assert isinstance(status_event, Payload)
    assert status_event.method == "ConnectionStatusEvent"
    assert status_event.body["info"] == "Normal disconnect"


def test_log_blocks_without_url_body_or_end(tmp_path: Path) -> None:
    log = "\n".join(
        [
            "10:00:00,001 INFO RestClient - t1 SEND REST OBJECT ==>",
            "{",
            '  "nodeId" : "n"',
            "}",
            "10:00:00,002 INFO RestClient - t1 SEND REST OBJECT ==>",
            "URL:http://localhost:8081/",
            "{ }",
            "10:00:00,003 INFO RestClient - t1 RECEIVED REST OBJECT <==",
            "URL:http://localhost:8081/apps/EchoApp/connect",
            "10:00:00,004 INFO Other - t2 unrelated",
            "10:00:00,005 INFO RestClient - t1 SEND REST OBJECT ==>",
            "URL:http://localhost:8081/apps/EchoApp/hangup",
            "{",
            '  "nodeId" : "n",',
        ]
    )
    no_url, no_method, no_body, unclosed = items(write(tmp_path, "wcs.log", log))
    assert isinstance(no_url, Unreadable)
    assert (no_url.line, no_url.column) == (1, 0)
    assert "has no URL:<url> line" in no_url.message
    assert isinstance(no_method, Unreadable)
    assert (no_method.line, "has no method name" in no_method.message) == (5, True)
    assert isinstance(no_body, Unreadable)
    assert (no_body.line, "has no JSON object after its URL line" in no_body.message) == (8, True)
    assert isinstance(unclosed, Unreadable)
    assert (unclosed.line, unclosed.column) == (13, 1)
    assert "not closed before the end of the log (line 14)" in unclosed.message


def test_a_log_file_holding_json_is_read_as_json(tmp_path: Path) -> None:
    assert payload(write(tmp_path, "capture.log", envelope())).body == BODY
    assert items(write(tmp_path, "quiet.log", "10:00:00,001 INFO Server - main started\n")) == []


# --- sniffing: no extension, and standard input -----------------------------------------------


def test_content_decides_when_the_extension_does_not(tmp_path: Path) -> None:
    lines = write(tmp_path, "capture.txt", b"\n" + envelope() + b"\n" + envelope("connect") + b"\n")
    assert [(i.line, i.method) for i in items(lines) if isinstance(i, Payload)] == [
        (2, "ConnectionStatusEvent"),
        (3, "connect"),
    ]
    pretty = write(
        tmp_path,
        "one",
        orjson.dumps(
            {"method": "call", "direction": "request", "body": BODY}, option=orjson.OPT_INDENT_2
        ),
    )
    assert payload(pretty).method == "call"
    rotated = write(tmp_path, "server.log.1", (DATA / "server.log").read_bytes())
    assert len(items(rotated)) == 6
    har = write(tmp_path, "capture.dump", (DATA / "capture.har").read_bytes())
    assert len(items(har)) == 8
    assert unreadable(write(tmp_path, "blank.txt", "")).message.startswith("empty file")
    garbage = unreadable(write(tmp_path, "noise.txt", "hello world\n"))
    assert (garbage.line, garbage.column) == (1, 1)
    assert garbage.message.startswith("invalid JSON (")


def test_stdin_jsonl(monkeypatch: pytest.MonkeyPatch) -> None:
    feed_stdin(monkeypatch, b"\n" + envelope() + b"\n{broken\n" + envelope("connect") + b"\n")
    got = items("-")
    assert [(i.source, i.line, type(i).__name__) for i in got] == [
        ("<stdin>", 2, "Payload"),
        ("<stdin>", 3, "Unreadable"),
        ("<stdin>", 4, "Payload"),
    ]


def test_stdin_one_document(monkeypatch: pytest.MonkeyPatch) -> None:
    feed_stdin(monkeypatch, orjson.dumps(BODY, option=orjson.OPT_INDENT_2))
    assert payload("-", method="connect", direction="request") == Payload(
        "<stdin>", 1, BODY, "connect", "request"
    )
    feed_stdin(monkeypatch, envelope())  # a single line is a document too
    assert payload("-").method == "ConnectionStatusEvent"


def test_stdin_har_and_log(monkeypatch: pytest.MonkeyPatch) -> None:
    feed_stdin(monkeypatch, (DATA / "capture.har").read_bytes())
    locators = [i.locator for i in items("-") if isinstance(i, Payload)]
    assert locators[:2] == ["/log/entries/0/request", "/log/entries/0/response"]
    feed_stdin(monkeypatch, (DATA / "server.log").read_bytes())
    assert [i.line for i in items("-")] == [4, 17, 38, 44, 51, 57]
    late = b"noise line\n" * 120_000 + (DATA / "server.log").read_bytes()  # marker after 1 MiB
    feed_stdin(monkeypatch, late)
    assert [i.line for i in items("-")] == [n + 120_000 for n in (4, 17, 38, 44, 51, 57)]


def test_stdin_bad_input(monkeypatch: pytest.MonkeyPatch) -> None:
    feed_stdin(monkeypatch, b"")
    problem = unreadable("-")
    assert (problem.source, problem.line, problem.column) == ("<stdin>", 1, 1)
    assert problem.message.startswith("empty input: expected a JSON object")
    feed_stdin(monkeypatch, b'{"method": "connect",\n "body": {"w": Infinity}}')
    problem = unreadable("-")
    assert (problem.line, problem.column) == (2, 16)
    assert "Infinity is not JSON" in problem.message
    feed_stdin(monkeypatch, b"[" * 100_000)
    assert "nested deeper than 1024 levels" in unreadable("-").message
    feed_stdin(monkeypatch, b"\x00\x01\x02\xff")
    assert "binary data (a NUL byte at byte offset 0)" in unreadable("-").message


def test_stdin_closed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", None)
    assert unreadable("-").message.startswith("no standard input")


def test_base64_helper_sanity() -> None:
    # The HAR fixture's base64 response decodes to the sendDtmf body it claims.
    har = orjson.loads((DATA / "capture.har").read_bytes())
    text = har["log"]["entries"][4]["response"]["content"]["text"]
    assert orjson.loads(base64.b64decode(text))["type"] == "RFC2833"


def test_payloads_the_screen_finds_clean_are_only_counted(tmp_path: Path) -> None:
    path = tmp_path / "capture.jsonl"
    rows: list[dict[str, Any]] = [
        {"method": "connect", "direction": "request", "body": {"n": n}} for n in range(6)
    ]
    rows.append({"method": "nosuch", "direction": "request", "body": {"n": 6}})
    rows.append({"method": "connect", "direction": "response", "status": 403, "body": {"n": 8}})
    path.write_bytes(b"".join(orjson.dumps(r) + b"\n" for r in rows) + b"{broken\n")
    checked: list[int] = []
    asked: list[tuple[int, int | None]] = []

    class EvenOnes:
        def check_for(self, method: str, direction: str) -> Callable[[Any], bool] | None:
            if method != "connect":
                return None  # an unknown route: its envelopes are built and reported

            def check(body: Any) -> bool:
                checked.append(body["n"])
                return bool(body["n"] % 2 == 0)

            return check

        def status_agrees(self, body: Any, http_status: int) -> bool:
            asked.append((body["n"], http_status))
            return False

    items = list(read(str(path), screen=EvenOnes()))
    assert checked == [0, 1, 2, 3, 4, 5, 8]
    assert asked == [(8, 403)]  # only a body that passed and came with a status
    assert [i.line for i in items if isinstance(i, Payload)] == [2, 4, 6, 7, 8]
    assert sum(i.payloads for i in items if isinstance(i, Clean)) == 3
    assert [i.line for i in items if isinstance(i, Unreadable)] == [9]


def test_a_range_reports_how_many_lines_it_held(tmp_path: Path) -> None:
    path = _numbered(tmp_path, 100)
    ranges = split_ranges(str(path), 4)
    counts: list[int] = []
    for start, end in ranges:
        list(read_jsonl_range(str(path), start, end, 1, on_end=counts.append))
    assert sum(counts) == 100
    assert counts == [b - a for a, b in itertools.pairwise([*first_lines(str(path), ranges), 101])]


def test_an_envelope_without_its_body_says_so(tmp_path: Path) -> None:
    flat = {"method": "connect", "direction": "request", **BODY}  # the body's fields beside
    (got,) = items(write(tmp_path, "flat.json", orjson.dumps(flat)))
    assert isinstance(got, Unreadable)
    assert 'the envelope has no "body"' in got.message
    assert "--method" not in got.message


@pytest.mark.parametrize("name", ["e.json", "e.jsonl"])
def test_an_empty_method_is_a_bad_envelope_in_a_document_and_a_line_alike(
    tmp_path: Path, name: str
) -> None:
    from wcs_contract.validator import Contract

    envelope = {"method": "", "direction": "request", "body": BODY}
    (got,) = items(write(tmp_path, name, orjson.dumps(envelope)), screen=Contract())
    assert isinstance(got, Unreadable)
    assert 'has a "method" that is ""' in got.message
