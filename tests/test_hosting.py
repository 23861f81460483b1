"""hosting.Host / hosting.Server: a stop is prompt when nothing is in flight, and graceful when
something is (what `serve`, `proxy`, `demo` and the pytest fixture's `running_server` rely on)."""

from __future__ import annotations

import asyncio
import statistics
import threading
import time
from typing import Any

import httpx

from wcs_contract.hosting import Host


class SlowApp:
    """An ASGI app answering 200 `done` after `delay` seconds; `entered` is set on each call."""

    def __init__(self, delay: float) -> None:
        self.delay = delay
        self.entered = threading.Event()

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        assert scope["type"] == "http"
        self.entered.set()
        await asyncio.sleep(self.delay)
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"done"})


def started(app: SlowApp) -> Host:
    host = Host("127.0.0.1", 0, what="test server")
    host.use(app, lifespan="off", timeout_graceful_shutdown=5)
    host.start()
    return host


def test_a_stop_with_nothing_in_flight_takes_milliseconds() -> None:
    """uvicorn on its own takes 0.1-0.2 s: a 0.1 s tick before it looks at should_exit, then a
    fixed 0.1 s pause for the connections it asked to close."""
    took = []
    for kept_alive in (False, True, True):
        host = started(SlowApp(0))
        with httpx.Client() as client:
            assert client.get(host.url).text == "done"
            if not kept_alive:
                client.close()
            began = time.perf_counter()
            host.stop()
            took.append(time.perf_counter() - began)
        assert host.thread is not None
        assert not host.thread.is_alive()
    assert statistics.median(took) < 0.05, took


def test_a_call_in_flight_is_answered_before_the_server_stops() -> None:
    app = SlowApp(0.3)
    host = started(app)
    answers: list[str] = []
    caller = threading.Thread(target=lambda: answers.append(httpx.get(host.url).text))
    caller.start()
    assert app.entered.wait(5)
    host.stop()
    caller.join(5)
    assert answers == ["done"]
    assert host.thread is not None
    assert not host.thread.is_alive()
