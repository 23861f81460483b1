"""Every check of `wcs-contract test` fails against a server that breaks it, and passes the echo."""

from __future__ import annotations

from typing import Any

import pytest
from starlette.responses import JSONResponse, Response

from servers import HookRequest, echo, findings, refusal, run_quick, serve, signed_by
from wcs_contract.live import checks
from wcs_contract.live.results import MethodResult


def _method(result: Any, name: str) -> MethodResult:
    found: MethodResult = next(m for m in result.methods if m.method == name)
    return found


def test_an_echo_server_passes_every_check() -> None:
    with serve(echo) as served:
        result = run_quick(served.url, methods=("connect", "publishStream", "StreamStatusEvent"))
    assert result.exit_code == 0, [f.message for row in result.rows for f in row.findings]
    assert not result.warning_count
    connect = _method(result, "connect")
    assert connect.cases == 3
    assert connect.passed == 3
    for check in ("connection", "timeout", "json_object", "response_schema", "mirror"):
        assert connect.check_status(check) == "passed"
    # no answer carried a restClientConfig, and nothing was refused
    assert connect.check_status("rest_client_config") == "skipped"
    assert connect.check_status("refusal_body") == "skipped"


def test_server_error_fails() -> None:
    def crash(request: HookRequest) -> Response:
        if request.method == "publishStream":
            return Response("Traceback: KeyError 'name'", status_code=500)
        return echo(request)

    with serve(crash) as served:
        result = run_quick(served.url)
    (finding,) = findings(result, "server_error")
    assert "answered 500 Internal Server Error to a valid body" in finding.message
    assert "KeyError" in finding.message
    assert finding.occurrences == 3
    assert finding.curl.startswith("curl -sS -i -X POST")
    assert f"{served.url}/publishStream" in finding.curl
    assert _method(result, "connect").check_status("server_error") == "passed"
    assert result.exit_code == 1


@pytest.mark.parametrize(
    ("status", "severity", "text"),
    [
        (204, "failure", "WCS accepts only 200"),
        (302, "failure", "WCS accepts only 200"),
        (404, "failure", "/EchoApp/publishStream is not served"),
    ],
)
def test_status_codes_other_than_200_or_a_refusal(status: int, severity: str, text: str) -> None:
    with serve(lambda r: Response(status_code=status, headers={"Location": "/x"})) as served:
        result = run_quick(served.url, methods=("publishStream",))
    (finding,) = findings(result, "status_code", severity)
    assert text in finding.message


def test_refusing_an_event_is_a_warning() -> None:
    with serve(lambda r: refusal()) as served:
        result = run_quick(
            served.url,
            methods=("StreamStatusEvent", "publishStream"),
            expect_refusal=("StreamStatusEvent", "publishStream"),
        )
    (finding,) = findings(result, "status_code", "warning")
    assert "StreamStatusEvent is an event" in finding.message
    assert result.exit_code == 0  # a refusal is the backend's right; WCS just ignores it here


@pytest.mark.parametrize(
    ("answer", "text"),
    [
        (Response('{"a": 1}', media_type="text/plain"), "Content-Type is text/plain"),
        (Response("<html><body>OK</body></html>", media_type="text/html"), "not JSON"),
        (JSONResponse([1, 2]), "is a JSON array, expected an object"),
        (Response(b"", media_type="application/json"), "empty body"),
    ],
)
def test_a_200_answer_must_be_a_json_object(answer: Response, text: str) -> None:
    with serve(lambda r: answer) as served:
        result = run_quick(served.url, methods=("publishStream",))
    messages = [f.message for f in findings(result, "json_object")]
    assert any(text in m for m in messages), messages


def test_response_schema_uses_the_validator_messages() -> None:
    def wrong_type(request: HookRequest) -> Response:
        return JSONResponse(
            {**request.body, "hasVideo": "yes", "audioState": {"muted": False, "volume": 3}}
        )

    with serve(wrong_type) as served:
        result = run_quick(served.url, methods=("publishStream",))
    (failure,) = findings(result, "response_schema")
    assert failure.message == "/hasVideo: 'hasVideo' must be boolean, found string 'yes'"
    (warning,) = findings(result, "response_schema", "warning")
    assert warning.message.startswith("/audioState/volume: unknown field 'volume'")
    assert "oneOf" not in failure.message


def test_mirror_connect_must_keep_every_field() -> None:
    def drop(request: HookRequest) -> Response:
        body = dict(request.body)
        body.pop("sessionId", None)
        return JSONResponse(body)

    with serve(drop) as served:
        result = run_quick(served.url, methods=("connect",))
    messages = [f.message for f in findings(result, "mirror")]
    assert messages
    assert all(m.startswith("drops 'sessionId'") for m in messages)


def test_mirror_ids_never_change() -> None:
    def rename(request: HookRequest) -> Response:
        return JSONResponse({**request.body, "sessionId": "another-session"})

    with serve(rename) as served:
        result = run_quick(served.url, methods=("publishStream",))
    (finding,) = findings(result, "mirror")
    assert finding.message.startswith("changes 'sessionId' from ")
    assert finding.message.endswith(' to "another-session": WCS never lets a web server change'
                                    " nodeId, sessionId or appKey")  # fmt: skip


def test_mirror_no_unknown_field_added() -> None:
    with serve(lambda r: JSONResponse({**r.body, "mediaSesionId": "x"})) as served:
        result = run_quick(served.url, methods=("publishStream",))
    (finding,) = findings(result, "mirror")
    assert finding.message.startswith(
        "adds a field WCS does not know: unknown field 'mediaSesionId'"
    )
    assert "did you mean 'mediaSessionId'?" in finding.message
    assert not findings(result, "response_schema", "warning")  # reported once, by the mirror


def test_mirror_a_changed_field_is_a_warning_without_overwrite() -> None:
    with serve(lambda r: JSONResponse({**r.body, "name": "renamed"})) as served:
        result = run_quick(served.url, methods=("publishStream",))
    (finding,) = findings(result, "mirror", "warning")
    assert finding.message.startswith("changes /name from ")
    assert finding.message.endswith(
        ' to "renamed", but WCS ignores the change: restPolicy for publishStream is NOTIFY,'
        " not OVERWRITE"
    )
    assert finding.occurrences == 3  # one cause, whatever name each case sent
    assert result.exit_code == 0


def test_rest_client_config_is_checked_on_its_own() -> None:
    config = {
        "publishStream": {"restPolicy": "OVERWITE"},
        "call": {"restPolicy": "NOTIFY", "restOverwrite": "callee"},
    }

    def with_config(request: HookRequest) -> Response:
        if request.method == "connect":
            return JSONResponse({**request.body, "restClientConfig": config})
        return echo(request)

    with serve(with_config) as served:
        result = run_quick(served.url, methods=("connect",))
    (failure,) = findings(result, "rest_client_config")
    assert failure.message.startswith("/restClientConfig/publishStream/restPolicy: 'OVERWITE'")
    assert "OVERWRITE, NOTIFY, DISABLE, DISABLED" in failure.message
    (warning,) = findings(result, "rest_client_config", "warning")
    assert "restOverwrite is set but restPolicy is NOTIFY" in warning.message
    assert not findings(result, "response_schema")
    assert _method(result, "connect").check_status("rest_client_config") == "failed"


@pytest.mark.parametrize(
    ("answer", "text"),
    [
        (JSONResponse({"error": "no"}, status_code=403), "WCS ignores this 403 body"),
        (  # Spring Boot's default error body (hugheba/wcs-springboot refuses so): legal
            JSONResponse(
                {"timestamp": "2026-12-02T17:00:00.000+00:00", "status": 403, "error": "Forbidden"}
                | {"path": "/publishStream"},
                status_code=403,
            ),
            "the client gets 'Forbidden' instead",
        ),
        (JSONResponse({"status": 403, "reason": "no", "code": 7}, status_code=403), "ignores"),
        (
            Response('{"status": 403, "reason": "no"}', status_code=403, media_type="text/plain"),
            "comes with text/plain",
        ),
    ],
)
def test_refusal_body_must_be_status_and_reason(answer: Response, text: str) -> None:
    with serve(lambda r: answer) as served:
        result = run_quick(
            served.url, methods=("publishStream",), expect_refusal=("publishStream",)
        )
    (finding,) = findings(result, "refusal_body", "warning")
    assert text in finding.message
    assert result.exit_code == 0


def test_a_proper_refusal_passes() -> None:
    with serve(lambda r: refusal(403, "stream name not allowed")) as served:
        result = run_quick(
            served.url, methods=("publishStream",), expect_refusal=("publishStream",)
        )
    assert result.exit_code == 0
    assert not result.warning_count
    assert _method(result, "publishStream").check_status("refusal_body") == "passed"


def _checking_signatures(secret: str, wrong_status: int = 403) -> Any:
    def handler(request: HookRequest) -> Response:
        if not signed_by(request, secret):
            return refusal(wrong_status, "bad signature")
        return echo(request)

    return handler


def test_signed_requests_pass_a_verifying_server() -> None:
    with serve(_checking_signatures("k3y")) as served:
        result = run_quick(served.url, credentials=_secret("k3y"))
    assert result.exit_code == 0, [f.message for row in result.rows for f in row.findings]
    assert result.signed
    for method in result.methods:
        assert method.check_status("signature") == "passed"
        assert method.cases == 5  # 3 cases, the mis-signed probe and the unsigned one
    signed = [r for r in served.received if signed_by(r, "k3y")]
    assert len(signed) == 6


def test_accepting_a_wrong_signature_fails() -> None:
    with serve(echo) as served:
        result = run_quick(served.url, credentials=_secret("k3y"))
    failures = findings(result, "signature")
    assert len(failures) == 4  # two probes per method
    assert "a request with a wrong signature was answered 200 OK" in failures[0].message
    assert "Authorization: WCS " in failures[0].curl
    assert "a request without a signature was answered 200 OK" in failures[1].message
    assert "Authorization" not in failures[1].curl


def test_refusing_a_wrong_signature_with_401_is_a_warning() -> None:
    with serve(_checking_signatures("k3y", wrong_status=401)) as served:
        result = run_quick(served.url, methods=("publishStream",), credentials=_secret("k3y"))
    wrong, unsigned = findings(result, "signature", "warning")
    assert (
        wrong.message
        == "a wrongly signed request was refused with 401; WCS documents 403 Forbidden"
    )
    assert unsigned.message.startswith("an unsigned request was refused with 401")


def test_negative_bodies_must_not_cause_a_server_error() -> None:
    from wcs_contract.validator import Contract

    contract = Contract()

    def fragile(request: HookRequest) -> Response:
        body = request.body
        issues = contract.issues(body, request.method, "request") if isinstance(body, dict) else []
        if not isinstance(body, dict) or any(i.severity == "error" for i in issues):
            return Response("unhandled", status_code=500)
        return echo(request)

    with serve(fragile) as served:
        result = run_quick(served.url, methods=("publishStream",), negative=True)
    (finding,) = findings(result, "negative")
    assert finding.message.startswith("an invalid body caused 500 Internal Server Error")
    assert not findings(result, "server_error")  # the valid cases were answered properly
    assert _method(result, "publishStream").check_status("negative") == "failed"


def test_a_slow_answer_is_a_warning(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(checks, "SLOW_ANSWER", 0.2)
    with serve(echo, delay=0.3) as served:
        result = run_quick(served.url, methods=("publishStream",), max_examples=1, timeout=3)
    (warning,) = findings(result, "timeout", "warning")
    assert "WCS recommends answering within 0.2 s" in warning.message
    assert result.exit_code == 0


def _secret(value: str) -> Any:
    from wcs_contract.live.options import Credentials

    return Credentials(secret=value)


def test_a_generation_failure_is_reported_not_raised(monkeypatch: pytest.MonkeyPatch) -> None:
    from wcs_contract.live import generation

    real = generation.generate

    def failing(operation: Any, **kwargs: Any) -> Any:
        if operation.path == "/publishStream":
            raise generation.GenerationFailed("Unsatisfiable: nothing to draw")
        return real(operation, **kwargs)

    monkeypatch.setattr(generation, "generate", failing)
    with serve(echo) as served:
        result = run_quick(served.url, max_examples=5)
    (finding,) = findings(result, "self_check")
    assert finding.message == (
        "schemathesis could not generate requests: Unsatisfiable: nothing to draw"
    )
    assert _method(result, "connect").passed == 5
    assert _method(result, "publishStream").cases == 3  # the edge bodies were still sent


def test_a_restclientconfig_with_a_million_wrong_names_costs_a_few_findings() -> None:
    from wcs_contract.answers import Verdict, check_rest_client_config_names
    from wcs_contract.validator import Contract

    names = ",".join(f"fieldz{i}" for i in range(100_000))  # one JSON value, 1 MB
    config = {"publishStream": {"restExclude": names}, "publishStreem": {}, "conect": {}}
    verdict = Verdict()
    check_rest_client_config_names(config, verdict, Contract(strict=False, secrets="ignore"))
    messages = [o.message for o in verdict.observations]
    assert len(messages) <= 25  # not one per name
    assert "'fieldz0' is not a field of publishStream" in messages[0]
    assert sum("did you mean 'publishStream'" in m for m in messages) == 1
    listed = sum("is not a field of publishStream" in m for m in messages)
    assert messages[-1].startswith(f"/restClientConfig: and {100_000 - listed} more")
