"""The reference REST hook server as an ASGI app: WCS's EchoApp, checked against the contract.

`POST <any prefix>/<method>` answers 200 with the body it received (the mirror), after checking,
in this order: the HTTP method (405), basic auth (401), the body signature (403), the method name
(404), the body (400: not a JSON object, or not the method's request schema), the deny rules (403).
Every refusal is `{"status": <code>, "reason": "..."}`, the one body WCS 5.2.968+ passes to the
client. A valid body costs one compiled jsonschema-rs check; only a refused one is explained.
"""

from __future__ import annotations

import base64
import binascii
import hmac
import sys
import time
import traceback
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, TextIO

import anyio
import anyio.to_thread
import orjson
from starlette.applications import Starlette
from starlette.requests import ClientDisconnect, Request
from starlette.responses import Response
from starlette.types import Receive, Scope, Send

from wcs_contract import signing
from wcs_contract.catalogue import load_catalogue
from wcs_contract.json_types import json_type
from wcs_contract.server.config import ServerConfig
from wcs_contract.validator import Contract

JSON = "application/json"
OFF_LOOP_BYTES = 64 << 10  # bodies bigger than this are parsed and checked in a worker thread


@dataclass(slots=True)
class Answer:
    status: int
    content: bytes
    method: str  # what the log line names: the hook's canonical name, or the path's last segment
    headers: dict[str, str] = field(default_factory=dict)
    reason: str = ""

    @classmethod
    def refusal(
        cls, status: int, reason: str, method: str, headers: dict[str, str] | None = None
    ) -> Answer:
        body = orjson.dumps({"status": status, "reason": reason})
        return cls(status, body, method, headers or {}, reason)


class HookEndpoint:
    """The ASGI endpoint behind every path: decides the answer, logs one line per call."""

    def __init__(self, config: ServerConfig, log: TextIO | None) -> None:
        self.config = config
        self.log = log
        self.calls = 0
        self.catalogue = load_catalogue()
        self.contract = Contract(strict=config.strict, secrets="ignore")
        auth = config.auth
        self.expected_basic = None if auth is None else f"{auth.user}:{auth.password}".encode()
        self.warm_up()

    def warm_up(self) -> None:
        """Compile every request validator now, so the first hook of each method is not slow."""
        for method in self.catalogue.methods:
            self.contract.resolve(method.name, "request")

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        request = Request(scope, receive)
        started = time.perf_counter()
        try:
            answer = await self.answer(request)
        except ClientDisconnect:
            # Nobody to answer: one quiet line, no traceback, no 500.
            if self.log is not None:
                reason = "client disconnected before the body was complete"
                # 499: nginx's "client closed request"; nothing is sent.
                gone = Answer(499, b"", _last_segment(request.scope["path"]), reason=reason)
                self.log.write(log_line(request, gone, time.perf_counter() - started) + "\n")
            return
        except anyio.get_cancelled_exc_class():
            # The server is stopping and this call outlived the grace period (its body was still
            # on the way): a refusal and one log line, not a 500 and a traceback per call.
            reason = "the server is stopping"
            name = _last_segment(request.scope["path"])
            answer = Answer.refusal(503, reason, name, {"Connection": "close"})
        except Exception as error:  # a bug here must still answer, and say what it was
            traceback.print_exc(file=self.log or sys.stderr)
            reason = f"internal error in wcs-contract serve: {type(error).__name__}"
            answer = Answer.refusal(500, reason, _last_segment(request.scope["path"]))
        self.calls += 1
        response = Response(answer.content, answer.status, answer.headers, media_type=JSON)
        await response(scope, receive, send)
        if self.log is not None:
            self.log.write(log_line(request, answer, time.perf_counter() - started) + "\n")

    async def answer(self, request: Request) -> Answer:
        name = _last_segment(request.scope["path"])
        if request.method != "POST":
            reason = f"hooks are POST requests, not {request.method}"
            return Answer.refusal(405, reason, name, {"Allow": "POST"})
        if self.expected_basic is not None and not self.authenticated(request):
            challenge = {"WWW-Authenticate": 'Basic realm="wcs-contract", charset="UTF-8"'}
            return Answer.refusal(401, "basic authentication required", name, challenge)
        raw = await self.body(request, name)
        if isinstance(raw, Answer):
            return raw
        secret = self.config.secret
        if secret is not None and not signing.verify(
            raw, request.headers.get("authorization"), secret
        ):
            return Answer.refusal(403, "bad signature", name)
        method = self.catalogue.find(name)
        if method is None:
            return Answer.refusal(404, f"unknown method {name!r}", name)
        if len(raw) > OFF_LOOP_BYTES:
            # Parsing and explaining a big body takes milliseconds: not on the event loop, which
            # answers the other callers meanwhile.
            return await anyio.to_thread.run_sync(self.checked, method.name, raw)
        return self.checked(method.name, raw)

    def checked(self, method: str, raw: bytes) -> Answer:
        """The answer to a body of a known method: 400, a deny rule's refusal, or the mirror."""
        try:
            body = orjson.loads(raw)
        except orjson.JSONDecodeError as error:
            return Answer.refusal(400, f"the body is not JSON: {error}", method)
        if not isinstance(body, dict):
            found = json_type(body)
            return Answer.refusal(400, f"the body must be a JSON object, found {found}", method)
        errors = [
            issue
            for issue in self.contract.issues(
                body, method, "request", rest_client_config=self.config.rest_client_config
            )
            if issue.severity == "error"
        ]
        if errors:
            reason = " ; ".join(f"{i.pointer or '(body)'}: {i.message}" for i in errors)
            return Answer.refusal(400, reason, method)
        for rule in self.config.deny:
            if rule.selector.selects(method, body):
                return Answer.refusal(rule.status, rule.reason, method)
        return Answer(200, self.mirror(method, raw, body), method)

    async def body(self, request: Request, name: str) -> bytes | Answer:
        """The request body, or the refusal of one that is too big (413, told by Content-Length
        before any of it is read, or once a chunked body passes the limit) or too slow (408).
        Raises ClientDisconnect when the client goes away first."""
        limit = self.config.max_body_size
        close = {"Connection": "close"}  # the rest of the body is not read: the connection ends
        too_big = f"the body is larger than {limit} bytes (the server's maxBodySize)"
        declared = request.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            return Answer.refusal(413, too_big, name, close)
        parts: list[bytes] = []
        size = 0
        with anyio.move_on_after(self.config.body_timeout) as deadline:
            async for chunk in request.stream():
                size += len(chunk)
                if size > limit:
                    return Answer.refusal(413, too_big, name, close)
                parts.append(chunk)
        if deadline.cancelled_caught:
            reason = f"the body did not arrive within {self.config.body_timeout:g} s"
            return Answer.refusal(408, reason, name, close)
        return b"".join(parts)

    def mirror(self, method: str, raw: bytes, body: dict[str, Any]) -> bytes:
        """The body as received, with the configured overrides and connect's restClientConfig."""
        answer: dict[str, Any] | None = None
        for override in self.config.override:
            if override.selector.selects(method, body):
                answer = {**(answer or body), **override.values}
        if method == "connect" and self.config.rest_client_config is not None:
            answer = {**(answer or body), "restClientConfig": self.config.rest_client_config}
        # Unchanged, the very bytes WCS sent go back: an exact echo, as EchoApp does.
        return raw if answer is None else orjson.dumps(answer)

    def authenticated(self, request: Request) -> bool:
        header = request.headers.get("authorization", "")
        scheme, _, token = header.partition(" ")
        if scheme.lower() != "basic" or self.expected_basic is None:
            return False
        try:
            given = base64.b64decode(token.strip(), validate=True)
        except (binascii.Error, ValueError):
            return False
        return hmac.compare_digest(given, self.expected_basic)


def log_line(request: Request, answer: Answer, seconds: float) -> str:
    """time, method, status, duration, remote (and a refusal's reason); one line, no credential."""
    client = request.client
    remote = f"{client.host}:{client.port}" if client else "-"
    stamp = datetime.now().isoformat(sep=" ", timespec="milliseconds")
    line = f"{stamp} {answer.method} {answer.status} {seconds * 1000:.1f} ms {remote}"
    if answer.reason:
        line += f" ({answer.reason})"
    # A path may smuggle a line break (%0A): escape it so that a call stays one line.
    return line if line.isprintable() else line.encode("unicode_escape").decode("ascii")


def _last_segment(path: str) -> str:
    """The method name: the last non-empty segment, so any mount prefix (`/EchoApp/`) works."""
    return next((part for part in reversed(path.split("/")) if part), "")


def create_app(config: ServerConfig | None = None, *, log: TextIO | None = None) -> Starlette:
    """The reference hook server as a Starlette app; `log` gets one line per call."""
    endpoint = HookEndpoint(config or ServerConfig(), log)
    app = Starlette()
    # Every path goes to the endpoint, even one a route pattern cannot match (`%0A` in it).
    app.router.default = endpoint
    app.state.endpoint = endpoint
    return app


def config_from(config: ServerConfig | Mapping[str, Any] | None) -> ServerConfig:
    """A ServerConfig from itself, from a configuration object, or the default."""
    if config is None:
        return ServerConfig()
    if isinstance(config, ServerConfig):
        return config
    return ServerConfig.from_dict(config)


__all__ = ["HookEndpoint", "config_from", "create_app"]
