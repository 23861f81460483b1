"""Running the reference server: in the foreground (the CLI) or in a thread (tests, the demo),
hosted as `hosting.Host` hosts it (the socket bound before uvicorn starts)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any, TextIO

from wcs_contract.hosting import Host, header_deadline
from wcs_contract.server.app import HookEndpoint, config_from, create_app
from wcs_contract.server.config import ServerConfig


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
            http=header_deadline(self.config.header_timeout),
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
