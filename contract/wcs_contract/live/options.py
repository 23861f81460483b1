"""The options of a live run, checked before anything is sent (stdlib only)."""

from __future__ import annotations

import base64
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from wcs_contract.live.results import CHECKS, CannotRun

DEFAULT_TIMEOUT = 15.0  # WCS rest_request_timeout default
SLOW_ANSWER = 10.0  # WCS recommends 1-10 s: slower answers are warned about
DEFAULT_MAX_EXAMPLES = 20
DEFAULT_WORKERS = 8
MAX_TIMEOUT = 3600.0  # an hour: longer is a typo, and socket timeouts overflow past ~1e9 s
DEFAULT_MAX_RESPONSE_SIZE = 4 * 1024 * 1024  # hook answers are small JSON objects
_SIZE_UNITS = {"": 1, "K": 1024, "M": 1024**2, "G": 1024**3}
FIXED_HEADERS = frozenset({"content-type", "content-length", "host", "transfer-encoding"})


class OptionsError(CannotRun):
    """Options that cannot work together: a usage error (exit 2)."""


@dataclass(frozen=True)
class Credentials:
    """HTTP basic auth or a WCS signing key; never printed (see `redact`)."""

    user: str | None = None
    password: str | None = field(default=None, repr=False)
    secret: str | None = field(default=None, repr=False)
    hidden: tuple[str, ...] = field(default=(), repr=False)  # other values never shown
    # `--header NAME: VALUE`: sent with every request; the values are hidden like credentials
    # (an API key is the usual reason to add one).
    headers: tuple[tuple[str, str], ...] = field(default=(), repr=False)

    @property
    def basic(self) -> str | None:
        """The `Authorization` header value for basic auth, or None."""
        if self.user is None:
            return None
        token = base64.b64encode(f"{self.user}:{self.password or ''}".encode()).decode("ascii")
        return f"Basic {token}"

    def hidden_values(self) -> list[str]:
        """Every string that must never appear in output, longest first."""
        values = [
            self.password,
            self.secret,
            self.user,
            *self.hidden,
            *(v for _, v in self.headers),
        ]
        basic = self.basic
        if basic is not None:
            values.append(basic.split(" ", 1)[1])
        return sorted({v for v in values if v}, key=len, reverse=True)

    def redact(self, text: str) -> str:
        """The text with every credential masked, in every spelling (see redaction.py)."""
        from wcs_contract.redaction import Redactor

        return Redactor(self.hidden_values())(text)


@dataclass(frozen=True)
class RunOptions:
    """What `wcs-contract test` and `pytest --wcs-url` run.

    `methods` empty means every hook of the contract; names are wire names or aliases.
    """

    url: str
    methods: tuple[str, ...] = ()
    max_examples: int = DEFAULT_MAX_EXAMPLES
    seed: int | None = None
    timeout: float = DEFAULT_TIMEOUT
    negative: bool = False
    credentials: Credentials = field(default_factory=Credentials)
    flows: bool = True
    workers: int = DEFAULT_WORKERS
    property_tests: bool = True  # False: only the flows
    flow_names: tuple[str, ...] = ()  # the flows to run; empty: those whose methods are selected
    exclude_methods: tuple[str, ...] = ()
    max_response_size: int = DEFAULT_MAX_RESPONSE_SIZE  # bytes, raw or decompressed
    expect_refusal: tuple[str, ...] = ()  # methods the backend rightly refuses every case of
    checks: tuple[str, ...] = ()  # the checks that judge; empty: every check
    exclude_checks: tuple[str, ...] = ()

    def selects_check(self, check: str) -> bool:
        """Whether findings of `check` count (`self_check`, the tester's own, always does)."""
        if check == "self_check":
            return True
        return (not self.checks or check in self.checks) and check not in self.exclude_checks

    def __post_init__(self) -> None:
        object.__setattr__(self, "url", normalise_url(self.url))
        if self.max_examples < 1:
            raise OptionsError(f"--max-examples must be at least 1, not {self.max_examples}")
        if not 0 < self.timeout <= MAX_TIMEOUT:
            raise OptionsError(
                f"--timeout must be a positive number of seconds, at most {MAX_TIMEOUT:g},"
                f" not {self.timeout:g}"
            )
        if self.max_response_size < 1:
            raise OptionsError(
                f"--max-response-size must be at least 1 byte, not {self.max_response_size}"
            )
        if self.workers < 1:
            raise OptionsError(f"--workers must be at least 1, not {self.workers}")
        creds = self.credentials
        if creds.secret is not None and creds.user is not None:
            raise OptionsError(
                "--secret and --user/--password cannot be used together: WCS sends the body"
                " signature in the Authorization header (`Authorization: WCS <HMAC-MD5>`), the"
                " same header basic auth needs, so a backend can expect one or the other"
            )
        if (creds.password is not None) != (creds.user is not None):
            raise OptionsError("--user and --password go together (HTTP basic auth)")
        if creds.secret == "":
            raise OptionsError("--secret must not be empty")
        for name, _ in creds.headers:
            if name.lower() in FIXED_HEADERS:
                raise OptionsError(f"--header {name}: the tester sets it (as WCS does)")
            if name.lower() == "authorization" and (creds.secret or creds.user):
                raise OptionsError(
                    "--header Authorization cannot be used with --secret or --user: they set it"
                )
        for option, names in (("--checks", self.checks), ("--exclude-checks", self.exclude_checks)):
            unknown = [n for n in names if n not in CHECKS]
            if unknown:
                raise OptionsError(
                    f"{option}: unknown check {unknown[0]!r} (expected some of"
                    f" {', '.join(c for c in CHECKS if c != 'self_check')})"
                )


Names = str | Sequence[str] | None  # "a,b", or a list of such strings (a repeated option)


def run_options(
    url: str,
    *,
    methods: Names = None,
    exclude_methods: Names = None,
    checks: Names = None,
    exclude_checks: Names = None,
    expect_refusal: Names = None,
    headers: Sequence[str] | None = None,
    user: str | None = None,
    password: str | None = None,
    secret: str | None = None,
    credentials: Credentials | None = None,
    max_response_size: str | int = DEFAULT_MAX_RESPONSE_SIZE,
    **settings: Any,
) -> RunOptions:
    """RunOptions from option values as given on a command line, by `wcs-contract test` and by
    `pytest --wcs-*` alike: comma-separated names, `NAME: VALUE` headers, a size such as `4M`;
    `credentials` whole instead of user, password, secret and headers; `settings` are further
    RunOptions fields. OptionsError (a usage error) when a value is wrong."""
    if credentials is None:
        credentials = Credentials(
            user=user,
            password=password,
            secret=secret,
            headers=tuple(parse_header(h) for h in headers or ()),
        )
    elif (user, password, secret, headers) != (None, None, None, None):
        raise TypeError("credentials replaces user, password, secret and headers: not both")
    size = (
        parse_size(max_response_size) if isinstance(max_response_size, str) else max_response_size
    )
    return RunOptions(
        url=url,
        methods=split_methods(methods),
        exclude_methods=split_methods(exclude_methods),
        checks=split_methods(checks),
        exclude_checks=split_methods(exclude_checks),
        expect_refusal=split_methods(expect_refusal),
        credentials=credentials,
        max_response_size=size,
        **settings,
    )


def normalise_url(url: str) -> str:
    """The application's REST URL without a trailing slash; a usage error when unusable."""
    from wcs_contract.rest_url import BadRestUrl, rest_url

    try:
        return rest_url(
            url,
            credentials_advice="pass them with --user/--password instead, so that they stay out"
            " of reports",
        )
    except BadRestUrl as error:
        raise OptionsError(str(error)) from None


def split_methods(value: Names) -> tuple[str, ...]:
    """`"connect, publishStream"` or a list of such strings → ("connect", "publishStream")."""
    if value is None:
        return ()
    items = [value] if isinstance(value, str) else list(value)
    return tuple(name.strip() for item in items for name in item.split(",") if name.strip())


def parse_size(value: str) -> int:
    """`4M`, `512K`, `4MiB`, `1G` or a number of bytes → bytes (K, M, G are powers of 1024)."""
    match = re.fullmatch(r"\s*(\d+)\s*([KMG]?)(?:i?B)?\s*", value, re.IGNORECASE)
    if match is None:
        raise OptionsError(
            f"--max-response-size {value!r}: expected a number of bytes, optionally with K, M"
            " or G (e.g. 4M)"
        )
    return int(match.group(1)) * _SIZE_UNITS[match.group(2).upper()]


def format_size(size: int) -> str:
    """4194304 → `4 MiB`; sizes that are not a whole unit stay in bytes."""
    for unit, factor in (("GiB", 1024**3), ("MiB", 1024**2), ("KiB", 1024)):
        if size >= factor and size % factor == 0:
            return f"{size // factor} {unit}"
    return f"{size} bytes"


def parse_header(value: str) -> tuple[str, str]:
    """`"X-Api-Key: abc"` → ("X-Api-Key", "abc"); a usage error when it is not NAME: VALUE."""
    name, sep, content = value.partition(":")
    name, content = name.strip(), content.strip()
    if not sep or not _TOKEN.fullmatch(name):
        raise OptionsError("--header: expected NAME: VALUE, e.g. 'X-Api-Key: abc'")
    if any(c in content for c in "\r\n\x00"):
        raise OptionsError(f"--header {name}: the value holds a line break")
    if any(ord(c) > 0xFF or (ord(c) < 0x20 and c != "\t") or ord(c) == 0x7F for c in content):
        # HTTP carries Latin-1 at most: the request could not be sent.
        raise OptionsError(
            f"--header {name}: the value holds a character an HTTP header cannot carry"
            " (a control character, or text beyond Latin-1: encode it, e.g. in base64)"
        )
    return name, content


_TOKEN = re.compile(r"[!#$%&'*+.^_`|~0-9A-Za-z-]+")  # an HTTP header name (RFC 9110 token)
