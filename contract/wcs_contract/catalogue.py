"""The method catalogue (schemas/catalogue.json): names, kinds, directions, aliases."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Literal

import orjson

from wcs_contract.resources import schemas_dir

Direction = Literal["request", "response", "client"]
DIRECTIONS: tuple[Direction, ...] = ("request", "response", "client")
Kind = Literal["connect", "direct", "event", "incoming"]


@dataclass(frozen=True, slots=True)
class Method:
    """One WCS REST hook method, as the catalogue describes it."""

    name: str
    kind: Kind
    directions: tuple[Direction, ...]
    aliases: tuple[str, ...]
    since: str
    client_messages: tuple[str, ...]
    description: str


class UnknownMethodError(LookupError):
    """A name that is neither a method nor an alias; the message suggests the closest names."""


@dataclass(frozen=True)
class Catalogue:
    methods: tuple[Method, ...]

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(m.name for m in self.methods)

    @cache  # noqa: B019 - the catalogue lives for the whole process
    def _by_name(self) -> dict[str, Method]:
        index = {}
        for m in self.methods:
            for name in (m.name, *m.aliases):
                index[name] = m
        return index

    @cache  # noqa: B019
    def _by_message(self) -> dict[str, Method]:
        return {message: m for m in self.methods for message in m.client_messages}

    def find(self, name: str) -> Method | None:
        """The method called `name` (or spelled so by an alias), or None."""
        return self._by_name().get(name)

    def get(self, name: str) -> Method:
        """The method called `name`; UnknownMethodError with suggestions otherwise."""
        method = self.find(name)
        if method is None:
            raise UnknownMethodError(unknown_name_message(name, self._by_name()))
        return method

    def for_client_message(self, message: str) -> Method | None:
        """The method a WebSocket frame's `message` carries (`connection` is connect)."""
        return self._by_message().get(message)


def unknown_name_message(name: str, known: dict[str, Method] | list[str] | tuple[str, ...]) -> str:
    import difflib

    close = difflib.get_close_matches(name, list(known), n=3, cutoff=0.6)
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
            )
            for m in raw["methods"]
        )
    )
