"""Bounds on one exchange with a backend: a deadline for all of it, a cap on the answer's size.

`requests` bounds each read, not the exchange: a server that trickles a byte every half second
never trips a read timeout. Here a `Deadline` watches the exchange and, when it passes, shuts the
connection's socket down, so that whatever read is waiting returns at once. `BoundedAdapter`
reads the answer itself, decompressing gzip and deflate with an output limit, and stops at
`max_size` bytes, raw or decoded: a gzip bomb costs no more memory than the cap.
"""

from __future__ import annotations

import contextlib
import http.client
import socket
import threading
import zlib
from typing import Any

import requests
from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool
from urllib3.exceptions import HTTPError as Urllib3Error

from wcs_contract.live.options import format_size

CHUNK = 64 * 1024
ACCEPT_ENCODING = "gzip, deflate"  # the encodings decoded here, so the only ones asked for

_current = threading.local()  # the Deadline of the exchange this thread is sending, if any


class AnswerTooLarge(requests.RequestException):
    """The answer (raw or decoded) is larger than --max-response-size."""


class Deadline:
    """The end of one exchange: past it, every connection the exchange used is shut down.

    `with Deadline(seconds):` covers what the current thread sends inside the block.
    """

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.passed = False
        self._armed = True
        self._lock = threading.Lock()
        self._sockets: list[socket.socket] = []
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True

    def __enter__(self) -> Deadline:
        _current.deadline = self
        self._timer.start()
        return self

    def __exit__(self, *exc: object) -> None:
        with self._lock:
            self._armed = False
        self._timer.cancel()
        _current.deadline = None

    def watch(self, sock: socket.socket | None) -> None:
        if sock is None:
            return
        with self._lock:
            self._sockets.append(sock)
            if self.passed:
                _shut(sock)

    def expire(self) -> None:
        """End the exchange now (Ctrl-C): what it waits for returns at once."""
        self._expire()

    def _expire(self) -> None:
        with self._lock:
            if not self._armed:
                return
            self.passed = True
            for sock in self._sockets:
                _shut(sock)


def _shut(sock: socket.socket) -> None:
    # The plain socket's shutdown, also for a TLS socket: ssl.SSLSocket.shutdown would drop its
    # TLS state under the feet of the thread reading it. OSError: already closed, or detached
    # by the TLS layer (its wrapper is watched too).
    with contextlib.suppress(OSError):
        socket.socket.shutdown(sock, socket.SHUT_RDWR)


def _watch(sock: Any) -> None:
    deadline: Deadline | None = getattr(_current, "deadline", None)
    if deadline is not None and isinstance(sock, socket.socket):
        deadline.watch(sock)


class _FinalAnswer(http.client.HTTPResponse):
    """http.client's response, passing over every interim (1xx) answer as WCS's HTTP client
    does: http.client passes over 100 only, and took a 103 Early Hints for the answer."""

    def _read_status(self) -> tuple[str, int, str]:
        version, status, reason = super()._read_status()  # type: ignore[misc]
        if 100 < status < 200 and status != 101:
            status = http.client.CONTINUE  # begin() skips its headers and reads on
        return version, status, reason


class _WatchedHTTPConnection(HTTPConnection):
    response_class = _FinalAnswer

    def _new_conn(self) -> socket.socket:
        sock = super()._new_conn()
        _watch(sock)  # before TLS: a trickled handshake is cut too
        return sock

    def request(self, *args: Any, **kwargs: Any) -> None:
        _watch(self.sock)  # a kept-alive connection, or the TLS wrapper of a new one
        super().request(*args, **kwargs)


class _WatchedHTTPSConnection(HTTPSConnection):
    response_class = _FinalAnswer

    def _new_conn(self) -> socket.socket:
        sock = super()._new_conn()
        _watch(sock)
        return sock

    def request(self, *args: Any, **kwargs: Any) -> None:
        _watch(self.sock)
        super().request(*args, **kwargs)


class _WatchedHTTPPool(HTTPConnectionPool):
    ConnectionCls = _WatchedHTTPConnection


class _WatchedHTTPSPool(HTTPSConnectionPool):
    ConnectionCls = _WatchedHTTPSConnection


class _Decoder:
    """gzip or deflate (zlib-wrapped or raw, as urllib3 accepts), with a bounded output."""

    def __init__(self, encoding: str) -> None:
        self.raw_deflate = encoding == "deflate"
        wbits = zlib.MAX_WBITS if self.raw_deflate else 16 + zlib.MAX_WBITS
        self._zlib = zlib.decompressobj(wbits)
        self._started = False

    def decode(self, data: bytes, limit: int) -> list[bytes]:
        """At most `limit` bytes per call of `decompress`, every output piece returned."""
        pieces: list[bytes] = []
        produced = 0
        while data and produced <= limit and not self._zlib.eof:
            try:
                out = self._zlib.decompress(data, limit - produced + 1)
            except zlib.error:
                if self.raw_deflate and not self._started:
                    self.raw_deflate = False  # no zlib header: a raw deflate stream
                    self._zlib = zlib.decompressobj(-zlib.MAX_WBITS)
                    continue
                raise
            self._started = True
            pieces.append(out)
            produced += len(out)
            data = self._zlib.unconsumed_tail
        return pieces


def _decoder(encoding: str) -> _Decoder | None:
    name = encoding.strip().lower()
    if name in ("", "identity"):
        return None
    if name in ("gzip", "x-gzip", "deflate"):
        return _Decoder("deflate" if name == "deflate" else "gzip")
    raise requests.exceptions.ContentDecodingError(
        f"Content-Encoding {encoding!r} was not asked for (Accept-Encoding: {ACCEPT_ENCODING})"
    )


def read_bounded(response: requests.Response, max_size: int) -> bytes:
    """The decoded body of a streamed response, or AnswerTooLarge past `max_size` bytes."""
    cap = f"{format_size(max_size)} (--max-response-size)"
    declared = response.headers.get("Content-Length", "")
    if declared.strip().isdigit() and int(declared) > max_size:
        raise AnswerTooLarge(f"answer too large: Content-Length {int(declared)} is over {cap}")
    decoder = _decoder(response.headers.get("Content-Encoding", ""))
    pieces: list[bytes] = []
    size = received = 0
    try:
        for chunk in response.raw.stream(CHUNK, decode_content=False):
            received += len(chunk)
            if received > max_size:
                raise AnswerTooLarge(f"answer too large: more than {cap}")
            decoded = [chunk] if decoder is None else decoder.decode(chunk, max_size - size)
            size += sum(len(piece) for piece in decoded)
            if size > max_size:
                raise AnswerTooLarge(f"answer too large: more than {cap} once decompressed")
            pieces += decoded
    except AnswerTooLarge:
        raise
    except zlib.error as error:
        message = f"the answer does not decompress: {error}"
        raise requests.exceptions.ContentDecodingError(message) from error
    except (Urllib3Error, OSError) as error:
        raise requests.exceptions.ChunkedEncodingError(error) from error
    return b"".join(pieces)


class BoundedAdapter(HTTPAdapter):
    """requests' adapter, with watched connections and an answer read within `max_size`."""

    def __init__(self, max_size: int) -> None:
        self.max_size = max_size
        super().__init__()

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = {
            "http": _WatchedHTTPPool,
            "https": _WatchedHTTPSPool,
        }

    def send(self, request: requests.PreparedRequest, *args: Any, **kwargs: Any) -> Any:
        kwargs["stream"] = True
        response = super().send(request, *args, **kwargs)
        try:
            content = read_bounded(response, self.max_size)
        except BaseException:
            response.close()  # the rest of the body is unread: the connection cannot be reused
            raise
        response._content = content
        response._content_consumed = True
        return response


def bounded_session(max_size: int) -> requests.Session:
    """A session that follows no proxy from the environment and reads answers within bounds."""
    session = requests.Session()
    session.trust_env = False  # a proxy from the environment is not the backend
    adapter = BoundedAdapter(max_size)
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    return session
