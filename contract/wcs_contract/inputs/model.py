"""What the readers produce: a payload to validate, or why a piece of input is not one."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Final

DIRECTIONS: Final = frozenset({"request", "response", "client"})
STDIN: Final = "<stdin>"


@dataclass(frozen=True, slots=True)
class Payload:
    """One hook body found in the input, with where it came from."""

    source: str  # the path as given by the user ('<stdin>' for '-')
    line: int  # 1-based line where the payload starts in the source (0 if unknown)
    body: Any  # the JSON body (any JSON value; the validator reports non-objects)
    method: str | None  # wire name or alias as found (the validator resolves it); None if unknown
    direction: str | None  # "request" | "response" | "client" | None
    http_status: int | None = None  # HTTP status of a response when known
    locator: str = ""  # where inside a container, e.g. "/log/entries/3/response" for HAR


@dataclass(frozen=True, slots=True)
class Unreadable:
    """A piece of input that is not a payload; `message` says what is wrong and how to fix it."""

    source: str
    line: int  # 1-based, 0 if unknown
    column: int  # 1-based, 0 if unknown
    message: str


Item = Payload | Unreadable


PayloadFactory = Callable[[str, int, Any, str | None, str | None, int | None], Payload]


def _fast_payload_constructor() -> PayloadFactory:
    """A constructor for Payload that skips the frozen dataclass __init__.

    A frozen dataclass sets every field through object.__setattr__, which costs about twice as
    much as filling the slots directly; the JSONL reader builds hundreds of thousands of payloads
    a second, so it fills the slot descriptors itself. The result is an ordinary, equal Payload.
    """
    new = object.__new__
    slots = Payload.__dict__
    set_source = slots["source"].__set__
    set_line = slots["line"].__set__
    set_body = slots["body"].__set__
    set_method = slots["method"].__set__
    set_direction = slots["direction"].__set__
    set_status = slots["http_status"].__set__
    set_locator = slots["locator"].__set__

    def make(
        source: str,
        line: int,
        body: Any,
        method: str | None,
        direction: str | None,
        status: int | None,
    ) -> Payload:
        payload: Payload = new(Payload)
        set_source(payload, source)
        set_line(payload, line)
        set_body(payload, body)
        set_method(payload, method)
        set_direction(payload, direction)
        set_status(payload, status)
        set_locator(payload, "")
        return payload

    return make


#: fast_payload(source, line, body, method, direction, http_status) -> Payload (locator "")
fast_payload: Final = _fast_payload_constructor()
