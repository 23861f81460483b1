"""What an answer to one hook says, whoever sent the hook: the checks `wcs-contract test` and
`wcs-contract proxy` share.

Each function judges one answer (an `Answer`: status, headers and body as they came back) and
records Observations in a Verdict. Nothing here sends anything or knows how the answer was
obtained; messages say what is wrong and what WCS does about it.
"""

from __future__ import annotations

import heapq
import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal, Protocol

import orjson

from wcs_contract.json_types import json_type
from wcs_contract.rest_client_config import Policy, field_names, unknown_methods

if TYPE_CHECKING:
    from wcs_contract.catalogue import Method
    from wcs_contract.issues import Issue
    from wcs_contract.validator import Contract

Severity = Literal["failure", "warning"]


class Answer(Protocol):
    """What the checks read of one answer (live/transport.Exchange and the proxy's record)."""

    @property
    def url(self) -> str: ...
    @property
    def status(self) -> int | None: ...
    @property
    def reason(self) -> str: ...
    @property
    def content_type(self) -> str: ...
    @property
    def content(self) -> bytes: ...
    @property
    def payload(self) -> bytes:
        """The request body as sent."""
        ...

    @property
    def excerpt(self) -> str:
        """The start of the body, for messages (credentials hidden where the caller can)."""
        ...

    @property
    def media_type(self) -> str: ...


MAX_DEPTH = 64  # nesting of a JSON answer: WCS bodies nest 4 levels
MAX_VALUES = 10_000  # values in a JSON answer: WCS bodies hold a few hundred at most


class Oversized:
    """What `decode_body` returns for JSON that parsed but is beyond any hook body's shape:
    checking it would cost time for nothing (a schema error per item of a million-item list)."""

    def __init__(self, why: str) -> None:
        self.why = why

    def __repr__(self) -> str:
        return f"Oversized({self.why!r})"


def _shape_limit(value: Any) -> Oversized | None:
    """Oversized when the value nests or counts past the limits (iteratively: no recursion)."""
    pending = [(value, 1)]
    count = 0
    while pending:
        node, depth = pending.pop()
        count += 1
        if count > MAX_VALUES:
            return Oversized(f"holds more than {MAX_VALUES} JSON values")
        if isinstance(node, dict | list):
            if depth > MAX_DEPTH:
                return Oversized(f"nests JSON more than {MAX_DEPTH} levels deep")
            children = node.values() if isinstance(node, dict) else node
            pending += [(child, depth + 1) for child in children]
    return None


def decode_body(payload: bytes) -> Any:
    """The JSON value; None when it is not JSON; Oversized past MAX_DEPTH or MAX_VALUES."""
    try:
        value = json.loads(payload)
    except RecursionError:
        return Oversized(f"nests JSON more than {MAX_DEPTH} levels deep")
    except ValueError:
        return None
    return _shape_limit(value) or value


CONNECTION_FIELDS = ("nodeId", "sessionId", "appKey")  # WCS never lets an answer change them
JSON_MEDIA_TYPE = "application/json"
KNOWN_POLICIES = frozenset({"OVERWRITE", "NOTIFY", "DISABLE", "DISABLED"})


def media_type(content_type: str) -> str:
    """The media type of a Content-Type header value, without its parameters, in lower case."""
    return content_type.split(";", 1)[0].strip().lower()


@dataclass(frozen=True, slots=True)
class Observation:
    """What a check saw; `key` names its root cause (the message when empty), so that the same
    cause is one finding however many cases, values or methods show it."""

    check: str
    severity: Severity
    message: str
    key: str = ""

    @property
    def cause(self) -> str:
        return self.key or self.message


@dataclass(slots=True)
class Verdict:
    """The observations on one exchange and the checks that could judge it."""

    observations: list[Observation] = field(default_factory=list)
    evaluated: set[str] = field(default_factory=set)

    def fail(self, check: str, message: str, key: str = "") -> None:
        self.observations.append(Observation(check, "failure", message, key))

    def warn(self, check: str, message: str, key: str = "") -> None:
        self.observations.append(Observation(check, "warning", message, key))

    @property
    def failed(self) -> bool:
        return any(o.severity == "failure" for o in self.observations)


def json_equal(a: Any, b: Any) -> bool:
    """Equality of JSON values: `true` is not `1`, `1` is `1.0`."""
    if isinstance(a, bool) or isinstance(b, bool):
        return isinstance(a, bool) and isinstance(b, bool) and a == b
    if isinstance(a, int | float) and isinstance(b, int | float):
        return a == b
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(json_equal(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(json_equal(x, y) for x, y in zip(a, b, strict=True))
    return type(a) is type(b) and a == b


def check_status(exchange: Answer, method: Method, verdict: Verdict) -> None:
    """`server_error` and `status_code`: 200 or a 4xx refusal."""
    status = exchange.status or 0
    verdict.evaluated.update(("server_error", "status_code"))
    phrase = f"{status} {exchange.reason}".strip()
    if status >= 500:
        body = f" ({exchange.excerpt})" if exchange.content else ""
        verdict.fail("server_error", f"answered {phrase} to a valid body{body}")
    elif status == 413:
        size = len(exchange.payload)
        verdict.fail(
            "status_code",
            f"answered {phrase} to a valid body of {_size(size)}: the backend caps request"
            " bodies below what WCS sends (free-form custom, SDP), so such calls fail; raise the"
            " limit (Express: express.json({limit: ...}), nginx: client_max_body_size)",
            key="413 to a large valid body",
        )
    elif status in (404, 405):
        verdict.fail(
            "status_code",
            f"answered {phrase}: POST {exchange.url} is not served, so WCS would have every"
            " call refused (test only the hooks the application enables, with --methods)",
            key=f"hook not served: {status}",
        )
    elif 400 <= status < 500 and method.kind == "event" and status != 413:
        verdict.warn(
            "status_code",
            f"refused with {phrase}, but {method.name} is an event, a notification: WCS does not"
            " undo what happened (with restOnError FAIL the client gets an ErrorEvent)",
            key=f"event refused with {status}",
        )
    elif status != 200 and not 400 <= status < 500:
        verdict.fail(
            "status_code",
            f"answered {phrase}: WCS accepts only 200 and takes any other status as a failed"
            " call (a refusal is a 4xx, canonically 403)",
        )


def check_json_object(exchange: Answer, verdict: Verdict) -> dict[str, Any] | None:
    """`json_object`: the decoded 200 body, or None when it is not a JSON object."""
    verdict.evaluated.add("json_object")
    if exchange.media_type != JSON_MEDIA_TYPE:
        shown = exchange.content_type or "missing"
        verdict.fail(
            "json_object",
            f"Content-Type is {shown}, expected {JSON_MEDIA_TYPE}: WCS reads the answer as JSON",
        )
    if not exchange.content.strip():
        verdict.fail("json_object", "the 200 answer has an empty body, expected a JSON object")
        return None
    body = decode_body(exchange.content)
    if isinstance(body, Oversized):
        verdict.fail(
            "json_object",
            f"the 200 answer {body.why}: no hook answer does, and it was not checked further",
        )
        return None
    if body is None and exchange.content.strip() != b"null":
        verdict.fail("json_object", f"the 200 answer is not JSON: {exchange.excerpt!r}")
        return None
    if not isinstance(body, dict):
        verdict.fail(
            "json_object", f"the 200 answer is a JSON {json_type(body)}, expected an object"
        )
        return None
    return body


def _where(issue: Issue) -> str:
    return issue.pointer or "/"


def check_answer(
    body: dict[str, Any],
    sent: Any,
    method: Method,
    verdict: Verdict,
    contract: Contract,
    policy: Policy,
) -> None:
    """`response_schema`, `mirror` and, for connect, `rest_client_config` on a 200 JSON object."""
    verdict.evaluated.update(("response_schema", "mirror"))
    connect = method.kind == "connect"
    rest_client_config = connect and "restClientConfig" in body
    if rest_client_config:
        verdict.evaluated.add("rest_client_config")
    sent_fields = sent if isinstance(sent, dict) else {}
    config = body.get("restClientConfig") if rest_client_config else None
    unknown_keys = isinstance(config, dict) and any(
        contract.catalogue.find(k) is None for k in config
    )
    for issue in contract.issues(body, method.name, "response", http_status=200):
        if unknown_keys and issue.pointer == "/restClientConfig" and issue.keyword == "enum":
            continue  # a method name WCS does not know: said better below, with "did you mean"
        if rest_client_config and issue.pointer.startswith("/restClientConfig"):
            check = "rest_client_config"
            message = f"{_where(issue)}: {issue.message}"
        elif (
            issue.keyword == "additionalProperties"
            and issue.pointer.count("/") == 1
            and issue.pointer[1:].replace("~1", "/").replace("~0", "~") not in sent_fields
        ):
            verdict.fail("mirror", f"adds a field WCS does not know: {issue.message}")
            continue
        else:
            check = "response_schema"
            message = f"{_where(issue)}: {issue.message}"
        if issue.severity == "error":
            verdict.fail(check, message)
        else:
            verdict.warn(check, message)
    if rest_client_config:
        check_rest_client_config_use(body["restClientConfig"], verdict)
        check_rest_client_config_names(body["restClientConfig"], verdict, contract)
    check_mirror(body, sent_fields, method, verdict, policy)


def _size(count: int) -> str:
    return f"{count} bytes" if count < 10 * 1024 else f"{count / 1024:.0f} kB"


def _shown(value: Any, limit: int = 60) -> str:
    """A JSON value in a message, cut to `limit` characters."""
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _pointer(parts: list[str | int]) -> str:
    return "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in parts)


def first_difference(sent: Any, received: Any, at: list[str | int]) -> tuple[str, Any, Any]:
    """Where two JSON values first differ: the JSON pointer and both values there."""
    if isinstance(sent, dict) and isinstance(received, dict):
        for key in sent:
            if key in received and not json_equal(sent[key], received[key]):
                return first_difference(sent[key], received[key], [*at, key])
    elif isinstance(sent, list) and isinstance(received, list) and len(sent) == len(received):
        for index, (a, b) in enumerate(zip(sent, received, strict=True)):
            if not json_equal(a, b):
                return first_difference(a, b, [*at, index])
    return _pointer(at), sent, received


def garbled(sent: str, received: str) -> bool:
    """`received` is `sent` with its non-ASCII text broken: replacement characters where the
    UTF-8 was decoded piecewise (per network chunk), or mojibake where it was read as Latin-1."""
    if sent == received or sent.isascii():
        return False
    if "\ufffd" in received and "\ufffd" not in sent:
        return True
    mojibake = sent.encode("utf-8", "surrogatepass").decode("latin-1")
    return received == mojibake


def _excerpts(sent: str, received: str, width: int = 12) -> tuple[str, str]:
    """The two strings around their first difference."""
    index = next(
        (i for i, (a, b) in enumerate(zip(sent, received, strict=False)) if a != b),
        min(len(sent), len(received)),
    )
    start = max(0, index - width)

    def cut(text: str) -> str:
        piece = text[start : index + width]
        return ("…" if start else "") + piece + ("…" if index + width < len(text) else "")

    return cut(sent), cut(received)


def _check_garbled(
    body: dict[str, Any], sent: dict[str, Any], method: Method, verdict: Verdict
) -> set[str]:
    """`mirror` failures for fields whose non-ASCII text came back broken; their names."""
    broken: set[str] = set()
    for name, value in body.items():
        if name not in sent or json_equal(value, sent[name]):
            continue
        where, before, after = first_difference(sent[name], value, [name])
        if isinstance(before, str) and isinstance(after, str) and garbled(before, after):
            shown_before, shown_after = _excerpts(before, after)
            verdict.fail(
                "mirror",
                f"garbles non-ASCII text at {where}: sent {shown_before!r}, received"
                f" {shown_after!r} ({_size(len(before.encode('utf-8', 'surrogatepass')))} of"
                " text): the backend decodes the UTF-8 body piece by piece (per network chunk)"
                " or as Latin-1; decode the whole body as UTF-8 once it has all arrived",
                key="garbles non-ASCII text",
            )
            broken.add(name)
    return broken


def check_mirror(
    body: dict[str, Any], sent: dict[str, Any], method: Method, verdict: Verdict, policy: Policy
) -> None:
    """The mirror rule: ids never change, connect keeps every field, changes need OVERWRITE;
    non-ASCII text never comes back garbled."""
    if _same_json(body, sent):
        return  # an exact echo, the common answer: nothing to compare field by field
    for name in CONNECTION_FIELDS:
        if name in body and name in sent and not json_equal(body[name], sent[name]):
            verdict.fail(
                "mirror",
                f"changes {name!r} from {_shown(sent[name])} to {_shown(body[name])}: WCS never"
                " lets a web server change nodeId, sessionId or appKey",
                key=f"changes {name}",
            )
    broken = _check_garbled(body, sent, method, verdict)
    if method.kind == "connect":
        dropped = [name for name in sent if name not in body]
        if dropped:
            listed = ", ".join(repr(n) for n in dropped[:8]) + (" ..." if len(dropped) > 8 else "")
            verdict.fail(
                "mirror",
                f"drops {listed}: connect must answer with every field it received"
                " (the mirror), adding only restClientConfig",
            )
        return  # connect's overrides are the backend's to make: restClientConfig starts here
    for name, value in body.items():
        if name in CONNECTION_FIELDS or name not in sent or json_equal(value, sent[name]):
            continue
        if policy.applies(name) or name in broken:
            continue
        if policy.rest_policy == "OVERWRITE":
            why = f"restOverwrite for {method.name} does not list it"
            cause = "restOverwrite does not list it"
        elif policy.rest_policy not in KNOWN_POLICIES:
            why = f"restPolicy for {method.name} is {policy.rest_policy!r}, not a policy WCS knows"
            cause = f"restPolicy {policy.rest_policy!r}"
        else:
            why = f"restPolicy for {method.name} is {policy.rest_policy}, not OVERWRITE"
            cause = f"restPolicy {policy.rest_policy}"
        where, before, after = first_difference(sent[name], value, [name])
        verdict.warn(
            "mirror",
            f"changes {where} from {_shown(before)} to {_shown(after)}, but WCS ignores the"
            f" change: {why}",
            key=f"changes {name}: {cause}",
        )


def _same_json(a: Any, b: Any) -> bool:
    """The same JSON, spelled the same (`true` is not `1`, nor `1` `1.0`), found in C."""
    try:
        sort = orjson.OPT_SORT_KEYS
        return orjson.dumps(a, option=sort) == orjson.dumps(b, option=sort)
    except TypeError:  # an integer beyond 64 bits, say: json_equal decides
        return False


def check_rest_client_config_use(config: Any, verdict: Verdict) -> None:
    """Entries the schema allows but WCS would not act on as the backend probably meant."""
    if not isinstance(config, dict):
        return
    for method, entry in config.items():
        if not isinstance(entry, dict):
            continue
        policy = entry.get("restPolicy", "NOTIFY")
        if field_names(entry.get("restOverwrite")) and policy != "OVERWRITE":
            verdict.warn(
                "rest_client_config",
                f"/restClientConfig/{method}: restOverwrite is set but restPolicy is {policy}:"
                " WCS overwrites fields only with restPolicy OVERWRITE",
            )
        elif policy == "OVERWRITE" and not field_names(entry.get("restOverwrite")):
            verdict.warn(
                "rest_client_config",
                f"/restClientConfig/{method}: restPolicy OVERWRITE with an empty restOverwrite"
                " overwrites nothing",
            )


def method_fields(contract: Contract, method: str) -> tuple[str, ...]:
    """Every field the method has in any direction (frame members and frame elements too)."""
    found: dict[str, None] = {}
    known = contract.catalogue.get(method)
    for direction in known.directions:
        pending = list(contract.resolve(known.name, direction).choice.variants)
        while pending:
            variant = pending.pop()
            found.update(dict.fromkeys(variant.fields))
            if variant.nested is not None:
                pending += variant.nested.variants
    return tuple(found)


def _closest(name: str, known: tuple[str, ...] | list[str]) -> str | None:
    import difflib

    close = difflib.get_close_matches(name, list(known), n=1, cutoff=0.6)
    return close[0] if close else None


MAX_NAME_FINDINGS = 20  # wrong names reported per restClientConfig; the rest are counted


def check_rest_client_config_names(config: Any, verdict: Verdict, contract: Contract) -> None:
    """Names WCS would not find: a method key that is no method, a field that the method lacks
    (in restExclude, clientExclude or restOverwrite). WCS silently ignores both. Past
    MAX_NAME_FINDINGS of each, the names are counted: a list of a million names costs no more
    than a line."""
    if not isinstance(config, dict):
        return
    wrong_keys = [key for key in config if contract.catalogue.find(key) is None]
    unknown = unknown_methods(dict.fromkeys(wrong_keys[:MAX_NAME_FINDINGS]))
    more = len(wrong_keys) - len(unknown)
    shown = 0
    for key, entry in config.items():
        found = contract.catalogue.find(key)
        if found is None:
            if key in unknown:
                verdict.fail(
                    "rest_client_config",
                    f"/restClientConfig: {unknown[key]}: WCS ignores this entry, so the method"
                    " keeps the defaults",
                    key=f"unknown method {key!r} in restClientConfig",
                )
            continue
        if not isinstance(entry, dict):
            continue
        fields = method_fields(contract, found.name)
        for member in ("restExclude", "clientExclude", "restOverwrite"):
            wrong = field_names(entry.get(member)).difference(fields)
            first = heapq.nsmallest(max(0, MAX_NAME_FINDINGS - shown), wrong)
            more += len(wrong) - len(first)
            shown += len(first)
            for name in first:
                close = _closest(name, fields)
                hint = f"; did you mean {close!r}?" if close else ""
                verdict.fail(
                    "rest_client_config",
                    f"/restClientConfig/{key}/{member}: {name!r} is not a field of"
                    f" {found.name}{hint} WCS finds no such field, so the entry does nothing"
                    " for it",
                    key=f"/restClientConfig/{key}/{member}: {name!r} is not a field",
                )
    if more:
        verdict.fail(
            "rest_client_config",
            f"/restClientConfig: and {more} more names that are no method or no field of their"
            " method (not listed one by one)",
            key="more names that are no method or no field",
        )


def check_refusal_body(exchange: Answer, verdict: Verdict) -> None:
    """`refusal_body`: a 4xx JSON body reaches the client only as exactly {status, reason}."""
    verdict.evaluated.add("refusal_body")
    if not exchange.content.strip():
        return
    body = decode_body(exchange.content)
    if body is None and exchange.media_type != JSON_MEDIA_TYPE:
        return  # plain text or HTML: WCS sends the reason phrase, as intended
    exact = (
        isinstance(body, dict)
        and body.keys() == {"status", "reason"}
        and isinstance(body["status"], int | float)
        and not isinstance(body["status"], bool)
        and isinstance(body["reason"], str)
    )
    phrase = exchange.reason or "the HTTP reason phrase"
    if not exact:
        verdict.warn(
            "refusal_body",
            f"WCS ignores this {exchange.status} body ({exchange.excerpt!r}): only exactly"
            ' {"status": <number>, "reason": <string>} reaches the client (WCS 5.2.968+);'
            f" the client gets {phrase!r} instead",
        )
    elif exchange.media_type != JSON_MEDIA_TYPE:
        shown = exchange.content_type or "no Content-Type"
        verdict.warn(
            "refusal_body",
            f"the refusal {{status, reason}} comes with {shown}: WCS reads reason only from an"
            f" {JSON_MEDIA_TYPE} answer, so the client gets {phrase!r}",
        )
