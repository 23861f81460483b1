"""An application's REST URL as WCS uses it: `<REST URL>/<method>`."""

from __future__ import annotations

from urllib.parse import urlsplit


class BadRestUrl(ValueError):
    """What is wrong with a REST URL, in a sentence for the user."""


def without_userinfo(url: str) -> str:
    """The URL as an error message may quote it: whatever precedes an `@` before the query is
    masked, even when the URL does not parse (a password holding `/` ends the netloc early)."""
    head = url.split("?", 1)[0].split("#", 1)[0]
    at = head.rfind("@")
    if at < 0:
        return url
    scheme_end = url.find("//", 0, at)
    start = scheme_end + 2 if scheme_end >= 0 else 0
    return url[:start] + "***" + url[at:]


def rest_url(url: str, *, credentials_advice: str) -> str:
    """The REST URL without a trailing slash. BadRestUrl when it is not an http(s) URL, carries
    credentials (`credentials_advice` says where they go instead), has a query or a fragment,
    names port 0, holds a space or a control character, or does not parse (surrounding spaces
    are dropped). Messages never quote the credentials."""
    url = url.strip()  # a line break or a space pasted along with it
    shown = without_userinfo(url)
    if any(ord(c) <= 0x20 or ord(c) == 0x7F for c in url):
        # urlsplit drops some of them silently; reports would print them raw.
        raise BadRestUrl(
            f"{shown!r} is not a valid URL: it holds a space or a control character"
            " (percent-encode it, e.g. %20)"
        )
    try:
        parts = urlsplit(url)
        port = parts.port  # raises ValueError for a malformed port
    except ValueError as error:  # e.g. "Invalid IPv6 URL" for http://[::1/x
        raise BadRestUrl(f"{shown!r} is not a valid URL: {error}") from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise BadRestUrl(
            f"{shown!r} is not an http(s) URL: give the application's REST URL,"
            " e.g. http://127.0.0.1:9091/EchoApp"
        )
    if parts.username is not None or parts.password is not None:
        raise BadRestUrl(f"the URL carries credentials: {credentials_advice}")
    if port == 0:
        # Nothing listens on port 0: clients would connect to the scheme's default port instead.
        raise BadRestUrl(f"{shown!r} names port 0: give the port the backend listens on")
    if parts.query or parts.fragment:
        raise BadRestUrl(
            f"{shown!r} has a query or fragment: WCS appends /<method> to the bare REST URL"
        )
    return url.rstrip("/")
