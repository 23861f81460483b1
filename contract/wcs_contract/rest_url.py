"""An application's REST URL as WCS uses it: `<REST URL>/<method>`."""

from __future__ import annotations

from urllib.parse import urlsplit


class BadRestUrl(ValueError):
    """What is wrong with a REST URL, in a sentence for the user."""


def rest_url(url: str, *, credentials_advice: str) -> str:
    """The REST URL without a trailing slash. BadRestUrl when it is not an http(s) URL, carries
    credentials (`credentials_advice` says where they go instead), has a query or a fragment, or
    does not parse."""
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError for a malformed port
    except ValueError as error:  # e.g. "Invalid IPv6 URL" for http://[::1/x
        raise BadRestUrl(f"{url!r} is not a valid URL: {error}") from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise BadRestUrl(
            f"{url!r} is not an http(s) URL: give the application's REST URL,"
            " e.g. http://127.0.0.1:9091/EchoApp"
        )
    if parts.username is not None or parts.password is not None:
        raise BadRestUrl(f"the URL carries credentials: {credentials_advice}")
    if parts.query or parts.fragment:
        raise BadRestUrl(
            f"{url!r} has a query or fragment: WCS appends /<method> to the bare REST URL"
        )
    return url.rstrip("/")
