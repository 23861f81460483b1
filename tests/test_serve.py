"""`wcs-contract serve`: the reference hook server, on free ports of 127.0.0.1.

In-process servers (`running_server`) answer the HTTP checks; the CLI runs in a subprocess for
start-up, shutdown and configuration errors. Every refusal has a test that triggers it and one
where the same request passes.
"""

from __future__ import annotations

import base64
import io
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import orjson
import pytest

from wcs_contract import signing
from wcs_contract.examples import Example, all_examples, golden
from wcs_contract.server import ConfigError, HookServer, ServerConfig, load_config, running_server
from wcs_contract.validator import Contract

ROOT = Path(__file__).resolve().parents[1]
SAMPLE_CONFIG = ROOT / "examples" / "serve-config.json"
CLI = [sys.executable, "-c", "from wcs_contract.cli import entry; entry()"]

VALID_REQUESTS = [e for e in all_examples() if e.direction == "request" and e.valid]
INVALID_REQUESTS = [e for e in all_examples() if e.direction == "request" and not e.valid]
CONNECTION = {"nodeId": "n1@10.0.0.5", "sessionId": "/10.0.0.9:51234/10.0.0.5:8443"}


def body_of(method: str, **fields: Any) -> dict[str, Any]:
    """The first valid request example of a method, with some fields changed."""
    example = next(e for e in VALID_REQUESTS if e.method == method)
    return {**example.body, **fields}


def post(url: str, body: Any, **headers: str) -> httpx.Response:
    content = body if isinstance(body, bytes) else orjson.dumps(body)
    headers.setdefault("Content-Type", "application/json")
    # verify=False: plain http on 127.0.0.1; it spares httpx loading CA certificates per call.
    return httpx.post(url, content=content, headers=headers, timeout=5, verify=False)


def refusal(response: httpx.Response) -> dict[str, Any]:
    """The refusal body, checked to be the exact shape WCS passes on to the client."""
    assert response.headers["content-type"] == "application/json"
    body: dict[str, Any] = response.json()
    assert sorted(body) == ["reason", "status"]
    assert body["status"] == response.status_code
    assert isinstance(body["reason"], str)
    return body


@pytest.fixture(scope="module")
def echo() -> Iterator[str]:
    with running_server() as url:
        yield url


@pytest.fixture(scope="module")
def configured() -> Iterator[str]:
    with running_server(load_config(SAMPLE_CONFIG)) as url:
        yield url


# --- the mirror -----------------------------------------------------------------------------


@pytest.mark.parametrize("example", VALID_REQUESTS, ids=lambda e: e.id)
def test_valid_request_is_mirrored(echo: str, example: Example) -> None:
    raw = orjson.dumps(example.body)
    response = post(f"{echo}/EchoApp/{example.method}", raw)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/json"
    assert response.content == raw
    issues = Contract().issues(response.json(), example.method, "response", http_status=200)
    assert [i for i in issues if i.severity == "error"] == []


def test_mirror_is_the_exact_bytes_received(echo: str) -> None:
    raw = b'{"appKey": "defaultApp",  "nodeId": "n1", "sessionId": "s\\/1", "extra": 1}'
    response = post(f"{echo}/connect", raw)
    assert response.status_code == 200
    assert response.content == raw


def test_method_is_the_last_path_segment(echo: str) -> None:
    body = body_of("publishStream")
    for path in ("/publishStream", "/EchoApp/publishStream", "/apps/EchoApp/publishStream/"):
        assert post(echo + path, body).status_code == 200, path


def test_alias_in_path_is_accepted(echo: str) -> None:
    body = body_of("sendDTMF")
    assert post(f"{echo}/EchoApp/sendDtmf", body).json() == body
    assert post(f"{echo}/EchoApp/sendDTMF", body).json() == body


def test_unknown_fields_are_mirrored_unless_strict(echo: str) -> None:
    body = body_of("publishStream", createDateTypo=1)
    assert post(f"{echo}/publishStream", body).status_code == 200
    with running_server({"strict": True}) as strict:
        response = post(f"{strict}/publishStream", body)
    assert response.status_code == 400
    assert refusal(response)["reason"].startswith("/createDateTypo: unknown field")


# --- refusals of the request itself ---------------------------------------------------------


def test_unknown_method_is_404(echo: str) -> None:
    response = post(f"{echo}/EchoApp/publishStreem", body_of("publishStream"))
    assert response.status_code == 404
    assert refusal(response)["reason"] == "unknown method 'publishStreem'"
    assert refusal(post(f"{echo}/", {}))["reason"] == "unknown method ''"


@pytest.mark.parametrize("verb", ["GET", "PUT", "DELETE", "HEAD"])
def test_other_http_methods_are_405(echo: str, verb: str) -> None:
    response = httpx.request(verb, f"{echo}/EchoApp/connect", timeout=5, verify=False)
    assert response.status_code == 405
    assert response.headers["allow"] == "POST"
    if verb != "HEAD":
        assert refusal(response)["reason"] == f"hooks are POST requests, not {verb}"


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"{not json", "the body is not JSON: "),
        (b"", "the body is not JSON: "),
        (b"[1, 2]", "the body must be a JSON object, found array"),
        (b'"connect"', "the body must be a JSON object, found string"),
    ],
)
def test_body_not_a_json_object_is_400(echo: str, content: bytes, reason: str) -> None:
    response = post(f"{echo}/connect", content)
    assert response.status_code == 400
    assert refusal(response)["reason"].startswith(reason)


def test_invalid_body_is_400_with_the_explained_errors(echo: str) -> None:
    body = body_of("publishStream", width="640")
    del body["name"], body["sessionId"]
    response = post(f"{echo}/EchoApp/publishStream", body)
    assert response.status_code == 400
    reasons = refusal(response)["reason"].split(" ; ")
    assert sorted(reasons) == [
        "/name: required field 'name' is missing from PublishStreamRequest",
        "/sessionId: required field 'sessionId' is missing from PublishStreamRequest",
        "/width: 'width' must be integer, found string '640'",
    ]
    # without nodeId it is a WCS 4 body: one reason that says so
    del body["nodeId"]
    response = post(f"{echo}/EchoApp/publishStream", body)
    (reason,) = refusal(response)["reason"].split(" ; ")
    assert reason.startswith("/nodeId: required field 'nodeId' is missing: this looks like a WCS 4")


def test_wrong_status_value_is_explained(echo: str) -> None:
    body = body_of("ConnectionStatusEvent", status="CONECTED")
    response = post(f"{echo}/ConnectionStatusEvent", body)
    assert response.status_code == 400
    reason = refusal(response)["reason"]
    assert reason.startswith("/status: 'CONECTED' is not a ConnectionStatusEvent request status")


@pytest.mark.parametrize("example", INVALID_REQUESTS, ids=lambda e: e.id)
def test_invalid_example_is_refused_by_a_strict_server(strict: str, example: Example) -> None:
    response = post(f"{strict}/{example.method}", example.body)
    assert response.status_code == 400
    reason = refusal(response)["reason"]
    for expected in golden(example.method)[example.key]:
        assert f"{expected['pointer'] or '(body)'}: " in reason


@pytest.fixture(scope="module")
def strict() -> Iterator[str]:
    with running_server(ServerConfig(strict=True)) as url:
        yield url


def test_rest_exclude_of_own_rest_client_config_is_not_demanded() -> None:
    # Once the server told WCS `restExclude: name`, WCS stops sending it: not a contract breach.
    body = body_of("publishStream")
    del body["name"]
    with running_server() as plain:
        assert post(f"{plain}/publishStream", body).status_code == 400
    config = {"restClientConfig": {"publishStream": {"restExclude": "name"}}}
    with running_server(config) as excluding:
        assert post(f"{excluding}/publishStream", body).status_code == 200


# --- the configuration: deny rules, overrides, restClientConfig -----------------------------


def test_deny_rule_refuses_with_its_reason(configured: str) -> None:
    response = post(f"{configured}/publishStream", body_of("publishStream", name="forbidden-1"))
    assert response.status_code == 403
    assert refusal(response)["reason"] == "this stream name is not allowed"
    allowed = body_of("publishStream", name="allowed-forbidden")
    assert post(f"{configured}/publishStream", allowed).status_code == 200
    # The same name in another method is not covered by the rule.
    play = body_of("playStream", name="forbidden-1")
    assert post(f"{configured}/playStream", play).status_code == 200


def test_deny_rule_unless_and_nested_fields(configured: str) -> None:
    legacy = body_of("connect", appKey="legacyApp")
    assert refusal(post(f"{configured}/connect", legacy))["reason"].startswith("this application")
    migrated = {**legacy, "custom": {"migrated": True}}
    assert post(f"{configured}/connect", migrated).status_code == 200
    guest = body_of("playHLS", custom={"role": "guest"})
    assert refusal(post(f"{configured}/playHLS", guest))["reason"] == "guests cannot play streams"
    member = body_of("playHLS", custom={"role": "member"})
    assert post(f"{configured}/playHLS", member).status_code == 200


def test_deny_rule_by_glob_with_its_own_status() -> None:
    config = {"deny": [{"method": "*StatusEvent", "match": {"appKey": "x*"}, "status": 451}]}
    with running_server(config) as url:
        event = body_of("StreamStatusEvent", appKey="xApp")
        response = post(f"{url}/StreamStatusEvent", event)
        assert response.status_code == 451
        assert refusal(response)["reason"] == "Forbidden"
        assert post(f"{url}/publishStream", body_of("publishStream", appKey="xApp")).is_success


def test_invalid_body_is_400_before_any_deny_rule(configured: str) -> None:
    body = body_of("publishStream", name="forbidden-1", width="wide")
    assert post(f"{configured}/publishStream", body).status_code == 400


def test_connect_answer_carries_the_rest_client_config(configured: str) -> None:
    body = body_of("connect")
    answer = post(f"{configured}/EchoApp/connect", body).json()
    expected = load_config(SAMPLE_CONFIG).rest_client_config
    assert answer == {**body, "restClientConfig": expected}
    assert [
        i for i in Contract().issues(answer, "connect", "response") if i.severity == "error"
    ] == []
    # Other methods are mirrored untouched.
    event = body_of("ConnectionStatusEvent")
    assert post(f"{configured}/ConnectionStatusEvent", event).json() == event


def test_override_rewrites_the_answer(configured: str) -> None:
    body = body_of("publishStream", name="raw-42")
    assert post(f"{configured}/publishStream", body).json() == {**body, "name": "transcoded"}
    plain = body_of("publishStream", name="cooked-42")
    assert post(f"{configured}/publishStream", plain).json() == plain


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ([], "config: expected a JSON object, found array"),
        ({"deyn": []}, "unknown member 'deyn' (did you mean 'deny'?"),
        ({"deny": {}}, "deny: expected a JSON array of rules, found object"),
        ({"deny": [{}]}, 'deny[0]: a rule needs "method", "match" or "unless"'),
        ({"deny": [{"method": "publishStrem"}]}, "did you mean 'publishStream'"),
        ({"deny": [{"method": "foo*"}]}, "deny[0].method: 'foo*' matches no method"),
        ({"deny": [{"method": "call", "status": 200}]}, "deny[0].status: expected an HTTP status"),
        ({"deny": [{"match": {"name": 3}}]}, "deny[0].match.name: expected a glob string"),
        ({"deny": [{"match": {"custom..x": "a"}}]}, "names joined by single dots"),
        ({"restClientConfig": {"cal": {}}}, "restClientConfig.cal: unknown method 'cal'"),
        (
            {"restClientConfig": {"call": {"restPolicy": "OVERWRIT"}}},
            'restClientConfig.call.restPolicy: "OVERWRIT" is not allowed (expected one of',
        ),
        ({"restClientConfig": {"call": {"x": ""}}}, "restClientConfig.call: unknown member(s) x"),
        ({"override": [{"method": "call", "set": {"appKey": "a"}}]}, "appKey cannot be overridden"),
        ({"override": [{"method": "call", "set": {"callee": 1}}]}, "not a valid call answer"),
        ({"override": [{"set": {"name": "x"}}]}, 'narrow the rule with "method"'),
        ({"auth": {"user": "wcs"}}, 'auth: set "passwordEnv"'),
        ({"auth": {"user": "a:b", "password": "p"}}, "auth.user: expected a non-empty user"),
        ({"secret": ""}, "secret: expected a non-empty string"),
        ({"secretEnv": "WCS_CONTRACT_TEST_UNSET"}, "environment variable WCS_CONTRACT_TEST_UNSET"),
        ({"secret": "s", "secretEnv": "S"}, 'give either "secret" or "secretEnv"'),
        (
            {"auth": {"user": "u", "password": "p"}, "secret": "s"},
            "basic auth and signature checking cannot be combined",
        ),
        ({"strict": "yes"}, "strict: expected true or false, found string"),
    ],
)
def test_config_mistakes_are_named(raw: Any, message: str) -> None:
    with pytest.raises(ConfigError) as caught:
        ServerConfig.from_dict(raw, env={})
    assert message in str(caught.value)
    assert str(caught.value).startswith("config: ")


def test_config_never_echoes_a_credential() -> None:
    with pytest.raises(ConfigError) as caught:
        ServerConfig.from_dict({"auth": {"user": "u", "password": "hunter2"}, "secret": "s3cr3t"})
    assert "hunter2" not in str(caught.value)
    assert "s3cr3t" not in str(caught.value)
    config = ServerConfig.from_dict({"auth": {"user": "u", "passwordEnv": "P"}}, env={"P": "pw"})
    assert "pw" not in repr(config) + config.describe()


def test_config_notes_say_what_wcs_will_ignore() -> None:
    config = ServerConfig.from_dict(
        {
            "deny": [{"method": "publishStream", "match": {"nmae": "x*"}}],
            "override": [{"method": "publishStream", "set": {"name": "y"}}],
        }
    )
    assert config.notes == (
        "deny[0].match.nmae: 'nmae' is not a field of publishStream requests (did you mean"
        " 'name'?); the rule matches only bodies that carry it",
        "override[0]: WCS ignores name in publishStream answers unless restClientConfig has"
        ' publishStream: {"restPolicy": "OVERWRITE", "restOverwrite": "name"}',
    )
    assert load_config(SAMPLE_CONFIG).notes == ()


def test_config_file_that_is_not_json(tmp_path: Path) -> None:
    path = tmp_path / "serve.json"
    path.write_text("{deny: []}")
    with pytest.raises(ConfigError, match=r"serve\.json: not JSON: "):
        load_config(path)
    with pytest.raises(ConfigError, match="cannot read the config file"):
        load_config(tmp_path / "missing.json")


def test_a_body_size_written_with_an_exponent_is_a_number_of_bytes() -> None:
    config = ServerConfig.from_dict(orjson.loads(b'{"maxBodySize": 1e3}'))
    assert type(config.max_body_size) is int
    assert "bodies up to 1000 bytes" in config.describe()


def test_a_config_that_never_ends_is_refused(tmp_path: Path) -> None:
    """A log file named by mistake, or `--config /dev/zero`, is refused after a bounded read."""
    path = tmp_path / "huge.json"
    path.write_bytes(b"{" + b" " * (16 << 20) + b"}")
    with pytest.raises(ConfigError, match=r"huge\.json: larger than 16 MiB: not a config file"):
        load_config(path)
    with pytest.raises(ConfigError, match=r"^/dev/zero: larger than 16 MiB: not a config file$"):
        load_config("/dev/zero")


# --- credentials: basic auth and WCS signatures ---------------------------------------------


def basic(user: str, password: str) -> str:
    return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()


def test_basic_auth() -> None:
    body = body_of("connect")
    config = {"auth": {"user": "wcs", "passwordEnv": "HOOK_PASSWORD"}}
    with running_server(ServerConfig.from_dict(config, env={"HOOK_PASSWORD": "pä55"})) as url:
        for header in ({}, {"Authorization": basic("wcs", "wrong")}, {"Authorization": "Basic %%"}):
            response = post(f"{url}/connect", body, **header)
            assert response.status_code == 401
            assert response.headers["www-authenticate"].startswith('Basic realm="wcs-contract"')
            assert refusal(response)["reason"] == "basic authentication required"
        assert post(f"{url}/connect", body, Authorization=basic("wcs", "pä55")).json() == body
        # Authentication comes before anything is read: an unknown method is still a 401.
        assert post(f"{url}/nothing", body).status_code == 401


def test_signature_check() -> None:
    raw = orjson.dumps(body_of("publishStream"))
    with running_server({"secret": "1234567890"}) as url:
        for header in ({}, {"Authorization": "WCS 00"}, {"Authorization": basic("a", "b")}):
            response = post(f"{url}/publishStream", raw, **header)
            assert response.status_code == 403
            assert refusal(response) == {"status": 403, "reason": "bad signature"}
        other = signing.sign(raw + b" ", "1234567890")
        assert post(f"{url}/publishStream", raw, Authorization=other).status_code == 403
        good = signing.sign(raw, "1234567890")
        assert post(f"{url}/publishStream", raw, Authorization=good).content == raw
        assert post(f"{url}/publishStream", raw, Authorization=good.upper()).status_code == 200


def test_sign_matches_rfc_2104_hmac_md5() -> None:
    # RFC 2104 test vector: key "Jefe", data "what do ya want for nothing?".
    assert signing.sign(b"what do ya want for nothing?", "Jefe") == (
        "WCS 750c783e6ab0b503eaa86e310a5db738"
    )


def test_verify() -> None:
    body = b'{"nodeId": "n"}'
    header = signing.sign(body, "k")
    assert signing.verify(body, header, "k")
    assert signing.verify(body, "wcs " + header[4:].upper(), "k")
    assert not signing.verify(body, header, "other key")
    assert not signing.verify(body + b" ", header, "k")
    assert not signing.verify(body, None, "k")
    assert not signing.verify(body, header[4:], "k")
    assert not signing.verify(body, "Bearer " + header[4:], "k")
    assert not signing.verify(body, "WCS ünïcode", "k")


# --- logging, errors, the in-process runner -------------------------------------------------


def test_one_log_line_per_call_without_credentials() -> None:
    log = io.StringIO()
    raw = orjson.dumps(body_of("connect"))
    with running_server({"secret": "topsecret"}, log=log) as url:
        signature = signing.sign(raw, "topsecret")
        post(f"{url}/EchoApp/connect", raw, Authorization=signature)
        post(f"{url}/EchoApp/connect", raw, Authorization="WCS deadbeef")
    first, second = log.getvalue().splitlines()
    assert " connect 200 " in first
    assert " ms 127.0.0.1:" in first
    assert second.endswith("(bad signature)")
    assert " connect 403 " in second
    for secret in ("topsecret", signature[4:], "deadbeef", "Authorization"):
        assert secret not in log.getvalue()


def test_a_bug_answers_500_and_is_logged() -> None:
    log = io.StringIO()
    server = HookServer(log=log)

    def broken(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("boom")

    server.endpoint.contract.issues = broken  # type: ignore[method-assign]
    server.start()
    try:
        response = post(f"{server.url}/connect", body_of("connect"))
    finally:
        server.stop()
    assert response.status_code == 500
    assert refusal(response)["reason"] == "internal error in wcs-contract serve: RuntimeError"
    assert "RuntimeError: boom" in log.getvalue()
    assert log.getvalue().rstrip().endswith("(internal error in wcs-contract serve: RuntimeError)")


def test_running_server_stops_and_frees_the_port() -> None:
    with running_server() as url:
        assert post(f"{url}/connect", body_of("connect")).status_code == 200
    with pytest.raises(httpx.ConnectError):
        post(f"{url}/connect", body_of("connect"))


def test_a_busy_port_is_an_os_error() -> None:
    server = HookServer()
    try:
        port = int(server.url.rsplit(":", 1)[1])
        with pytest.raises(OSError, match="in use"):
            HookServer(port=port)
    finally:
        server.stop()


# --- the command line -----------------------------------------------------------------------


def cli(*args: str, **kwargs: Any) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*CLI, "serve", *args], capture_output=True, text=True, timeout=30, check=False, **kwargs
    )


def test_cli_invalid_config_exits_2_with_a_clear_message(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_text('{"restClientConfig": {"call": {"restPolicy": "OVERWRIT"}}}')
    result = cli("--port", "0", "--config", str(path))
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr == (
        f'wcs-contract: error: {path}: restClientConfig.call.restPolicy: "OVERWRIT" is not'
        " allowed (expected one of OVERWRITE, NOTIFY, DISABLE, DISABLED)\n"
    )


def test_cli_busy_port_exits_2() -> None:
    server = HookServer()
    try:
        port = server.url.rsplit(":", 1)[1]
        result = cli("--port", port)
    finally:
        server.stop()
    assert result.returncode == 2
    assert result.stderr.startswith(f"wcs-contract: error: cannot listen on 127.0.0.1:{port}: ")
    assert "Traceback" not in result.stderr


def test_cli_rejects_a_port_out_of_range() -> None:
    result = cli("--port", "70000")
    assert result.returncode == 2
    assert "port 70000 is not in 0-65535" in result.stderr


@pytest.mark.parametrize(
    ("stop", "strict"), [(signal.SIGTERM, False), (signal.SIGINT, True)], ids=["TERM", "INT-strict"]
)
def test_cli_serves_on_a_free_port_and_stops_cleanly(stop: signal.Signals, strict: bool) -> None:
    flags = ["--port", "0", "--config", str(SAMPLE_CONFIG), *(["--strict"] if strict else [])]
    with subprocess.Popen(
        [*CLI, "serve", *flags], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    ) as process:
        assert process.stdout is not None
        first = process.stdout.readline()
        assert first.startswith("serving WCS hooks on http://127.0.0.1:")
        url = first.split()[-1]
        denied = body_of("publishStream", name="forbidden-x")
        assert post(f"{url}/EchoApp/publishStream", denied).status_code == 403
        unknown_field = body_of("publishStream", createDateTypo=1)
        expected = 400 if strict else 200
        assert post(f"{url}/EchoApp/publishStream", unknown_field).status_code == expected
        process.send_signal(stop)
        out, err = process.communicate(timeout=15)
    assert process.returncode == 0
    assert out == f"wcs-contract serve: stopped by {stop.name} after 2 calls\n"
    assert "3 deny rules, 1 override, restClientConfig for 2 methods" in err
    assert " publishStream 403 " in err
    assert "Traceback" not in err


def test_cli_help_teaches_the_config_format() -> None:
    result = cli("--help")
    assert result.returncode == 0
    for text in ("  deny ", "  restClientConfig ", "  secretEnv ", "--port 0", "exit codes"):
        assert text in result.stdout


def test_a_line_break_in_the_path_stays_on_one_log_line() -> None:
    log = io.StringIO()
    with running_server(log=log) as url:
        response = post(f"{url}/EchoApp/con%0Anect", body_of("connect"))
    assert response.status_code == 404
    assert refusal(response)["reason"] == "unknown method 'con\\nnect'"
    assert len(log.getvalue().splitlines()) == 1
    assert " con\\nnect 404 " in log.getvalue()
