"""Running the proxy: in the foreground (the CLI) or in a thread (tests, benchmarks).

uvicorn shuts down gracefully on SIGINT and SIGTERM — it stops accepting, lets the exchanges in
flight finish — and the app's lifespan closes the upstream client; then the observers close
(the recorder writes what it still holds) and the process exits 0.
"""

from __future__ import annotations

import signal
import socket
import threading
import time
from collections.abc import Callable
from pathlib import Path
from types import FrameType
from typing import TextIO

import uvicorn

from wcs_contract.proxy.app import DEFAULT_TIMEOUT, ProxyApp
from wcs_contract.proxy.checker import Checker
from wcs_contract.proxy.exchange import Observer
from wcs_contract.proxy.recorder import Recorder
from wcs_contract.proxy.stats import LogLines, Stats

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


def bind(host: str, port: int) -> socket.socket:
    """A listening TCP socket on host:port (port 0: a free one); OSError when it cannot be had."""
    family, kind, proto, _, address = socket.getaddrinfo(
        host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
    )[0]
    sock = socket.socket(family, kind, proto)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
        sock.listen(1024)
    except OSError:
        sock.close()
        raise
    return sock


class ProxyServer:
    """The proxy on a bound socket; `url` is known before it starts serving."""

    def __init__(
        self,
        upstream: str,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        record: Path | None = None,
        record_max_bytes: int | None = None,
        enforce: bool = False,
        timeout: float = DEFAULT_TIMEOUT,
        strict: bool = False,
        log: TextIO | None = None,
    ) -> None:
        self.stats = Stats()
        self.checker = Checker(strict=strict)
        self.stats.sessions = lambda: len(self.checker.sessions)
        observers: list[Observer] = []
        self.recorder: Recorder | None = None
        self.socket = bind(host, port)
        if record is not None:
            try:
                self.recorder = Recorder(record, record_max_bytes)
            except OSError:
                self.socket.close()
                raise
            recorder = self.recorder
            self.stats.dropped = lambda: recorder.dropped + recorder.failed
            observers.append(self.recorder)
        if log is not None:
            observers.append(LogLines(log))
        self.app = ProxyApp(
            upstream,
            checker=self.checker,
            stats=self.stats,
            observers=observers,
            timeout=timeout,
            enforce=enforce,
        )
        bound_host, bound_port = self.socket.getsockname()[:2]
        shown = f"[{bound_host}]" if ":" in bound_host else bound_host
        self.url = f"http://{shown}:{bound_port}"
        self.started = threading.Event()
        self.uvicorn = _Server(
            uvicorn.Config(
                self.app,
                log_config=None,
                log_level="warning",
                access_log=False,  # one line per exchange comes from LogLines, without credentials
                lifespan="on",
                server_header=False,  # the backend's headers, not uvicorn's
                date_header=False,
                timeout_graceful_shutdown=int(timeout) + 2,
                limit_concurrency=2048,
            ),
            on_started=self._on_started,
        )
        self.announce: Callable[[str], None] | None = None
        self.thread: threading.Thread | None = None
        self._closed = False

    def _on_started(self) -> None:
        self.started.set()
        if self.announce is not None:
            self.announce(self.url)

    def serve(self, announce: Callable[[str], None] | None = None) -> int | None:
        """Serve in the foreground until SIGINT or SIGTERM; the signal that stopped it, if any."""
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
            self.close()
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
                raise RuntimeError(f"the proxy on {self.url} did not start")

    def stop(self, timeout: float = 20.0) -> None:
        """Stop a proxy started with `start()`: finish the exchanges in flight, flush, close."""
        self.uvicorn.should_exit = True
        if self.thread is not None:
            self.thread.join(timeout)
        self.close()

    def close(self) -> None:
        if not self._closed:
            self._closed = True
            self.app.close()
            self.socket.close()


__all__ = ["ProxyServer", "bind"]
