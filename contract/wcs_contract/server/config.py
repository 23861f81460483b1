"""The reference server's configuration file: deny rules, overrides, restClientConfig, credentials.

`config.schema.json` (beside this module) describes the file: it checks its shape (members,
types, ranges; its `x-expected` words make the messages) and documents it (`serve --help` and the
README's table come from `reference()`). What a schema cannot say is checked here: method names
against the catalogue, overrides against the response schemas, credentials from the environment.
Everything is checked when the file is read, so that a mistake stops the server at start-up with a
message naming the member at fault, never at the first hook that happens to reach it. Method names
and globs are resolved against the catalogue once; a request then costs set look-ups and fnmatch.
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from fnmatch import fnmatchcase
from functools import cache
from pathlib import Path
from typing import Any

import orjson

from wcs_contract.catalogue import load_catalogue, unknown_name_message
from wcs_contract.json_types import json_type
from wcs_contract.rest_client_config import policy_for

# The connection parameters: WCS never lets a web server change them (behaviour.md, mirror rule).
CONNECTION_FIELDS = frozenset({"nodeId", "sessionId", "appKey"})
COMMENT = "$comment"  # accepted and ignored in every object of the file, for documentation

SCHEMA_FILE = Path(__file__).with_name("config.schema.json")


MAX_CONFIG_BYTES = 16 << 20  # a config is a few kB; a bigger file is a mistake (a device, a log)
DEFAULT_MAX_BODY_SIZE = 1 << 20  # 1 MiB, as config.schema.json: a hook body is a few hundred bytes


class ConfigError(ValueError):
    """A configuration the server cannot run with; the message names the file and the member."""


@dataclass(frozen=True, slots=True)
class FieldMatch:
    """`{"name": "forbidden*", "custom.role": ["guest", "anon*"]}`: every field matches a glob."""

    fields: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = ()  # (path, globs)

    def __call__(self, body: Mapping[str, Any]) -> bool:
        for path, globs in self.fields:
            text = _field_text(body, path)
            if text is None or not any(fnmatchcase(text, glob) for glob in globs):
                return False
        return True

    def __bool__(self) -> bool:
        return bool(self.fields)


@dataclass(frozen=True, slots=True)
class Selector:
    """Which hooks a rule is about: a set of method names and field conditions."""

    methods: frozenset[str] | None  # canonical names; None = every method
    match: FieldMatch = FieldMatch()
    unless: FieldMatch = FieldMatch()

    def selects(self, method: str, body: Mapping[str, Any]) -> bool:
        if self.methods is not None and method not in self.methods:
            return False
        if self.match and not self.match(body):
            return False
        return not (self.unless and self.unless(body))


@dataclass(frozen=True, slots=True)
class DenyRule:
    selector: Selector
    status: int = 403
    reason: str = "Forbidden"


@dataclass(frozen=True, slots=True)
class Override:
    selector: Selector
    values: Mapping[str, Any]


@dataclass(frozen=True, slots=True)
class BasicAuth:
    user: str
    password: str = field(repr=False)


@dataclass(frozen=True)
class ServerConfig:
    """What the reference server does beyond mirroring; the default mirrors every valid hook."""

    deny: tuple[DenyRule, ...] = ()
    override: tuple[Override, ...] = ()
    rest_client_config: Mapping[str, Any] | None = None
    auth: BasicAuth | None = None
    secret: str | None = field(default=None, repr=False)
    strict: bool = False
    notes: tuple[str, ...] = ()  # advice printed at start-up (e.g. an override WCS will ignore)
    # Limits against hostile or broken clients (README, "Reliability"): a bigger body gets 413;
    # request headers and a body must arrive within their timeouts (seconds); connections beyond
    # max_connections get 503.
    max_body_size: int = DEFAULT_MAX_BODY_SIZE
    header_timeout: float = 10.0
    body_timeout: float = 10.0
    max_connections: int = 1000

    @classmethod
    def from_dict(
        cls, raw: Any, *, source: str = "config", env: Mapping[str, str] | None = None
    ) -> ServerConfig:
        """Parse and check a configuration object; ConfigError says what is wrong, and where."""
        return _Parser(source, os.environ if env is None else env).config(raw)

    def describe(self) -> str:
        """One line for the start-up log; never shows a credential."""
        rcc = self.rest_client_config
        parts = [
            _count(len(self.deny), "deny rule"),
            _count(len(self.override), "override"),
            f"restClientConfig for {_count(len(rcc), 'method')}" if rcc else "no restClientConfig",
            f"basic auth as {self.auth.user!r}" if self.auth else "no basic auth",
            "signature check on" if self.secret else "no signature check",
            "strict" if self.strict else "unknown fields allowed",
            f"bodies up to {self.max_body_size} bytes",
        ]
        return ", ".join(parts)


def load_config(path: str | Path, env: Mapping[str, str] | None = None) -> ServerConfig:
    """Read a configuration file; ConfigError when it is unreadable, not JSON or wrong."""
    source = str(path)
    try:
        with Path(path).open("rb") as stream:  # bounded: `--config /dev/zero` must not fill memory
            data = stream.read(MAX_CONFIG_BYTES + 1)
    except OSError as error:
        raise ConfigError(f"{source}: cannot read the config file: {error.strerror}") from None
    if len(data) > MAX_CONFIG_BYTES:
        raise ConfigError(f"{source}: larger than {MAX_CONFIG_BYTES >> 20} MiB: not a config file")
    try:
        raw = orjson.loads(data)
    except orjson.JSONDecodeError as error:
        raise ConfigError(f"{source}: not JSON: {error}") from None
    return ServerConfig.from_dict(raw, source=source, env=env)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _field_text(body: Mapping[str, Any], path: tuple[str, ...]) -> str | None:
    """The text a glob is matched against, or None when the field is absent or not a scalar."""
    node: Any = body
    for part in path:
        if not isinstance(node, Mapping) or part not in node:
            return None
        node = node[part]
    if isinstance(node, str):
        return node
    if isinstance(node, bool | int | float):
        return orjson.dumps(node).decode()
    return None


class _Parser:
    def __init__(self, source: str, env: Mapping[str, str]) -> None:
        self.source = source
        self.env = env
        self.catalogue = load_catalogue()
        self.known = [n for m in self.catalogue.methods for n in (m.name, *m.aliases)]
        self.notes: list[str] = []

    def fail(self, where: str, message: str) -> ConfigError:
        return ConfigError(
            f"{self.source}: {where}: {message}" if where else f"{self.source}: {message}"
        )

    def config(self, raw: Any) -> ServerConfig:
        for error in _validator().iter_errors(raw):
            raise self.fail(*_explain(error))
        top = _without_comments(raw)
        deny = tuple(
            self.deny_rule(_without_comments(rule), f"deny[{i}]")
            for i, rule in enumerate(top.get("deny", []))
        )
        rest_client_config = self.rest_client_config(top.get("restClientConfig"))
        override = tuple(
            self.override(_without_comments(rule), f"override[{i}]", rest_client_config)
            for i, rule in enumerate(top.get("override", []))
        )
        auth = self.auth(top["auth"]) if "auth" in top else None
        secret = self.credential(top, "secret", "secretEnv", "")
        if auth is not None and secret is not None:
            raise self.fail(
                "auth",
                "basic auth and signature checking cannot be combined: WCS puts both in the one"
                " Authorization header (`Basic ...` or `WCS <HMAC-MD5>`); keep either"
                ' "auth" or "secret"/"secretEnv"',
            )
        return ServerConfig(
            # JSON's 1e6 is an integer to the schema but a float to the parser: bytes are counted.
            max_body_size=int(top.get("maxBodySize", _default("maxBodySize"))),
            deny=deny,
            override=override,
            rest_client_config=rest_client_config,
            auth=auth,
            secret=secret,
            strict=top.get("strict", _default("strict")),
            notes=tuple(self.notes),
        )

    def methods(self, raw: Any, where: str) -> frozenset[str] | None:
        """Canonical method names from a name, an alias, a glob, or a list of them."""
        if raw is None:
            return None
        patterns = raw if isinstance(raw, list) else [raw]
        names: set[str] = set()
        for pattern in patterns:
            if any(c in pattern for c in "*?["):
                found = {m.name for m in self.catalogue.methods if fnmatchcase(m.name, pattern)}
                if not found:
                    raise self.fail(where, f"{pattern!r} matches no method")
                names |= found
            else:
                method = self.catalogue.find(pattern)
                if method is None:
                    raise self.fail(where, unknown_name_message(pattern, self.known))
                names.add(method.name)
        return frozenset(names)

    def field_match(self, raw: Any) -> FieldMatch:
        if raw is None:
            return FieldMatch()
        return FieldMatch(
            tuple(
                (tuple(name.split(".")), tuple(globs if isinstance(globs, list) else [globs]))
                for name, globs in _without_comments(raw).items()
            )
        )

    def selector(self, rule: Mapping[str, Any], where: str) -> Selector:
        selector = Selector(
            methods=self.methods(rule.get("method"), f"{where}.method"),
            match=self.field_match(rule.get("match")),
            unless=self.field_match(rule.get("unless")),
        )
        targets = selector.methods or frozenset(self.catalogue.names)
        for part, condition in (("match", selector.match), ("unless", selector.unless)):
            self.note_unknown_fields(condition, targets, f"{where}.{part}")
        return selector

    def note_unknown_fields(
        self, condition: FieldMatch, targets: frozenset[str], where: str
    ) -> None:
        """A field no targeted request declares is likely a typo; real bodies may still carry it."""
        declared = _request_fields(targets)
        for path, _ in condition.fields:
            if path[0] not in declared:
                close = difflib.get_close_matches(path[0], sorted(declared), n=1, cutoff=0.75)
                hint = f" (did you mean {close[0]!r}?)" if close else ""
                self.notes.append(
                    f"{where}.{'.'.join(path)}: {path[0]!r} is not a field of"
                    f" {_listed(targets)} requests{hint}; the rule matches only bodies"
                    " that carry it"
                )

    def deny_rule(self, rule: dict[str, Any], where: str) -> DenyRule:
        status = rule.get("status", _default("status", "denyRule"))
        reason = rule.get("reason", _default("reason", "denyRule"))
        return DenyRule(self.selector(rule, where), status, reason)

    def override(
        self, rule: dict[str, Any], where: str, rest_client_config: Mapping[str, Any] | None
    ) -> Override:
        values = rule["set"]
        fixed = sorted(CONNECTION_FIELDS.intersection(values))
        if fixed:
            raise self.fail(
                f"{where}.set",
                f"{', '.join(fixed)} cannot be overridden:"
                " WCS never changes the connection parameters",
            )
        if "restClientConfig" in values:
            raise self.fail(
                f"{where}.set", 'put restClientConfig in the top-level "restClientConfig" member'
            )
        selector = self.selector(rule, where)
        targets = (
            selector.methods if selector.methods is not None else frozenset(self.catalogue.names)
        )
        self.check_override_values(values, targets, f"{where}.set")
        self.note_unapplied(values, targets, where, rest_client_config)
        return Override(selector, values)

    def check_override_values(
        self, values: Mapping[str, Any], targets: frozenset[str], where: str
    ) -> None:
        """The overridden fields must be fields of every targeted method's answer, well typed."""
        from wcs_contract.validator import Contract

        contract = Contract(strict=True, secrets="ignore")
        for method in sorted(targets):
            errors = [
                i
                for i in contract.issues(dict(values), method, "response")
                if i.severity == "error"
            ]
            if errors:
                details = " ; ".join(f"{i.pointer}: {i.message}" for i in errors)
                scope = "" if len(targets) == 1 else ' (narrow the rule with "method")'
                raise self.fail(where, f"not a valid {method} answer{scope}: {details}")

    def note_unapplied(
        self,
        values: Mapping[str, Any],
        targets: frozenset[str],
        where: str,
        rest_client_config: Mapping[str, Any] | None,
    ) -> None:
        """WCS ignores an overridden field unless restClientConfig lets it through: say so."""
        for method in sorted(targets):
            policy = policy_for(rest_client_config, method)
            ignored = sorted(name for name in values if not policy.applies(name))
            if ignored and method != "connect":
                self.notes.append(
                    f"{where}: WCS ignores {', '.join(ignored)} in {method} answers unless"
                    f' restClientConfig has {method}: {{"restPolicy": "OVERWRITE",'
                    f' "restOverwrite": "{",".join(ignored)}"}}'
                )

    def rest_client_config(self, raw: Any) -> dict[str, Any] | None:
        if raw is None:
            return None
        where = "restClientConfig"
        entries = _without_comments(raw)
        for name in entries:
            if self.catalogue.find(name) is None:
                raise self.fail(f"{where}.{name}", unknown_name_message(name, self.known))
        for error in _rest_client_config_validator().iter_errors(entries):
            at = ".".join(str(p) for p in (where, *error.instance_path))
            raise self.fail(at, _schema_message(error))
        return entries

    def auth(self, auth: dict[str, Any]) -> BasicAuth:
        user = auth["user"]
        password = self.credential(auth, "password", "passwordEnv", "auth.")
        if password is None:
            raise self.fail("auth", 'set "passwordEnv" (an environment variable) or "password"')
        return BasicAuth(user, password)

    def credential(self, raw: Mapping[str, Any], key: str, env_key: str, prefix: str) -> str | None:
        """A secret given inline or, better, by the name of an environment variable."""
        if key in raw and env_key in raw:
            raise self.fail(f"{prefix}{key}", f'give either "{key}" or "{env_key}", not both')
        if env_key in raw:
            name = raw[env_key]
            value = self.env.get(name)
            if not value:
                raise self.fail(
                    f"{prefix}{env_key}", f"environment variable {name} is not set or empty"
                )
            return value
        inline: str | None = raw.get(key)
        return inline


def _request_fields(methods: frozenset[str]) -> frozenset[str]:
    """The top-level fields any request variant of these methods declares."""
    from wcs_contract.validator import direction_validator

    return frozenset(
        name
        for method in methods
        for variant in direction_validator(method, "request").choice.variants
        for name in variant.node.get("properties", {})
    )


def _listed(methods: frozenset[str]) -> str:
    names = sorted(methods)
    return ", ".join(names) if len(names) <= 3 else f"{', '.join(names[:3])}, ..."


def _rest_client_config_validator() -> Any:
    import jsonschema_rs

    from wcs_contract.documents import load

    return jsonschema_rs.validator_for(load("restClientConfig.json"))


def _schema_message(error: Any) -> str:
    import jsonschema_rs

    kind = error.kind
    if isinstance(kind, jsonschema_rs.ValidationErrorKind.Enum):
        options = ", ".join(str(o) for o in kind.options)
        return f"{orjson.dumps(error.instance).decode()} is not allowed (expected one of {options})"
    if isinstance(kind, jsonschema_rs.ValidationErrorKind.AdditionalProperties):
        allowed = "clientExclude, restExclude, restOnError, restPolicy, restOverwrite"
        return f"unknown member(s) {', '.join(kind.unexpected)} (expected {allowed})"
    return str(error.message)


# --- the schema: checks and documentation ----------------------------------------------------


@cache
def config_schema() -> dict[str, Any]:
    """The JSON Schema of the config file."""
    loaded: dict[str, Any] = orjson.loads(SCHEMA_FILE.read_bytes())
    return loaded


@cache
def _validator() -> Any:
    import jsonschema_rs

    return jsonschema_rs.validator_for(config_schema())


def _without_comments(raw: Mapping[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in raw.items() if k != COMMENT}


def _default(member: str, definition: str | None = None) -> Any:
    schema = config_schema()
    node = schema["$defs"][definition] if definition else schema
    return node["properties"][member]["default"]


def _where(path: Sequence[str | int]) -> str:
    """`deny[0].match.name` for the instance path ["deny", 0, "match", "name"]."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _explain(error: Any) -> tuple[str, str]:
    """(where, message) for a schema error, in the words of the schema's `x-expected`. A string
    that was given is never echoed: it may be a credential."""
    import jsonschema_rs

    schema_path = list(error.schema_path)
    keyword = schema_path[-1] if schema_path else ""
    node: Any = config_schema()
    for part in schema_path[:-1]:
        node = node[part]
    where = _where(list(error.instance_path))
    kind = error.kind
    if isinstance(kind, jsonschema_rs.ValidationErrorKind.AdditionalProperties):
        keys = [k for k in node["properties"] if k != COMMENT]
        unknown = kind.unexpected[0]
        close = difflib.get_close_matches(unknown, keys, n=1, cutoff=0.6)
        hint = f"did you mean {close[0]!r}? " if close else ""
        return where, f"unknown member {unknown!r} ({hint}expected {', '.join(keys)})"
    if isinstance(kind, jsonschema_rs.ValidationErrorKind.Required):
        return where, f'missing member "{kind.property}"'
    if f"x-message-{keyword}" in node:
        return where, str(node[f"x-message-{keyword}"])
    instance = error.instance
    if "propertyNames" in schema_path:
        import re

        names = instance if isinstance(instance, dict) else {instance: None}
        name = next((n for n in names if not re.fullmatch(node["pattern"], n)), "")
        return f"{where}.{name}", f"expected {node['x-expected']}"
    message = f"expected {node['x-expected']}"
    if keyword in ("type", "anyOf"):
        return where, f"{message}, found {json_type(instance)}"
    if isinstance(instance, int | float) and not isinstance(instance, bool):
        return where, f"{message}, found {orjson.dumps(instance).decode()}"
    return where, message


def reference(width: int = 100) -> str:
    """Every member of the config file with its type, default and description, from the schema:
    the text of `serve --help` and of the README."""
    import textwrap

    schema = config_schema()
    lines = [f"{schema['description']}:"]

    def kind(node: Mapping[str, Any]) -> str:
        if "$ref" in node:
            return str(schema["$defs"][node["$ref"].rsplit("/", 1)[1]].get("title", "object"))
        if "anyOf" in node:
            return " or ".join(kind(n) for n in node["anyOf"])
        if node.get("type") == "array":
            items = node.get("items", {})
            return f"array of {kind(items) if '$ref' in items else kind(items) + 's'}"
        if node.get("type") == "object":
            return "object"
        return str(node.get("type", "any"))

    def member(name: str, node: Mapping[str, Any], indent: int) -> None:
        target = node
        if "$ref" in node:
            target = schema["$defs"][node["$ref"].rsplit("/", 1)[1]]
        items = target.get("items", {})
        if "$ref" in items:
            target = schema["$defs"][items["$ref"].rsplit("/", 1)[1]]
        default = (
            f" (default {orjson.dumps(node['default']).decode()})" if "default" in node else ""
        )
        head = f"{' ' * indent}{name:<{22 - indent}} {kind(node)}{default}: "
        text = node.get("description", "")
        lines.extend(
            textwrap.wrap(
                head + text, width=width, subsequent_indent=" " * 24, break_on_hyphens=False
            )
        )
        if target is not node or node.get("type") == "object":
            for child, sub in target.get("properties", {}).items():
                if child != COMMENT:
                    member(child, sub, indent + 2)

    for name, node in schema["properties"].items():
        if name != COMMENT:
            member(name, node, 2)
    return "\n".join(lines)
