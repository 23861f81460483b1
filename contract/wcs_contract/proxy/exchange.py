"""One hook exchange as the proxy saw it, and the interface its observers implement."""

from __future__ import annotations

import base64
import binascii
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Literal, NamedTuple, Protocol

import orjson

from wcs_contract.answers import media_type
from wcs_contract.redaction import Redactor
from wcs_contract.validator import redact

Side = Literal["request", "response", "upstream"]
FindingSeverity = Literal["error", "warning"]
FailureKind = Literal["refused", "reset", "timeout", "too-large", "error"]

EXCERPT = 200  # characters of a body quoted in a message
# Credentials in a body that is not JSON (a 200 answer that is not JSON quoted in a message):
# "sipPassword": "...", "authToken": "...", any "...password/secret/token..." member.
_SECRET_MEMBER = re.compile(
    rb'("[^"]*(?:pass(?:word|wd)?|secret|token|api[-_]?key|credential)[^"]*"\s*:\s*)"[^"]*"',
    re.IGNORECASE,
)


class Finding(NamedTuple):
    """One thing an exchange did wrong: on which side, by which check, where, what."""

    side: Side
    check: str
    severity: FindingSeverity
    pointer: str
    message: str


def hidden(content: bytes) -> bytes:
    """A body with its credentials emptied, whether or not it is JSON: for logs and recordings."""
    try:
        body = orjson.loads(content)
    except orjson.JSONDecodeError:
        return _SECRET_MEMBER.sub(rb'\1""', content)
    safe = redact(body)
    return content if safe is body else orjson.dumps(safe)


@dataclass(slots=True)
class Exchange:
    """A hook WCS sent, what the backend answered (or why nothing came), and the findings."""

    id: int
    started: float  # wall-clock time the hook arrived (time.time())
    method: str  # the name in the path, as WCS called it (maybe an alias)
    canonical: str  # the catalogue's name of the method
    url: str  # where it was forwarded
    request: bytes
    sent: Any = None  # the decoded request body; None when it is not JSON
    answer: Any = None  # the decoded 200 answer when it is a JSON object
    status: int | None = None  # the backend's status; None when no answer came
    content_type: str = ""
    content: bytes = b""
    duration: float = 0.0  # seconds from the hook's arrival to the backend's full answer
    failure: FailureKind | None = None  # why no answer came
    detail: str = ""
    answered: int = 0  # the status WCS got: the backend's, or the proxy's 502 / 504
    findings: list[Finding] = field(default_factory=list)
    reason: str = ""  # ASGI carries no reason phrase: the checks name the status alone
    authorization: str = field(default="", repr=False)  # WCS's header: masked in messages

    @property
    def payload(self) -> bytes:
        """The hook's body as WCS sent it (what answers.Answer calls it)."""
        return self.request

    @property
    def excerpt(self) -> str:
        """The start of the answer's body, credentials hidden."""
        text = hidden(self.content).decode("utf-8", "replace")
        return text if len(text) <= EXCERPT else text[: EXCERPT - 3] + "..."

    @property
    def media_type(self) -> str:
        return media_type(self.content_type)

    def redactor(self) -> Redactor:
        """What masks this hook's credentials (Authorization, sipPassword, ...) in text the
        backend sent back."""
        return _header_redactor(self.authorization).for_body(self.sent)

    @property
    def errors(self) -> int:
        return sum(1 for f in self.findings if f.severity == "error")


@lru_cache(maxsize=256)  # basic auth repeats on every hook; signatures churn through it
def _header_redactor(authorization: str) -> Redactor:
    """A Redactor of an Authorization header's secrets: the value, its credentials, and for
    basic auth the decoded `user:password` and the password."""
    scheme, _, credentials = authorization.strip().partition(" ")
    values = [authorization.strip(), credentials.strip()]
    if scheme.lower() == "basic":
        try:
            pair = base64.b64decode(credentials.strip(), validate=True).decode("utf-8")
        except (binascii.Error, UnicodeDecodeError):
            pair = ""
        values += [pair, pair.partition(":")[2]]
    return Redactor(v for v in values if v)


class Observer(Protocol):
    """Told of every finished exchange, after WCS has its answer; must not block."""

    def observe(self, exchange: Exchange) -> None: ...

    def close(self) -> None:
        """The proxy stops: finish what is pending (a recorder flushes)."""
        ...
