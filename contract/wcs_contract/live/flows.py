"""Stateful flows: hook sequences with consistent ids, as WCS sends them in one session.

Bodies come from the schemas' valid examples; nodeId, sessionId and appKey, and each flow's own
ids (stream name, callId, operationId, ...), are shared by every step. Every body is validated
against its request schema before it is sent, so a flow never sends an invalid body. The
restClientConfig the backend returns for connect is honoured for the rest of the flow:
DISABLE/DISABLED methods are not sent, restExclude fields are removed, and a changed field is
flagged unless restPolicy OVERWRITE lists it in restOverwrite.
"""

from __future__ import annotations

import copy
import random
import uuid
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

from wcs_contract.live.checks import Verdict, judge
from wcs_contract.live.results import FlowResult, StepOutcome
from wcs_contract.rest_client_config import Policy, policy_for

if TYPE_CHECKING:
    from wcs_contract.live.runner import RunContext


@dataclass(frozen=True)
class Step:
    """One hook of a flow; `status` selects the example (the request's `status`)."""

    method: str
    status: str | None = None

    @property
    def label(self) -> str:
        return f"{self.method} {self.status}" if self.status else self.method


@dataclass(frozen=True)
class Flow:
    name: str
    description: str
    steps: tuple[Step, ...]
    ids: tuple[str, ...]  # the flow's own ids, generated once and shared by every step


_OPEN = (Step("connect"), Step("ConnectionStatusEvent", "ESTABLISHED"))
_CLOSE = (Step("ConnectionStatusEvent", "DISCONNECTED"),)

FLOWS: tuple[Flow, ...] = (
    Flow(
        "stream",
        "publish a stream, keep it alive, unpublish it",
        (
            *_OPEN,
            Step("publishStream", "PENDING"),
            Step("StreamStatusEvent", "PUBLISHING"),
            Step("StreamKeepAliveEvent", "PUBLISHING"),
            Step("unPublishStream"),
            Step("StreamStatusEvent", "UNPUBLISHED"),
            *_CLOSE,
        ),
        ("name", "mediaSessionId"),
    ),
    Flow(
        "call",
        "an outgoing call that rings, is answered and hung up",
        (
            *_OPEN,
            Step("call", "PENDING"),
            Step("CallStatusEvent", "TRYING"),
            Step("CallStatusEvent", "RING"),
            Step("CallStatusEvent", "ESTABLISHED"),
            Step("hangup"),
            Step("CallStatusEvent", "FINISH"),
            *_CLOSE,
        ),
        ("callId",),
    ),
    Flow(
        "data",
        "data sent by the client (sendData, the OnDataEvent hook in WCS 5) and accepted",
        (*_OPEN, Step("OnDataEvent"), Step("DataStatusEvent", "ACCEPTED"), *_CLOSE),
        ("operationId",),
    ),
)

# Refusing these is allowed but pointless (behaviour.md): WCS goes on, and so does the flow.
_GOES_ON = frozenset({"hangup", "unPublishStream", "stopStream"})

# Fields that, once a step has sent them, keep their value in every later step that has them.
_CARRIED = ("caller", "callee", "mediaProvider", "mediaSessionId", "name", "callId", "operationId")


@cache
def example_body(step: Step) -> dict[str, Any]:
    """The richest valid request example of the step's method with the step's status.

    With no status asked, an example without `status` is preferred (what WCS sends first).
    """
    from wcs_contract.examples import all_examples

    candidates = [
        e
        for e in all_examples()
        if e.method == step.method and e.direction == "request" and e.valid
    ]
    bodies = [(e.path.name, e.body) for e in candidates if isinstance(e.body, dict)]
    if step.status is not None:
        bodies = [(n, b) for n, b in bodies if b.get("status") == step.status]
    if not bodies:
        raise LookupError(f"no valid request example of {step.label} to build a flow step from")
    bodies.sort(key=lambda nb: ("status" in nb[1] and step.status is None, -len(nb[1]), nb[0]))
    return bodies[0][1]


def shared_ids(flow: Flow, seed: int) -> dict[str, str]:
    """The ids of one flow run: deterministic for a seed, distinct between flows."""
    rng = random.Random(f"{seed}:{flow.name}")

    def new_uuid() -> str:
        return str(uuid.UUID(int=rng.getrandbits(128), version=4))

    session = new_uuid()
    ids = {
        "nodeId": uuid.UUID(int=rng.getrandbits(128)).hex + "@127.0.0.1",
        "sessionId": f"/127.0.0.1:{rng.randrange(20000, 60000)}/127.0.0.1:8443-{session}",
        "appKey": "defaultApp",
    }
    for name in flow.ids:
        ids[name] = f"wcs-contract-{flow.name}-{session[:8]}" if name == "name" else new_uuid()
    return ids


def build_body(
    step: Step, ids: dict[str, str], carried: dict[str, Any], policy: Policy
) -> dict[str, Any]:
    """The step's body: its example with the flow's ids, minus the fields restExclude removes."""
    body = copy.deepcopy(example_body(step))
    for name, value in {**carried, **ids}.items():
        if name in ("nodeId", "sessionId", "appKey") or name in body:
            body[name] = value
    for name in policy.rest_exclude:
        body.pop(name, None)
    return body


def run_flow(flow: Flow, context: RunContext) -> FlowResult:
    """Send the flow's steps in order; stop where WCS would (no answer, refused invocation)."""
    from wcs_contract.live.runner import record

    result = FlowResult(flow=flow.name, description=flow.description, checks=context.flow_checks)
    ids = shared_ids(flow, context.seed)
    carried: dict[str, Any] = {}
    rest_client_config: dict[str, Any] | None = None
    stopped: str | None = None
    for step in flow.steps:
        method = context.catalogue.get(step.method)
        if stopped is None and context.cancelled.is_set():
            stopped = "interrupted"
        if stopped is not None:
            result.steps.append(StepOutcome(method.name, step.label, "not reached"))
            continue
        policy = policy_for(rest_client_config, method.name)
        if policy.disabled:
            result.steps.append(StepOutcome(method.name, step.label, "disabled"))
            continue
        body = build_body(step, ids, carried, policy)
        issues = context.contract.issues(
            body, method.name, "request", rest_client_config=rest_client_config
        )
        errors = [i for i in issues if i.severity == "error"]
        if errors:
            verdict = Verdict()
            verdict.fail(
                "self_check",
                f"the flow built an invalid {step.label} body ({errors[0].pointer}:"
                f" {errors[0].message}); it was not sent",
            )
            record(result, None, verdict, context)
            stopped = "invalid body"
            result.steps.append(StepOutcome(method.name, step.label, "not reached"))
            continue
        for name in _CARRIED:
            if name in body:
                carried.setdefault(name, body[name])
        exchange = context.client.send(context.case_for(method.name, body), body)
        verdict = judge(
            exchange, method, context.contract, timeout=context.options.timeout, policy=policy
        )
        record(result, exchange, verdict, context)
        result.steps.append(
            StepOutcome(
                method.name, step.label, "sent", exchange.status, round(exchange.elapsed * 1000, 1)
            )
        )
        status = exchange.status or 0
        if exchange.error is not None:
            stopped = f"{step.label} got no answer"
        elif 400 <= status < 500 and method.kind != "event" and method.name not in _GOES_ON:
            stopped = f"{step.label} was refused with {status}"
            result.notes.append(
                f"{stopped}: WCS would stop here, so the rest of the flow was not sent"
            )
        elif method.kind == "connect" and status == 200:
            answer = _decoded(exchange.content)
            config = answer.get("restClientConfig") if isinstance(answer, dict) else None
            if isinstance(config, dict):
                rest_client_config = config
                result.notes.append("honoured the restClientConfig connect returned")
    return result


def _decoded(content: bytes) -> Any:
    from wcs_contract.answers import decode_body

    return decode_body(content)
