"""`wcs-contract proxy`: forwarding untouched, checks, recording, failures, --enforce, shutdown."""

from __future__ import annotations

import base64
import io
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

import httpx
import pytest
from starlette.responses import JSONResponse, Response

from servers import HookRequest, echo, free_port_url, raw_server, refusal, serve, signed_by
from wcs_contract.cli import main
from wcs_contract.cli import test as cli_test
from wcs_contract.proxy.checker import Sessions
from wcs_contract.proxy.exchange import Exchange
from wcs_contract.proxy.recorder import Recorder, rotated_name
from wcs_contract.proxy.runner import ProxyServer
from wcs_contract.server.runner import running_server

CONNECT = {
    "nodeId": "n1",
    "appKey": "defaultApp",
    "sessionId": "s1",
    "sipLogin": "alice",
    "sipPassword": "hunter2-sip-pass",
}
PUBLISH = {"nodeId": "n1", "appKey": "defaultApp", "sessionId": "s1", "name": "stream1"}
QUICK = ["--methods", "connect,publishStream,StreamStatusEvent", "--max-examples", "3"]
QUICK += ["--seed", "5"]


@pytest.fixture(autouse=True)
def _hypothesis_home_untouched(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cli_test, "_hypothesis_home", lambda: None)


@contextmanager
def proxied(upstream: str, **options: Any) -> Iterator[tuple[ProxyServer, io.StringIO]]:
    """A proxy in a thread in front of `upstream`; its log lines go to the StringIO."""
    log = io.StringIO()
    proxy = ProxyServer(upstream, log=log, **options)
    proxy.start()
    try:
        yield proxy, log
    finally:
        proxy.stop()


def post(url: str, body: Any, **headers: str) -> httpx.Response:
    content = body if isinstance(body, bytes) else json.dumps(body).encode()
    headers.setdefault("Content-Type", "application/json;charset=UTF-8")
    return httpx.post(url, content=content, headers=headers, timeout=10)


def lines(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text().splitlines()]


# --- the live tester through the proxy ------------------------------------------------------


@pytest.mark.slow
def test_the_live_tester_passes_through_the_proxy_and_the_recording_validates(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    record = tmp_path / "traffic.jsonl"
    with running_server() as backend, proxied(f"{backend}/EchoApp", record=record) as (proxy, log):
        code = main(["test", f"{proxy.url}/EchoApp", *QUICK])
    stats = proxy.stats.as_dict()  # stopped: every exchange in flight has been observed
    out, _ = capsys.readouterr()
    assert code == 0, out
    assert "PASSED" in out
    assert stats["exchanges"] >= 9  # 3 methods × 3 cases (no flow has all its methods)
    assert stats["violations"] == 0
    assert log.getvalue().count("\n") == stats["exchanges"]
    assert len(lines(record)) == 2 * stats["exchanges"]
    assert main(["validate", str(record)]) == 0


@pytest.mark.slow
def test_the_live_tester_passes_through_the_proxy_with_signed_hooks(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    secret = "s3cr3t-K3Y-value"
    record = tmp_path / "signed.jsonl"
    with (
        running_server({"secret": secret}) as backend,
        proxied(f"{backend}/EchoApp", record=record) as (proxy, log),
    ):
        code = main(["test", f"{proxy.url}/EchoApp", *QUICK, "--secret", secret])
    refused = proxy.stats.methods["connect"].statuses[403]
    out, _ = capsys.readouterr()
    assert code == 0, out
    assert refused >= 1  # the tester's forged signature reached the backend, and was refused
    assert secret not in log.getvalue() + record.read_text()
    assert main(["validate", str(record)]) == 0


def test_bytes_and_headers_pass_untouched_both_ways() -> None:
    body = b'{ "nodeId":"n1" ,"appKey":"defaultApp","sessionId":"s1",  "name":"caf\xc3\xa9"}'

    def odd(request: HookRequest) -> Response:
        answer = request.payload.replace(b"  ", b"\t")
        return Response(answer, 200, {"X-Backend": "yes", "Content-Type": "application/json"})

    with serve(odd) as served, proxied(served.url) as (proxy, _):
        got = post(f"{proxy.url}/any/prefix/publishStream", body, Authorization="WCS abc123")
    sent = served.received[0]
    assert sent.method == "publishStream"
    assert sent.payload == body
    assert sent.headers["authorization"] == "WCS abc123"
    assert sent.headers["content-type"] == "application/json;charset=UTF-8"
    assert "python-httpx" in sent.headers["user-agent"]  # the caller's own, not the proxy's
    assert got.status_code == 200
    assert got.content == body.replace(b"  ", b"\t")
    assert got.headers["x-backend"] == "yes"
    assert got.headers["content-type"] == "application/json"


def test_a_signature_stays_valid_through_the_proxy() -> None:
    from wcs_contract.signing import sign

    payload = json.dumps(PUBLISH).encode()
    with serve(echo) as served, proxied(served.url) as (proxy, _):
        post(f"{proxy.url}/publishStream", payload, Authorization=sign(payload, "k3y"))
    assert signed_by(served.received[0], "k3y")


# --- a backend with known defects -----------------------------------------------------------


def _defective(request: HookRequest) -> Response:
    body = request.body
    if request.method == "connect":
        return JSONResponse({k: v for k, v in body.items() if k != "sipLogin"})  # drops a field
    if request.method == "publishStream":
        return JSONResponse({**body, "nodeId": "other", "colour": "red"})  # id changed, unknown
    if request.method == "StreamStatusEvent":
        return JSONResponse({"status": 403, "reason": "no", "extra": 1}, status_code=403)
    return Response("boom", status_code=500)


def test_a_defective_backend_shows_in_log_stats_and_recording(tmp_path: Path) -> None:
    record = tmp_path / "defects.jsonl"
    with serve(_defective) as served, proxied(served.url, record=record) as (proxy, log):
        post(f"{proxy.url}/connect", CONNECT)
        post(f"{proxy.url}/publishStream", PUBLISH)
        post(f"{proxy.url}/StreamStatusEvent", {**PUBLISH, "status": "PUBLISHING"})
        post(f"{proxy.url}/playStream", PUBLISH)
        stats = httpx.get(f"{proxy.url}/-/stats").json()
        metrics = httpx.get(f"{proxy.url}/-/metrics").text
    text = log.getvalue()
    assert "connect 200" in text
    assert "error response mirror: drops 'sipLogin'" in text
    assert "publishStream 200" in text
    assert "changes 'nodeId'" in text
    assert "adds a field WCS does not know" in text
    assert "'colour'" in text
    assert "warning response refusal_body" in text
    assert "playStream 500" in text
    assert "server_error" in text
    assert "hunter2" not in text
    methods = stats["methods"]
    assert methods["connect"]["violations"] == 1
    assert methods["connect"]["checks"] == {"mirror": 1}
    assert methods["publishStream"]["checks"] == {"mirror": 2}
    assert methods["StreamStatusEvent"] == {
        "exchanges": 1,
        "violations": 0,
        "warnings": 1,
        "statuses": {"403": 1},
        "checks": {},
    }
    assert methods["playStream"]["statuses"] == {"500": 1}
    assert stats["violations"] == 3
    assert 'wcs_proxy_violations_total{method="publishStream"} 1' in metrics
    assert "wcs_proxy_duration_seconds_count 4" in metrics
    recorded = lines(record)
    assert [(r["method"], r["direction"]) for r in recorded[:2]] == [
        ("connect", "request"),
        ("connect", "response"),
    ]
    assert recorded[0]["body"]["sipPassword"] == ""  # credentials emptied
    assert recorded[3]["body"]["colour"] == "red"
    assert recorded[-1] == {**recorded[-1], "status": 500, "body": "boom"}
    assert {"time", "duration", "exchange"} <= recorded[1].keys()
    assert main(["validate", "--strict", str(record)]) == 1  # the unknown field, the 500 body


def test_the_session_restclientconfig_decides_whether_a_change_is_applied() -> None:
    config = {"publishStream": {"restPolicy": "OVERWRITE", "restOverwrite": "name"}}

    def renaming(request: HookRequest) -> Response:
        if request.method == "connect":
            if request.body["sessionId"] == "with-config":
                return JSONResponse({**request.body, "restClientConfig": config})
            return JSONResponse(request.body)
        return JSONResponse({**request.body, "name": "renamed"})

    with serve(renaming) as served, proxied(served.url) as (proxy, log):
        for session in ("with-config", "without"):
            post(f"{proxy.url}/connect", {**CONNECT, "sessionId": session})
            post(f"{proxy.url}/publishStream", {**PUBLISH, "sessionId": session})
        held = httpx.get(f"{proxy.url}/-/stats").json()["sessions"]
        post(f"{proxy.url}/ConnectionStatusEvent", {**PUBLISH, "sessionId": "with-config"})
        ended = {**CONNECT, "sessionId": "with-config", "status": "DISCONNECTED"}
        ended.pop("sipPassword")
        post(f"{proxy.url}/ConnectionStatusEvent", ended)
        after = httpx.get(f"{proxy.url}/-/stats").json()["sessions"]
    publishes = [line for line in log.getvalue().splitlines() if " publishStream " in line]
    assert "changes 'name'" not in publishes[0]
    assert 'changes /name from "stream1" to "renamed", but WCS ignores the change' in publishes[1]
    assert (held, after) == (1, 0)


def test_sessions_are_bounded_least_recently_used_first() -> None:
    sessions = Sessions(capacity=2)
    for name in ("a", "b"):
        sessions.remember(name, {name: {}})
    assert sessions.get("a") == {"a": {}}  # a is now the most recent
    sessions.remember("c", {})
    assert (sessions.get("b"), len(sessions)) == (None, 2)
    assert sessions.get("a") is not None


def test_sessions_share_one_copy_of_each_restclientconfig() -> None:
    sessions = Sessions()
    for number in range(1000):  # equal configs, each decoded anew from its own answer
        config = {"publishStream": {"restPolicy": "OVERWRITE", "restOverwrite": "name"}}
        sessions.remember(f"session-{number}", config)
    sessions.remember("other", {"call": {"restOnError": "FAIL"}})
    held = {id(sessions.get(f"session-{n}")) for n in range(1000)}
    assert len(held) == 1
    assert sessions.get("other") == {"call": {"restOnError": "FAIL"}}


def test_sessions_do_not_keep_a_restclientconfig_no_backend_needs() -> None:
    import tracemalloc

    sessions = Sessions()
    tracemalloc.start()
    try:
        for number in range(40):  # each connect answered with its own 1 MB restClientConfig
            names = f"{number}," + "x," * 500_000
            odd = "\ud800" if number % 2 else 2**70  # beyond what orjson writes, half of them
            config = {"publishStream": {"restExclude": names}, "call": {"restOnError": odd}}
            sessions.remember(f"session-{number}", config)
        held = tracemalloc.get_traced_memory()[0]
    finally:
        tracemalloc.stop()
    assert held < 4_000_000, held  # not 40 MB
    assert sessions.get("session-1") is None  # judged under the defaults
    sessions.remember("s", {"call": {"restOnError": "FAIL"}})
    assert sessions.get("s") == {"call": {"restOnError": "FAIL"}}


def test_the_request_is_checked_too() -> None:
    with serve(echo) as served, proxied(served.url) as (proxy, log):
        post(f"{proxy.url}/publishStream", {**PUBLISH, "published": "yes"})
    assert "error request request_schema /published:" in log.getvalue()
    assert proxy.stats.methods["publishStream"].checks == {
        "request_schema": 1,
        "response_schema": 1,
    }


# --- upstream failures, --enforce -----------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "status", "failure"),
    [
        ("reset", 502, "reset"),
        ("close", 502, "reset"),
        ("garbage", 502, "reset"),
        ("truncated", 502, "reset"),
        ("hang", 504, "timeout"),
        ("drip", 504, "timeout"),
    ],
)
def test_upstream_failures_answer_with_a_refusal_body(
    kind: Any, status: int, failure: str, tmp_path: Path
) -> None:
    record = tmp_path / "failures.jsonl"
    with raw_server(kind) as url, proxied(url, timeout=0.5, record=record) as (proxy, log):
        got = post(f"{proxy.url}/publishStream", PUBLISH)
    assert got.status_code == status
    assert got.json().keys() == {"status", "reason"}
    assert got.json()["status"] == status
    assert proxy.stats.failures == {failure: 1}
    assert f"publishStream {status}" in log.getvalue()
    response = lines(record)[1]
    assert (response["status"], response["error"]) == (status, failure)


def test_kept_alive_connections_are_reused_and_a_closed_one_is_replaced() -> None:
    with serve(echo) as served, proxied(served.url) as (proxy, _):
        first = post(f"{proxy.url}/publishStream", PUBLISH)
        for connection in proxy.app.client._idle:  # the backend closes its idle connections
            connection.close()
        second = post(f"{proxy.url}/publishStream", PUBLISH)
        third = post(f"{proxy.url}/publishStream", PUBLISH)
    assert [r.status_code for r in (first, second, third)] == [200, 200, 200]


def test_a_client_slow_to_send_its_headers_is_cut_off() -> None:
    with serve(echo) as backend, proxied(backend.url, timeout=1.0) as (proxy, _):
        port = int(proxy.url.rsplit(":", 1)[1])
        trickling = socket.create_connection(("127.0.0.1", port))
        silent = socket.create_connection(("127.0.0.1", port))
        try:
            trickling.sendall(b"POST /app/connect HTTP/1.1\r\nHost: x\r\n")
            for sock in (trickling, silent):
                sock.settimeout(10)  # uvicorn alone would keep both open for ever
                with suppress(ConnectionResetError):
                    assert sock.recv(100) == b""
            # The proxy still answers hooks.
            assert post(proxy.url + "/app/connect", CONNECT).status_code == 200
        finally:
            trickling.close()
            silent.close()


def test_a_hook_cut_off_by_its_sender_is_not_forwarded() -> None:
    body = json.dumps(CONNECT).encode()
    with serve(echo) as backend:
        with proxied(backend.url) as (proxy, log):
            port = int(proxy.url.rsplit(":", 1)[1])
            with socket.create_connection(("127.0.0.1", port)) as sock:
                # The body ends early: WCS gave up on this hook (a timeout, a restart).
                head = b"POST /app/connect HTTP/1.1\r\nHost: x\r\nContent-Length: %d\r\n\r\n"
                sock.sendall(head % (len(body) + 100) + body)
            # The proxy saw that connection end before this hook came: it is the only one.
            assert post(proxy.url + "/app/connect", PUBLISH).status_code == 200
        assert [r.body for r in backend.received] == [PUBLISH]
        assert log.getvalue().count("\n") == 1


def test_an_upstream_url_beyond_ascii_is_forwarded_to_encoded() -> None:
    with serve(echo) as served, proxied(served.url + "ü") as (proxy, _):
        assert post(f"{proxy.url}/connect", CONNECT).status_code == 200
    assert served.methods() == ["connect"]  # not "/EchoApp?/connect"


def test_an_internationalised_upstream_host_is_no_internal_error() -> None:
    proxy = ProxyServer("http://bücher.example/app")  # resolved when a hook comes
    proxy.close()
    assert proxy.app.client.authority == b"xn--bcher-kva.example"


def test_a_refused_connection_is_a_502() -> None:
    with proxied(free_port_url()) as (proxy, log):
        got = post(f"{proxy.url}/connect", CONNECT)
        stats = httpx.get(f"{proxy.url}/-/stats").json()
    assert got.status_code == 502
    assert "refused the connection" in got.json()["reason"]
    assert stats["upstream_failures"] == {"refused": 1}
    assert "upstream refused" in log.getvalue()


def test_enforce_turns_a_contract_breaking_answer_into_a_502() -> None:
    with serve(_defective) as served, proxied(served.url, enforce=True) as (proxy, _):
        broken = post(f"{proxy.url}/connect", CONNECT)
        refused = post(f"{proxy.url}/StreamStatusEvent", {**PUBLISH, "status": "PUBLISHING"})
        enforced = proxy.stats.enforced
    assert broken.status_code == 502
    assert broken.json()["reason"].startswith("the backend's answer breaks the contract: mirror:")
    assert refused.status_code == 403  # a warning only: the answer goes through
    assert refused.json() == {"status": 403, "reason": "no", "extra": 1}
    assert enforced == 1


def test_enforce_lets_a_good_answer_through() -> None:
    with serve(echo) as served, proxied(served.url, enforce=True) as (proxy, _):
        got = post(f"{proxy.url}/connect", CONNECT)
    assert (got.status_code, got.json()) == (200, CONNECT)


# --- other requests, status endpoints -------------------------------------------------------


def test_other_requests_get_the_answers_serve_gives() -> None:
    with serve(echo) as served, proxied(served.url) as (proxy, _):
        not_post = httpx.get(f"{proxy.url}/EchoApp/connect")
        unknown = post(f"{proxy.url}/EchoApp/noSuchHook", PUBLISH)
    assert not_post.status_code == 405
    assert not_post.headers["allow"] == "POST"
    assert unknown.status_code == 404
    assert unknown.json() == {"status": 404, "reason": "unknown method 'noSuchHook'"}
    assert served.received == []


def test_stats_report_latency_percentiles() -> None:
    with serve(echo) as served, proxied(served.url) as (proxy, _):
        for _ in range(5):
            post(f"{proxy.url}/publishStream", PUBLISH)
        stats = httpx.get(f"{proxy.url}/-/stats").json()
        coverage = httpx.get(f"{proxy.url}/-/coverage").json()
    assert stats["exchanges"] == 5
    assert stats["coverage"]["methods"]["exercised"] == 1
    publish = coverage["methods"]["publishStream"]
    assert (publish["request"]["payloads"], publish["response"]["payloads"]) == (5, 5)
    assert publish["response"]["http_statuses"] == {"200": 5}
    assert publish["request"]["fields"]["exercised"] == ["appKey", "name", "nodeId", "sessionId"]
    assert stats["latency_ms"].keys() == {"p50", "p90", "p99", "max"}
    assert 0 < stats["latency_ms"]["p50"] <= stats["latency_ms"]["max"]
    assert stats["recording_dropped"] == 0


# --- the recorder ---------------------------------------------------------------------------


def _exchange(number: int) -> Exchange:
    payload = json.dumps({**PUBLISH, "name": f"stream-{number}"}).encode()
    exchange = Exchange(number, time.time(), "publishStream", "publishStream", "u", payload)
    exchange.status = exchange.answered = 200
    exchange.content = payload
    return exchange


def test_the_recording_rotates_and_every_file_validates(tmp_path: Path) -> None:
    path = tmp_path / "traffic.jsonl"
    recorder = Recorder(path, max_bytes=1024)
    for number in range(20):
        recorder.observe(_exchange(number))
    recorder.close()
    files = sorted(tmp_path.iterdir())
    assert rotated_name(path, 1) in files
    assert len(files) > 2
    assert all(f.stat().st_size <= 1024 for f in files)
    assert sum(len(lines(f)) for f in files) == 40
    assert main(["validate", *map(str, files)]) == 0


def test_recording_drops_what_the_queue_cannot_hold(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from wcs_contract.proxy import recorder as module

    release = threading.Event()
    real = module.envelopes

    def slow(exchange: Exchange) -> bytes:
        release.wait(10)
        return real(exchange)

    monkeypatch.setattr(module, "envelopes", slow)
    recorder = Recorder(tmp_path / "t.jsonl", capacity=2)
    for number in range(10):
        recorder.observe(_exchange(number))
    release.set()
    recorder.close()
    assert recorder.dropped >= 7  # the writer holds one, the queue two
    assert recorder.recorded + recorder.dropped == 10


def test_recording_drops_what_would_take_too_much_memory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from wcs_contract.proxy import recorder as module

    release = threading.Event()
    real = module.envelopes

    def slow(exchange: Exchange) -> bytes:
        release.wait(10)
        return real(exchange)

    monkeypatch.setattr(module, "envelopes", slow)
    size = 2 * len(_exchange(0).request)  # one exchange's bodies
    recorder = Recorder(tmp_path / "t.jsonl", capacity_bytes=3 * size + size // 2)
    for number in range(10):
        recorder.observe(_exchange(number))
    release.set()
    recorder.close()
    assert 3 <= recorder.recorded <= 4  # three fit in the bytes allowed, and one the writer took
    assert recorder.recorded + recorder.dropped == 10


# --- the command ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--upstream", "ftp://x/EchoApp"], "is not an http(s) URL"),
        (["--upstream", "http://u:p@x/EchoApp"], "carries credentials"),
        (["--upstream", "http://[::1/x"], "is not a valid URL: Invalid IPv6 URL"),
        (["--upstream", "http://x:99999/App"], "is not a valid URL"),
        (["--upstream", "http://x/App", "--record-max-bytes", "4096"], "needs --record FILE"),
        (["--upstream", "http://x/App", "--timeout", "0"], "not a number of seconds in"),
    ],
)
def test_usage_errors_exit_2(
    args: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["proxy", *args])
    assert stopped.value.code == 2
    assert message in capsys.readouterr().err


@pytest.mark.parametrize(
    "upstream",
    ["ftp://u:S3cr3tPw@x/EchoApp", "http://u:S3cr3tPw@x:99999/EchoApp", "http://u:S3cr3tPw@/x"],
)
def test_a_bad_upstream_never_shows_its_credentials(
    upstream: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["proxy", "--upstream", upstream])
    assert stopped.value.code == 2
    err = capsys.readouterr().err
    assert "S3cr3tPw" not in err
    assert "***@" in err


def test_an_upstream_on_port_0_is_a_usage_error_not_port_80() -> None:
    from wcs_contract.cli import UsageError
    from wcs_contract.cli.proxy import upstream_url

    with pytest.raises(UsageError, match="names port 0"):
        upstream_url("http://127.0.0.1:0/App")


def test_each_exchange_is_on_disk_as_soon_as_it_is_over(tmp_path: Path) -> None:
    record = tmp_path / "t.jsonl"
    with serve(echo) as served, proxied(served.url, record=record) as (proxy, _):
        post(f"{proxy.url}/publishStream", PUBLISH)
        deadline = time.monotonic() + 5
        while len(record.read_bytes().splitlines()) < 2 and time.monotonic() < deadline:
            time.sleep(0.01)
        on_disk = lines(record)  # while the proxy still runs
    assert [r["direction"] for r in on_disk] == ["request", "response"]


def proxy_process(upstream: str, record: Path, *options: str) -> subprocess.Popen[str]:
    """`wcs-contract proxy` in its own process on a free port, recording to `record`: its first
    line of output says where it listens."""
    command = [sys.executable, "-m", "wcs_contract.cli", "proxy", "--upstream", upstream]
    command += ["--port", "0", "--record", str(record), *options]
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    return subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env
    )


@pytest.mark.slow
@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGINT])
def test_a_stop_signal_finishes_in_flight_flushes_and_exits_0(
    stop: signal.Signals, tmp_path: Path
) -> None:
    record = tmp_path / "t.jsonl"
    with serve(echo, delay=0.5) as served:
        process = proxy_process(served.url, record)
        try:
            assert process.stdout is not None
            url = process.stdout.readline().split()[4]
            answers: list[int] = []
            slow = threading.Thread(
                target=lambda: answers.append(post(f"{url}/publishStream", PUBLISH).status_code)
            )
            slow.start()
            time.sleep(0.25)  # the hook is in flight, waiting for the backend
            process.send_signal(stop)
            slow.join(10)
            out, err = process.communicate(timeout=20)
        finally:
            process.kill()
    assert process.returncode == 0, err
    assert answers == [200]
    assert f"stopped by {stop.name} after 1 exchanges" in out
    assert [r["direction"] for r in lines(record)] == ["request", "response"]


def test_a_second_ctrl_c_stops_at_once_without_a_traceback(tmp_path: Path) -> None:
    record = tmp_path / "t.jsonl"
    with serve(echo, delay=30) as served:
        process = proxy_process(served.url, record, "--timeout", "60")
        try:
            assert process.stdout is not None
            url = process.stdout.readline().split()[4]
            port = int(url.rsplit(":", 1)[1])
            for _ in range(2):  # two hooks in flight, waiting for the backend
                threading.Thread(
                    target=lambda: post(f"{url}/publishStream", PUBLISH), daemon=True
                ).start()
            while len(served.received) < 2:
                time.sleep(0.01)
            process.send_signal(signal.SIGINT)
            while _listening(port):  # the first Ctrl-C is being handled: a graceful stop
                time.sleep(0.01)
            process.send_signal(signal.SIGINT)  # the impatient second one forces the stop
            out, err = process.communicate(timeout=20)
        finally:
            process.kill()
    assert process.returncode == 0, err
    assert "Traceback" not in err
    assert "CancelledError" not in err
    assert "stopped by SIGINT" in out
    lines(record)  # every line that was written is whole


def _listening(port: int) -> bool:
    try:
        socket.create_connection(("127.0.0.1", port), timeout=1).close()
    except OSError:
        return False
    return True


def test_redact_empties_exactly_what_the_secrets_rule_reports() -> None:
    from wcs_contract.validator import _secrets, redact

    frame = {
        "message": "connection",
        "data": [{"sipPassword": "p", "custom": {"apiKey": 7, "room": "42"}}],
    }
    body = {**CONNECT, "authToken": "t", "custom": {"myToken": "x", "room": "42"}}
    for original in (frame, body):
        safe = redact(original)
        assert _secrets(original, [], "warning")
        assert _secrets(safe, [], "warning") == []
        assert "42" in json.dumps(safe)
    assert redact(PUBLISH) is PUBLISH  # nothing to hide: the body itself
    assert redact(body)["sipLogin"] == "alice"


def test_credentials_never_reach_the_log_or_the_recording(tmp_path: Path) -> None:
    record = tmp_path / "t.jsonl"

    def leaky(request: HookRequest) -> Response:
        if request.method == "connect":  # not JSON, quoting the password: shown in the message
            return Response(b'{"sipPassword": "hunter2-sip-pass", oops', 200)
        return refusal(403, "no")

    with serve(leaky) as served, proxied(served.url, record=record) as (proxy, log):
        post(f"{proxy.url}/connect", CONNECT, Authorization="Basic dXNlcjpodW50ZXIy")
    text = log.getvalue()
    assert "the 200 answer is not JSON" in text
    assert '"sipPassword": ""' in text
    for hidden in ("hunter2", "dXNlcjpodW50ZXIy"):
        assert hidden not in text
        assert hidden not in record.read_text()


def test_credentials_the_backend_echoes_are_masked_in_the_log() -> None:
    password, sip_password = "Wh1te-Rabbit-9", "pässwört-Geheim9"
    basic = "Basic " + base64.b64encode(f"alice:{password}".encode()).decode()

    def echoes(request: HookRequest) -> Response:
        header = request.headers.get("authorization", "")
        if request.method == "connect":  # decodes the UTF-8 body as Latin-1
            body = {**request.body, "sipPassword": sip_password.encode().decode("latin-1")}
            return JSONResponse(body)
        if request.method == "publishStream":  # a refusal WCS ignores, quoting the header
            return JSONResponse({"error": f"bad {header}", "tried": password}, 403)
        return Response(f"auth was {header} ({password})", 500)

    with serve(echoes) as served, proxied(served.url) as (proxy, log):
        post(f"{proxy.url}/connect", {**CONNECT, "sipPassword": sip_password}, Authorization=basic)
        for method in ("publishStream", "StreamStatusEvent"):
            post(f"{proxy.url}/{method}", PUBLISH, Authorization=basic)
    text = log.getvalue()
    assert "garbles non-ASCII text at /sipPassword" in text
    assert "refusal_body" in text
    assert "server_error" in text
    for hidden in (password, basic.split()[1], sip_password[:6], "pÃ¤ss"):
        assert hidden not in text


def test_credentials_the_backend_echoes_are_masked_in_the_recording(tmp_path: Path) -> None:
    record = tmp_path / "t.jsonl"
    password = "Wh1te-Rabbit-9"
    basic = "Basic " + base64.b64encode(f"alice:{password}".encode()).decode()

    def echoes(request: HookRequest) -> Response:
        header = request.headers.get("authorization", "")
        if request.method == "connect":  # the header and the password, in values and a name
            extra = {"seen": [{"auth": header}], password: f"pw={password}"}
            return JSONResponse({**request.body, "custom": extra})
        return Response(f"auth was {header}", 200)  # not JSON: recorded as its text

    with serve(echoes) as served, proxied(served.url, record=record) as (proxy, _):
        post(f"{proxy.url}/connect", CONNECT, Authorization=basic)
        post(f"{proxy.url}/publishStream", PUBLISH, Authorization=basic)
    text = record.read_text()
    for hidden in (password, basic.split()[1], "hunter2"):
        assert hidden not in text
    answer = lines(record)[1]["body"]
    assert answer["custom"] == {"seen": [{"auth": "***"}], "***": "pw=***"}
    assert answer["sipLogin"] == "alice"  # the rest as the backend sent it


def test_a_bug_in_checking_still_answers_wcs(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    with serve(echo) as served, proxied(served.url, enforce=True) as (proxy, _):

        def broken(*_: Any) -> None:
            raise KeyError("bug")

        monkeypatch.setattr(proxy.checker, "request", broken)
        got = post(f"{proxy.url}/publishStream", PUBLISH)
    assert got.status_code == 502
    assert got.json()["reason"] == "internal error in wcs-contract proxy: KeyError"
    assert "KeyError: 'bug'" in capsys.readouterr().err
