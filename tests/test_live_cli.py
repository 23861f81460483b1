"""`wcs-contract test`: exit codes, text summary, JSON, JUnit, and no credential in any output."""

from __future__ import annotations

import base64
import io
import json
import re
from pathlib import Path
from xml.etree import ElementTree

import pytest
from starlette.responses import JSONResponse, Response

from servers import HookRequest, echo, free_port_url, refusal, serve, signed_by
from wcs_contract.cli import main
from wcs_contract.cli import test as cli_test
from wcs_contract.live.flows import FLOWS


@pytest.fixture(autouse=True)
def _hypothesis_home_untouched(
    request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> None:
    """In-process runs must not move Hypothesis' storage for the rest of the test session."""
    if "hypothesis_home" not in request.node.name:
        monkeypatch.setattr(cli_test, "_hypothesis_home", lambda: None)


QUICK = ["--methods", "connect,publishStream", "--max-examples", "2", "--seed", "3", "--no-flows"]


def _crash_publish(request: HookRequest) -> Response:
    if request.method == "publishStream":
        return Response("boom", status_code=500)
    return echo(request)


def _normalised(text: str, url: str) -> str:
    text = text.replace(url, "URL")
    text = re.sub(r"--data-binary '[^']*'", "--data-binary BODY", text)
    text = re.sub(r"in (\d+) requests, [\d.]+ s", r"in \1 requests, T s", text)
    # how far a shrink gets within its time budget depends on the machine's load
    text = re.sub(r"from \d+ to \d+ bytes", "from N to N bytes", text)
    return re.sub(r"(?m)^(\S.*?)\s+(\d+)$", r"\1 N", text)  # the SLOWEST MS column


def test_a_passing_run_exits_0_with_the_summary_table(capsys: pytest.CaptureFixture[str]) -> None:
    with serve(echo) as served:
        code = main(["test", served.url, *QUICK])
    out, err = capsys.readouterr()
    assert code == 0
    assert _normalised(out, served.url) == (
        "wcs-contract test URL\n"
        "seed 3 · 2 examples per method · timeout 15 s\n"
        "\n"
        "METHOD         CASES  PASSED  FAILED  WARNINGS  SLOWEST MS\n"
        "connect            2       2       0         0 N\n"
        "publishStream      2       2       0         0 N\n"
        "\n"
        "2 of 2 methods exercised\n"
        "PASSED: 0 failures, 0 warnings in 4 requests, T s (repeat with --seed 3)\n"
    )
    # progress: plain lines on stderr when it is not a terminal
    assert err.splitlines()[0] == "wcs-contract: testing 2 methods"
    assert re.search(r"^\[\d/2\] connect: 2 requests, passed, slowest \d+ ms$", err, re.M)


def test_a_failing_run_exits_1_naming_method_check_and_curl(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with serve(_crash_publish) as served:
        code = main(["test", served.url, *QUICK])
    out, _ = capsys.readouterr()
    assert code == 1
    assert _normalised(out, served.url).split("\n\nMETHOD")[0] == (
        "wcs-contract test URL\n"
        "seed 3 · 2 examples per method · timeout 15 s\n"
        "\n"
        "FAILURES\n"
        "  publishStream · server_error: answered 500 Internal Server Error to a valid body"
        " (boom) (2×)\n"
        "    curl -sS -i -X POST URL/publishStream"
        " -H 'Content-Type: application/json;charset=UTF-8'"
        " -H 'Accept: application/json' --data-binary BODY\n"
        "\n"
        "NOTES\n"
        "  publishStream: shrank the reproduction of a server_error failure from N to N bytes"
    )
    assert re.search(
        r"\nFAILED: 1 failure, 0 warnings in 4 requests, [\d.]+ s \(repeat with --seed 3\)\n$", out
    )


def test_json_format_is_machine_readable(capsys: pytest.CaptureFixture[str]) -> None:
    with serve(_crash_publish) as served:
        code = main(["test", served.url, *QUICK, "--format", "json", "--quiet"])
    out, err = capsys.readouterr()
    assert code == 1
    assert err == ""
    result = json.loads(out)
    assert result["passed"] is False
    assert result["exitCode"] == 1
    assert result["seed"] == 3
    assert [m["method"] for m in result["methods"]] == ["connect", "publishStream"]
    publish = result["methods"][1]
    assert publish["checks"]["server_error"] == "failed"
    assert publish["checks"]["json_object"] == "skipped"
    assert publish["findings"][0]["check"] == "server_error"
    assert publish["findings"][0]["curl"].startswith("curl ")
    assert result["methods"][0]["checks"]["mirror"] == "passed"
    assert result["flows"] == []


def test_junit_report_has_a_testcase_per_method_and_check(tmp_path: Path) -> None:
    report = tmp_path / "reports" / "wcs.xml"
    with serve(_crash_publish) as served:
        code = main(["test", served.url, *QUICK, "--report", f"junit={report}", "--quiet"])
    assert code == 1
    suite = ElementTree.parse(report).getroot().find("testsuite")
    assert suite is not None  # one writer for validate and test: <testsuites><testsuite>
    cases = {(c.get("classname"), c.get("name")): c for c in suite.iter("testcase")}
    assert ("wcs-contract.connect", "rest_client_config") in cases
    assert ("wcs-contract.publishStream", "rest_client_config") not in cases
    failure = cases[("wcs-contract.publishStream", "server_error")].find("failure")
    assert failure is not None
    assert failure.get("message", "").startswith("answered 500 Internal Server Error")
    assert "curl -sS -i -X POST" in (failure.text or "")
    skipped = cases[("wcs-contract.connect", "rest_client_config")].find("skipped")
    assert skipped is not None
    assert suite.get("failures") == "1"
    assert suite.get("tests") == str(len(cases))


def test_flows_appear_as_rows(capsys: pytest.CaptureFixture[str]) -> None:
    with serve(echo) as served:
        # a flow runs when all its methods are selected
        methods = ",".join({s.method for f in FLOWS for s in f.steps})
        code = main(["test", served.url, "--methods", methods, "--max-examples", "1", "--quiet"])
    out, _ = capsys.readouterr()
    assert code == 0
    assert re.search(r"^flow stream\s+8\s+8\s+0\s+0", out, re.M)
    assert re.search(r"^flow call\s+9\s+9", out, re.M)
    assert re.search(r"^flow data\s+5\s+5", out, re.M)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--methods", "conect"], "unknown method 'conect'; did you mean 'connect'?"),
        (["--secret", "k", "--user", "u", "--password", "p"], "cannot be used together"),
        (["--user", "u"], "--user and --password go together"),
        (["--max-examples", "0"], "--max-examples must be at least 1"),
        (["--report", "html=x"], "unknown report kind 'html'"),
        (["--timeout", "0"], "--timeout must be a positive number"),
    ],
)
def test_usage_errors_exit_2(
    args: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["test", "http://127.0.0.1:9/EchoApp", *args])
    assert exit_info.value.code == 2
    assert message in capsys.readouterr().err


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("ftp://host/app", "is not an http(s) URL"),
        ("http://user:pw@127.0.0.1:9/app", "the URL carries credentials"),
        ("127.0.0.1:9091/EchoApp", "is not an http(s) URL"),
        ("http://127.0.0.1:0/app", "names port 0"),  # not port 80, as the URL's default
        ("http://127.0.0.1:9/Echo\x1b[31mApp", "holds a space or a control character"),
        ("http://127.0.0.1:9/Echo App", "holds a space or a control character"),
    ],
)
def test_bad_urls_exit_2(url: str, message: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["test", url])
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert message in err
    assert "pw" not in err


@pytest.mark.parametrize(
    "url",
    [
        "ftp://user:S3cr3tPw@127.0.0.1/app",  # not http(s)
        "http://user:S3cr3tPw@127.0.0.1:99999/app",  # a port out of range
        "http://user:S3cr3tPw@[::1/app",  # does not parse
        "http://user:S3cr3tPw@/app",  # no host
        "http://user:S3c/r3tPw@127.0.0.1/app",  # a "/" in the password ends the netloc
        "user:S3cr3tPw@127.0.0.1/app",  # no scheme
    ],
)
def test_a_url_that_is_wrong_in_another_way_never_shows_its_credentials(
    url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["test", url])
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert "r3tPw" not in err
    assert "***@" in err or "carries credentials" in err


@pytest.mark.parametrize("where", ["folder", "under-a-file"])
def test_a_report_that_cannot_be_written_is_a_usage_error_before_any_request(
    where: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "file").write_text("")
    path = tmp_path if where == "folder" else tmp_path / "file" / "hooks.xml"
    with serve(echo) as served, pytest.raises(SystemExit) as exit_info:
        main(["test", served.url, *QUICK, "--report", f"junit={path}"])
    assert exit_info.value.code == 2
    assert served.received == []  # the run did not happen, only to lose its result
    assert f"--report 'junit={path}'" in capsys.readouterr().err


def test_a_report_failing_to_write_after_the_run_still_shows_the_result(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def disk_full(self: Path, *args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    with serve(echo) as served:
        monkeypatch.setattr(Path, "write_text", disk_full)
        code = main(["test", served.url, *QUICK, "--report", f"json={tmp_path / 'r.json'}"])
    assert code == 2
    out, err = capsys.readouterr()
    assert "PASSED" in out
    assert "No space left on device" in err


def test_spaces_and_line_breaks_around_the_url_are_dropped() -> None:
    from wcs_contract.live.options import normalise_url

    assert normalise_url(" http://127.0.0.1:9/EchoApp/\n") == "http://127.0.0.1:9/EchoApp"


def test_an_unreachable_url_exits_2_with_a_clear_message(
    capsys: pytest.CaptureFixture[str],
) -> None:
    url = free_port_url()
    assert main(["test", url]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    port = url.split(":")[2].split("/")[0]
    assert err == (
        f"wcs-contract: cannot reach {url}: connection refused by 127.0.0.1:{port}"
        " (is the backend running?)\n"
    )


def _leaky(request: HookRequest) -> Response:
    """Accepts any signature, and shows the Authorization header it got everywhere it can."""
    header = request.headers.get("authorization", "")
    if request.method == "publishStream":
        return Response(f"auth was {header}", status_code=500)
    if request.method == "StreamStatusEvent":
        return JSONResponse({"status": 403, "reason": f"auth was {header}", "x": 1}, 403)
    return JSONResponse({**request.body, "leak": header})


def test_a_secret_never_appears_in_any_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    secret = "s3cr3t-K3Y-value"
    report = tmp_path / "wcs.xml"
    outputs = []
    with serve(_leaky) as served:
        for fmt in ("text", "json"):
            args = ["test", served.url, "--methods", "connect,publishStream,StreamStatusEvent"]
            args += ["--max-examples", "2", "--secret", secret, "--format", fmt]
            args += ["--report", f"junit={report}"]
            assert main(args) == 1
            out, err = capsys.readouterr()
            outputs += [out, err, report.read_text()]
    assert any(signed_by(r, secret) for r in served.received)  # requests were signed
    combined = "\n".join(outputs)
    assert "leak" in combined  # the server's text is shown...
    assert secret not in combined  # ...but never the secret
    assert 'openssl dgst -md5 -hmac "$WCS_SECRET"' in combined


def test_basic_auth_credentials_never_appear_in_any_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    user, password = "hook-user", "pa55-w0rd-value"
    token = base64.b64encode(f"{user}:{password}".encode()).decode()
    report = tmp_path / "wcs.xml"
    with serve(_leaky) as served:
        args = ["test", served.url, "--methods", "connect,publishStream,StreamStatusEvent"]
        args += ["--max-examples", "2", "--user", user, "--password", password]
        args += ["--report", f"junit={report}", "--format", "json"]
        assert main(args) == 1
    out, err = capsys.readouterr()
    assert served.received[0].headers["authorization"] == f"Basic {token}"
    combined = "\n".join([out, err, report.read_text()])
    for hidden in (user, password, token):
        assert hidden not in combined
    assert "auth was Basic ***" in combined
    assert '-u "$WCS_USER:$WCS_PASSWORD"' in combined


def test_refusals_with_a_proper_body_pass_the_cli_when_declared(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with serve(lambda r: refusal(403, "closed")) as served:
        code = main(["test", served.url, *QUICK, "--quiet", "--expect-refusal", "connect"])
        assert code == 1  # publishStream was refused too, and not declared
        assert "every valid request refused: publishStream" in capsys.readouterr().out
        code = main(
            ["test", served.url, *QUICK, "--quiet", "--expect-refusal", "connect,publishStream"]
        )
    assert code == 0
    assert "PASSED" in capsys.readouterr().out


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_is_a_bar_on_a_terminal_and_lines_otherwise() -> None:
    from wcs_contract.live.options import RunOptions
    from wcs_contract.live.progress import BarProgress, PlainProgress, progress_for
    from wcs_contract.live.runner import run

    terminal = _Terminal()
    bar = progress_for(terminal)
    assert isinstance(bar, BarProgress)
    assert isinstance(progress_for(io.StringIO()), PlainProgress)
    assert progress_for(terminal, quiet=True) is None
    with serve(_crash_publish) as served:
        run(RunOptions(url=served.url, methods=("connect", "publishStream"), max_examples=1,
                       seed=1, flows=False), bar)  # fmt: skip
    shown = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", terminal.getvalue())
    # the bar is transient; a failed method stays on screen
    assert "✗ publishStream: 1 request, FAILED (1 failure)" in shown
    assert "connect:" not in shown


@pytest.mark.slow  # two subprocesses
def test_the_same_seed_repeats_the_same_requests_from_the_command_line() -> None:
    import subprocess
    import sys

    sent = []
    for _ in range(2):
        with serve(echo) as served:
            command = [sys.executable, "-m", "wcs_contract.cli", "test", served.url, *QUICK]
            subprocess.run(command, check=True, capture_output=True)
        sent.append(sorted((r.method, r.payload) for r in served.received))
    assert sent[0] == sent[1]
    assert len(sent[0]) == 4


def test_the_cli_keeps_hypothesis_home_out_of_the_working_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import hypothesis.configuration

    chosen: list[Path] = []
    monkeypatch.setattr(hypothesis.configuration, "set_hypothesis_home_dir", chosen.append)
    monkeypatch.delenv("HYPOTHESIS_STORAGE_DIRECTORY", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    cli_test._hypothesis_home()
    assert chosen == [tmp_path / "wcs-contract" / "hypothesis"]
    monkeypatch.setenv("HYPOTHESIS_STORAGE_DIRECTORY", str(tmp_path / "own"))
    cli_test._hypothesis_home()
    assert len(chosen) == 1  # the user's own setting wins
