"""Running the reference server: in the foreground (the CLI) or in a thread (tests, the demo),
hosted as `hosting.Host` hosts it (the socket bound before uvicorn starts)."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any, TextIO

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

from wcs_contract.hosting import Host
from wcs_contract.server.app import HookEndpoint, config_from, create_app
from wcs_contract.server.config import ServerConfig


def _protocol(header_timeout: float) -> type[H11Protocol]:
    """uvicorn's HTTP/1.1 protocol, closing a connection whose request headers do not arrive
    within `header_timeout` seconds (uvicorn itself waits for them forever: slowloris)."""

    class Protocol(H11Protocol):
        header_timer: asyncio.TimerHandle | None = None

        def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
            super().connection_made(transport)
            self._arm()

        def data_received(self, data: bytes) -> None:
            super().data_received(data)
            if self.conn.their_state is h11.IDLE:
                self._arm()  # a request's headers have begun, or are still awaited
            else:
                self._disarm()

        def connection_lost(self, exc: Exception | None) -> None:
            self._disarm()
            super().connection_lost(exc)

        def _arm(self) -> None:
            if self.header_timer is None:
                self.header_timer = self.loop.call_later(header_timeout, self._too_slow)

        def _disarm(self) -> None:
            if self.header_timer is not None:
                self.header_timer.cancel()
                self.header_timer = None

        def _too_slow(self) -> None:
            self.header_timer = None
            if self.conn.their_state is h11.IDLE and not self.transport.is_closing():
                self.transport.close()  # quietly: a log line per slow client would be the attack

    return Protocol


class HookServer(Host):
    """The reference server on a bound socket; `url` is known before it starts serving."""

    def __init__(
        self,
        config: ServerConfig | Mapping[str, Any] | None = None,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        log: TextIO | None = None,
    ) -> None:
        self.config = config_from(config)
        app = create_app(self.config, log=log)
        self.endpoint: HookEndpoint = app.state.endpoint
        super().__init__(host, port, what="hook server")
        self.use(
            app,
            access_log=False,  # the endpoint logs each call itself, without credentials
            lifespan="off",
            timeout_graceful_shutdown=5,
            http=_protocol(self.config.header_timeout),
            limit_concurrency=self.config.max_connections,  # beyond: 503 at once
            timeout_keep_alive=5,  # an idle kept-alive connection closes after 5 s
        )

    @property
    def calls(self) -> int:
        """How many hook calls were answered so far."""
        return self.endpoint.calls


@contextmanager
def running_server(
    config: ServerConfig | Mapping[str, Any] | None = None,
    *,
    host: str = "127.0.0.1",
    port: int = 0,
    log: TextIO | None = None,
) -> Iterator[str]:
    """`with running_server({"deny": [...]}) as base_url:` — served in a thread, then stopped."""
    server = HookServer(config, host=host, port=port, log=log)
    server.start()
    try:
        yield server.url
    finally:
        server.stop()


__all__ = ["HookServer", "running_server"]
