"""The JSON name of a parsed value's type, as messages quote it (stdlib only)."""

from __future__ import annotations

from typing import Any

_NAMES = {dict: "object", list: "array", str: "string", bool: "boolean", type(None): "null"}
_ARTICLES = {"object": "an object", "array": "an array", "integer": "an integer", "null": "null"}


def json_type(value: Any) -> str:
    """`object`, `array`, `string`, `boolean`, `null`, `integer` or `number`."""
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    return _NAMES.get(type(value), type(value).__name__)


def a_json_type(value: Any) -> str:
    """The same with its article: `an object`, `a string`, `null`."""
    name = json_type(value)
    return _ARTICLES.get(name, f"a {name}")
