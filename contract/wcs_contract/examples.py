"""The example envelopes beside the schemas: discovered from the file system, never listed.

`schemas/methods/<Method>/examples/<direction>/{valid,invalid}/<case>.json`, with the golden errors
of the invalid ones in `schemas/methods/<Method>/examples/expected-errors.json`.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import orjson

from wcs_contract.resources import schemas_dir


@dataclass(frozen=True)
class Example:
    method: str
    direction: str
    valid: bool
    path: Path

    @property
    def key(self) -> str:
        """The example's name in expected-errors.json: `<direction>/<valid|invalid>/<case>.json`."""
        return f"{self.direction}/{'valid' if self.valid else 'invalid'}/{self.path.name}"

    @property
    def id(self) -> str:
        return f"{self.method}/{self.key}"

    @property
    def envelope(self) -> dict[str, Any]:
        loaded: dict[str, Any] = orjson.loads(self.path.read_bytes())
        return loaded

    @property
    def body(self) -> Any:
        return self.envelope["body"]

    @property
    def http_status(self) -> int | None:
        status = self.envelope.get("status")
        return status if isinstance(status, int) else None


def examples_root(method: str) -> Path:
    return schemas_dir() / "methods" / method / "examples"


@cache
def all_examples() -> tuple[Example, ...]:
    found = []
    for path in sorted((schemas_dir() / "methods").glob("*/examples/*/*/*.json")):
        kind, direction, method = path.parent.name, path.parent.parent.name, path.parents[3].name
        if kind in ("valid", "invalid"):
            found.append(Example(method, direction, kind == "valid", path))
    return tuple(found)


def golden(method: str) -> dict[str, list[dict[str, Any]]]:
    path = examples_root(method) / "expected-errors.json"
    if not path.is_file():
        return {}
    loaded: dict[str, list[dict[str, Any]]] = orjson.loads(path.read_bytes())
    return loaded
