"""Reading a restClientConfig: how WCS treats one method for the rest of a session (behaviour.md).

The validator, the live tester and the reference server all ask the same questions of it — which
fields are excluded, may a field be overwritten, is the method sent at all — so they ask here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from wcs_contract.catalogue import load_catalogue, unknown_name_message


def field_names(value: Any) -> frozenset[str]:
    """The names in a comma-separated field list (`"sdp, custom"`); anything else names none."""
    if not isinstance(value, str):
        return frozenset()
    return frozenset(part.strip() for part in value.split(",") if part.strip())


@dataclass(frozen=True)
class Policy:
    """One method's entry, with WCS's defaults for whatever it leaves out."""

    rest_policy: str = "NOTIFY"
    overwrite: frozenset[str] = frozenset()
    rest_exclude: frozenset[str] = frozenset()
    client_exclude: frozenset[str] = frozenset()

    @property
    def disabled(self) -> bool:
        """DISABLE (DISABLED in WCS 4 and early 5): WCS does not send the method at all."""
        return self.rest_policy in ("DISABLE", "DISABLED")

    def applies(self, name: str) -> bool:
        """Whether WCS takes the web server's value of field `name` in an answer."""
        return self.rest_policy == "OVERWRITE" and name in self.overwrite

    def excluded(self, direction: str) -> frozenset[str]:
        """The fields WCS strips from what goes in `direction` (`request` or `client`)."""
        if direction == "request":
            return self.rest_exclude
        if direction == "client":
            return self.client_exclude
        return frozenset()


def entry_for(rest_client_config: Mapping[str, Any] | None, method: str) -> Mapping[str, Any]:
    """The raw entry for `method` (a wire name); its keys may be aliases. `{}` when absent."""
    if not isinstance(rest_client_config, Mapping):
        return {}
    catalogue = load_catalogue()
    for name, entry in rest_client_config.items():
        found = catalogue.find(name)
        if found is not None and found.name == method and isinstance(entry, Mapping):
            return entry
    return {}


def policy_for(rest_client_config: Mapping[str, Any] | None, method: str) -> Policy:
    """The policy a restClientConfig sets for `method` (a wire name)."""
    entry = entry_for(rest_client_config, method)
    if not entry:
        return Policy()
    policy = entry.get("restPolicy")
    return Policy(
        rest_policy=policy if isinstance(policy, str) else "NOTIFY",
        overwrite=field_names(entry.get("restOverwrite")),
        rest_exclude=field_names(entry.get("restExclude")),
        client_exclude=field_names(entry.get("clientExclude")),
    )


def unknown_methods(rest_client_config: Mapping[str, Any]) -> dict[str, str]:
    """The keys that name no method (WCS ignores their entries), each with a message that says
    so and suggests the method probably meant ("did you mean ...")."""
    catalogue = load_catalogue()
    known = [name for m in catalogue.methods for name in (m.name, *m.aliases)]
    return {
        key: unknown_name_message(key, known)
        for key in rest_client_config
        if catalogue.find(key) is None
    }
