"""Contract fidelity (issue 9): what WCS 5.x servers and the Web SDK 2.0 really exchange passes,
each class of real traffic the contract once refused has a test here, and real bodies stay typed.

The real bodies are the examples that cite their `source` (a docs.flashphoner.com page, or a
repository path at a commit).
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from wcs_contract.catalogue import load_catalogue
from wcs_contract.cli import main
from wcs_contract.examples import Example, all_examples
from wcs_contract.inputs.envelope import frame_method
from wcs_contract.validator import Contract

NODE = "Q7m2xKd9LpR3vTnB8cWzY4hJ6sFgA1eU@10.0.0.5"
CONNECTION = {"nodeId": NODE, "sessionId": "/10.0.0.9:51234/10.0.0.5:8443", "appKey": "defaultApp"}
CONTRACT = Contract()
STRICT = Contract(strict=True)
SOURCED = [e for e in all_examples() if e.valid and "source" in e.envelope]
DOCUMENTED = [e for e in SOURCED if e.envelope["source"].startswith("https://docs.flashphoner.com")]


def errors(issues: list[Any]) -> list[tuple[str, str]]:
    return [(i.pointer, i.keyword) for i in issues if i.severity == "error"]


def test_real_bodies_are_examples_that_cite_their_source() -> None:
    assert len(DOCUMENTED) >= 3
    for example in SOURCED:
        source = example.envelope["source"]
        assert source.startswith("https://") or "@" in source, f"{example.id}: {source}"


@pytest.mark.parametrize("example", DOCUMENTED, ids=lambda e: e.id)
def test_every_documented_body_validates_with_exit_0(
    example: Example, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["validate", "--quiet", str(example.path)]) == 0
    assert "Traceback" not in "".join(capsys.readouterr())


def _wrong_type(value: Any) -> Any:
    """A value no member of the contract accepts where `value` was: an array of arrays, or a
    number where an array was."""
    return 7 if isinstance(value, list) else [[]]


def _members(body: Any) -> list[tuple[list[str | int], Any]]:
    """The members of a body, or of a frame's elements, with their paths."""
    if isinstance(body, dict) and "message" in body and isinstance(body.get("data"), list):
        return [
            (["data", index, name], value)
            for index, element in enumerate(body["data"])
            if isinstance(element, dict)
            for name, value in element.items()
        ]
    return [([name], value) for name, value in body.items()] if isinstance(body, dict) else []


@pytest.mark.parametrize("example", SOURCED, ids=lambda e: e.id)
def test_mutating_a_typed_member_of_a_real_body_fails_at_its_pointer(example: Example) -> None:
    members = _members(example.body)
    assert members
    for path, value in members:
        mutated = copy.deepcopy(example.body)
        target = mutated
        for step in path[:-1]:
            target = target[step]
        target[path[-1]] = _wrong_type(value)
        where = "/" + "/".join(map(str, path))
        found = errors(STRICT.issues(mutated, example.method, example.direction))
        # a type error there (or, for the `status` that selects a variant, another error there)
        assert where in {pointer for pointer, _ in found}, (
            f"{example.id}: {where} retyped, found {found}"
        )


# 1. Required fields: only what every WCS 5.x version sends.


def test_play_rtsp_5_2_and_5_1_bodies_share_only_the_connection_parameters() -> None:
    wcs52 = {**CONNECTION, "mediaSessionId": "m-RTSP", "name": "rtsp://h:554/test"}
    wcs52 |= {"mediaProvider": "RTSP", "userAgent": "LibVLC/3.0.4"}
    wcs51 = {**CONNECTION, "status": "NEW", "rtspUrl": "rtsp://h/test", "User-Agent": "VLC"}
    for body in (wcs52, wcs51):
        assert STRICT.issues(body, "playRTSP", "request") == []


def test_wcs4_body_without_node_id_gets_one_error_that_says_so() -> None:
    body = {"sessionId": "/10.0.0.9:51234/10.0.0.5:8080", "name": 7, "status": "bogus"}
    (issue,) = STRICT.issues(body, "publishStream", "request")
    assert (issue.pointer, issue.keyword, issue.severity) == ("/nodeId", "required", "error")
    assert "WCS 4 body" in issue.message
    # excluded by a restClientConfig, nodeId is not demanded, so no WCS 4 verdict either
    config = {"publishStream": {"restExclude": "nodeId"}}
    body = {"sessionId": "/10.0.0.9:51234/10.0.0.5:8080", "appKey": "defaultApp", "name": "s"}
    assert CONTRACT.issues(body, "publishStream", "request", rest_client_config=config) == []


# 2. Enum values of newer builds, and deprecated ones.


@pytest.mark.parametrize(
    "kind", ["snapshotCompleted", "snapshotFailed", "resize", "notEnoughBandwidth"]
)
def test_stream_event_types_of_sdk_2_0(kind: str) -> None:
    body = {**CONNECTION, "mediaSessionId": "m1", "type": kind, "payload": {}}
    assert STRICT.issues(body, "StreamEvent", "request") == []


@pytest.mark.parametrize("status", ["RESIZE", "SNAPSHOT_COMPLETE", "NOT_ENOUGH_BANDWIDTH"])
def test_legacy_stream_statuses_are_accepted_with_a_deprecation_warning(status: str) -> None:
    body = {**CONNECTION, "name": "s1", "status": status}
    for contract in (CONTRACT, STRICT):
        (issue,) = contract.issues(body, "StreamStatusEvent", "request")
        assert (issue.pointer, issue.keyword, issue.severity) == (
            "/status",
            "x-deprecated",
            "warning",
        )
        assert f"'{status}' is deprecated" in issue.message
    frame = {"message": "notifyStreamStatusEvent", "data": [{"name": "s1", "status": status}]}
    (issue,) = CONTRACT.issues(frame, "StreamStatusEvent", "client")
    assert issue.pointer == "/data/0/status"
    # the bulk screen does not count it as clean: it has something to say
    screen = CONTRACT.check_for("StreamStatusEvent", "request")
    assert screen is not None
    assert not screen(body)
    assert screen({**body, "status": "PUBLISHING"})


def test_media_provider_rtsp() -> None:
    body = {**CONNECTION, "name": "s1", "mediaProvider": "RTSP"}
    assert STRICT.issues(body, "StreamStatusEvent", "request") == []


# 3. WebSocket messages WCS sends to the client.


@pytest.mark.parametrize(
    ("message", "element", "method"),
    [
        ("getUserData", {"status": "ESTABLISHED", "authToken": ""}, "ConnectionStatusEvent"),
        ("getUserData", {"appKey": "defaultApp", "authToken": ""}, "ConnectionStatusEvent"),
        ("registered", {"status": "REGISTERED"}, "RegistrationStatusEvent"),
        ("notifyTryingResponse", {"callId": "c1", "status": "TRYING"}, "CallStatusEvent"),
        ("ring", {"callId": "c1", "status": "RING"}, "CallStatusEvent"),
        ("talk", {"callId": "c1", "status": "ESTABLISHED"}, "CallStatusEvent"),
        ("hold", {"callId": "c1", "status": "HOLD"}, "CallStatusEvent"),  # from WCS
        ("hold", {"callId": "c1"}, "hold"),  # from the client
        ("finish", {"callId": "c1", "status": "FINISH"}, "CallStatusEvent"),
        ("notifyTransferEvent", {"callId": "c1", "status": "ACCEPTED"}, "TransferStatusEvent"),
        ("notifyStreamStatusEvent", {"name": "s1", "status": "PLAYING"}, "StreamStatusEvent"),
        ("notifyStreamEvent", {"type": "resize", "payload": {}}, "StreamEvent"),
        ("availableStream", {"id": "m1", "status": "true"}, "availableStream"),
    ],
)
def test_frames_wcs_sends_route_to_the_event_they_carry(
    message: str, element: dict[str, Any], method: str
) -> None:
    frame = {"message": message, "data": [element]}
    assert frame_method(frame) == method
    assert STRICT.issues(frame, method, "client") == []


def test_frames_with_positional_data_are_recognised_not_checked() -> None:
    assert load_catalogue().positional == {"setRemoteSDP", "notifyAudioCodec", "notifyVideoFormat"}
    for message in sorted(load_catalogue().positional):
        frame = {"message": message, "data": ["m1", "v=0"]}
        assert frame_method(frame) is None
        (issue,) = STRICT.unrouted_frame_issues(frame)
        assert (issue.keyword, issue.severity) == ("x-not-checked", "warning")
        assert "not checked" in issue.message
        assert "not the WebSocket message of a hook" not in issue.message


# 4. availableStream.


def test_available_stream_in_every_direction() -> None:
    assert load_catalogue().get("availableStream").directions == ("request", "response", "client")
    body = {**CONNECTION, "mediaSessionId": "m1", "name": "s1"}
    assert STRICT.issues(body, "availableStream", "request") == []
    question = {"message": "availableStream", "data": [{"mediaSessionId": "m1", "name": "s1"}]}
    assert STRICT.issues(question, "availableStream", "client") == []
    answer = {"message": "availableStream", "data": [{"id": "m1", "status": "maybe"}]}
    assert errors(STRICT.issues(answer, "availableStream", "client")) == [
        ("/data/0/status", "enum")
    ]


# 5. Refusals.

SPRING_403 = {"timestamp": "2026-12-02T17:00:00.000+00:00", "status": 403, "error": "Forbidden"}


def test_any_4xx_body_is_a_legal_refusal_with_a_warning() -> None:
    for body in (SPRING_403 | {"path": "/publishStream"}, {"error": "no"}, {"status": 403}):
        for contract in (CONTRACT, STRICT):
            (issue,) = contract.issues(body, "publishStream", "response", http_status=403)
            assert (issue.keyword, issue.severity) == ("x-http-status", "warning")
            assert "legal refusal" in issue.message
    exact = {"status": 403, "reason": "no"}
    assert STRICT.issues(exact, "publishStream", "response", http_status=403) == []
    # without the HTTP status, a refusal without reason is legal too
    (issue,) = STRICT.issues({"status": 403}, "publishStream", "response")
    assert (issue.keyword, issue.severity) == ("x-http-status", "warning")
    # but a refusal body with 200 OK is still an error: WCS reads it as the mirror
    found = STRICT.issues(exact, "publishStream", "response", http_status=200)
    assert errors(found) == [("/status", "x-http-status")]


def test_validate_exits_0_on_a_spring_boot_refusal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    envelope = {"method": "publishStream", "direction": "response", "status": 403}
    envelope["body"] = SPRING_403 | {"path": "/publishStream"}
    path = tmp_path / "refused.json"
    path.write_text(json.dumps(envelope))
    assert main(["validate", "--quiet", str(path)]) == 0
    assert "legal refusal" in capsys.readouterr().out


def test_refusal_model_takes_a_body_without_reason() -> None:
    from wcs_contract.models import ROOT_MODELS

    model = ROOT_MODELS[("publishStream", "response")]
    assert model.model_validate({"status": 403}).model_dump(exclude_unset=True) == {"status": 403}


# 6. Spellings.


def test_user_agent_record_name_and_bug_report_type() -> None:
    rtsp = {**CONNECTION, "name": "rtsp://h/s", "userAgent": "VLC", "User-Agent": "VLC"}
    assert STRICT.issues(rtsp, "playRTSP", "request") == []
    status = {**CONNECTION, "name": "s1", "status": "UNPUBLISHED", "recordName": "s1.mp4"}
    assert STRICT.issues(status, "StreamStatusEvent", "request") == []
    frame = {"message": "submitBugReport", "data": [{"text": "no sound", "type": "no_media"}]}
    assert STRICT.issues(frame, "sendBugReport", "client") == []


# Integers: what Java sends, and what JavaScript holds exactly.


@pytest.mark.parametrize(
    ("member", "value"),
    [("createDate", 2**53), ("width", 2**31), ("bitrate", -(2**31) - 1), ("fps", 10**20)],
)
def test_integers_beyond_what_wcs_sends_fail(member: str, value: int) -> None:
    body = {**CONNECTION, "name": "s1", member: value}
    assert errors(CONTRACT.issues(body, "StreamStatusEvent", "request"))[0][0] == f"/{member}"
    body[member] = 2**31 - 1 if member != "createDate" else 2**53 - 1
    assert CONTRACT.issues(body, "StreamStatusEvent", "request") == []
