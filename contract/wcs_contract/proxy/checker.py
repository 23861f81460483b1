"""Judging one exchange: the request against its schema, the answer with the checks `test` makes.

The restClientConfig a backend returns to `connect` configures every later hook of that session
(which fields WCS excludes, which changes it applies): the checker keeps it per sessionId, in a
bounded LRU map, and forgets a session when WCS reports it DISCONNECTED or FAILED.
"""

from __future__ import annotations

import json
from collections import OrderedDict
from collections.abc import Mapping
from typing import Any

import orjson

from wcs_contract.answers import (
    Verdict,
    check_answer,
    check_json_object,
    check_refusal_body,
    check_status,
)
from wcs_contract.catalogue import Method
from wcs_contract.proxy.exchange import Exchange, Finding, FindingSeverity
from wcs_contract.rest_client_config import policy_for
from wcs_contract.validator import Contract

SESSIONS = 100_000  # sessions whose restClientConfig is kept; the least recently used go first
SHARED = 1_024  # distinct restClientConfigs shared between sessions
# A whole restClientConfig, serialised: one for every method is about 8 KB. A larger one is not
# kept (its session is judged under the defaults), so that sessions stay cheap whatever a
# backend answers.
MAX_CONFIG_BYTES = 64 * 1024
_ENDED = frozenset({"DISCONNECTED", "FAILED"})


class Sessions:
    """restClientConfig by sessionId, at most `capacity` of them."""

    def __init__(self, capacity: int = SESSIONS) -> None:
        self.capacity = capacity
        self._configs: OrderedDict[str, Mapping[str, Any]] = OrderedDict()
        # A backend mostly answers every connect with the same restClientConfig: sessions share
        # one copy of each, so a session costs its id and a reference (about 200 bytes).
        self._shared: dict[bytes, Mapping[str, Any]] = {}

    def __len__(self) -> int:
        return len(self._configs)

    def get(self, session: Any) -> Mapping[str, Any] | None:
        if type(session) is not str:
            return None
        config = self._configs.get(session)
        if config is not None:
            self._configs.move_to_end(session)
        return config

    def remember(self, session: Any, config: Mapping[str, Any]) -> None:
        if type(session) is not str:
            return
        try:
            key = orjson.dumps(config, option=orjson.OPT_SORT_KEYS)
            size = len(key)
        except TypeError:  # beyond what orjson writes (a huge integer, a lone surrogate)
            key = b""  # kept unshared
            size = len(json.dumps(config))
        if size > MAX_CONFIG_BYTES:
            self._configs.pop(session, None)
            return
        if key:
            if len(self._shared) >= SHARED and key not in self._shared:
                self._shared.clear()  # sessions keep their copies; new ones share anew
            config = self._shared.setdefault(key, config)
        self._configs[session] = config
        self._configs.move_to_end(session)
        while len(self._configs) > self.capacity:
            self._configs.popitem(last=False)

    def forget(self, session: Any) -> None:
        if type(session) is str:
            self._configs.pop(session, None)


class Checker:
    """The contract's verdict on both sides of each exchange."""

    def __init__(self, *, strict: bool = False, sessions: int = SESSIONS) -> None:
        # Live traffic carries credentials by design (connect's sipPassword): the stored
        # credentials rule is for captures, and the recorder empties them instead.
        self.contract = Contract(strict=strict, secrets="ignore")
        self.sessions = Sessions(sessions)
        for method in self.contract.catalogue.methods:  # compile now, not on the first hook
            self.contract.resolve(method.name, "request")
            self.contract.resolve(method.name, "response")

    def request(self, exchange: Exchange, method: Method) -> None:
        """Decode and check the hook's body (findings go into the exchange)."""
        try:
            body = orjson.loads(exchange.request)
        except orjson.JSONDecodeError as error:
            exchange.findings.append(
                Finding("request", "request_schema", "error", "", f"the body is not JSON: {error}")
            )
            return
        exchange.sent = body
        config = self.sessions.get(body.get("sessionId")) if type(body) is dict else None
        for issue in self.contract.issues(body, method.name, "request", rest_client_config=config):
            exchange.findings.append(
                Finding("request", "request_schema", issue.severity, issue.pointer, issue.message)
            )

    def response(self, exchange: Exchange, method: Method) -> None:
        """Check the backend's answer as `test` does, under the session's restClientConfig."""
        if exchange.failure is not None:
            exchange.findings.append(
                Finding("upstream", exchange.failure, "error", "", exchange.detail)
            )
            return
        sent = exchange.sent if type(exchange.sent) is dict else {}
        session = sent.get("sessionId")
        config = self.sessions.get(session)
        verdict = Verdict()
        check_status(exchange, method, verdict)
        status = exchange.status or 0
        if status == 200:
            body = check_json_object(exchange, verdict)
            exchange.answer = body
            if body is not None:
                policy = policy_for(config, method.name)
                check_answer(body, exchange.sent, method, verdict, self.contract, policy)
                if method.kind == "connect" and isinstance(body.get("restClientConfig"), dict):
                    self.sessions.remember(session, body["restClientConfig"])
        elif 400 <= status < 500:
            check_refusal_body(exchange, verdict)
        for o in verdict.observations:
            severity: FindingSeverity = "error" if o.severity == "failure" else "warning"
            exchange.findings.append(Finding("response", o.check, severity, "", o.message))
        if method.name == "ConnectionStatusEvent" and sent.get("status") in _ENDED:
            self.sessions.forget(session)
        if exchange.findings:
            _mask_credentials(exchange)


def _mask_credentials(exchange: Exchange) -> None:
    """Messages quote what the backend sent (a reason phrase, a body excerpt, a garbled field):
    the credentials of this hook (its Authorization header, sipPassword, authToken, secret
    `custom` keys) are masked there, in every spelling the backend may echo them in."""
    redactor = exchange.redactor()
    exchange.findings[:] = [f._replace(message=redactor(f.message)) for f in exchange.findings]
