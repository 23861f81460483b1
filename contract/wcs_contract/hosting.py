"""An ASGI app served by uvicorn on a socket bound before uvicorn starts: what `serve` and
`proxy` share.

Binding first means `--port 0` has its real port at once and a port already in use is a clear
OSError rather than a uvicorn log line and exit code 3. Only `server/` and `proxy/` import this
module (uvicorn is in their extras).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
import socket
import threading
import time
from collections.abc import Callable
from types import FrameType
from typing import Any

import h11
import uvicorn
from uvicorn.protocols.http.h11_impl import H11Protocol

STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)
_log = logging.getLogger("uvicorn.error")  # where uvicorn logs its shutdown


def _not_a_forced_stop(record: logging.LogRecord) -> bool:
    """False for uvicorn's traceback of a call cancelled by a forced stop (a second Ctrl-C):
    the user asked for it, and one traceback per call in flight would bury the summary."""
    error = record.exc_info[1] if record.exc_info else None
    return not isinstance(error, asyncio.CancelledError)


class Server(uvicorn.Server):
    """uvicorn's server, telling its owner the moment it accepts connections (`on_started`),
    and stopping without uvicorn's idle pauses: its main loop is left the moment `exit()` is
    called or a stop signal arrives (uvicorn looks at `should_exit` every 0.1 s), and shutting
    down does not sleep 0.1 s once every connection has closed. A stop that cost 0.1-0.3 s
    takes milliseconds; calls in flight are still let finish."""

    def __init__(
        self, config: uvicorn.Config, on_started: Callable[[], None] | None = None
    ) -> None:
        super().__init__(config)
        self.on_started = on_started
        self._loop: asyncio.AbstractEventLoop | None = None
        self._wake: asyncio.Event | None = None

    async def startup(self, sockets: list[socket.socket] | None = None) -> None:
        await super().startup(sockets=sockets)
        if self.started and self.on_started is not None:
            self.on_started()

    async def main_loop(self) -> None:
        """uvicorn's main loop (a tick every 0.1 s keeps its Date header current), with each
        pause ended early by `exit()`."""
        self._wake = asyncio.Event()
        self._loop = asyncio.get_running_loop()  # after _wake: `exit()` reads them the other way
        counter = 0
        should_exit = await self.on_tick(counter)
        while not should_exit:
            counter = (counter + 1) % 864000
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), 0.1)
            should_exit = await self.on_tick(counter)

    async def shutdown(self, sockets: list[socket.socket] | None = None) -> None:
        """uvicorn 0.54's graceful shutdown, step for step, but for one pause: after asking each
        open connection to close, uvicorn sleeps 0.1 s whatever happens; here the pause ends as
        soon as no connection is left (idle kept-alive ones close at once), still 0.1 s at most.
        Calls in flight are then waited for as uvicorn waits for them."""
        _log.info("Shutting down")
        for server in self.servers:
            server.close()
        for sock in sockets or []:
            sock.close()
        for connection in list(self.server_state.connections):
            connection.shutdown()
        loop = asyncio.get_running_loop()
        pause_ends = loop.time() + 0.1
        while self.server_state.connections and loop.time() < pause_ends:
            await asyncio.sleep(0.005)
        try:
            await asyncio.wait_for(
                self._wait_tasks_to_complete(), timeout=self.config.timeout_graceful_shutdown
            )
        except TimeoutError:
            _log.error(
                "Cancel %s running task(s), timeout graceful shutdown exceeded",
                len(self.server_state.tasks),
            )
            for task in self.server_state.tasks:
                task.cancel(msg="Task cancelled, timeout graceful shutdown exceeded")
        if not self.force_exit:
            await self.lifespan.shutdown()

    def exit(self) -> None:
        """Ask the server to stop, from any thread: graceful, as uvicorn stops on a signal."""
        self.should_exit = True
        # should_exit is set before the loop is read: either main_loop has not reached its
        # first tick (which then sees should_exit), or its loop and event are there to wake.
        loop, wake = self._loop, self._wake
        if loop is not None and wake is not None:
            with contextlib.suppress(RuntimeError):  # the loop has already closed
                loop.call_soon_threadsafe(wake.set)

    def handle_exit(self, sig: int, frame: FrameType | None) -> None:
        super().handle_exit(sig, frame)
        if self.should_exit:
            self.exit()


def header_deadline(header_timeout: float) -> type[H11Protocol]:
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


def bind(host: str, port: int, backlog: int = 128) -> socket.socket:
    """A listening TCP socket on host:port (port 0: a free one); OSError when it cannot be had."""
    family, kind, proto, _, address = socket.getaddrinfo(
        host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
    )[0]
    sock = socket.socket(family, kind, proto)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
        sock.listen(backlog)
    except OSError:
        sock.close()
        raise
    return sock


class Host:
    """The listening socket, its `url`, and uvicorn serving an app on it in the foreground
    (`serve`) or in a thread (`start` / `stop`). `what` names the server in errors."""

    def __init__(self, host: str, port: int, *, what: str, backlog: int = 128) -> None:
        self.what = what
        self.socket = bind(host, port, backlog)
        bound_host, bound_port = self.socket.getsockname()[:2]
        shown = f"[{bound_host}]" if ":" in bound_host else bound_host
        self.url = f"http://{shown}:{bound_port}"
        self.started = threading.Event()
        self.announce: Callable[[str], None] | None = None
        self.thread: threading.Thread | None = None
        self.uvicorn: Server | None = None

    def use(self, app: Any, **options: Any) -> None:
        """Serve `app` with these uvicorn.Config options (logging is left to the caller's app)."""
        config = uvicorn.Config(app, log_config=None, log_level="warning", **options)
        _log.addFilter(_not_a_forced_stop)  # once: a filter already there is not added again
        self.uvicorn = Server(config, on_started=self._on_started)

    def _on_started(self) -> None:
        self.started.set()
        if self.announce is not None:
            self.announce(self.url)

    def _server(self) -> Server:
        if self.uvicorn is None:
            raise RuntimeError(f"the {self.what} has no app to serve")
        return self.uvicorn

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
            self._server().run(sockets=[self.socket])
        finally:
            for sig, handler in previous.items():
                signal.signal(sig, handler)
            self.close()
        return received[0] if received else None

    def start(self, timeout: float = 10.0) -> None:
        """Serve in a background thread; returns once connections are accepted."""
        thread = threading.Thread(
            target=self._server().run, kwargs={"sockets": [self.socket]}, daemon=True
        )
        self.thread = thread
        thread.start()
        deadline = time.monotonic() + timeout
        while not self.started.wait(0.05):
            if not thread.is_alive() or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"the {self.what} on {self.url} did not start")

    def stop(self, timeout: float = 10.0) -> None:
        """Stop what `start()` started: let the calls in flight finish, then close."""
        self._server().exit()
        if self.thread is not None:
            self.thread.join(timeout)
        self.close()

    def close(self) -> None:
        """Close the listening socket (a subclass closes what else it holds, then calls this)."""
        self.socket.close()


__all__ = ["STOP_SIGNALS", "Host", "Server", "bind", "header_deadline"]
