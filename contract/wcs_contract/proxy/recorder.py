"""Recording exchanges as JSON Lines envelopes that `wcs-contract validate` reads.

Each exchange becomes two lines, written together and flushed at once:

    {"time": "...Z", "exchange": 7, "method": "connect", "direction": "request", "body": {...}}
    {"time": "...Z", "exchange": 7, "method": "connect", "direction": "response", "status": 200,
     "duration": 0.0012, "body": {...}}

`time` is when the hook arrived (request) or its answer was complete (response), `duration` the
seconds in between; a failed exchange's response line carries `"error"` and the `{status,
reason}` WCS got. Credentials are emptied (what `validate` would report as stored), and masked
(`***`) where the backend's answer echoes them. A body that is not JSON is recorded as its text
(validate then says so), except a 4xx refusal's, which WCS does not read (it passes on the
reason phrase): that response line is left out, as in HAR.
Forwarding never waits for the disk: exchanges go through a bounded queue to a writer thread,
and what does not fit is dropped and counted.
"""

from __future__ import annotations

import queue
import sys
import threading
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import orjson

from wcs_contract.proxy.exchange import Exchange, hidden
from wcs_contract.redaction import Redactor
from wcs_contract.validator import redact

QUEUE = 10_000  # exchanges waiting for the writer; beyond that they are dropped (and counted)
QUEUE_BYTES = 64 * 1024 * 1024  # and at most this many bytes of bodies waiting
_STOP = None


def stamp(seconds: float) -> str:
    """An RFC 3339 UTC time stamp with milliseconds."""
    moment = datetime.fromtimestamp(seconds, UTC)
    return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _body(content: bytes) -> tuple[bool, Any]:
    """(is JSON, the value to record): a JSON body with credentials emptied, or its text."""
    try:
        return True, redact(orjson.loads(content))
    except orjson.JSONDecodeError:
        return False, hidden(content).decode("utf-8", "replace")


def _masked(value: Any, redactor: Redactor) -> Any:
    """A recorded answer with the hook's credentials masked wherever the backend echoed them:
    in any string or member name (iteratively: a body nests 64 levels at most, but may be
    anything)."""
    if isinstance(value, str):
        return redactor(value)
    if not isinstance(value, dict | list):
        return value
    root: list[Any] = [value]
    pending: list[tuple[list[Any] | dict[str, Any], Any, Any]] = [(root, 0, value)]
    while pending:
        parent, key, node = pending.pop()
        if isinstance(node, dict):
            copy: Any = {}
            for name, member in node.items():
                pending.append((copy, redactor(name), member))
        elif isinstance(node, list):
            copy = [None] * len(node)
            pending += [(copy, index, member) for index, member in enumerate(node)]
        else:
            copy = redactor(node) if isinstance(node, str) else node
        parent[key] = copy
    return root[0]


def envelopes(exchange: Exchange) -> bytes:
    """The recorded lines of one exchange."""
    common = {"exchange": exchange.id, "method": exchange.method}
    _, sent = _body(exchange.request)
    lines = [{"time": stamp(exchange.started), **common, "direction": "request", "body": sent}]
    answered = stamp(exchange.started + exchange.duration)
    duration = round(exchange.duration, 6)
    if exchange.failure is not None:
        lines.append(
            {
                "time": answered,
                **common,
                "direction": "response",
                "status": exchange.answered,
                "duration": duration,
                "error": exchange.failure,
                "body": {"status": exchange.answered, "reason": exchange.detail},
            }
        )
    else:
        is_json, body = _body(exchange.content)
        redactor = exchange.redactor()
        if not redactor.empty:  # a backend echoing the Authorization header, say
            body = _masked(body, redactor)
        if is_json or not 400 <= (exchange.status or 0) < 500:
            lines.append(
                {
                    "time": answered,
                    **common,
                    "direction": "response",
                    "status": exchange.status,
                    "duration": duration,
                    "body": body,
                }
            )
    return b"".join(orjson.dumps(line) + b"\n" for line in lines)


def rotated_name(path: Path, number: int) -> Path:
    """`traffic.jsonl` → `traffic.3.jsonl`: the suffix stays, so validate still detects JSONL."""
    return path.with_name(f"{path.stem}.{number}{path.suffix}")


class Recorder:
    """An Observer that appends every exchange to `path`, rotating at `max_bytes`."""

    def __init__(
        self,
        path: Path,
        max_bytes: int | None = None,
        capacity: int = QUEUE,
        capacity_bytes: int = QUEUE_BYTES,
    ) -> None:
        self.path = path
        self.max_bytes = max_bytes
        self.recorded = 0
        self.dropped = 0
        self.failed = 0  # exchanges lost to write errors (disk full, ...)
        self.files = [path]
        self._queue: queue.Queue[Exchange | None] = queue.Queue(capacity)
        self._capacity_bytes = capacity_bytes
        self._pending = 0  # bytes of bodies queued
        self._lock = threading.Lock()
        self._file = path.open("ab")  # an OSError here is the caller's usage error
        self._size = self._file.tell()
        self._thread = threading.Thread(target=self._write, name="wcs-proxy-recorder", daemon=True)
        self._thread.start()

    def observe(self, exchange: Exchange) -> None:
        size = len(exchange.request) + len(exchange.content)
        with self._lock:
            if self._pending + size > self._capacity_bytes:
                self.dropped += 1
                return
            try:
                self._queue.put_nowait(exchange)
            except queue.Full:
                self.dropped += 1
                return
            self._pending += size

    def close(self) -> None:
        """Write what is queued, then close the file."""
        self._queue.put(_STOP)
        self._thread.join()

    def _write(self) -> None:
        while (exchange := self._queue.get()) is not _STOP:
            with self._lock:
                self._pending -= len(exchange.request) + len(exchange.content)
            try:
                data = envelopes(exchange)
                if self.max_bytes and self._size and self._size + len(data) > self.max_bytes:
                    self._rotate()
                self._file.write(data)
                self._file.flush()
                self._size += len(data)
                self.recorded += 1
            except OSError as error:
                self.failed += 1
                if self.failed == 1:
                    where = f"wcs-contract proxy: cannot record to {self.path}"
                    print(f"{where}: {error}", file=sys.stderr)
        self._file.close()

    def _rotate(self) -> None:
        self._file.close()
        number = 1
        while rotated_name(self.path, number).exists():
            number += 1
        target = rotated_name(self.path, number)
        self.path.rename(target)
        self.files.insert(len(self.files) - 1, target)
        self._file = self.path.open("ab")
        self._size = 0
