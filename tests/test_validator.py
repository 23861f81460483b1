"""The validator library: verdicts, the variant it explains, warnings, secrets, restClientConfig."""

from __future__ import annotations

from typing import Any

import orjson
import pytest

import wcs_contract
from wcs_contract.catalogue import UnknownMethodError
from wcs_contract.validator import Contract, validate

NODE = "Q7m2xKd9LpR3vTnB8cWzY4hJ6sFgA1eU@10.0.0.5"
CONNECTION = {"nodeId": NODE, "sessionId": "/10.0.0.9:51234/10.0.0.5:8443", "appKey": "defaultApp"}


def summary(issues: list[Any]) -> list[tuple[str, str, str | None, str]]:
    return [(i.pointer, i.keyword, i.variant, i.severity) for i in issues]


def test_public_api_is_importable_from_the_package() -> None:
    report = wcs_contract.validate(
        {**CONNECTION, "status": "FAILED", "info": "x"},
        method="ConnectionStatusEvent",
        direction="request",
    )
    assert report.valid
    assert isinstance(report, wcs_contract.Report)


def test_explanation_follows_the_variant_status_selects() -> None:
    # FAILED without info: the FAILED subset is explained, not the connection subset whose
    # errors (about sipLogin, say) would be nonsense here.
    body = {**CONNECTION, "status": "FAILED", "sipLogin": "alice"}
    issues = Contract(strict=True).issues(body, "ConnectionStatusEvent", "request")
    assert summary(issues) == [
        ("/info", "required", "ConnectionStatusEventRequestFailed", "error"),
        ("/sipLogin", "additionalProperties", "ConnectionStatusEventRequestFailed", "error"),
    ]


def test_an_unknown_status_names_the_expected_values() -> None:
    issues = Contract().issues(
        {**CONNECTION, "status": "CONECTED"}, "ConnectionStatusEvent", "request"
    )
    assert summary(issues) == [("/status", "enum", None, "error")]
    assert "'CONECTED' is not a ConnectionStatusEvent request status" in issues[0].message
    assert "PENDING, ESTABLISHED, DISCONNECTED, FAILED" in issues[0].message


def test_unknown_fields_are_warnings_by_default_and_errors_when_strict() -> None:
    body = {**CONNECTION, "name": "s1", "publishedd": True}
    relaxed = Contract().issues(body, "publishStream", "request")
    assert summary(relaxed) == [
        ("/publishedd", "additionalProperties", "PublishStreamRequest", "warning")
    ]
    assert "did you mean 'published'?" in relaxed[0].message
    assert validate(body, method="publishStream", direction="request").valid
    strict = validate(body, method="publishStream", direction="request", strict=True)
    assert not strict.valid


def test_aliases_are_accepted() -> None:
    body = {**CONNECTION, "callId": "c1", "dtmf": "5", "type": "RFC2833"}
    assert validate(body, method="sendDtmf", direction="request").valid
    issue = Contract().issues({**body, "type": "TONE"}, "sendDtmf", "request")[0]
    assert issue.method == "sendDTMF"


def test_unknown_method_and_direction_are_clear_errors() -> None:
    with pytest.raises(UnknownMethodError, match="did you mean 'connect'"):
        validate({}, method="conect", direction="request")
    with pytest.raises(ValueError, match="unknown direction 'up'"):
        validate({}, method="connect", direction="up")


def test_rest_client_config_excluded_fields_are_not_demanded() -> None:
    body = {"sessionId": CONNECTION["sessionId"], "appKey": "defaultApp", "name": "s1"}
    assert not validate(body, method="publishStream", direction="request").valid
    config = {"publishStream": {"restExclude": "nodeId, sdp", "restPolicy": "NOTIFY"}}
    report = validate(body, method="publishStream", direction="request", rest_client_config=config)
    assert report.valid
    # explaining another error, in a schema of several variants, does not demand it either
    failed = {"sessionId": CONNECTION["sessionId"], "appKey": "x", "status": "FAILED", "info": 5}
    excluded = {"ConnectionStatusEvent": {"restExclude": "nodeId"}}
    issues = Contract().issues(
        failed, "ConnectionStatusEvent", "request", rest_client_config=excluded
    )
    assert summary(issues) == [("/info", "type", "ConnectionStatusEventRequestFailed", "error")]
    # clientExclude concerns the client direction, not the request
    other = {"publishStream": {"clientExclude": "nodeId"}}
    assert not validate(
        body, method="publishStream", direction="request", rest_client_config=other
    ).valid


@pytest.mark.parametrize(
    ("body", "pointer"),
    [
        ({**CONNECTION, "sipPassword": "hunter2-very-secret"}, "/sipPassword"),
        ({**CONNECTION, "authToken": "tok-5f1e9a-very-secret"}, "/authToken"),
        ({**CONNECTION, "custom": {"apiKey": "k-77d1-very-secret"}}, "/custom/apiKey"),
    ],
)
def test_secrets_are_reported_and_never_shown(body: dict[str, Any], pointer: str) -> None:
    issues = Contract().issues(body, "connect", "request")
    assert summary(issues) == [(pointer, "x-secret", None, "warning")]
    assert "very-secret" not in repr(issues)
    as_error = Contract(secrets="error").issues(body, "connect", "request")
    assert as_error[0].severity == "error"
    assert Contract(secrets="ignore").issues(body, "connect", "request") == []


def test_a_secret_with_a_wrong_type_is_not_quoted() -> None:
    issues = Contract().issues({**CONNECTION, "sipPassword": 12345678}, "connect", "request")
    type_error = next(i for i in issues if i.keyword == "type")
    assert "12345678" not in type_error.message


@pytest.mark.parametrize(
    ("body", "method", "direction"),
    [
        ({**CONNECTION, "sipLogin": {"sipPassword": "hunter2-very-secret"}}, "connect", "request"),
        ({**CONNECTION, "status": {"token": "tok-very-secret"}}, "connect", "request"),
        ({**CONNECTION, "mediaProviders": [{"authToken": "a-very-secret"}]}, "connect", "request"),
        (
            {**CONNECTION, "sipLogin": [{"custom": {"password": "pw-very-secret"}}]},
            "connect",
            "request",
        ),
        (
            {"message": "connection", "data": {"sipPassword": "hunter2-very-secret"}},
            "connect",
            "client",
        ),
    ],
)
def test_a_credential_inside_a_wrongly_typed_value_is_not_quoted(
    body: dict[str, Any], method: str, direction: str
) -> None:
    issues = Contract().issues(body, method, direction)
    assert any(i.severity == "error" for i in issues)
    assert "very-secret" not in repr(issues)
    assert "<hidden>" in repr(issues)


def test_empty_secrets_are_fine() -> None:
    assert Contract().issues({**CONNECTION, "sipPassword": ""}, "connect", "request") == []


def test_refusal_bodies_and_http_status() -> None:
    refusal = {"status": 403, "reason": "no"}
    assert Contract().issues(refusal, "publishStream", "response", http_status=403) == []
    wrong = Contract().issues(refusal, "publishStream", "response", http_status=200)
    assert summary(wrong) == [("/status", "x-http-status", None, "error")]
    ignored = Contract().issues({"error": "no"}, "publishStream", "response", http_status=403)
    assert ("", "x-http-status", None, "warning") in summary(ignored)


def test_a_body_that_is_not_an_object() -> None:
    issues = Contract().issues(["x"], "connect", "request")
    assert summary(issues)[0][:2] == ("", "type")
    assert "found array" in issues[0].message


def test_frames_are_explained_by_their_elements_variant() -> None:
    frame = {"message": "ConnectionStatusEvent", "data": [{"status": "FAILED", "info": 3}]}
    issues = Contract().issues(frame, "ConnectionStatusEvent", "client")
    assert summary(issues) == [
        ("/data/0/info", "type", "ConnectionStatusEventClientFailed", "error")
    ]


def test_every_error_message_says_what_was_found() -> None:
    issues = Contract().issues({**CONNECTION, "width": "1280"}, "connect", "request")
    assert issues[0].message == "'width' must be integer, found string '1280'"


def test_a_wrong_value_nested_too_deep_to_quote_is_one_issue_not_an_exception() -> None:
    deep = orjson.loads(b"[" * 300 + b"]" * 300)  # deeper than jsonschema-rs hands back
    report = validate({**CONNECTION, "sipLogin": deep}, method="connect", direction="request")
    assert [(i.pointer, i.keyword, i.severity) for i in report.issues] == [("", "x-limit", "error")]
    assert "nests too deeply" in report.issues[0].message


def test_a_null_of_the_wrong_type_is_named_once() -> None:
    issues = Contract().issues({**CONNECTION, "sipLogin": None}, "connect", "request")
    assert [i.message for i in issues] == ["'sipLogin' must be string, found null"]


def test_a_restclientconfig_of_thousands_of_unknown_methods_is_explained_from_100() -> None:
    # jsonschema-rs spends time in proportion to the object on each name it refuses: 1,000 names
    # took 1.7 s and 100,000 (a 16 MiB answer) would take hours, before the object was cut.
    config: dict[str, Any] = {f"bogus{i}": {} for i in range(1000)}
    issues = Contract().issues({**CONNECTION, "restClientConfig": config}, "connect", "response")
    assert (issues[0].pointer, issues[0].keyword, issues[0].severity) == (
        "/restClientConfig",
        "x-limit",
        "warning",
    )
    assert issues[0].message.startswith("only the first 100 members of /restClientConfig")
    refused = {i.message.split('"')[1] for i in issues if i.keyword == "enum"}
    assert refused <= {f"bogus{i}" for i in range(100)}
    assert issues[-1].message.startswith("… and at least")


def test_a_member_the_contract_names_is_explained_though_it_comes_after_the_cut() -> None:
    config: dict[str, Any] = {f"bogus{i}": {} for i in range(150)}
    config["publishStream"] = {"restPolicy": 12}
    issues = Contract().issues({**CONNECTION, "restClientConfig": config}, "connect", "response")
    assert any(i.pointer == "/restClientConfig/publishStream/restPolicy" for i in issues)
