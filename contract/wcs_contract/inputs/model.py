"""What the readers produce: a payload to validate, or why a piece of input is not one.

Both are named tuples: the JSONL reader makes hundreds of thousands a second, and a tuple is
built in one C call where a frozen dataclass sets each field through object.__setattr__.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Final, NamedTuple, Protocol

DIRECTIONS: Final = frozenset({"request", "response", "client"})
STDIN: Final = "<stdin>"


class Payload(NamedTuple):
    """One hook body found in the input, with where it came from."""

    source: str  # the path as given by the user ('<stdin>' for '-')
    line: int  # 1-based line where the payload starts in the source (0 if unknown)
    body: Any  # the JSON body (any JSON value; the validator reports non-objects)
    method: str | None  # wire name or alias as found (the validator resolves it); None if unknown
    direction: str | None  # "request" | "response" | "client" | None
    http_status: int | None = None  # HTTP status of a response when known
    locator: str = ""  # where inside a container, e.g. "/log/entries/3/response" for HAR


class Unreadable(NamedTuple):
    """A piece of input that is not a payload; `message` says what is wrong and how to fix it."""

    source: str
    line: int  # 1-based, 0 if unknown
    column: int  # 1-based, 0 if unknown
    message: str


class Clean(NamedTuple):
    """Payloads that the caller's Screen found clean: counted, nothing more to say."""

    payloads: int


Item = Payload | Unreadable
Counted = Item | Clean  # what a reader given a Screen yields


class Screen(Protocol):
    """What a bulk reader asks to count clean envelopes instead of building them: the hot path of
    big captures. The reader calls the check of a line's route itself, with no Python frame in
    between, and `status_agrees` only for the bodies that pass it and came with an HTTP status."""

    def check_for(self, method: str, direction: str) -> Callable[[Any], bool] | None:
        """The check of a route, called with each body of it: True when nothing about the body
        needs reporting. None for an unknown route (its envelopes are built, to be reported)."""
        ...

    def status_agrees(self, body: Any, http_status: int) -> bool:
        """For a body that passed its check: True when its HTTP status needs no report either."""
        ...
