"""The method catalogue (schemas/catalogue.json): names, kinds, directions, aliases."""

from __future__ import annotations

from functools import cache
from typing import Literal, NamedTuple

import orjson

from wcs_contract.resources import schemas_dir

Direction = Literal["request", "response", "client"]
DIRECTIONS: tuple[Direction, ...] = ("request", "response", "client")
Kind = Literal["connect", "direct", "event", "incoming"]


class Method(NamedTuple):
    """One WCS REST hook method, as the catalogue describes it (a named tuple: made in a tenth of
    the time of a frozen dataclass, which the pre-commit hook's start-up notices)."""

    name: str
    kind: Kind
    directions: tuple[Direction, ...]
    aliases: tuple[str, ...]
    since: str
    client_messages: tuple[str, ...]
    description: str
    server_messages: tuple[str, ...] = ()  # the client_messages WCS sends to the client


class UnknownMethodError(LookupError):
    """A name that is neither a method nor an alias; the message suggests the closest names."""


class Catalogue:
    """Every method, with lookups by name, alias and WebSocket message name, and the WebSocket
    messages that carry none."""

    def __init__(
        self,
        methods: tuple[Method, ...],
        keep_alive: frozenset[str] = frozenset(),
        positional: frozenset[str] = frozenset(),
    ) -> None:
        self.methods = methods
        self.keep_alive = keep_alive  # WebSocket messages that carry no method (ping, pong)
        self.positional = positional  # messages whose `data` is positional: not checked
        self.names = tuple(m.name for m in methods)
        self._by_name = {name: m for m in methods for name in (m.name, *m.aliases)}
        self._by_message: dict[str, tuple[Method, ...]] = {}
        for m in methods:
            for message in m.client_messages:
                self._by_message[message] = (*self._by_message.get(message, ()), m)

    def find(self, name: str) -> Method | None:
        """The method called `name` (or spelled so by an alias), or None."""
        return self._by_name.get(name)

    def get(self, name: str) -> Method:
        """The method called `name`; UnknownMethodError with suggestions otherwise."""
        method = self._by_name.get(name)
        if method is None:
            raise UnknownMethodError(unknown_name_message(name, list(self._by_name)))
        return method

    def for_client_message(self, message: str, element: object = None) -> Method | None:
        """The method a WebSocket frame's `message` carries (`connection` is connect).

        A message two methods share is told apart by its direction: `hold` from the client is
        the hold method (`{callId}`), from WCS the call's status update, a CallStatusEvent. A
        frame's `element` (its first `data` item) that carries `status` is WCS's."""
        found = self._by_message.get(message)
        if found is None:
            return None
        if len(found) > 1:
            from_wcs = isinstance(element, dict) and "status" in element
            for method in found:
                if (message in method.server_messages) == from_wcs:
                    return method
        return found[0]

    def client_messages(self) -> tuple[str, ...]:
        """Every WebSocket message name that carries a method."""
        return tuple(self._by_message)


def unknown_name_message(name: str, known: list[str]) -> str:
    import difflib

    close = difflib.get_close_matches(name, known, n=3, cutoff=0.6)
    hint = f"; did you mean {' or '.join(repr(c) for c in close)}?" if close else ""
    return f"unknown method {name!r}{hint} (`wcs-contract methods` lists them)"


@cache
def load_catalogue() -> Catalogue:
    raw = orjson.loads((schemas_dir() / "catalogue.json").read_bytes())
    return Catalogue(
        tuple(
            Method(
                name=m["name"],
                kind=m["kind"],
                directions=tuple(m["directions"]),
                aliases=tuple(m["aliases"]),
                since=m["since"],
                client_messages=tuple(m["clientMessages"]),
                description=m["description"],
                server_messages=tuple(m.get("serverMessages", ())),
            )
            for m in raw["methods"]
        ),
        frozenset(raw["keepAliveMessages"]),
        frozenset(raw["positionalMessages"]),
    )
