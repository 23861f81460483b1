"""Signed hook requests, as WCS sends them with `rest_hook_send_hash=true`.

WCS computes the HMAC-MD5 of the raw request body keyed with `rest_hook_secret_key` and sends
`Authorization: WCS <hex digest>`; the web server recomputes it and answers 403 when it differs.
The reference server verifies with these functions, and the live tester signs with them.
"""

from __future__ import annotations

import hashlib
import hmac

SCHEME = "WCS"


def digest(body: bytes, secret: str) -> str:
    """The lowercase hex HMAC-MD5 of the raw body keyed with the secret."""
    return hmac.new(secret.encode("utf-8"), body, hashlib.md5).hexdigest()


def sign(body: bytes, secret: str) -> str:
    """The full `Authorization` header value WCS sends: `WCS <hex digest>`."""
    return f"{SCHEME} {digest(body, secret)}"


def verify(body: bytes, header: str | None, secret: str) -> bool:
    """True when the `Authorization` header carries the body's signature under this secret.

    The scheme is matched case-insensitively (RFC 9110 auth-schemes are), and so is the hex
    digest, since a Java backend or proxy may print it in upper case. The comparison takes
    constant time.
    """
    if header is None:
        return False
    scheme, _, value = header.strip().partition(" ")
    if scheme.upper() != SCHEME:
        return False
    received = value.strip().lower().encode("utf-8", "replace")
    return hmac.compare_digest(received, digest(body, secret).encode("ascii"))


__all__ = ["SCHEME", "digest", "sign", "verify"]
