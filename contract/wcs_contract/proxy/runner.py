"""Running the proxy: in the foreground (the CLI) or in a thread (tests, benchmarks).

uvicorn shuts down gracefully on SIGINT and SIGTERM — it stops accepting, lets the exchanges in
flight finish — and the app's lifespan closes the upstream client; then the observers close
(the recorder writes what it still holds) and the process exits 0.
"""

from __future__ import annotations

from pathlib import Path
from typing import TextIO

from wcs_contract.hosting import Host, header_deadline
from wcs_contract.proxy.app import DEFAULT_TIMEOUT, ProxyApp
from wcs_contract.proxy.checker import Checker
from wcs_contract.proxy.exchange import Observer
from wcs_contract.proxy.recorder import Recorder
from wcs_contract.proxy.stats import LogLines, Stats


class ProxyServer(Host):
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
        super().__init__(host, port, what="proxy", backlog=1024)
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
        self.use(
            self.app,
            access_log=False,  # one line per exchange comes from LogLines, without credentials
            lifespan="on",
            server_header=False,  # the backend's headers, not uvicorn's
            date_header=False,
            timeout_graceful_shutdown=int(timeout) + 2,
            limit_concurrency=2048,
            # A client trickling its headers, or sending none, is cut off like a slow body
            # (uvicorn would wait forever, and 2048 such connections would stop every hook).
            http=header_deadline(timeout),
        )
        self._closed = False

    def stop(self, timeout: float = 20.0) -> None:
        """Stop a proxy started with `start()`: finish the exchanges in flight, flush, close."""
        super().stop(timeout)

    def close(self) -> None:
        """Close the observers (the recorder flushes) and the socket, once."""
        if not self._closed:
            self._closed = True
            self.app.close()
            super().close()


__all__ = ["ProxyServer"]
