"""Sending one hook request the way WCS does, and keeping what came back.

Requests go through schemathesis' own transport (`case.call`) with the body passed as bytes, so
that the bytes signed are the bytes sent. A failure to get an HTTP answer is an outcome here, not
an exception: the checks judge it. Curl lines reproduce each request without any credential.
"""

from __future__ import annotations

import http.client
import json
import shlex
import threading
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from wcs_contract import __version__
from wcs_contract.answers import decode_body, media_type
from wcs_contract.live.options import DEFAULT_MAX_RESPONSE_SIZE, Credentials
from wcs_contract.printable import printable
from wcs_contract.redaction import Redactor

if TYPE_CHECKING:
    import requests

    from wcs_contract.live.generation import HookCase
    from wcs_contract.live.limits import Deadline

ErrorKind = Literal["timeout", "refused", "dropped", "garbled", "too_large", "error"]

CONTENT_TYPE = "application/json;charset=UTF-8"  # as WCS 5.2 sends it
EXCERPT = 200  # characters of an answer quoted in a message


@dataclass(frozen=True, slots=True)
class Exchange:
    """One request and its answer, or why no answer came."""

    method: str
    url: str
    payload: bytes
    sent: Any  # the decoded body sent; None when the payload is not JSON (negative mode)
    curl: str
    status: int | None = None
    reason: str = ""
    content_type: str = ""  # as shown: credentials masked, shortened
    media_type: str = ""  # as received: the checks must not judge the masked text
    content: bytes = b""
    elapsed: float = 0.0
    error: ErrorKind | None = None
    detail: str = ""
    redactor: Redactor | None = field(default=None, repr=False, compare=False)

    @property
    def excerpt(self) -> str:
        """The start of the answer's body, for messages: credentials masked before the cut."""
        text = self.content[: EXCERPT * 8].decode("utf-8", "replace")
        if self.redactor is not None:
            return self.redactor.shorten(text, EXCERPT)
        return text if len(text) <= EXCERPT else text[: EXCERPT - 3] + "..."


def encode_body(body: Any) -> bytes:
    """The bytes of a body: compact UTF-8 JSON as a Java backend client writes it.

    Negative mode also yields raw bytes (sent as they are) and no body at all (sent empty).
    """
    from schemathesis.core import NotSet

    if isinstance(body, bytes | bytearray):
        return bytes(body)
    if isinstance(body, NotSet):
        return b""
    try:
        return json.dumps(body, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode()
    except (UnicodeEncodeError, ValueError):
        # Lone surrogates or non-finite numbers: the ASCII-escaped spelling is still sendable.
        return json.dumps(body, separators=(",", ":"), default=str).encode()


class HookClient:
    """Posts bodies to `<REST URL>/<method>` with WCS's headers, auth and timeout.

    Safe to share between threads: each thread keeps its own HTTP session.
    """

    def __init__(
        self,
        base_url: str,
        timeout: float,
        credentials: Credentials,
        max_response_size: int = DEFAULT_MAX_RESPONSE_SIZE,
    ) -> None:
        self.base_url = base_url
        self.timeout = timeout
        self.credentials = credentials
        self.max_response_size = max_response_size
        # Everything shown of an exchange goes through it (see runner.record).
        self.redactor = Redactor(credentials.hidden_values())
        self._local = threading.local()
        self._sessions: list[requests.Session] = []
        self._sessions_lock = threading.Lock()
        self._deadlines: set[Deadline] = set()  # of the exchanges in flight
        self._aborted = False
        self._in_flight_lock = threading.Lock()

    def _session(self) -> requests.Session:
        session: requests.Session | None = getattr(self._local, "session", None)
        if session is None:
            from wcs_contract.live.limits import bounded_session

            session = bounded_session(self.max_response_size)
            self._local.session = session
            with self._sessions_lock:
                self._sessions.append(session)
        return session

    def close(self) -> None:
        """Close every thread's connections (the worker threads are gone by now)."""
        with self._sessions_lock:
            for session in self._sessions:
                session.close()
            self._sessions.clear()

    def abort(self) -> None:
        """Ctrl-C: end every exchange in flight now, and every later one as it starts, rather
        than wait up to the timeout for each."""
        with self._in_flight_lock:
            self._aborted = True
            in_flight = list(self._deadlines)
        for deadline in in_flight:
            deadline.expire()

    def authorization(self, payload: bytes) -> str | None:
        """The Authorization header WCS would send with this body."""
        if self.credentials.secret is not None:
            from wcs_contract.signing import sign

            return sign(payload, self.credentials.secret)
        return self.credentials.basic

    def send(
        self, case: HookCase, body: Any, *, authorization: str | Literal["auto"] | None = "auto"
    ) -> Exchange:
        """Send `body` as `case`'s operation; `authorization` overrides the computed header.

        The whole exchange, from connecting to the last byte of the answer, ends within the
        timeout; an answer larger than `max_response_size` is not read past the cap.
        """
        import requests

        from wcs_contract.live.limits import ACCEPT_ENCODING, Deadline

        payload = encode_body(body)
        # A generated dict is kept as it is; bytes (and no body) are read back from the wire.
        sent = body if isinstance(body, dict) else decode_body(payload)
        # What the server says is masked of the credentials this body carries, too.
        redactor = self.redactor.for_body(sent)
        method = case.operation.path.lstrip("/")
        url = f"{self.base_url}/{method}"
        header = self.authorization(payload) if authorization == "auto" else authorization
        headers = {
            "Content-Type": CONTENT_TYPE,
            "Accept": "application/json",
            "Accept-Encoding": ACCEPT_ENCODING,
            "User-Agent": f"wcs-contract/{__version__}",
        }
        headers.update(self.credentials.headers)  # --header
        if header is not None:
            headers["Authorization"] = header
        curl = curl_command(url, payload, self.credentials, authorization, header)
        session = self._session()
        started = time.perf_counter()
        failure: requests.RequestException | None = None
        with Deadline(self.timeout) as deadline:
            with self._in_flight_lock:
                self._deadlines.add(deadline)
                if self._aborted:
                    deadline.expire()
            try:
                response = case.call(
                    base_url=self.base_url,
                    session=session,
                    headers=headers,
                    data=payload,
                    timeout=self.timeout,
                    allow_redirects=False,
                )
            except requests.RequestException as error:
                failure = error
            finally:
                with self._in_flight_lock:
                    self._deadlines.discard(deadline)
        if deadline.passed or failure is not None:
            kind: ErrorKind
            if deadline.passed:  # the socket was shut down: whatever came is not the answer
                kind, detail = "timeout", f"no complete answer within {self.timeout:g} s"
            else:
                assert failure is not None
                kind, detail = classify(failure, self.timeout)
            elapsed = time.perf_counter() - started
            return Exchange(
                method,
                url,
                payload,
                sent,
                curl,
                elapsed=elapsed,
                error=kind,
                detail=redactor(detail),
                redactor=redactor,
            )
        shorten = redactor.shorten
        content_type = ", ".join(response.headers.get("content-type", []))
        return Exchange(
            method,
            url,
            payload,
            sent,
            curl,
            elapsed=time.perf_counter() - started,
            status=response.status_code,
            reason=shorten(response.message, EXCERPT),
            content_type=shorten(content_type, EXCERPT),
            media_type=media_type(content_type),
            content=response.content,
            redactor=redactor,
        )


def _causes(error: BaseException) -> list[BaseException]:
    """The error and everything it wraps (requests → urllib3 → http.client / OS errors)."""
    seen: list[BaseException] = []
    pending: list[BaseException] = [error]
    while pending:
        current = pending.pop()
        if any(current is s for s in seen):
            continue
        seen.append(current)
        pending += [a for a in current.args if isinstance(a, BaseException)]
        for attr in ("reason", "__cause__", "__context__"):
            nested = getattr(current, attr, None)
            if isinstance(nested, BaseException):
                pending.append(nested)
    return seen


def classify(error: BaseException, timeout: float) -> tuple[ErrorKind, str]:
    """What kind of transport failure an exception from the HTTP client is."""
    import requests

    from wcs_contract.live.limits import AnswerTooLarge

    causes = _causes(error)
    if isinstance(error, AnswerTooLarge):
        return "too_large", str(error)
    if isinstance(error, requests.Timeout) or any(isinstance(c, TimeoutError) for c in causes):
        return "timeout", f"no answer within {timeout:g} s"
    if any(isinstance(c, ConnectionRefusedError) for c in causes):
        return "refused", "connection refused: the server is not listening (any more)"
    cut_off = requests.exceptions.ChunkedEncodingError, http.client.IncompleteRead
    if any(isinstance(c, cut_off) for c in causes):
        return "dropped", "the connection closed in the middle of the answer"
    if any(isinstance(c, http.client.RemoteDisconnected) for c in causes):
        return "dropped", "the server closed the connection without answering"
    if any(isinstance(c, ConnectionResetError | BrokenPipeError) for c in causes):
        return "dropped", "the connection was reset before an answer came"
    for cause in causes:
        if isinstance(cause, http.client.HTTPException | requests.exceptions.ContentDecodingError):
            return "garbled", f"the answer is not HTTP ({type(cause).__name__}: {cause})"
    if isinstance(error, requests.ConnectionError):
        return "dropped", f"the connection failed: {error}"
    return "error", f"{type(error).__name__}: {error}"


def _quote(payload: bytes) -> str:
    """A shell word holding exactly these bytes; control characters as $'\\xNN' escapes."""
    try:
        text = payload.decode("utf-8")
    except UnicodeDecodeError:
        text = None
    if text is not None and "\x00" not in text and printable(text) == text:
        return shlex.quote(text)
    escaped = "".join(
        chr(b) if 0x20 <= b < 0x7F and chr(b) not in "'\\" else f"\\x{b:02x}" for b in payload
    )
    return f"$'{escaped}'"


def curl_command(
    url: str,
    payload: bytes,
    credentials: Credentials,
    authorization: str | Literal["auto"] | None,
    header: str | None,
) -> str:
    """A curl line that repeats the request; credentials come from environment variables."""
    parts = [
        "curl -sS -i -X POST",
        shlex.quote(url),
        "-H " + shlex.quote(f"Content-Type: {CONTENT_TYPE}"),
        "-H 'Accept: application/json'",
    ]
    # --header values are hidden like credentials: the line names them, set them yourself.
    parts += ["-H " + shlex.quote(f"{name}: ***") for name, _ in credentials.headers]
    prefix = ""
    if authorization == "auto" and credentials.secret is not None:
        # The signature is recomputed from $WCS_SECRET, so the line works without showing it.
        prefix = f"BODY={_quote(payload)}; "
        parts.append(
            '-H "Authorization: WCS $(printf %s "$BODY" | openssl dgst -md5 -hmac'
            ' "$WCS_SECRET" -r | cut -d" " -f1)"'
        )
        parts.append('--data-binary "$BODY"')
        return prefix + " ".join(parts)
    if authorization == "auto" and credentials.basic is not None:
        parts.append('-u "$WCS_USER:$WCS_PASSWORD"')
    elif header is not None:
        parts.append("-H " + shlex.quote(f"Authorization: {header}"))
    parts.append("--data-binary " + _quote(payload))
    return " ".join(parts)
