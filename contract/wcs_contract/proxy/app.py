"""The proxy as an ASGI app: hooks forwarded byte-exact, judged, then shown to the observers.

`POST <any prefix>/<method>` goes to `<upstream>/<method>` with the body bytes and WCS's headers
(Authorization, Content-Type, ...) as they came, minus hop-by-hop headers; the backend's status,
headers and body come back as it sent them. Only then is the answer checked and the exchange
handed to the observers — unless `enforce`, where a contract-breaking answer becomes a 502.
`GET /-/stats`, `/-/metrics` and `/-/coverage` report; anything else gets the answer
`wcs-contract serve` gives it (405 for another HTTP method, 404 for an unknown method name).
"""

from __future__ import annotations

import asyncio
import sys
import time
import traceback
from collections.abc import Sequence
from typing import TYPE_CHECKING

import orjson

from wcs_contract.catalogue import load_catalogue
from wcs_contract.proxy.checker import Checker
from wcs_contract.proxy.exchange import Exchange, FailureKind, Observer
from wcs_contract.proxy.stats import Stats
from wcs_contract.proxy.upstream import Upstream, UpstreamError

if TYPE_CHECKING:
    from starlette.types import Message, Receive, Scope, Send

    from wcs_contract.catalogue import Method

DEFAULT_TIMEOUT = 14.0  # under WCS's rest_request_timeout default of 15 s
MAX_BODY = 16 * 1024 * 1024  # bytes of a hook or an answer; hooks are a few kB
# Hop-by-hop headers (RFC 9110 7.6.1) and those the transport recomputes.
_HOP = frozenset(
    {
        b"connection",
        b"keep-alive",
        b"proxy-connection",
        b"proxy-authenticate",
        b"proxy-authorization",
        b"te",
        b"trailer",
        b"transfer-encoding",
        b"upgrade",
        b"host",
        b"content-length",
    }
)
_JSON = [(b"content-type", b"application/json")]


class TooLarge(Exception):
    """A hook's body beyond MAX_BODY."""


class ClientGone(Exception):
    """WCS closed the connection before the hook's body was complete."""


def _segment(path: str) -> str:
    """The method name: the last non-empty path segment, as `serve` reads it."""
    return next((part for part in reversed(path.split("/")) if part), "")


class ProxyApp:
    """Forwards hooks to `upstream` (the backend's application REST URL)."""

    def __init__(
        self,
        upstream: str,
        *,
        checker: Checker,
        stats: Stats,
        observers: Sequence[Observer] = (),
        timeout: float = DEFAULT_TIMEOUT,
        enforce: bool = False,
    ) -> None:
        self.upstream = upstream.rstrip("/")
        self.checker = checker
        self.stats = stats
        self.observers = [stats, *observers]
        self.timeout = timeout
        self.enforce = enforce
        self.catalogue = load_catalogue()
        self.client = Upstream(self.upstream, MAX_BODY)
        self._ids = 0

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            await self._lifespan(receive, send)
            return
        if scope["type"] != "http":
            return
        path: str = scope["path"]
        verb: str = scope["method"]
        if verb == "GET" and path in ("/-/stats", "/-/metrics", "/-/coverage"):
            if path != "/-/metrics":
                stats = self.stats
                shown = stats.as_dict() if path == "/-/stats" else stats.coverage.as_dict()
                body = orjson.dumps(shown, option=orjson.OPT_INDENT_2)
                await _reply(send, 200, body, _JSON)
            else:
                text = self.stats.prometheus().encode()
                await _reply(send, 200, text, [(b"content-type", b"text/plain; version=0.0.4")])
            return
        name = _segment(path)
        if verb != "POST":
            await _refuse(send, 405, f"hooks are POST requests, not {verb}", [(b"allow", b"POST")])
            return
        method = self.catalogue.find(name)
        if method is None:
            await _refuse(send, 404, f"unknown method {name!r}")
            return
        try:
            raw = await _read(receive, self.timeout)
        except TooLarge:
            await _refuse(send, 413, f"the hook's body is larger than {MAX_BODY} bytes")
            return
        except TimeoutError:
            await _refuse(send, 408, f"the hook's body did not arrive within {self.timeout:g} s")
            return
        except ClientGone:
            return  # a hook WCS gave up on: its first part must not reach the backend
        started: list[bool] = []

        async def tracked(message: Message) -> None:
            started.append(True)
            await send(message)

        try:
            await self._forward(scope, tracked, name, method, raw)
        except Exception as error:  # a bug here must not leave WCS without an answer
            traceback.print_exc(file=sys.stderr)
            if not started:
                reason = f"internal error in wcs-contract proxy: {type(error).__name__}"
                await _refuse(send, 502, reason)

    async def _forward(
        self, scope: Scope, send: Send, name: str, method: Method, raw: bytes
    ) -> None:
        self._ids += 1
        started = time.time()
        clock = time.perf_counter()
        query = scope.get("query_string", b"")
        target = f"/{name}" + (f"?{query.decode('latin-1')}" if query else "")
        url = self.upstream + target
        exchange = Exchange(self._ids, started, name, method.name, url, raw)
        headers = [(k, v) for k, v in scope["headers"] if k not in _HOP]
        exchange.authorization = next(
            (v.decode("latin-1") for k, v in headers if k == b"authorization"), ""
        )
        answer_headers: list[tuple[bytes, bytes]] = []
        try:
            async with asyncio.timeout(self.timeout):
                answer_headers = await self._call(exchange, target, headers)
        except (TimeoutError, UpstreamError) as error:
            kind, detail = self._classify(error)
            exchange.failure = kind
            exchange.detail = detail
            exchange.answered = 504 if kind == "timeout" else 502
        exchange.duration = time.perf_counter() - clock
        if exchange.failure is not None:
            body = orjson.dumps({"status": exchange.answered, "reason": exchange.detail})
            await _reply(send, exchange.answered, body, _JSON)
            self.checker.request(exchange, method)
            self.checker.response(exchange, method)
        elif not self.enforce:
            # WCS gets its answer first: checking and observing never delay it.
            await _reply(send, exchange.answered, exchange.content, answer_headers)
            self.checker.request(exchange, method)
            self.checker.response(exchange, method)
        else:
            self.checker.request(exchange, method)
            self.checker.response(exchange, method)
            errors = [
                f for f in exchange.findings if f.side == "response" and f.severity == "error"
            ]
            if errors:
                self.stats.enforced += 1
                exchange.answered = 502
                reason = "the backend's answer breaks the contract: " + " ; ".join(
                    f"{f.check}: {f.message}" for f in errors
                )
                await _reply(send, 502, orjson.dumps({"status": 502, "reason": reason}), _JSON)
            else:
                await _reply(send, exchange.answered, exchange.content, answer_headers)
        for observer in self.observers:
            observer.observe(exchange)

    async def _call(
        self, exchange: Exchange, target: str, headers: list[tuple[bytes, bytes]]
    ) -> list[tuple[bytes, bytes]]:
        """Send the hook upstream; fill the exchange with the answer; return its headers."""
        answer = await self.client.post(target, headers, exchange.request)
        exchange.content = answer.content
        exchange.status = exchange.answered = answer.status
        exchange.reason = answer.reason
        exchange.content_type = next(
            (v.decode("latin-1") for k, v in answer.headers if k.lower() == b"content-type"), ""
        )
        return [(k, v) for k, v in answer.headers if k.lower() not in _HOP]

    def _classify(self, error: Exception) -> tuple[FailureKind, str]:
        """What kind of upstream failure an exception is, in words for WCS and the log."""
        backend = f"the backend at {self.upstream}"
        if isinstance(error, UpstreamError):
            return error.kind, error.detail.replace("the backend", backend, 1)
        return "timeout", f"no answer from {backend} within {self.timeout:g} s"

    async def _lifespan(self, receive: Receive, send: Send) -> None:
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                await self.client.close()
                await send({"type": "lifespan.shutdown.complete"})
                return

    def close(self) -> None:
        for observer in self.observers:
            observer.close()


async def _read(receive: Receive, timeout: float) -> bytes:
    """The request body, within `timeout` seconds and MAX_BODY bytes; ClientGone when WCS
    closes the connection before its end."""
    parts: list[bytes] = []
    size = 0
    async with asyncio.timeout(timeout):
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                raise ClientGone
            chunk: bytes = message.get("body", b"")
            size += len(chunk)
            if size > MAX_BODY:
                raise TooLarge
            parts.append(chunk)
            if not message.get("more_body", False):
                break
    return b"".join(parts)


async def _reply(send: Send, status: int, body: bytes, headers: list[tuple[bytes, bytes]]) -> None:
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [*headers, (b"content-length", str(len(body)).encode())],
        }
    )
    await send({"type": "http.response.body", "body": body})


async def _refuse(
    send: Send, status: int, reason: str, headers: list[tuple[bytes, bytes]] | None = None
) -> None:
    body = orjson.dumps({"status": status, "reason": reason})
    await _reply(send, status, body, [*_JSON, *(headers or [])])


__all__ = ["DEFAULT_TIMEOUT", "MAX_BODY", "ProxyApp"]
