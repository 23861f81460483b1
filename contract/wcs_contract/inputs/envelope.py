"""One parsed JSON object to one payload: an envelope, a WebSocket frame, or a bare body.

- envelope: {"method": ..., "direction": ..., "status"?: <int>, "body": <any>} — the project's
  example files; its own fields win over the command line's --method/--direction.
- frame: {"message": "<name>", "data": [{...}]} — what the client sees; direction "client", the
  method from the catalogue's client message names (a "fail" frame names it in data[0].apiMethod).
- bare body: anything else; needs --method and --direction.
"""

from __future__ import annotations

from typing import Any, Final

from wcs_contract.catalogue import load_catalogue
from wcs_contract.inputs.errors import ENVELOPE_SHAPE, EXPECTED_OBJECT
from wcs_contract.inputs.model import DIRECTIONS, Item, Payload, Unreadable
from wcs_contract.json_types import a_json_type

_ENVELOPE_ONLY: Final = frozenset({"body", "status"})
_FRAME_KEYS: Final = frozenset({"message", "data"})


def is_envelope(obj: dict[str, Any]) -> bool:
    # Real bodies carry nodeId/sessionId/... and never "method" or "direction", so these keys
    # (or nothing but body/status around an object body) mark the project's envelope.
    return "body" in obj and (
        "method" in obj
        or "direction" in obj
        or (obj.keys() <= _ENVELOPE_ONLY and isinstance(obj["body"], dict))
    )


def is_frame(obj: Any) -> bool:
    # Web SDK 2.x frames always carry a data array; older SDKs omit it when empty.
    return (
        isinstance(obj, dict)
        and isinstance(obj.get("message"), str)
        and (isinstance(obj.get("data"), list) or obj.keys() <= _FRAME_KEYS)
    )


def frame_method(frame: dict[str, Any]) -> str | None:
    """The method a frame carries; None when it does not say (unknown message, no apiMethod)."""
    message: str = frame["message"]
    if message == "fail":
        data = frame.get("data")
        if isinstance(data, list) and data and isinstance(data[0], dict):
            api_method = data[0].get("apiMethod")
            if isinstance(api_method, str) and api_method:
                return api_method
        return None
    data = frame.get("data")
    element = data[0] if isinstance(data, list) and data else None
    method = load_catalogue().for_client_message(message, element)
    return method.name if method is not None else None


def classify(
    obj: Any,
    source: str,
    line: int,
    method: str | None,
    direction: str | None,
    column: int = 0,
    *,
    unit: str = "document",
) -> Item:
    """The payload `obj` (a whole `unit`: a document or a JSONL line) stands for, or why it is not
    one."""
    if not isinstance(obj, dict):
        several = (
            "; for several payloads write one JSON object per line in a .jsonl file"
            if isinstance(obj, list) and unit == "document"
            else ""
        )
        return Unreadable(
            source,
            line,
            column,
            f"the {unit} is {a_json_type(obj)}, not an object: {EXPECTED_OBJECT}{several}",
        )
    if is_envelope(obj):
        return _envelope(obj, source, line, method, direction, column)
    if is_frame(obj):
        return Payload(source, line, obj, frame_method(obj) or method, "client")
    if (method is None or direction is None) and ("method" in obj or "direction" in obj):
        # no body carries these: an envelope whose body was left out or spread beside them
        return Unreadable(
            source,
            line,
            column,
            f'the envelope has no "body": put the hook body under "body", e.g. {ENVELOPE_SHAPE}',
        )
    if method is None or direction is None:
        flags = (("--method", method), ("--direction", direction))
        missing = " and ".join(flag for flag, value in flags if value is None)
        return Unreadable(
            source,
            line,
            column,
            f"a bare body needs a method and a direction, but no {missing} was given: "
            "pass --method NAME --direction request|response|client, "
            f"or wrap the body in an envelope {ENVELOPE_SHAPE}",
        )
    return Payload(source, line, obj, method, direction)


def _envelope(
    obj: dict[str, Any],
    source: str,
    line: int,
    method: str | None,
    direction: str | None,
    column: int,
) -> Item:
    body = obj["body"]
    framed = is_frame(body)
    env_method = obj.get("method")
    if env_method is None:
        env_method = (frame_method(body) if framed else None) or method
    if not isinstance(env_method, str) or not env_method:
        problem = (
            'has no "method"'
            if env_method is None
            else f'has a "method" that is {_show(env_method)}'
        )
        return Unreadable(
            source,
            line,
            column,
            f"the envelope {problem}: give the method's wire name as a string, "
            f'e.g. "method": "connect", or pass --method NAME',
        )
    env_direction = obj.get("direction")
    if env_direction is None:
        env_direction = "client" if framed else direction
    if not isinstance(env_direction, str) or env_direction not in DIRECTIONS:
        got = 'no "direction"' if env_direction is None else f'"direction" {_show(env_direction)}'
        return Unreadable(
            source,
            line,
            column,
            f'the envelope has {got}: "direction" must be "request", "response" or "client"'
            " (or pass --direction)",
        )
    status = obj.get("status")
    if status is not None and (not isinstance(status, int) or isinstance(status, bool)):
        return Unreadable(
            source,
            line,
            column,
            f'the envelope\'s "status" is {_show(status)}: it is the HTTP status of the response, '
            "an integer such as 200 or 403 (or leave it out)",
        )
    return Payload(source, line, body, env_method, env_direction, status)


def _show(value: Any) -> str:
    """A short rendering of a wrong value for a message."""
    text = f'"{value}"' if isinstance(value, str) else a_json_type(value)
    return text if len(text) <= 40 else text[:37] + "..."
