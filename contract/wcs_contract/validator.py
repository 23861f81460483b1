"""Validating hook bodies against the contract, with explanations that follow the right variant.

A direction schema is a closed object or a `oneOf` of closed variants. A valid payload costs one
call into a compiled jsonschema-rs validator. An invalid one is explained by choosing the variant
the payload itself selects — by its frame `message`, its `status`, or the default variant — and
reporting that variant's errors, never those of a branch the payload did not mean.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache, cached_property, lru_cache
from typing import TYPE_CHECKING, Any, Literal, NamedTuple

import jsonschema_rs
import orjson

from wcs_contract.catalogue import DIRECTIONS, UnknownMethodError, load_catalogue
from wcs_contract.documents import (
    load,
    method_schema_relpath,
    resolve_pointer,
    resolve_ref,
    rs_registry,
    uri_of,
)
from wcs_contract.issues import Issue, Report, Severity, pointer
from wcs_contract.json_types import json_type

if TYPE_CHECKING:
    from jsonschema_rs import ValidationError

# Credentials that must not sit in captured payloads (the `x-secret` fields of common.json), and
# keys inside `custom` that look like one.
SECRET_FIELDS = frozenset(
    name for name, node in load("common.json")["$defs"].items() if node.get("x-secret")
)
_SECRET_KEY = re.compile(r"pass(word|wd)?|secret|token|api[-_]?key|credential", re.IGNORECASE)
_FALSY: dict[str, Any] = {"enum": ["", 0, False, None, [], {}]}  # JSON values Python finds false
# What `_secrets` finds, in JSON Schema, so that jsonschema-rs checks it: the credential fields,
# and the credential-like keys of `custom`, must hold a value Python finds false.
_QUIET_FIELDS: dict[str, Any] = {
    **dict.fromkeys(sorted(SECRET_FIELDS), _FALSY),
    "custom": {"patternProperties": {f"(?i){_SECRET_KEY.pattern}": _FALSY}},
}


@cache
def _quiet() -> Callable[[Any], bool]:
    """True when a body stores no credential: nothing for `_secrets` to report (tests prove it)."""
    frame = {"properties": {"data": {"items": {"$ref": "#/$defs/quiet"}}}}  # as _secrets recurses
    quiet = {"properties": _QUIET_FIELDS, "dependentSchemas": {"message": frame}}
    return jsonschema_rs.validator_for(
        {"$defs": {"quiet": quiet}, "$ref": "#/$defs/quiet"}
    ).is_valid


def _refusing_credentials(node: Any) -> Any:
    """A copy of an inlined schema whose objects also refuse stored credentials.

    Every object a payload may store one in (a body, a frame's element) is a closed object of the
    contract, so constraining the fields where they are declared is the whole rule, at no cost for
    the bodies without them (tests prove it agrees with `_secrets`).
    """
    if isinstance(node, list):
        return [_refusing_credentials(v) for v in node]
    if not isinstance(node, dict):
        return node
    out = {k: v if k in _DATA_KEYWORDS else _refusing_credentials(v) for k, v in node.items()}
    fields = out.get("properties")
    if isinstance(fields, dict):
        out["properties"] = {
            name: {"allOf": [schema, _QUIET_FIELDS[name]]} if name in _QUIET_FIELDS else schema
            for name, schema in fields.items()
        }
    return out


_DATA_KEYWORDS = frozenset({"enum", "const", "default", "examples"})  # values, not schemas


def _shown(value: Any, name: str | int | None = None) -> str:
    """A value as quoted in a message: short, and never a secret."""
    if name in SECRET_FIELDS:
        return "<hidden>"
    text = repr(value) if isinstance(value, str) else orjson.dumps(_masked(value)).decode()
    return text if len(text) <= 60 else text[:57] + "..."


def _masked(value: Any) -> Any:
    """`value` with the value of every member named like a credential (a credential field, a
    secret-looking key) hidden, at any depth: a wrongly typed field may hold one. Only the
    start of `value` is copied, enough for the characters a message quotes."""
    budget = [_SHOWN_NODES]  # every node renders as a character at least

    def mask(node: Any) -> Any:
        budget[0] -= 1
        if type(node) is dict:
            kept = {}
            for key, member in node.items():
                if budget[0] <= 0:
                    break
                secret = key in SECRET_FIELDS or _looks_secret(key)
                kept[key] = "<hidden>" if secret else mask(member)
            return kept
        if type(node) is list:
            items = []
            for member in node:
                if budget[0] <= 0:
                    break
                items.append(mask(member))
            return items
        return node

    return mask(value)


_SHOWN_NODES = 64  # a quoted value is cut at 60 characters: the nodes after these never show


@dataclass
class Variant:
    """One closed object a payload may be: what selects it, and its validator (compiled when first
    needed: a valid payload never needs it, and start-up matters for the pre-commit hook)."""

    title: str
    node: dict[str, Any]
    schema: dict[str, Any]
    base: str
    status_values: tuple[str, ...] = ()
    status_integer: bool = False
    status_required: bool = False
    messages: frozenset[str] = frozenset()
    fields: tuple[str, ...] = ()  # the variant's own properties: unknown ones are matched to them
    nested: Choice | None = None  # a frame: its `data` elements choose among these variants

    @property
    def is_frame(self) -> bool:
        return bool(self.messages)

    @cached_property
    def validator(self) -> jsonschema_rs.Validator:
        return _build(self.schema, self.base)

    @cached_property
    def members(self) -> Members | None:
        """The variant split for explaining, when it is a plain closed object (every variant of
        the contract is). jsonschema-rs gives a root-level error the whole body, converted to
        Python and quoted in its message: the names missing and unknown are found here instead,
        which halves jsonschema-rs's part of explaining a typical failing body (5.1 → 2.4 µs)."""
        node = self.schema
        if node.get("type") != "object" or node.get("additionalProperties") is not False:
            return None
        if any(k not in _PLAIN_OBJECT and not k.startswith("x-") for k in node):
            return None
        required = node.get("required", [])
        properties = node.get("properties", {})
        rest = {k: v for k, v in node.items() if k not in ("required", "additionalProperties")}
        return Members(tuple(required), frozenset(properties), _build(rest, self.base))


class Members(NamedTuple):
    """A closed object variant, split: its required names, its known names, and the validator of
    its members' own schemas."""

    required: tuple[str, ...]
    known: frozenset[str]
    validator: jsonschema_rs.Validator


_PLAIN_OBJECT = frozenset(
    {"type", "properties", "required", "additionalProperties", "title", "description", "$schema"}
)


@dataclass
class Choice:
    """The variants of a `oneOf`, in declaration order."""

    subject: str  # e.g. "ConnectionStatusEvent request", used in messages
    variants: list[Variant] = field(default_factory=list)

    def statuses(self) -> list[str]:
        seen: dict[str, None] = {}
        for v in self.variants:
            if not v.is_frame:
                seen.update(dict.fromkeys(v.status_values))
        return list(seen)

    @cached_property
    def _routes(self) -> _Routes:
        return _Routes.of(self.variants)

    def select(self, instance: Any, at: list[str | int]) -> Variant | Issue:
        """The variant the instance selects, or the issue that says why none is selected."""
        if type(instance) is not dict:
            return Issue(
                pointer(at), "type", f"expected a JSON object, found {json_type(instance)}"
            )
        routes = self._routes
        if routes.frames and "message" in instance:
            message = instance["message"]
            frame = routes.frames.get(message) if type(message) is str else None
            if frame is not None:
                return frame
            return Issue(
                pointer([*at, "message"]),
                "enum",
                f"{_shown(message)} is not a message that carries {self.subject}"
                f" (expected one of {', '.join(sorted(routes.frames))})",
            )
        if routes.only is not None:
            return routes.only  # nothing to choose: `status`, if any, is checked by the variant
        if "status" in instance:
            status = instance["status"]
            if type(status) is int:
                selected = routes.integer
            else:
                selected = routes.by_status.get(status) if type(status) is str else None
                selected = selected or routes.unconstrained
            if selected is not None:
                return selected
            return Issue(
                pointer([*at, "status"]),
                "enum",
                f"{_shown(status)} is not a {self.subject} status"
                f" (expected one of {', '.join(self.statuses())})",
            )
        if routes.default is not None:
            return routes.default
        return Issue(
            pointer([*at, "status"]),
            "required",
            f"required field 'status' is missing: it says which {self.subject} this is"
            f" (one of {', '.join(self.statuses())})",
        )


class _Routes(NamedTuple):
    """How a Choice selects, worked out once: the first variant in declaration order wins."""

    frames: dict[str, Variant]  # by frame message
    only: Variant | None  # the one bare variant, when there is just one
    by_status: dict[str, Variant]  # by a string `status` value
    integer: Variant | None  # the variant for an integer `status` (a refusal)
    unconstrained: Variant | None  # takes a `status` no variant names
    default: Variant | None  # selected when `status` is absent

    @classmethod
    def of(cls, variants: list[Variant]) -> _Routes:
        frames: dict[str, Variant] = {}
        by_status: dict[str, Variant] = {}
        for v in variants:
            for message in sorted(v.messages):
                frames.setdefault(message, v)
            if not v.is_frame:
                for value in v.status_values:
                    by_status.setdefault(value, v)
        bodies = [v for v in variants if not v.is_frame]

        def first(keep: Callable[[Variant], bool]) -> Variant | None:
            return next((v for v in bodies if keep(v)), None)

        return cls(
            frames=frames,
            only=bodies[0] if len(bodies) == 1 else None,
            by_status=by_status,
            integer=first(lambda v: v.status_integer),
            # a variant that declares a free `status`; else, when no variant lists status values,
            # one without `status` (where the member is then an unknown field)
            unconstrained=first(
                lambda v: "status" in v.fields and not v.status_values and not v.status_integer
            )
            or (
                None if by_status else first(lambda v: not v.status_values and not v.status_integer)
            ),
            default=first(lambda v: not v.status_required),
        )


@dataclass
class DirectionValidator:
    """Everything needed to check one method in one direction: the compiled schema for verdicts,
    and (built on the first failure) the variants that explanations choose among."""

    method: str
    direction: str
    document: Any
    relative: str

    @cached_property
    def inlined(self) -> Any:
        """The document with its references inlined: jsonschema-rs then validates about 15%
        faster, and explains about 12% faster. Every validator below is compiled from it."""
        return _inline(self.document, self.relative)

    @cached_property
    def schema(self) -> jsonschema_rs.Validator:
        return _build(self.inlined, self.relative)

    @cached_property
    def is_valid(self) -> Callable[[Any], bool]:
        return self.schema.is_valid  # bound once: it is called for every payload

    @cached_property
    def screen(self) -> Callable[[Any], bool]:
        """True when a body keeps the contract, stores no credential and needs no notice: one
        call into jsonschema-rs for what is_valid, the secrets check and `notices` tell
        together."""
        return _build(_refusing_credentials(self.plain_schema), self.relative).is_valid

    @cached_property
    def deprecated(self) -> dict[str, dict[str, str]]:
        """The deprecated values of this direction's members (`x-deprecated`), by member name:
        looked for in a body's own members and in those of a frame's elements."""
        return _deprecations(self.inlined)

    @cached_property
    def has_notices(self) -> bool:
        return bool(self.deprecated) or self.direction == "response"

    @cached_property
    def plain_schema(self) -> Any:
        """The inlined schema without what `notices` warns about (deprecated values, a refusal
        without its reason): a body it accepts is valid and needs no notice."""
        return _without_notices(self.inlined) if self.has_notices else self.inlined

    @cached_property
    def is_plain(self) -> Callable[[Any], bool]:
        """True when a body is valid and needs no notice: one call into jsonschema-rs, the hot
        path (it is is_valid itself where the direction has nothing to notice)."""
        if not self.has_notices:
            return self.is_valid
        return _build(self.plain_schema, self.relative).is_valid

    def notices(self, body: Any) -> list[Issue]:
        """Warnings about a body the schema accepts: a deprecated value (`x-deprecated`), and in
        an answer a refusal that is not `{status, reason}` (the client gets the reason phrase)."""
        found: list[Issue] = []
        if type(body) is not dict:
            return found
        if self.deprecated:
            found += _deprecated_issues(body, [], self.deprecated, self.method, self.direction)
            data = body.get("data")
            if type(data) is list and "message" in body:
                for index, element in enumerate(data):
                    if type(element) is dict:
                        found += _deprecated_issues(
                            element, ["data", index], self.deprecated, self.method, self.direction
                        )
        if self.direction == "response" and _looks_refusal(body) and not _exact_refusal(body):
            found.append(_refusal_notice(self.method, None))
        return found

    @cached_property
    def names(self) -> frozenset[str]:
        """Every member name the contract gives in this direction: kept when a big object is cut
        short for its explanation, so that no required member seems missing."""
        return frozenset(_names(self.inlined))

    @cached_property
    def choice(self) -> Choice:
        subject = f"{self.method} {self.direction}"
        return _choice(self.document, self.inlined, self.relative, subject, self.document)

    def explain(self, body: Any, *, strict: bool) -> list[Issue]:
        """The issues of an invalid body, at most MAX_ISSUES of them and then one that says how
        many more there are."""
        found, cut = self.explained(body, strict=strict)
        return capped(found, more=cut)

    def explained(self, body: Any, *, strict: bool) -> tuple[list[Issue], bool]:
        """Every issue found, and whether something was cut: jsonschema-rs finds every error
        before it yields the first, so a body with huge arrays or objects is explained from a copy
        that keeps their first MAX_ISSUES entries only (see `_trimmed`)."""
        wcs4 = self._wcs4(body)
        if wcs4 is not None:
            return [wcs4], False
        shown, cut = _trimmed(body, MAX_ISSUES, self.names)
        found: list[Issue] = []
        self._explain(self.choice, shown, [], strict, found)
        if not found and not self.schema.is_valid(shown):
            # The chosen variant passes but the whole schema does not (e.g. a payload matching two
            # variants): report the schema's own verdict rather than pass silently.
            found += _errors(self.schema, shown, None, (), [], True, self.method, self.direction)
        if cut and found:
            # What was cut may hold more issues: said first, so that the cap never drops it.
            found.insert(
                0,
                Issue(
                    cut[0].pointer,
                    "x-limit",
                    f"only {_listed_pointers(cut)} were explained one by one; the rest may hold"
                    " more issues",
                    "warning",
                    None,
                    self.method,
                    self.direction,
                ),
            )
        elif cut:
            found.append(
                Issue(
                    cut[0].pointer,
                    "x-limit",
                    f"the payload breaks the contract beyond {_listed_pointers(cut)}, which were"
                    " not explained one by one",
                    "error",
                    None,
                    self.method,
                    self.direction,
                )
            )
        return found, bool(cut)

    def _wcs4(self, body: Any) -> Issue | None:
        """The one error of a request without `nodeId` (where it is required): a WCS 4 body,
        which the rest of the contract would explain field by field for nothing."""
        if self.direction != "request" or type(body) is not dict or "nodeId" in body:
            return None
        required: list[str] = self.document.get("required") or next(
            (v.node.get("required", []) for v in self.choice.variants), []
        )
        if "nodeId" not in required:
            return None  # excluded by a restClientConfig
        selected = self.choice.select(body, [])
        return Issue(
            "/nodeId",
            "required",
            "required field 'nodeId' is missing: this looks like a WCS 4 body (every WCS 5 hook"
            " body carries nodeId, sessionId and appKey); the contract describes WCS 5.x only,"
            " so capture the body from a WCS 5 server",
            "error",
            selected.title if isinstance(selected, Variant) else None,
            self.method,
            self.direction,
        )

    def _explain(
        self, choice: Choice, instance: Any, at: list[str | int], strict: bool, found: list[Issue]
    ) -> None:
        selected = choice.select(instance, at)
        if type(selected) is Issue:
            found.append(selected._replace(method=self.method, direction=self.direction))
            return
        assert isinstance(selected, Variant)
        title, fields, method, direction = (
            selected.title,
            selected.fields,
            self.method,
            self.direction,
        )
        members = selected.members
        if members is None:
            found += _errors(
                selected.validator, instance, title, fields, at, strict, method, direction
            )
        else:
            # What jsonschema-rs reports, in its order (a test holds them to it): missing names,
            # the members' errors, unknown names; a lone required name is checked last.
            missing = [
                _missing(at, name, title, method, direction)
                for name in members.required
                if name not in instance
            ]
            if len(members.required) > 1:
                found += missing
            found += _errors(
                members.validator, instance, title, fields, at, strict, method, direction
            )
            unknown = [name for name in instance if name not in members.known]
            if unknown:
                found += _unknown(at, unknown, title, fields, strict, method, direction)
            if len(members.required) == 1:
                found += missing
        if selected.nested is not None:
            data = instance.get("data")
            if type(data) is list:
                for index, element in enumerate(data):
                    self._explain(selected.nested, element, [*at, "data", index], strict, found)


#: The most issues reported for one payload; the rest are summed up in one more issue.
MAX_ISSUES = 100


def capped(found: list[Issue], limit: int = MAX_ISSUES, *, more: bool = False) -> list[Issue]:
    """`found` cut to `limit` issues, plus one that counts the rest (`more`: there may be even
    more than that, in elements that were not explained)."""
    if len(found) <= limit:
        return found
    rest = found[limit:]
    severity: Severity = "error" if any(i.severity == "error" for i in rest) else "warning"
    at_least = "at least " if more else ""
    first = rest[0]
    return [
        *found[:limit],
        Issue(
            "",
            "x-limit",
            f"… and {at_least}{len(rest)} more issues in this payload"
            f" (only the first {limit} are reported)",
            severity,
            None,
            first.method,
            first.direction,
        ),
    ]


def _trimmed(node: Any, limit: int, named: frozenset[str]) -> tuple[Any, list[Cut]]:
    """`node` with every array longer than `limit` cut to its first `limit` elements, and every
    object below the root with more than `limit` members cut to its first `limit` members and
    those `named` (a copy only where something is cut), and what was cut.

    jsonschema-rs finds every error before it yields the first, and an error under a big object
    (a name `propertyNames` refuses) costs time in proportion to the object: a restClientConfig
    of 2,000 unknown method names took 1.5 s, one of 100,000 would take hours. The root is not cut:
    its unknown names are counted in Python."""
    if not _has_long_list(node, limit):
        return node, []  # the usual case, found without building a path or a copy
    cut: list[Cut] = []

    def trim(value: Any, at: list[str | int]) -> Any:
        if type(value) is list:
            if len(value) > limit:
                cut.append(Cut(pointer(at), "elements"))
                value = value[:limit]
            items = [
                trim(v, [*at, i]) if type(v) in (dict, list) else v for i, v in enumerate(value)
            ]
            return items if any(a is not b for a, b in zip(items, value, strict=True)) else value
        if type(value) is dict:
            if at and len(value) > limit:
                cut.append(Cut(pointer(at), "members"))
                value = {k: v for i, (k, v) in enumerate(value.items()) if i < limit or k in named}
            changed = {}
            for k, v in value.items():
                if type(v) is dict or type(v) is list:
                    new = trim(v, [*at, k])
                    if new is not v:
                        changed[k] = new
            return {**value, **changed} if changed else value
        return value

    return trim(node, []), cut


class Cut(NamedTuple):
    """An array or object cut short for its explanation: where, and what it holds."""

    pointer: str
    holds: Literal["elements", "members"]


def _has_long_list(node: Any, limit: int) -> bool:
    """Whether an array or an object anywhere in `node` has more than `limit` entries."""
    return not _no_long_list(limit)(node)


@cache
def _no_long_list(limit: int) -> Callable[[Any], bool]:
    """One call into jsonschema-rs instead of a walk in Python (every explained body asks)."""
    short = {
        "maxItems": limit,
        "maxProperties": limit,
        "items": {"$ref": "#"},
        "additionalProperties": {"$ref": "#"},
    }
    return jsonschema_rs.validator_for(short).is_valid


def _names(schema: Any) -> Iterator[str]:
    """Every member name a schema gives: its properties, required names and propertyNames enums."""
    if type(schema) is dict:
        properties = schema.get("properties")
        if type(properties) is dict:
            yield from properties
        for name in schema.get("required") or ():
            if type(name) is str:
                yield name
        names = schema.get("propertyNames")
        if type(names) is dict:
            yield from (n for n in names.get("enum") or () if type(n) is str)
        for value in schema.values():
            yield from _names(value)
    elif type(schema) is list:
        for value in schema:
            yield from _names(value)


def _listed_pointers(cut: list[Cut]) -> str:
    """What was cut, in words: "the first 100 elements of /a, /b and 2 more arrays"."""
    kinds = {c.holds for c in cut}
    holds = "elements" if kinds == {"elements"} else "members" if len(kinds) == 1 else "entries"
    more = "arrays" if holds == "elements" else "objects" if holds == "members" else "of them"
    shown = ", ".join(c.pointer or "the body" for c in cut[:3])
    rest = f" and {len(cut) - 3} more {more}" if len(cut) > 3 else ""
    return f"the first {MAX_ISSUES} {holds} of {shown}{rest}"


# The error kinds explained in our own words, bound once: _issues runs for every error reported.
_REQUIRED = jsonschema_rs.ValidationErrorKind.Required
_UNKNOWN = jsonschema_rs.ValidationErrorKind.AdditionalProperties
_ENUM = jsonschema_rs.ValidationErrorKind.Enum
_TYPE = jsonschema_rs.ValidationErrorKind.Type
_CONSTANT = jsonschema_rs.ValidationErrorKind.Constant


def _issues(
    error: ValidationError,
    variant: str | None,
    fields: tuple[str, ...],
    prefix: list[str | int],
    strict: bool,
    method: str | None,
    direction: str,
) -> list[Issue]:
    """Turn one jsonschema-rs error into Issues whose messages say what and how to fix.

    `fields` are the variant's own, for "did you mean" hints; `prefix` locates the instance that
    was validated (a frame's element) in the payload.
    """
    path: list[str | int] = [*prefix, *error.instance_path] if prefix else error.instance_path
    kind = error.kind
    if isinstance(kind, _REQUIRED):
        return [_missing(path, kind.property, variant, method, direction)]
    if isinstance(kind, _UNKNOWN):
        return _unknown(path, kind.unexpected, variant, fields, strict, method, direction)
    value = error.instance
    name = path[-1] if path else None
    if isinstance(kind, _ENUM):
        options = ", ".join(map(str, kind.options))
        message = (
            f"{_shown(value, name)} is not allowed for {_where(path)} (expected one of {options})"
        )
    elif isinstance(kind, _TYPE):
        types = " or ".join(map(str, kind.types))
        found = json_type(value) if value is None else f"{json_type(value)} {_shown(value, name)}"
        message = f"{_where(path)} must be {types}, found {found}"
    elif isinstance(kind, _CONSTANT):
        expected = _shown(kind.expected_value)
        message = f"{_where(path)} must be {expected}, found {_shown(value, name)}"
    elif name in SECRET_FIELDS:
        message = f"{_where(path)}: {error.message}"
    else:
        message = error.message
    schema_path = error.schema_path
    keyword = str(schema_path[-1]) if schema_path else ""
    return [Issue(pointer(path), keyword, message, "error", variant, method, direction)]


def _errors(
    validator: jsonschema_rs.Validator,
    instance: Any,
    variant: str | None,
    fields: tuple[str, ...],
    prefix: list[str | int],
    strict: bool,
    method: str | None,
    direction: str,
) -> list[Issue]:
    """The issues of every error `validator` finds in `instance` (see `_issues`). jsonschema-rs
    cannot hand back a wrong value nested hundreds of levels deep (it raises instead): such a
    value is one issue that says so, and the errors found before it are kept."""
    found: list[Issue] = []
    try:
        for error in validator.iter_errors(instance):
            found += _issues(error, variant, fields, prefix, strict, method, direction)
    except ValueError as exc:
        if str(exc) != _TOO_DEEP:
            raise
        message = (
            "a wrong value in this object nests too deeply (hundreds of levels; no hook body"
            " does) to be quoted or explained: the payload breaks the contract; find the deeply"
            " nested value and fix or remove it"
        )
        found.append(
            Issue(pointer(prefix), "x-limit", message, "error", variant, method, direction)
        )
    return found


_TOO_DEEP = "Recursion limit reached"  # what jsonschema-rs raises for such a value


def _missing(
    path: list[str | int], name: str, variant: str | None, method: str | None, direction: str
) -> Issue:
    return Issue(
        pointer([*path, name]),
        "required",
        f"required field {name!r} is missing{' from ' + variant if variant else ''}",
        "error",
        variant,
        method,
        direction,
    )


def _unknown(
    path: list[str | int],
    names: list[str],
    variant: str | None,
    fields: tuple[str, ...],
    strict: bool,
    method: str | None,
    direction: str,
) -> list[Issue]:
    """One issue per unknown field, pointing at the field itself."""
    severity: Severity = "error" if strict else "warning"
    unknown = []
    for name in names[:MAX_ISSUES]:
        close = _closest(name, fields)
        hint = f"; did you mean {close!r}?" if close else ""
        unknown.append(
            Issue(
                pointer([*path, name]),
                "additionalProperties",
                f"unknown field {name!r}: not a field of {variant or 'this object'}{hint}",
                severity,
                variant,
                method,
                direction,
            )
        )
    if len(names) > MAX_ISSUES:
        # Past the cap the issues are only counted: one shared issue stands for each of them.
        more = Issue(
            pointer(path), "additionalProperties", "more unknown fields", severity, variant
        )
        unknown += [more] * (len(names) - MAX_ISSUES)
    return unknown


def _where(path: list[str | int]) -> str:
    """The place an issue is about, in words: a field, an element of one, or the body."""
    name = path[-1] if path else None
    if isinstance(name, str):
        return f"'{name}'"
    named = next((p for p in reversed(path) if isinstance(p, str)), None)
    return f"an element of '{named}'" if named else "the body"


@lru_cache(maxsize=4096)
def _closest(name: str, known: tuple[str, ...]) -> str | None:
    """The known name (a field, a frame message) an unknown one is probably a misspelling of
    (cached: typos repeat)."""
    import difflib  # here: only a failing payload needs it, and start-up matters for the hook

    close = difflib.get_close_matches(name, known, n=1, cutoff=0.75)
    return close[0] if close else None


def _without_required(node: Any, excluded: frozenset[str]) -> Any:
    """A copy of a schema where the excluded fields are no longer required."""
    if isinstance(node, dict):
        out = {k: _without_required(v, excluded) for k, v in node.items()}
        if isinstance(out.get("required"), list):
            out["required"] = [r for r in out["required"] if r not in excluded]
        return out
    if isinstance(node, list):
        return [_without_required(v, excluded) for v in node]
    return node


def _inline(schema: Any, base_relative: str) -> Any:
    """`schema` (found at `base_relative`) with its references inlined, and without its $defs
    when nothing refers to them any more: compiling them would be for nothing (about 60% of the
    compile time)."""
    where = uri_of(base_relative)
    inlined = jsonschema_rs.dereference(
        schema, registry=rs_registry(), base_uri=where, offline=True
    )
    if isinstance(inlined, dict) and "$defs" in inlined and b'"$ref"' not in orjson.dumps(inlined):
        inlined = {k: v for k, v in inlined.items() if k != "$defs"}
    return inlined


def _build(inlined: Any, base_relative: str) -> jsonschema_rs.Validator:
    """The validator of an inlined schema (that may still refer to the shared documents)."""
    where = uri_of(base_relative)
    return jsonschema_rs.validator_for(
        inlined, registry=rs_registry(), base_uri=where, offline=True
    )


def _variant(
    title_fallback: str,
    node: dict[str, Any],
    inlined: dict[str, Any],
    relative: str,
    subject: str,
    document: Any,
) -> Variant:
    """A variant from its node in `document` (what selects it) and the node's inlined copy (what
    validates it)."""
    props = node.get("properties", {})
    status = props.get("status", {})
    values = status.get("enum") or ([status["const"]] if "const" in status else [])
    message = props.get("message", {})
    messages = message.get("enum") or ([message["const"]] if "const" in message else [])
    nested: Choice | None = None
    schema = inlined
    items = props.get("data", {}).get("items") if messages else None
    top_level = {branch.get("$ref") for branch in document.get("oneOf", [])}
    if isinstance(items, dict) and ("oneOf" in items or items.get("$ref") in top_level):
        # A frame of this document: its elements are the document's own bare variants, chosen
        # and explained like a bare payload. The frame itself is checked without them.
        elements = inlined["properties"]["data"]["items"]
        nested = _choice(items, elements, relative, subject, document)
        data = {**inlined["properties"]["data"], "items": True}
        schema = {**inlined, "properties": {**inlined["properties"], "data": data}}
    return Variant(
        title=node.get("title", title_fallback),
        node=node,
        schema=schema,
        base=relative,
        status_values=tuple(v for v in values if isinstance(v, str)),
        status_integer=status.get("type") == "integer",
        status_required="status" in node.get("required", []),
        messages=frozenset(messages),
        fields=tuple(props),
        nested=nested,
    )


def _choice(
    node: dict[str, Any], inlined: dict[str, Any], relative: str, subject: str, document: Any
) -> Choice:
    """The variants of `node` (a oneOf, or a single object) of `document`; `inlined` is the
    node's copy with references inlined, branch for branch."""
    choice = Choice(subject)
    branches = node.get("oneOf") or [node]
    copies = inlined.get("oneOf") or [inlined]
    for branch, branch_inlined in zip(branches, copies, strict=True):
        ref = branch.get("$ref")
        if isinstance(ref, str) and ref.startswith("#"):
            # In this document, which may be a copy (restClientConfig exclusions), not the file.
            target = resolve_pointer(document, ref)
            variant = _variant(ref, target, branch_inlined, relative, subject, document)
        elif isinstance(ref, str):
            target_relative, target = resolve_ref(ref, relative)
            target_document = load(target_relative)
            variant = _variant(
                ref, target, branch_inlined, target_relative, subject, target_document
            )
        else:
            variant = _variant(subject, branch, branch_inlined, relative, subject, document)
        choice.variants.append(variant)
    return choice


@lru_cache(maxsize=1024)  # bounded: the exclusions come from the restClientConfigs seen
def direction_validator(
    method: str, direction: str, excluded: frozenset[str] = frozenset()
) -> DirectionValidator:
    """The compiled validator of a method (wire name) in a direction, minus excluded fields."""
    relative = method_schema_relpath(method, direction)
    document = load(relative)
    if excluded:
        document = _without_required(document, excluded)
    return DirectionValidator(method, direction, document, relative)


@cache
def _fail_frame() -> Variant:
    """The `fail` frame of common.json, as a variant of its own."""
    relative = "common.json"
    document = load(relative)
    node = document["$defs"]["FailFrame"]
    inlined = _inline({**node, "$defs": document["$defs"]}, relative)
    return _variant("FailFrame", node, inlined, relative, "fail frame", document)


@lru_cache(maxsize=4096)  # bounded: a hostile body may bring any number of distinct keys
def _looks_secret(key: object) -> bool:
    """A key of `custom` that names a credential (cached: the same few keys recur)."""
    return isinstance(key, str) and bool(_SECRET_KEY.search(key))


def _secrets(body: Any, at: list[str | int], severity: str) -> list[Issue]:
    """Credentials stored in a body: the `x-secret` fields, and secret-looking keys of `custom`."""
    found: list[Issue] = []
    if type(body) is not dict:
        return found
    for name in SECRET_FIELDS:
        if body.get(name):
            found.append(_secret_issue([*at, name], severity))
    custom = body.get("custom")
    if type(custom) is dict:
        for key, value in custom.items():
            if value and _looks_secret(key):
                found.append(_secret_issue([*at, "custom", key], severity))
    data = body.get("data")
    if type(data) is list and "message" in body:
        for index, element in enumerate(data):
            found += _secrets(element, [*at, "data", index], severity)
    return found


def redact(body: Any) -> Any:
    """The body with every credential `_secrets` would report emptied (`""`), for recordings
    and logs; the body itself when it stores none (the common case: one jsonschema-rs call)."""
    if _quiet()(body):
        return body
    copy = orjson.loads(orjson.dumps(body))
    for issue in _secrets(copy, [], "warning"):
        *parents, last = [
            part.replace("~1", "/").replace("~0", "~") for part in issue.pointer.split("/")[1:]
        ]
        node = copy
        for part in parents:
            node = node[int(part)] if type(node) is list else node[part]
        node[last] = ""
    return copy


def _secret_issue(path: list[str | int], severity: str) -> Issue:
    return Issue(
        pointer(path),
        "x-secret",
        "a credential is stored in this payload (value hidden): mask or remove it before sharing",
        severity="error" if severity == "error" else "warning",
    )


def _deprecations(inlined: Any) -> dict[str, dict[str, str]]:
    """`x-deprecated` of the members of a direction's objects and of its frames' elements."""
    found: dict[str, dict[str, str]] = {}

    def objects(node: Any) -> list[dict[str, Any]]:
        if not isinstance(node, dict):
            return []
        return [node, *(o for branch in node.get("oneOf", []) for o in objects(branch))]

    for node in objects(inlined):
        props = node.get("properties", {})
        items = props.get("data", {}).get("items") if "message" in props else None
        for element in [node, *objects(items)]:
            for name, member in element.get("properties", {}).items():
                if isinstance(member, dict) and isinstance(member.get("x-deprecated"), dict):
                    found.setdefault(name, {}).update(member["x-deprecated"])
    return found


def _without_notices(node: Any) -> Any:
    """A copy of an inlined schema without the deprecated values of its enums, and whose
    refusals must carry their reason: what a body needs to get no notice."""
    if isinstance(node, list):
        return [_without_notices(v) for v in node]
    if not isinstance(node, dict):
        return node
    out = {k: v if k in _DATA_KEYWORDS else _without_notices(v) for k, v in node.items()}
    deprecated = node.get("x-deprecated")
    if isinstance(deprecated, dict) and isinstance(node.get("enum"), list):
        out["enum"] = [v for v in node["enum"] if v not in deprecated]
    if node.get("title") == "Refusal" and isinstance(node.get("required"), list):
        out["required"] = [*node["required"], "reason"]
    return out


def _deprecated_issues(
    body: dict[str, Any],
    at: list[str | int],
    deprecated: dict[str, dict[str, str]],
    method: str,
    direction: str,
) -> list[Issue]:
    found = []
    for name, values in deprecated.items():
        value = body.get(name)
        if type(value) is str and value in values:
            found.append(
                Issue(
                    pointer([*at, name]),
                    "x-deprecated",
                    f"{value!r} is deprecated for '{name}' ({values[value]}):"
                    " accepted, but newer WCS builds do not send it",
                    "warning",
                    None,
                    method,
                    direction,
                )
            )
    return found


@lru_cache(maxsize=1024)  # the same few (method, status) pairs, on many lines of a capture
def _refusal_notice(method: str, http_status: int | None) -> Issue:
    status = f"this {http_status} body" if http_status is not None else "this refusal"
    return Issue(
        "",
        "x-http-status",
        f"{status} is a legal refusal, but WCS passes only exactly"
        ' {"status": <number>, "reason": <string>} to the client (5.2.968+); the client gets'
        " the HTTP reason phrase instead",
        "warning",
        None,
        method,
        "response",
    )


class Contract:
    """The contract of every method: `contract.validate(body, method, direction)` → Report."""

    def __init__(self, *, strict: bool = False, secrets: str = "warning") -> None:
        if secrets not in ("warning", "error", "ignore"):
            raise ValueError(f"secrets must be warning, error or ignore, not {secrets!r}")
        self.strict = strict
        self.secrets = secrets
        self.catalogue = load_catalogue()
        self._resolved: dict[tuple[str, str], DirectionValidator] = {}

    def resolve(self, method: str, direction: str) -> DirectionValidator:
        """The validator for a method name or alias; UnknownMethodError / ValueError otherwise."""
        resolved = self._resolved.get((method, direction))
        if resolved is None:
            found = self.catalogue.get(method)
            if direction not in DIRECTIONS:
                raise ValueError(
                    f"unknown direction {direction!r} (expected one of {', '.join(DIRECTIONS)})"
                )
            if direction not in found.directions:
                raise ValueError(f"{found.name} does not travel in the {direction} direction")
            resolved = self._resolved[(method, direction)] = direction_validator(
                found.name, direction
            )
        return resolved

    def issues(
        self,
        body: Any,
        method: str,
        direction: str,
        *,
        rest_client_config: Mapping[str, Any] | None = None,
        http_status: int | None = None,
    ) -> list[Issue]:
        """The issues of one body (empty when it keeps the contract)."""
        validator = self._resolved.get((method, direction)) or self.resolve(method, direction)
        if rest_client_config:
            from wcs_contract.rest_client_config import policy_for

            excluded = policy_for(rest_client_config, validator.method).excluded(direction)
            if excluded:
                validator = direction_validator(validator.method, direction, excluded)
        if http_status is not None and direction == "response" and 400 <= http_status < 500:
            return self._refusal_issues(body, http_status, validator)
        # Validity first: most bodies that get here (the bulk screen refused them) are invalid,
        # and then need no second verdict on notices.
        clean = validator.is_valid(body)
        plain = clean and (not validator.has_notices or validator.is_plain(body))
        quiet = self.secrets == "ignore" or _quiet()(body)
        if plain and quiet and (http_status is None or _status_agrees(body, http_status)):
            return []
        found, cut = ([], False) if clean else validator.explained(body, strict=self.strict)
        if validator.has_notices and not plain:
            # deprecated values, and a refusal without its reason unless the schema's errors or
            # the HTTP status already say what is wrong with the body
            found += [
                i for i in validator.notices(body) if i.pointer or (clean and http_status is None)
            ]
        if not quiet:
            found += [
                Issue(
                    i.pointer, i.keyword, i.message, i.severity, None, validator.method, direction
                )
                for i in _secrets(body, [], self.secrets)
            ]
        if http_status is not None and direction == "response":
            found += _status_issues(body, http_status, validator.method)
        return capped(found, more=cut)

    def _refusal_issues(
        self, body: Any, http_status: int, validator: DirectionValidator
    ) -> list[Issue]:
        """A 4xx answer: any body is a legal refusal (WCS refuses on the status alone); one that
        is not exactly {status, reason} gets a warning, for the client only sees the reason
        phrase. The body is not held to the mirror: WCS does not read it as one."""
        found = (
            []
            if _status_agrees(body, http_status)
            else [_refusal_notice(validator.method, http_status)]
        )
        if self.secrets != "ignore" and not _quiet()(body):
            found += [
                Issue(
                    i.pointer, i.keyword, i.message, i.severity, None, validator.method, "response"
                )
                for i in _secrets(body, [], self.secrets)
            ]
        return found

    def check_for(self, method: str, direction: str) -> Callable[[Any], bool] | None:
        """The compiled check of a route's bodies (None if the route is unknown): the contract and,
        unless secrets are ignored, no stored credential. With `status_agrees`, what bulk readers
        need to count clean payloads without building them (inputs.Screen)."""
        validator = self._resolved.get((method, direction))
        if validator is None:
            try:
                validator = self.resolve(method, direction)
            except (UnknownMethodError, ValueError):
                return None
        if self.secrets == "ignore":
            return validator.is_plain
        return validator.screen

    def status_agrees(self, body: Any, http_status: int) -> bool:
        """Nothing for the HTTP status of an answer to contradict in its body."""
        return _status_agrees(body, http_status)

    def validate(self, body: Any, method: str, direction: str, **kwargs: Any) -> Report:
        return Report(self.issues(body, method, direction, **kwargs))

    def unrouted_frame_issues(self, frame: dict[str, Any]) -> list[Issue]:
        """The issues of a WebSocket frame whose message names no method: a `fail` frame that
        does not say which method failed is held to FailFrame; another message is unknown (a
        warning, for the client and WCS exchange frames beyond the hooks; an error if strict)."""
        message = frame.get("message")
        if message == "fail":
            fail = _fail_frame()
            return _errors(fail.validator, frame, fail.title, fail.fields, [], True, None, "client")
        if message in self.catalogue.positional:
            return [
                Issue(
                    "/data",
                    "x-not-checked",
                    f"{_shown(message)} is a WebSocket message WCS sends with positional data"
                    " (not a hook body), so the frame was recognised but not checked",
                    "warning",
                    direction="client",
                )
            ]
        close = _closest(str(message), self.catalogue.client_messages())
        hint = f"; did you mean {close!r}?" if close else ""
        return [
            Issue(
                "/message",
                "x-message",
                f"{_shown(message)} is not the WebSocket message of a hook method, so the frame"
                f" was not checked{hint} (`wcs-contract methods` lists the messages)",
                "error" if self.strict else "warning",
                direction="client",
            )
        ]


def _looks_refusal(body: Any) -> bool:
    """An answer with an integer `status`: a refusal's shape, not the mirror's."""
    return type(body) is dict and type(body.get("status")) is int


def _exact_refusal(body: Any) -> bool:
    """The refusal WCS passes to the client: exactly {status: <integer>, reason: <string>}."""
    return (
        type(body) is dict
        and len(body) == 2
        and type(body.get("status")) is int
        and type(body.get("reason")) is str
    )


def _status_agrees(body: Any, http_status: int) -> bool:
    """Nothing for the HTTP status of an answer to contradict: the common case, on the hot path."""
    if http_status == 200:
        return not _looks_refusal(body)
    if 400 <= http_status < 500:
        return type(body) is not dict or _exact_refusal(body)
    return True


def _status_issues(body: Any, http_status: int, method: str) -> list[Issue]:
    """What an HTTP status says about a response body beyond its schema."""
    if _status_agrees(body, http_status):
        return []
    return [
        Issue(
            "/status",
            "x-http-status",
            "a refusal body (an integer status) came with 200 OK:"
            " WCS reads it as the mirror; answer with the refusal's 4xx status",
            method=method,
            direction="response",
        )
    ]


_DEFAULT: Contract | None = None


def validate(
    payload: Any,
    *,
    method: str,
    direction: str,
    strict: bool = False,
    rest_client_config: Mapping[str, Any] | None = None,
    http_status: int | None = None,
) -> Report:
    """Validate one hook body: `validate(body, method="connect", direction="request")`.

    Method aliases (`sendDtmf`) are accepted. Unknown fields are warnings unless `strict`. With a
    restClientConfig, fields it excludes from this direction are not demanded.
    """
    global _DEFAULT
    contract = Contract(strict=True) if strict else (_DEFAULT or Contract())
    if not strict:
        _DEFAULT = contract
    return contract.validate(
        payload, method, direction, rest_client_config=rest_client_config, http_status=http_status
    )


__all__ = ["Contract", "UnknownMethodError", "validate"]
