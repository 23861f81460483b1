"""Running the reference server: in the foreground (the CLI) or in a thread (tests, the demo).

The listening socket is bound before uvicorn starts, so `--port 0` has its real port at once and a
port already in use is a clear error rather than a uvicorn log line and exit code 3.
"""

from __future__ import annotations

import asyncio
import signal
import socket
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from types import FrameType
from typing import Any, TextIO

import h11
import uvicorn
from uvicorn.protocols.http.h11_impl import H11Protocol

from wcs_contract.server.app import HookEndpoint, config_from, create_app
from wcs_contract.server.config import ServerConfig

STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)


class _Server(uvicorn.Server):
    """uvicorn's server, telling its owner the moment it accepts connections."""

    def __init__(self, config: uvicorn.Config, on_started: Callable[[], None]) -> None:
        super().__init__(config)
        self.on_started = on_started

    async def startup(self, sockets: list[socket.socket] | None = None) -> None:
        await super().startup(sockets=sockets)
        if self.started:
            self.on_started()


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


def bind(host: str, port: int) -> socket.socket:
    """A listening TCP socket on host:port (port 0: a free one); OSError when it cannot be had."""
    family, kind, proto, _, address = socket.getaddrinfo(
        host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
    )[0]
    sock = socket.socket(family, kind, proto)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
        sock.listen(128)
    except OSError:
        sock.close()
        raise
    return sock


class HookServer:
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
        self.socket = bind(host, port)
        bound_host, bound_port = self.socket.getsockname()[:2]
        shown = f"[{bound_host}]" if ":" in bound_host else bound_host
        self.url = f"http://{shown}:{bound_port}"
        self.started = threading.Event()
        self.uvicorn = _Server(
            uvicorn.Config(
                app,
                log_config=None,  # leave the host program's logging alone
                log_level="warning",
                access_log=False,  # the endpoint logs each call itself, without credentials
                lifespan="off",
                timeout_graceful_shutdown=5,
                http=_protocol(self.config.header_timeout),
                limit_concurrency=self.config.max_connections,  # beyond: 503 at once
                timeout_keep_alive=5,  # an idle kept-alive connection closes after 5 s
            ),
            on_started=self._on_started,
        )
        self.announce: Callable[[str], None] | None = None
        self.thread: threading.Thread | None = None

    def _on_started(self) -> None:
        self.started.set()
        if self.announce is not None:
            self.announce(self.url)

    @property
    def calls(self) -> int:
        """How many hook calls were answered so far."""
        return self.endpoint.calls

    def serve(self, announce: Callable[[str], None] | None = None) -> int | None:
        """Serve in the foreground until SIGINT or SIGTERM; the signal that stopped it, if any.

        `announce(url)` is called once the server accepts connections.

        uvicorn shuts down gracefully on those signals and then raises them again; the handlers
        installed here receive that second delivery, so the process ends normally (exit 0).
        """
        self.announce = announce
        received: list[int] = []

        def note(signum: int, frame: FrameType | None) -> None:
            received.append(signum)

        previous = {sig: signal.signal(sig, note) for sig in STOP_SIGNALS}
        try:
            self.uvicorn.run(sockets=[self.socket])
        finally:
            for sig, handler in previous.items():
                signal.signal(sig, handler)
        return received[0] if received else None

    def start(self, timeout: float = 10.0) -> None:
        """Serve in a background thread; returns once connections are accepted."""
        thread = threading.Thread(
            target=self.uvicorn.run, kwargs={"sockets": [self.socket]}, daemon=True
        )
        self.thread = thread
        thread.start()
        deadline = time.monotonic() + timeout
        while not self.started.wait(0.05):
            if not thread.is_alive() or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"the hook server on {self.url} did not start")

    def stop(self, timeout: float = 10.0) -> None:
        """Stop a server started with `start()`: finish open calls, close the socket."""
        self.uvicorn.should_exit = True
        if self.thread is not None:
            self.thread.join(timeout)
        self.socket.close()


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


__all__ = ["HookServer", "bind", "running_server"]
