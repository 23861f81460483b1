"""The reference server's configuration file: deny rules, overrides, restClientConfig, credentials.

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
from pathlib import Path
from typing import Any

import orjson

from wcs_contract.catalogue import load_catalogue, unknown_name_message
from wcs_contract.json_types import json_type
from wcs_contract.rest_client_config import policy_for

# The connection parameters: WCS never lets a web server change them (behaviour.md, mirror rule).
CONNECTION_FIELDS = frozenset({"nodeId", "sessionId", "appKey"})
COMMENT = "$comment"  # accepted and ignored in every object of the file, for documentation

TOP_LEVEL_KEYS = (
    "deny",
    "override",
    "restClientConfig",
    "auth",
    "secret",
    "secretEnv",
    "strict",
    "maxBodySize",
)
RULE_KEYS = ("method", "match", "unless", "status", "reason")
OVERRIDE_KEYS = ("method", "match", "unless", "set")
AUTH_KEYS = ("user", "password", "passwordEnv")


DEFAULT_MAX_BODY_SIZE = 1 << 20  # 1 MiB: a hook body is a few hundred bytes


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
        data = Path(path).read_bytes()
    except OSError as error:
        raise ConfigError(f"{source}: cannot read the config file: {error.strerror}") from None
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

    def object(self, raw: Any, where: str, keys: Sequence[str]) -> dict[str, Any]:
        if not isinstance(raw, dict):
            raise self.fail(where, f"expected a JSON object, found {json_type(raw)}")
        for key in raw:
            if key != COMMENT and key not in keys:
                close = difflib.get_close_matches(key, keys, n=1, cutoff=0.6)
                hint = f"did you mean {close[0]!r}? " if close else ""
                allowed = ", ".join(keys)
                raise self.fail(where, f"unknown member {key!r} ({hint}expected {allowed})")
        return {k: v for k, v in raw.items() if k != COMMENT}

    def config(self, raw: Any) -> ServerConfig:
        top = self.object(raw, "", TOP_LEVEL_KEYS)
        deny = tuple(
            self.deny_rule(rule, f"deny[{i}]") for i, rule in enumerate(self.array(top, "deny"))
        )
        rest_client_config = self.rest_client_config(top.get("restClientConfig"))
        override = tuple(
            self.override(rule, f"override[{i}]", rest_client_config)
            for i, rule in enumerate(self.array(top, "override"))
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
        strict = top.get("strict", False)
        if not isinstance(strict, bool):
            raise self.fail("strict", f"expected true or false, found {json_type(strict)}")
        max_body_size = top.get("maxBodySize", DEFAULT_MAX_BODY_SIZE)
        if (
            isinstance(max_body_size, bool)
            or not isinstance(max_body_size, int)
            or max_body_size < 1
        ):
            raise self.fail(
                "maxBodySize", f"expected a number of bytes (1 or more), found {max_body_size!r}"
            )
        return ServerConfig(
            max_body_size=max_body_size,
            deny=deny,
            override=override,
            rest_client_config=rest_client_config,
            auth=auth,
            secret=secret,
            strict=strict,
            notes=tuple(self.notes),
        )

    def array(self, top: Mapping[str, Any], key: str) -> list[Any]:
        value = top.get(key, [])
        if not isinstance(value, list):
            raise self.fail(key, f"expected a JSON array of rules, found {json_type(value)}")
        return value

    def methods(self, raw: Any, where: str) -> frozenset[str] | None:
        """Canonical method names from a name, an alias, a glob, or a list of them."""
        if raw is None:
            return None
        patterns = raw if isinstance(raw, list) else [raw]
        if not patterns or not all(isinstance(p, str) and p for p in patterns):
            raise self.fail(where, "expected a method name or glob, or a non-empty list of them")
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

    def field_match(self, raw: Any, where: str) -> FieldMatch:
        if raw is None:
            return FieldMatch()
        if not isinstance(raw, dict) or not raw:
            raise self.fail(where, 'expected an object of field -> glob, e.g. {"name": "test*"}')
        fields = []
        for name, globs in raw.items():
            listed = globs if isinstance(globs, list) else [globs]
            if not listed or not all(isinstance(g, str) for g in listed):
                raise self.fail(f"{where}.{name}", "expected a glob string or a list of them")
            path = tuple(name.split("."))
            if not all(path):
                raise self.fail(f"{where}.{name}", "a field path is names joined by single dots")
            fields.append((path, tuple(listed)))
        return FieldMatch(tuple(fields))

    def selector(self, rule: Mapping[str, Any], where: str) -> Selector:
        selector = Selector(
            methods=self.methods(rule.get("method"), f"{where}.method"),
            match=self.field_match(rule.get("match"), f"{where}.match"),
            unless=self.field_match(rule.get("unless"), f"{where}.unless"),
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

    def deny_rule(self, raw: Any, where: str) -> DenyRule:
        rule = self.object(raw, where, RULE_KEYS)
        if not any(k in rule for k in ("method", "match", "unless")):
            raise self.fail(
                where,
                'a rule needs "method", "match" or "unless"'
                ' (use "method": "*" to refuse every hook)',
            )
        status = rule.get("status", 403)
        if isinstance(status, bool) or not isinstance(status, int) or not 400 <= status <= 599:
            raise self.fail(f"{where}.status", f"expected an HTTP status 400-599, found {status!r}")
        reason = rule.get("reason", "Forbidden")
        if not isinstance(reason, str) or not reason:
            raise self.fail(f"{where}.reason", "expected a non-empty string")
        return DenyRule(self.selector(rule, where), status, reason)

    def override(
        self, raw: Any, where: str, rest_client_config: Mapping[str, Any] | None
    ) -> Override:
        rule = self.object(raw, where, OVERRIDE_KEYS)
        values = rule.get("set")
        if not isinstance(values, dict) or not values:
            raise self.fail(
                f"{where}.set", 'expected an object of field -> new value, e.g. {"name": "x"}'
            )
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
        if not isinstance(raw, dict):
            raise self.fail(
                where, f"expected a JSON object keyed by method name, found {json_type(raw)}"
            )
        for name in raw:
            if self.catalogue.find(name) is None:
                raise self.fail(f"{where}.{name}", unknown_name_message(name, self.known))
        for error in _rest_client_config_validator().iter_errors(raw):
            at = ".".join(str(p) for p in (where, *error.instance_path))
            raise self.fail(at, _schema_message(error))
        return raw

    def auth(self, raw: Any) -> BasicAuth:
        auth = self.object(raw, "auth", AUTH_KEYS)
        user = auth.get("user")
        if not isinstance(user, str) or not user or ":" in user:
            raise self.fail("auth.user", "expected a non-empty user name without ':'")
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
            if not isinstance(name, str) or not name:
                raise self.fail(
                    f"{prefix}{env_key}", "expected the name of an environment variable"
                )
            value = self.env.get(name)
            if not value:
                raise self.fail(
                    f"{prefix}{env_key}", f"environment variable {name} is not set or empty"
                )
            return value
        if key in raw:
            value = raw[key]
            if not isinstance(value, str) or not value:
                # The value itself is never echoed: it may be a real credential.
                raise self.fail(f"{prefix}{key}", "expected a non-empty string")
            return value
        return None


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
