"""Misbehaving hook servers for the live tester's tests, served in-process on 127.0.0.1.

`serve(handler)` runs a starlette app whose every `POST /<prefix>/<method>` is answered by
`handler(HookRequest)`; `raw_server(kind)` runs a socket server that hangs, resets or answers
garbage. Both are context managers yielding the base URL and stop the server on exit.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import socket
import socketserver
import struct
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Literal

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from wcs_contract.hosting import Server


@dataclass(frozen=True)
class HookRequest:
    method: str  # the last path segment
    payload: bytes
    headers: dict[str, str]

    @property
    def body(self) -> Any:
        try:
            return json.loads(self.payload)
        except ValueError:
            return None


Handler = Callable[[HookRequest], Response]


@dataclass
class Served:
    """A running server: its URL (the app's REST URL) and every request it received."""

    url: str
    received: list[HookRequest] = field(default_factory=list)

    def methods(self) -> list[str]:
        return [r.method for r in self.received]


def echo(request: HookRequest) -> Response:
    """WCS's EchoApp: 200 with the body received."""
    return JSONResponse(request.body)


def refusal(status: int = 403, reason: str = "Forbidden") -> Response:
    return JSONResponse({"status": status, "reason": reason}, status_code=status)


def signed_by(request: HookRequest, secret: str) -> bool:
    """An independent check of `Authorization: WCS <hex HMAC-MD5 of the body>`."""
    expected = hmac.new(secret.encode(), request.payload, hashlib.md5).hexdigest()
    return request.headers.get("authorization", "") == f"WCS {expected}"


def _app(handler: Handler, served: Served, delay: float) -> Starlette:
    async def endpoint(request: Request) -> Response:
        hook = HookRequest(
            request.url.path.rstrip("/").rsplit("/", 1)[-1],
            await request.body(),
            {k.lower(): v for k, v in request.headers.items()},
        )
        served.received.append(hook)
        if delay:
            await asyncio.sleep(delay)
        return handler(hook)

    return Starlette(routes=[Route("/{path:path}", endpoint, methods=["POST"])])


def _listening_socket() -> socket.socket:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    # Accepted connections inherit it: an answer's head and body, written separately, are not
    # held back by Nagle's algorithm waiting for the client's delayed ACK (40 ms a request).
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    sock.bind(("127.0.0.1", 0))
    sock.listen(64)
    return sock


@contextmanager
def serve(handler: Handler = echo, *, delay: float = 0.0) -> Iterator[Served]:
    """A starlette hook server; `delay` seconds before every answer (a slow backend)."""
    sock = _listening_socket()
    port = sock.getsockname()[1]
    served = Served(f"http://127.0.0.1:{port}/EchoApp")
    config = uvicorn.Config(
        _app(handler, served, delay), log_config=None, log_level="critical", lifespan="off"
    )
    started = threading.Event()
    server = Server(config, on_started=started.set)  # uvicorn's, stopping without a 0.1 s tick
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    try:
        started.wait(5)
        yield served
    finally:
        # A delayed answer still pending would hold uvicorn's graceful shutdown: cap the wait.
        server.force_exit = delay > 0
        server.exit()
        thread.join(10)
        sock.close()


RawKind = Literal["hang", "reset", "garbage", "close", "truncated", "drip", "early-hints"]


def _read_request(conn: socket.socket) -> bytes:
    """Read one HTTP request (headers and Content-Length body), best effort; its bytes."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = conn.recv(65536)
        if not chunk:
            return data
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    length = 0
    for line in head.split(b"\r\n"):
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value.strip())
    while len(body) < length:
        chunk = conn.recv(65536)
        if not chunk:
            break
        body += chunk
    return head + b"\r\n\r\n" + body


class _ThreadedServer(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True
    block_on_close = False


@contextmanager
def _threaded(
    handler: type[socketserver.BaseRequestHandler], stop: threading.Event
) -> Iterator[str]:
    """A raw TCP server on a free port, a thread per connection; on exit `stop` is set, so that
    handlers still sending give up, and the server is shut down."""
    server = _ThreadedServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/EchoApp"
    finally:
        stop.set()
        server.shutdown()
        server.server_close()
        thread.join(10)


@contextmanager
def raw_server(kind: RawKind, received: threading.Event | None = None) -> Iterator[str]:
    """A TCP server that never answers (hang), resets the connection (reset), closes it without
    a word (close), answers bytes that are not HTTP (garbage), a 200 cut short (truncated), or
    a 200 trickling in byte by byte (drip), or the echo after a 103 Early Hints (early-hints).
    `received` is set once a request has been read."""
    stop = threading.Event()

    class Handle(socketserver.BaseRequestHandler):
        def handle(self) -> None:
            conn: socket.socket = self.request
            conn.settimeout(30)
            try:
                request = _read_request(conn)
                if received is not None and request:  # not the reachability probe
                    received.set()
                if kind == "hang":
                    stop.wait(60)
                elif kind == "reset":
                    # SO_LINGER 0: close() sends RST instead of FIN; close before socketserver
                    # would shut the socket down politely.
                    conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                    conn.close()
                elif kind == "garbage":
                    conn.sendall(b"\x00\x13garbage, not HTTP at all\r\n\r\n")
                elif kind == "truncated":
                    head = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                    conn.sendall(head + b"Content-Length: 100\r\n\r\n" + b'{"nodeId":')
                elif kind == "early-hints":
                    # Interim answers before the echo: WCS's HTTP client passes over them.
                    body = request.partition(b"\r\n\r\n")[2]
                    interim = b"HTTP/1.1 103 Early Hints\r\nLink: </a.css>; rel=preload\r\n\r\n"
                    head = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                    conn.sendall(interim + head + b"Content-Length: %d\r\n\r\n" % len(body) + body)
                elif kind == "drip":
                    # A valid answer, one byte every 0.25 s: no single read waits long, the
                    # whole answer does.
                    body = b"{}    "
                    head = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                    conn.sendall(head + b"Content-Length: %d\r\n\r\n" % len(body))
                    for byte in body:
                        if stop.wait(0.25):
                            break
                        conn.sendall(bytes([byte]))
            except OSError:
                pass

    with _threaded(Handle, stop) as url:
        yield url


def free_port_url() -> str:
    """A URL where nothing listens (the port was free a moment ago)."""
    sock = _listening_socket()
    port = sock.getsockname()[1]
    sock.close()
    return f"http://127.0.0.1:{port}/EchoApp"


def run_quick(url: str, **options: Any) -> Any:
    """A short live run (few methods and cases, no flows unless asked) → RunResult."""
    from wcs_contract.live.options import RunOptions
    from wcs_contract.live.runner import run

    settings: dict[str, Any] = {
        "methods": ("connect", "publishStream"),
        "max_examples": 3,
        "seed": 1,
        "flows": False,
        "timeout": 5.0,
    }
    settings.update(options)
    return run(RunOptions(url=url, **settings))


def findings(result: Any, check: str, severity: str = "failure") -> list[Any]:
    """Every finding of one check (and severity) across the run's methods and flows."""
    return [
        f for row in result.rows for f in row.findings if (f.check, f.severity) == (check, severity)
    ]


# Hostile servers (issue 10): answers that never end, never stop growing, or explode when
# decompressed. Each connection is served by a thread; `stop` ends every one of them.

HostileKind = Literal[
    "trickle-forever",
    "trickle-headers",
    "endless-body",
    "huge",
    "endless-chunked",
    "gzip-bomb",
    "redirect",
    "reflect",
    "controls",
]

# What the "controls" server puts in its reason phrases and bodies: terminal escapes (colour,
# clear screen, OSC hyperlink, 8-bit CSI), a forged report line, a line separator, a bidi override.
CONTROLS = "\x1b[31mred\x1b[2J\x1b]8;;http://evil\x07link\x9b0m\rPASSED: 0 failures\u2028\u202eevil"


def _reflections(value: str) -> dict[str, bytes]:
    """A credential as a careless server sends it back: in every spelling, in every place."""
    import base64
    from urllib.parse import quote

    b64 = base64.b64encode(f"user:{value}".encode()).decode()
    body = {
        "status": 500,
        "reason": f"escaped {json.dumps(value)[1:-1]} percent {quote(value, safe='')}",
        "auth": f"Basic {b64}",
        "raw": value,
    }
    return {
        "reason": f"Failed for {value} ({quote(value)})".encode(),  # UTF-8 read as Latin-1
        "content-type": f"application/json; x={base64.b64encode(value.encode()).decode()}".encode(),
        "body": json.dumps(body).encode(),
        # a 200 whose excerpt (200 characters) would cut the credential in two
        "cut": ("x" * 190 + value + "y" * 50).encode(),
    }


GZIP_BOMB_RAW = 10 * 1024 * 1024 * 1024  # what the bomb inflates to: 10 GB of zeros
GZIP_BOMB_PIECE = 16 * 1024 * 1024  # zeros per gzip member: ~16 KB compressed


def _gzip_member() -> bytes:
    """One gzip member of GZIP_BOMB_PIECE zeros (members concatenate into one gzip stream)."""
    import zlib

    compressor = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    zeros = bytes(1024 * 1024)
    out = b"".join(compressor.compress(zeros) for _ in range(GZIP_BOMB_PIECE // len(zeros)))
    return out + compressor.flush()


@contextmanager
def hostile_server(
    kind: HostileKind, *, target: str = "", only: str = "", reflect: str = ""
) -> Iterator[str]:
    """A server that trickles a 200 one byte every 0.5 s forever, in its body (trickle-forever)
    or in its headers (trickle-headers), sends an
    endless Content-Length-less body at full speed (endless-body), declares and sends 1 GB
    (huge), sends chunks forever (endless-chunked), sends ~10 MB of gzip that inflates to 10 GB
    (gzip-bomb), redirects every request to `target` (redirect), sends the credential `reflect`
    back in every spelling, in reason phrases, headers and bodies (reflect: connect gets a 200
    that is not JSON, the others a 500), or sends CONTROLS in the same places (controls).
    With `only`, just that
    method's requests get this treatment; the others get `{}` at once."""
    stop = threading.Event()

    def send_forever(conn: socket.socket, piece: bytes, limit: int | None = None) -> None:
        sent = 0
        while not stop.is_set() and (limit is None or sent < limit):
            conn.sendall(piece)
            sent += len(piece)

    class Handle(socketserver.BaseRequestHandler):
        def handle(self) -> None:
            conn: socket.socket = self.request
            conn.settimeout(30)
            json_head = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
            try:
                head, _, body = _read_request(conn).partition(b"\r\n\r\n")
                if only and head.split(b" ", 2)[1:2] != [f"/EchoApp/{only}".encode()]:
                    length = b"Content-Length: %d\r\nConnection: close\r\n\r\n" % len(body)
                    conn.sendall(json_head + length + body)  # the echo
                elif kind == "trickle-forever":
                    conn.sendall(json_head + b"Content-Length: 1000000\r\n\r\n{")
                    while not stop.wait(0.5):
                        conn.sendall(b" ")
                elif kind == "trickle-headers":
                    conn.sendall(b"HTTP/1.1 200 OK\r\nX-Slow: ")
                    while not stop.wait(0.5):
                        conn.sendall(b"x")
                elif kind == "endless-body":
                    conn.sendall(json_head + b"Connection: close\r\n\r\n" + b"[")
                    send_forever(conn, b"0," * 32768)
                elif kind == "huge":
                    size = 1024**3
                    conn.sendall(json_head + b"Content-Length: %d\r\n\r\n" % size)
                    send_forever(conn, b" " * 65536, size)
                elif kind == "endless-chunked":
                    conn.sendall(json_head + b"Transfer-Encoding: chunked\r\n\r\n")
                    piece = b" " * 65536
                    send_forever(conn, b"%x\r\n%s\r\n" % (len(piece), piece))
                elif kind == "gzip-bomb":
                    member = _gzip_member()
                    count = GZIP_BOMB_RAW // GZIP_BOMB_PIECE
                    # No Content-Length: only decompressing tells how large the answer is.
                    conn.sendall(json_head + b"Content-Encoding: gzip\r\nConnection: close\r\n\r\n")
                    send_forever(conn, member, len(member) * count)
                elif kind in ("reflect", "controls"):
                    shown = (
                        _reflections(reflect)
                        if kind == "reflect"
                        else {
                            "reason": CONTROLS.encode("latin-1", "replace"),
                            "content-type": b"application/json; x=\x1b[31m",
                            "body": CONTROLS.encode() + b"\nFAILED: forged, raw in a 500 body",
                            "cut": CONTROLS.encode() + b"\n" + CONTROLS.encode(),
                        }
                    )
                    if head.split(b" ", 2)[1:2] == [b"/EchoApp/connect"]:
                        status, answer = b"200 OK", shown["cut"]
                        content_type = shown["content-type"].replace(
                            b"application/json", b"text/plain"
                        )
                    else:
                        status, content_type = b"500 " + shown["reason"], shown["content-type"]
                        answer = shown["body"]
                    conn.sendall(
                        b"HTTP/1.1 %s\r\nContent-Type: %s\r\nContent-Length: %d\r\n\r\n%s"
                        % (status, content_type, len(answer), answer)
                    )
                elif kind == "redirect":
                    conn.sendall(
                        b"HTTP/1.1 307 Temporary Redirect\r\nLocation: %s\r\n"
                        b"Content-Length: 0\r\n\r\n" % target.encode()
                    )
            except OSError:
                pass

    with _threaded(Handle, stop) as url:
        yield url


# Backends with the defects real ones were seen to have (issue 15). Each is a `Handler` for
# `serve`; `wcs-contract test` must fail every one of them, naming the method and the check.

HTML_413 = (
    '<!DOCTYPE html>\n<html lang="en">\n<head><title>Error</title></head>\n'
    "<body><pre>PayloadTooLargeError: request entity too large</pre></body>\n</html>\n"
)


def crashes_on_nested_custom(request: HookRequest) -> Response:
    """500 when `custom` holds a nested object (code that reads custom as flat strings)."""
    body = request.body
    custom = body.get("custom") if isinstance(body, dict) else None
    if isinstance(custom, dict) and any(isinstance(v, dict) for v in custom.values()):
        return Response("TypeError: custom values must be strings", status_code=500)
    return echo(request)


def express_body_limit(request: HookRequest) -> Response:
    """Express's default `express.json()` limit: bodies over 100 kB get 413 and an HTML page."""
    if len(request.payload) > 100 * 1024:
        return Response(HTML_413, status_code=413, media_type="text/html")
    return echo(request)


def decodes_chunk_by_chunk(request: HookRequest, chunk: int = 16 * 1024) -> Response:
    """Node's `req.on('data', c => text += c)`: each 16 KiB network chunk decoded on its own,
    so a multi-byte character split between two chunks turns into replacement characters."""
    text = "".join(
        request.payload[i : i + chunk].decode("utf-8", "replace")
        for i in range(0, len(request.payload), chunk)
    )
    return Response(text.encode(), media_type="application/json")


def verifies_its_own_serialisation(secret: str) -> Handler:
    """Checks the signature over `json.dumps(parsed body)` (ASCII-escaped) instead of the raw
    bytes: every correctly signed body with non-ASCII text is refused as a bad signature."""

    def handler(request: HookRequest) -> Response:
        again = json.dumps(request.body, separators=(",", ":")).encode()
        expected = hmac.new(secret.encode(), again, hashlib.md5).hexdigest()
        if request.headers.get("authorization", "") != f"WCS {expected}":
            return refusal(403, "bad signature")
        return echo(request)

    return handler


def lets_unsigned_through(secret: str) -> Handler:
    """Refuses a wrong signature, but lets a request without Authorization header through."""

    def handler(request: HookRequest) -> Response:
        if "authorization" in request.headers and not signed_by(request, secret):
            return refusal(403, "bad signature")
        return echo(request)

    return handler


def no_content_type(request: HookRequest) -> Response:
    """The echo without a Content-Type header (a framework writing raw bytes)."""
    return Response(request.payload, media_type=None)


def configures(config: dict[str, Any], change: dict[str, Any] | None = None) -> Handler:
    """connect answers with this restClientConfig; every other hook echoes, with `change` applied
    (e.g. a restOverwrite naming a field the method does not have, and the change it meant)."""

    def handler(request: HookRequest) -> Response:
        if request.method == "connect":
            return JSONResponse({**request.body, "restClientConfig": config})
        return JSONResponse({**request.body, **(change or {})})

    return handler


def renames_streams(request: HookRequest) -> Response:
    """Changes `name` in every answer, which WCS ignores without restOverwrite."""
    return JSONResponse({**request.body, "name": "renamed"})


def only_default_app(request: HookRequest) -> Response:
    """500 for any appKey but the example's: every generated case fails, the edge bodies pass."""
    if request.body.get("appKey") != "defaultApp":
        return Response("unknown application", status_code=500)
    return echo(request)


def refuses_every_signature(secret: str) -> Handler:
    """Verifies with the wrong algorithm (HMAC-SHA256): every hook is refused alike."""

    def handler(request: HookRequest) -> Response:
        expected = hmac.new(secret.encode(), request.payload, hashlib.sha256).hexdigest()
        if request.headers.get("authorization", "") != f"WCS {expected}":
            return refusal(403, "Forbidden")
        return echo(request)

    return handler
