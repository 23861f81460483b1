"""`wcs-contract test` against hostile servers: every exchange ends within --timeout, no answer is
read past --max-response-size (decompressed bytes included), redirects are not followed."""

from __future__ import annotations

import re
import subprocess
import sys
from time import perf_counter

import pytest

from servers import echo, findings, hostile_server, run_quick, serve

pytest_plugins = ["pytester"]

MARGIN = 0.5  # seconds over --timeout that a cut exchange may take


@pytest.mark.parametrize("kind", ["trickle-forever", "trickle-headers"])
def test_a_server_trickling_forever_fails_that_method_within_the_timeout(kind: str) -> None:
    started = perf_counter()
    with hostile_server(kind, only="publishStream") as url:  # type: ignore[arg-type]
        result = run_quick(url, timeout=1, max_examples=3)
    assert perf_counter() - started < 6  # start-up included; without a deadline: forever
    connect, publish = result.methods
    assert publish.check_status("timeout") == "failed"
    assert publish.cases == 1  # sending stopped there
    assert publish.slowest_ms < (1 + MARGIN) * 1000
    # the run went on: the other method was tested in full
    assert connect.cases == 3
    assert connect.check_status("timeout") == "passed"


@pytest.mark.parametrize(
    ("kind", "message"),
    [
        ("huge", "answer too large: Content-Length 1073741824 is over 4 MiB (--max-response-size)"),
        ("endless-body", "answer too large: more than 4 MiB (--max-response-size)"),
        ("endless-chunked", "answer too large: more than 4 MiB (--max-response-size)"),
        ("gzip-bomb", "answer too large: more than 4 MiB (--max-response-size) once decompressed"),
    ],
)
def test_answers_over_the_size_cap_fail_the_method(kind: str, message: str) -> None:
    started = perf_counter()
    with hostile_server(kind, only="publishStream") as url:  # type: ignore[arg-type]
        result = run_quick(url, timeout=10, max_examples=3)
    assert perf_counter() - started < 5
    connect, publish = result.methods
    assert connect.failures == []
    assert publish.cases == 1
    (finding,) = findings(result, "connection")
    assert finding.message == f"{message}: WCS treats the call as failed"


def test_the_size_cap_is_an_option() -> None:
    from starlette.responses import JSONResponse

    with serve(lambda r: JSONResponse({**r.body, "padding": "x" * 2000})) as served:
        small = run_quick(served.url, methods=("publishStream",), max_response_size=1024)
        # the edge bodies include one of 256 kB, whose echo needs room
        large = run_quick(served.url, methods=("publishStream",), max_response_size=1024**2)
    (finding,) = findings(small, "connection")
    assert finding.message.startswith("answer too large: Content-Length ")
    assert finding.message.endswith(
        " is over 1 KiB (--max-response-size): WCS treats the call as failed"
    )
    assert findings(large, "connection") == []


def _peak_rss_mb(arguments: list[str]) -> tuple[int, str, float]:
    """Run `wcs-contract ARGUMENTS` in a new process; its exit code, its stdout and its own peak
    RSS in MB. VmHWM, read by the process itself at the end, not ru_maxrss: the latter keeps the
    RSS of the forked pytest process before exec."""
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from wcs_contract.cli import main\n"
        f"code = main({arguments!r})\n"
        "status = Path('/proc/self/status').read_text().splitlines()\n"
        "kib = next(int(s.split()[1]) for s in status if s.startswith('VmHWM:'))\n"
        "print(f'peak-kib {kib}', file=sys.stderr)\n"
        "sys.exit(code)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=300, check=False
    )
    kib = int(done.stderr.rsplit("peak-kib ", 1)[1].split()[0])
    return done.returncode, done.stdout, kib / 1024


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["huge", "endless-body", "gzip-bomb"])
def test_hostile_answers_keep_the_process_under_300_mb(kind: str) -> None:
    with hostile_server(kind) as url:  # type: ignore[arg-type]
        arguments = ["test", url, "--quiet", "--max-examples", "2", "--seed", "1"]
        code, out, peak = _peak_rss_mb([*arguments, "--timeout", "10"])
    assert code == 1
    assert "answer too large" in out
    assert peak < 300, f"peak RSS {peak:.0f} MB"


def test_redirects_are_never_followed() -> None:
    with serve(echo) as target, hostile_server("redirect", target=target.url + "/connect") as url:
        result = run_quick(url, methods=("connect",), max_examples=2)
    assert target.received == []
    (finding, *_) = findings(result, "status_code")
    assert finding.message.startswith("answered 307 Temporary Redirect: WCS accepts only 200")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--timeout", "inf"],
            "--timeout must be a positive number of seconds, at most 3600, not inf",
        ),
        (
            ["--timeout", "1e12"],
            "--timeout must be a positive number of seconds, at most 3600, not 1e+12",
        ),
        (["--timeout", "0"], "--timeout must be a positive number of seconds, at most 3600, not 0"),
        (
            ["--timeout", "nan"],
            "--timeout must be a positive number of seconds, at most 3600, not nan",
        ),
        (["--max-response-size", "4X"], "--max-response-size '4X': expected a number of bytes"),
        (["--max-response-size", "0"], "--max-response-size must be at least 1 byte, not 0"),
    ],
)
def test_bad_limits_exit_2_with_one_line(
    args: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    from wcs_contract.cli import main

    with pytest.raises(SystemExit) as exit_info:
        main(["test", "http://127.0.0.1:9/EchoApp", *args])
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith(f"wcs-contract: error: {message}")
    assert err.count("\n") == 1


@pytest.mark.parametrize("url", ["http://[::1/x", "http://[::1]:99999/x", "http://[zz]/x"])
def test_urls_that_do_not_parse_exit_2_with_one_line(url: str) -> None:
    process = subprocess.run(
        [sys.executable, "-m", "wcs_contract.cli", "test", url],
        capture_output=True,
        text=True,
        check=False,
    )
    assert process.returncode == 2
    assert process.stdout == ""
    assert process.stderr.startswith(f"wcs-contract: error: {url!r}")
    assert process.stderr.count("\n") == 1, process.stderr


def test_the_limits_and_their_defaults_are_in_the_help(capsys: pytest.CaptureFixture[str]) -> None:
    from wcs_contract.cli import main

    with pytest.raises(SystemExit):
        main(["test", "--help"])
    help_text = " ".join(capsys.readouterr().out.split())
    assert "--max-response-size SIZE" in help_text
    assert "(default 4M)" in help_text
    assert "from connecting to the answer's last byte (default 15" in help_text


SECRET = 'Zq9"/ü+w-sekret-K3Y'  # a quote, a slash, a plus, a non-ASCII letter: every escaping bites


def _spellings(value: str) -> list[str]:
    import base64
    import json
    from urllib.parse import quote

    return [
        value,
        json.dumps(value)[1:-1],
        quote(value, safe=""),
        quote(value),
        base64.b64encode(value.encode()).decode(),
        base64.b64encode(f"user:{value}".encode()).decode(),
        value.encode().decode("latin-1"),
    ]


def _all_outputs(
    url: str, args: list[str], tmp_path: object, capsys: pytest.CaptureFixture[str]
) -> str:
    from pathlib import Path

    from wcs_contract.cli import main

    report = Path(str(tmp_path)) / "wcs.xml"
    outputs = []
    for fmt in ("text", "json"):
        command = ["test", url, "--methods", "connect,publishStream", "--max-examples", "2"]
        command += ["--seed", "1", "--format", fmt, "--report", f"junit={report}", *args]
        assert main(command) == 1
        out, err = capsys.readouterr()
        outputs += [out, err, report.read_text(encoding="utf-8")]
    return "\n".join(outputs)


@pytest.mark.parametrize(
    "args",
    [["--secret", SECRET], ["--user", "hook-user", "--password", SECRET]],
    ids=["secret", "basic"],
)
def test_a_reflected_credential_never_appears_in_any_spelling(
    args: list[str], tmp_path: object, capsys: pytest.CaptureFixture[str]
) -> None:
    with hostile_server("reflect", reflect=SECRET) as url:
        combined = _all_outputs(url, args, tmp_path, capsys)
    assert "Failed for ***" in combined  # the reason phrase is shown, masked
    assert "escaped *** percent ***" in combined  # so is the body
    assert "x=***" in combined  # and the header
    for spelling in _spellings(SECRET):
        assert spelling not in combined, spelling
    # not even what a truncation would have left of it: no 6 characters of it in a row
    pieces = {SECRET[i : i + 6] for i in range(len(SECRET) - 5)}
    assert [p for p in pieces if p in combined] == []


def test_a_generated_credential_reflected_by_the_server_is_masked() -> None:
    from wcs_contract.redaction import Redactor

    base = Redactor(["user-secret"])
    redactor = base.for_body(
        {"sipLogin": "alice", "sipPassword": "generated-pass", "custom": {"apiKey": "k-123456"}}
    )
    assert base.for_body({"sipPassword": "0"}) is base  # too short to mask: digits stay readable
    shown = redactor.clean("echoed generated-pass, k-123456 and user-secret in answer 500")
    assert shown == "echoed ***, *** and *** in answer 500"
    assert base("generated-pass") == "generated-pass"  # only the answer to that body is masked


def test_control_characters_from_a_server_are_escaped_in_every_output(
    tmp_path: object, capsys: pytest.CaptureFixture[str]
) -> None:
    import json
    from xml.etree import ElementTree

    from wcs_contract.cli import main

    report = tmp_path / "wcs.xml"  # type: ignore[operator]
    with hostile_server("controls") as url:
        command = ["test", url, "--methods", "connect,publishStream", "--max-examples", "2"]
        command += ["--seed", "1", "--report", f"junit={report}"]
        assert main(command) == 1
        text, err = capsys.readouterr()
        assert main([*command, "--format", "json"]) == 1
        as_json, _ = capsys.readouterr()
    for output in (text, err, as_json, report.read_text(encoding="utf-8")):
        assert not any(c in output for c in "\x1b\x07\x9b\r\u2028\u202e"), output
    assert "\\x1b[31mred\\x1b[2J" in text  # shown, escaped
    # no forged line: every line of the text report is one the report itself wrote
    assert [line for line in text.splitlines() if line.startswith(("PASSED", "FAILED"))] == [
        text.splitlines()[-1]
    ]
    assert "\\nFAILED: forged" in text
    messages = [f["message"] for m in json.loads(as_json)["methods"] for f in m["findings"]]
    assert any("\\x1b[31m" in m for m in messages)
    ElementTree.parse(report)  # raw control characters would make the XML unreadable


def test_a_backend_that_refuses_every_valid_hook_does_not_pass(
    capsys: pytest.CaptureFixture[str],
) -> None:
    import json

    from wcs_contract.cli import main
    from wcs_contract.server.runner import running_server

    with running_server({"deny": [{"method": "*"}]}) as base:
        args = ["test", f"{base}/EchoApp", "--methods", "connect,publishStream,StreamStatusEvent"]
        args += ["--max-examples", "2", "--seed", "1", "--no-flows", "--quiet"]
        assert main(args) == 1
        text, _ = capsys.readouterr()
        assert main([*args, "--format", "json"]) == 1
        as_json = json.loads(capsys.readouterr()[0])
        declared = [*args, "--expect-refusal", "connect", "--expect-refusal", "publishStream"]
        assert main([*declared, "--expect-refusal", "StreamStatusEvent"]) == 0
        all_declared, _ = capsys.readouterr()
        assert main(declared) == 1
        one_left, _ = capsys.readouterr()
    assert "FAILED" in text.splitlines()[-1]
    assert (
        "  publishStream · exercised: every valid request (2) was refused (403): the hook was not"
        " exercised, so no answer to an accepted request was checked; if the backend rightly"
        " refuses these bodies (e.g. they lack a token it demands), pass --expect-refusal"
        " publishStream"
    ) in text.splitlines()
    assert (
        "0 of 3 methods exercised; every valid request refused: connect, publishStream,"
        " StreamStatusEvent"
    ) in text.splitlines()
    assert as_json["exercisedMethods"] == 0
    assert [m["exercised"] for m in as_json["methods"]] == [False] * 3
    assert {m["checks"]["exercised"] for m in as_json["methods"]} == {"failed"}
    assert all_declared.splitlines()[-2] == (
        "0 of 3 methods exercised; refused as declared (--expect-refusal): connect,"
        " publishStream, StreamStatusEvent"
    )
    assert "every valid request was refused (403), as --expect-refusal declares" in all_declared
    assert one_left.splitlines()[-2] == (
        "0 of 3 methods exercised; every valid request refused: StreamStatusEvent;"
        " refused as declared (--expect-refusal): connect, publishStream"
    )


def test_an_expected_refusal_that_is_accepted_is_a_warning() -> None:
    with serve(echo) as served:
        result = run_quick(served.url, expect_refusal=("publishStream",))
    connect, publish = result.methods
    assert connect.check_status("exercised") == "passed"
    assert publish.check_status("exercised") == "warning"
    assert result.passed
    assert len(result.exercised) == 2


def test_expect_refusal_names_a_known_method(capsys: pytest.CaptureFixture[str]) -> None:
    from wcs_contract.cli import main

    with pytest.raises(SystemExit) as exit_info:
        main(["test", "http://127.0.0.1:9/EchoApp", "--expect-refusal", "publishStrem"])
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith(
        "wcs-contract: error: --expect-refusal: unknown method 'publishStrem'; did you mean"
        " 'publishStream'"
    )
    assert err.count("\n") == 1


@pytest.mark.parametrize(
    ("answer", "message"),
    [
        (
            b'{"nodeId":' + b"[" * 100_000 + b"]" * 100_000 + b"}",
            "nests JSON more than 64 levels deep",
        ),
        (b'{"nodeId":' + b"[" * 900 + b"]" * 900 + b"}", "nests JSON more than 64 levels deep"),
        (b'{"mediaProviders":[' + b"1," * 300_000 + b"1]}", "holds more than 10000 JSON values"),
    ],
    ids=["100000-deep", "900-deep", "300000-items"],
)
def test_answers_no_hook_would_send_fail_fast_without_a_crash(answer: bytes, message: str) -> None:
    from starlette.responses import Response

    started = perf_counter()
    with serve(lambda r: Response(answer, media_type="application/json")) as served:
        result = run_quick(served.url)
    assert perf_counter() - started < 10
    assert {f.message for f in findings(result, "json_object")} == {
        f"the 200 answer {message}: no hook answer does, and it was not checked further"
    }


def test_findings_from_one_answer_are_capped() -> None:
    from starlette.responses import JSONResponse

    def many_errors(request: object) -> JSONResponse:
        return JSONResponse({"nodeId": "n", "mediaProviders": list(range(5000))})

    started = perf_counter()
    with serve(many_errors) as served:
        result = run_quick(served.url, methods=("connect",), max_examples=2)
    assert perf_counter() - started < 20  # 10 000 findings per answer used to take minutes
    (connect,) = result.methods
    assert len(connect.findings) < 50
    assert any(
        re.fullmatch(r"\.\.\. and \d+ more findings \(.*\) in the same answer", f.message)
        for f in connect.findings
    )


def test_the_deadline_also_cuts_a_trickling_tls_answer(tmp_path: object) -> None:
    import shutil
    import socket
    import ssl
    import threading
    import warnings
    from pathlib import Path

    import requests

    from wcs_contract.live.limits import Deadline, bounded_session

    if shutil.which("openssl") is None:
        pytest.skip("openssl makes the test certificate")
    key, cert = Path(str(tmp_path)) / "key.pem", Path(str(tmp_path)) / "cert.pem"
    command = ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1"]
    command += ["-keyout", str(key), "-out", str(cert), "-subj", "/CN=127.0.0.1"]
    subprocess.run(command, check=True, capture_output=True)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    stop = threading.Event()

    def trickle(listener: socket.socket) -> None:
        connection, _ = listener.accept()
        try:
            with context.wrap_socket(connection, server_side=True) as tls:
                tls.recv(65536)
                tls.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n{")
                while not stop.wait(0.3):
                    tls.sendall(b" ")
        except OSError:
            pass  # the client shut the connection down: the point of the test

    def post(url: str) -> None:
        session = bounded_session(1024 * 1024)
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # an unverified TLS request, on purpose
                session.post(url, data=b"{}", timeout=1.0, verify=False)
        finally:
            session.close()

    with socket.create_server(("127.0.0.1", 0)) as listener:
        thread = threading.Thread(target=trickle, args=(listener,))
        thread.start()
        started = perf_counter()
        try:
            with Deadline(1.0) as deadline, pytest.raises(requests.RequestException):
                post(f"https://127.0.0.1:{listener.getsockname()[1]}/EchoApp/connect")
        finally:
            stop.set()
            thread.join(5)
    assert deadline.passed
    assert perf_counter() - started < 1 + MARGIN


# pytest in two subprocesses (4 s); the check itself is in the quick loop too:
# test_a_backend_that_refuses_every_valid_hook_does_not_pass
@pytest.mark.slow
def test_the_pytest_plugin_fails_an_unexercised_method_unless_declared(
    pytester: pytest.Pytester,
) -> None:
    from test_live_pytest_plugin import _run
    from wcs_contract.server.runner import running_server

    with running_server({"deny": [{"method": "publishStream"}]}) as base:
        args = ["--wcs-url", f"{base}/EchoApp", "--wcs-methods", "connect,publishStream"]
        args += ["--wcs-max-examples", "2", "--wcs-no-flows"]
        undeclared = _run(pytester, *args)
        declared = _run(pytester, *args, "--wcs-expect-refusal", "publishStream")
    undeclared.assert_outcomes(passed=1, failed=1)
    undeclared.stdout.fnmatch_lines(["*publishStream · exercised: every valid request (2)*"])
    declared.assert_outcomes(passed=2)


def test_curl_lines_spell_control_characters_as_escapes() -> None:
    from wcs_contract.live.options import Credentials
    from wcs_contract.live.transport import curl_command
    from wcs_contract.printable import printable

    payload = '{"name":"a\u009b2J\u2028b\u202e"}'.encode()
    line = curl_command("http://h/App/publishStream", payload, Credentials(), "auto", None)
    assert printable(line) == line  # nothing left for the report to escape
    assert line.endswith(r"""--data-binary $'{"name":"a\xc2\x9b2J\xe2\x80\xa8b\xe2\x80\xae"}'""")


def test_generated_credentials_reflected_in_answers_are_masked(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from starlette.responses import Response

    from servers import HookRequest
    from wcs_contract.cli import main
    from wcs_contract.printable import printable

    names = ("sipPassword", "authToken")

    def reflect(request: HookRequest) -> Response:
        body = request.body if isinstance(request.body, dict) else {}
        shown = " ".join(str(body.get(name, "")) for name in names)
        return Response(f"reflected: {shown}", status_code=500, media_type="text/plain")

    with serve(reflect) as served:
        args = ["test", served.url, "--methods", "connect", "--max-examples", "30", "--seed", "2"]
        assert main([*args, "--no-flows", "--quiet"]) == 1
    out = capsys.readouterr().out
    reflected = re.findall(r"\(reflected: (.*?)\)(?: \(\d+×\))?$", out, re.M)
    assert any("***" in text for text in reflected)  # the seed reflects some credentials
    generated = {
        value
        for request in served.received
        for name in names
        if isinstance(value := (request.body or {}).get(name), str)
        and len(value) >= 4
        and printable(value) == value  # else only its escaped spelling could be looked for
    }
    assert generated  # the seed draws some
    assert [value for value in generated if any(value in text for text in reflected)] == []
