"""HAR 1.2 (a browser's or proxy's "Save all as HAR"): the hook bodies of the entries whose URL ends
with a method name.

WCS POSTs each hook to `<application REST URL>/<method>`, so an entry is a hook exactly when its URL
path's last segment is a method name or alias; everything else in the capture is skipped.
"""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Iterator
from typing import Any, Final
from urllib.parse import unquote, urlsplit

import orjson

from wcs_contract.catalogue import load_catalogue
from wcs_contract.inputs.errors import json_error
from wcs_contract.inputs.model import Item, Payload, Unreadable
from wcs_contract.json_types import a_json_type

EXPECTED_HAR: Final = (
    'expected a HAR 1.2 document {"log": {"entries": [...]}}: '
    'export it again from the browser\'s network panel ("Save all as HAR") or your proxy'
)


def is_har(doc: dict[str, Any]) -> bool:
    log = doc.get("log")
    return isinstance(log, dict) and "entries" in log


def method_from_url(url: str) -> str:
    """The last segment of the URL's path ('' if none): WCS appends the method name verbatim."""
    path = urlsplit(url).path.rstrip("/")
    return unquote(path.rpartition("/")[2])


def shown_url(url: str) -> str:
    """A URL as a message quotes it: a password in it (`http://user:password@host/`) hidden."""
    return _USERINFO_PASSWORD.sub(r"\1***@", url)


_USERINFO_PASSWORD: Final = re.compile(r"(//[^/?#@\s]*?:)[^/?#\s]*@")


def bad_url_message(url: str, where: str) -> str:
    """The message for a URL that does not parse (e.g. `http://[::1/x`, an unclosed bracket)."""
    shown = shown_url(url)
    shown = shown if len(shown) <= 80 else shown[:77] + "..."
    return (
        f"{where}: the URL {shown!r} does not parse, so its method is unknown:"
        " fix the URL (an IPv6 host goes in brackets, e.g. http://[::1]:8081/app/connect)"
    )


def read_har_document(doc: dict[str, Any], source: str) -> Iterator[Item]:
    """The request and response bodies of every hook entry of a parsed HAR document."""
    entries = doc["log"]["entries"]
    if not isinstance(entries, list):
        found = a_json_type(entries)
        yield Unreadable(source, 0, 0, f'"/log/entries" is {found}, not an array: {EXPECTED_HAR}')
        return
    find = load_catalogue().find
    for index, entry in enumerate(entries):
        locator = f"/log/entries/{index}"
        if not isinstance(entry, dict):
            found = a_json_type(entry)
            yield Unreadable(source, 0, 0, f"{locator} is {found}, not an entry: {EXPECTED_HAR}")
            continue
        request = entry.get("request")
        if not isinstance(request, dict) or not isinstance(request.get("url"), str):
            continue
        try:
            name = method_from_url(request["url"])
        except ValueError:
            yield Unreadable(source, 0, 0, bad_url_message(request["url"], f"{locator}/request"))
            continue
        if not name or find(name) is None:
            continue
        post = request.get("postData")
        if isinstance(post, dict):
            yield from _side(
                post.get("text"), post.get("encoding"), "request", None, source, name, locator
            )
        response = entry.get("response")
        if isinstance(response, dict):
            status = response.get("status")
            valid = isinstance(status, int) and not isinstance(status, bool)
            http_status = status if valid else None
            content = response.get("content")
            if isinstance(content, dict):
                yield from _side(
                    content.get("text"),
                    content.get("encoding"),
                    "response",
                    http_status,
                    source,
                    name,
                    locator,
                    mime=content.get("mimeType"),
                )


def _side(
    text: Any,
    encoding: Any,
    direction: str,
    http_status: int | None,
    source: str,
    method: str,
    entry: str,
    *,
    mime: Any = None,
) -> Iterator[Item]:
    """The payload of one side (`direction`) of the entry at `entry`; nothing without a body."""
    if not isinstance(text, str) or not text.strip():
        return  # no body: nothing to validate (a refusal may come without one)
    locator = f"{entry}/{direction}"
    where = f"{locator} ({'content' if direction == 'response' else 'postData'}.text)"
    if encoding == "base64":
        try:
            raw = base64.b64decode(text, validate=True)
        except (binascii.Error, ValueError):
            yield Unreadable(
                source,
                0,
                0,
                f'{where}: "encoding" is base64 but the text is not valid base64; '
                "fix the text or remove the encoding",
            )
            return
    else:
        try:
            raw = text.encode("utf-8")
        except UnicodeEncodeError as error:
            yield Unreadable(
                source,
                0,
                0,
                f"{where}: a lone UTF-16 surrogate ({text[error.start]!r}) in the text: not valid"
                " Unicode, so not a body WCS sends; the capture was damaged",
            )
            return
    try:
        body = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        if http_status not in (None, 200) and not (isinstance(mime, str) and "json" in mime):
            return  # a refusal's body need not be JSON: WCS then passes on the reason phrase
        problem = json_error(exc, raw, source, unit="body", expected="a hook body is a JSON object")
        yield Unreadable(
            source,
            0,
            0,
            f"{where}: {problem.message} "
            f"(at line {problem.line}, column {problem.column} of the body)",
        )
        return
    yield Payload(source, 0, body, method, direction, http_status, locator)
