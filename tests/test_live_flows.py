"""Stateful flows: the order and ids WCS uses, valid bodies, and connect's restClientConfig."""

from __future__ import annotations

from typing import Any

import pytest
from starlette.responses import JSONResponse, Response

from servers import HookRequest, echo, findings, refusal, run_quick, serve
from wcs_contract.live import flows
from wcs_contract.live.flows import FLOWS, Step
from wcs_contract.validator import Contract

STREAM = [
    "connect",
    "ConnectionStatusEvent",
    "publishStream",
    "StreamStatusEvent",
    "StreamKeepAliveEvent",
    "unPublishStream",
    "StreamStatusEvent",
    "ConnectionStatusEvent",
]


EVERY_FLOW = tuple(f.name for f in FLOWS)  # named: they run whatever --methods selects


def _flows_only(url: str, **options: Any) -> Any:
    return run_quick(
        url, methods=("connect",), max_examples=1, flows=True, flow_names=EVERY_FLOW, **options
    )


def _sent_in_flows(received: list[HookRequest]) -> list[HookRequest]:
    # The one property case (connect) is sent first; the flows follow.
    return received[1:]


def test_flows_send_the_sequences_wcs_sends_with_consistent_ids() -> None:
    with serve(echo) as served:
        result = _flows_only(served.url)
    assert result.exit_code == 0, [f.message for row in result.rows for f in row.findings]
    assert [f.flow for f in result.flows] == ["stream", "call", "data"]
    sessions: dict[str, list[HookRequest]] = {}
    for request in _sent_in_flows(served.received):
        sessions.setdefault(request.body["sessionId"], []).append(request)
    assert len(sessions) == 3  # one session per flow
    by_first_method = {requests[2].method: requests for requests in sessions.values()}
    stream = by_first_method["publishStream"]
    assert [r.method for r in stream] == STREAM
    statuses = [r.body.get("status") for r in stream]
    assert statuses[1::2] == ["ESTABLISHED", "PUBLISHING", "PUBLISHING", "DISCONNECTED"]
    assert statuses[6] == "UNPUBLISHED"
    names = {r.body["name"] for r in stream if "name" in r.body}
    assert len(names) == 1
    assert len({r.body["nodeId"] for r in stream}) == 1
    assert len({r.body["mediaSessionId"] for r in stream if "mediaSessionId" in r.body}) == 1
    call = by_first_method["call"]
    assert [r.method for r in call][2:8] == [
        "call",
        *["CallStatusEvent"] * 3,
        "hangup",
        "CallStatusEvent",
    ]
    assert [r.body.get("status") for r in call][3:6] == ["TRYING", "RING", "ESTABLISHED"]
    assert len({r.body["callId"] for r in call if "callId" in r.body}) == 1
    data = by_first_method["OnDataEvent"]
    assert [r.method for r in data][2:4] == ["OnDataEvent", "DataStatusEvent"]
    assert data[3].body["status"] == "ACCEPTED"
    assert data[2].body["operationId"] == data[3].body["operationId"]


def test_every_flow_body_keeps_the_request_schema() -> None:
    contract = Contract(strict=True)
    with serve(echo) as served:
        _flows_only(served.url)
    for request in _sent_in_flows(served.received):
        assert contract.issues(request.body, request.method, "request") == [], request.method


def test_flow_steps_come_from_examples_with_the_wanted_status() -> None:
    for flow in FLOWS:
        for step in flow.steps:
            body = flows.example_body(step)
            assert step.status is None or body["status"] == step.status
    with pytest.raises(LookupError, match="no valid request example of connect NOSUCH"):
        flows.example_body(Step("connect", "NOSUCH"))


CONFIG = {
    "StreamKeepAliveEvent": {"restPolicy": "DISABLE"},
    "publishStream": {"restPolicy": "OVERWRITE", "restOverwrite": "name", "restExclude": "sdp"},
    "StreamStatusEvent": {"restPolicy": "NOTIFY", "restExclude": "mediaProvider,bitrate"},
    "CallStatusEvent": {"restPolicy": "DISABLED"},
}


def _configuring(request: HookRequest) -> Response:
    body = dict(request.body)
    if request.method == "connect":
        return JSONResponse({**body, "restClientConfig": CONFIG})
    if request.method == "publishStream":
        body["name"] = "renamed-by-backend"  # allowed: OVERWRITE lists it
    if request.method == "StreamStatusEvent":
        body["info"] = "changed"  # ignored by WCS: NOTIFY
    return JSONResponse(body)


def test_flows_honour_the_rest_client_config_connect_returned() -> None:
    with serve(_configuring) as served:
        result = _flows_only(served.url)
    sent = _sent_in_flows(served.received)
    methods = [r.method for r in sent]
    assert "StreamKeepAliveEvent" not in methods  # DISABLE
    assert "CallStatusEvent" not in methods  # DISABLED, the WCS 4 spelling
    stream = next(f for f in result.flows if f.flow == "stream")
    assert [s.outcome for s in stream.steps if s.method == "StreamKeepAliveEvent"] == ["disabled"]
    assert "honoured the restClientConfig connect returned" in stream.notes
    for request in sent:
        if request.method == "publishStream":
            assert "sdp" not in request.body
        if request.method == "StreamStatusEvent":
            assert "mediaProvider" not in request.body
            assert "bitrate" not in request.body
    warnings = findings(result, "mirror", "warning")
    assert [w.message for w in warnings] == [
        'changes /info from "" to "changed", but WCS ignores the change: restPolicy for'
        " StreamStatusEvent is NOTIFY, not OVERWRITE"
    ]
    assert warnings[0].occurrences == 2  # PUBLISHING and UNPUBLISHED
    assert result.exit_code == 0


def test_a_refused_connect_stops_the_flow() -> None:
    def refuse_connect(request: HookRequest) -> Response:
        return refusal(403, "no token") if request.method == "connect" else echo(request)

    with serve(refuse_connect) as served:
        result = _flows_only(served.url, expect_refusal=("connect",))
    for flow in result.flows:
        assert flow.cases == 1
        assert {s.outcome for s in flow.steps[1:]} == {"not reached"}
        assert flow.notes == [
            "connect was refused with 403: WCS would stop here, so the rest of the flow was not"
            " sent"
        ]
    assert result.exit_code == 0


def test_a_refused_hangup_does_not_stop_the_call_flow() -> None:
    def refuse_hangup(request: HookRequest) -> Response:
        return refusal(403, "too late") if request.method == "hangup" else echo(request)

    with serve(refuse_hangup) as served:
        result = _flows_only(served.url)
    call = next(f for f in result.flows if f.flow == "call")
    assert [s.outcome for s in call.steps] == ["sent"] * len(call.steps)
    assert [s.http_status for s in call.steps if s.method == "hangup"] == [403]


def test_an_invalid_flow_body_is_never_sent(monkeypatch: pytest.MonkeyPatch) -> None:
    original = flows.example_body

    def broken(step: Step) -> dict[str, Any]:
        body = dict(original(step))
        if step.method == "publishStream":
            body["hasVideo"] = "yes"
        return body

    monkeypatch.setattr(flows, "example_body", broken)
    with serve(echo) as served:
        result = _flows_only(served.url)
    assert "publishStream" not in [r.method for r in served.received]
    (finding,) = findings(result, "self_check")
    assert finding.message.startswith("the flow built an invalid publishStream PENDING body")
    assert result.exit_code == 1
