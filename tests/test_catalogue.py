"""The catalogue agrees with the reference, with the schema files and with restClientConfig."""

from __future__ import annotations

from jsonschema import Draft202012Validator

from wcs_contract.catalogue import load_catalogue
from wcs_contract.documents import load
from wcs_contract.resources import schemas_dir

SEED = [
    "connect",
    "ConnectionStatusEvent",
    "RegistrationStatusEvent",
    "call",
    "OnCallEvent",
    "CallStatusEvent",
    "answer",
    "hangup",
    "hold",
    "unhold",
    "transfer",
    "OnTransferEvent",
    "TransferStatusEvent",
    "sendDTMF",
    "sendMessage",
    "OnMessageEvent",
    "MessageStatusEvent",
    "subscribe",
    "SubscriptionStatusEvent",
    "sendXcapRequest",
    "XcapStatusEvent",
    "publishStream",
    "unPublishStream",
    "playStream",
    "playHLS",
    "playRTSP",
    "stopStream",
    "StreamStatusEvent",
    "StreamKeepAliveEvent",
    "sendStreamEvent",
    "StreamEvent",
    "sendData",
    "OnDataEvent",
    "DataStatusEvent",
    "ErrorEvent",
    "sendBugReport",
    "BugReportStatusEvent",
]
WCS5 = [
    "sendDtmf",
    "submitBugReport",
    "pauseStream",
    "snapshot",
    "pushLogs",
    "sessionDebug",
    "SessionDebugStatusEvent",
    "sendIMDN",
    "ErrorStatusEvent",
]
# behaviour.md / methods.md "Method kinds"
KINDS = {
    "connect": {"connect"},
    "incoming": {"OnCallEvent", "OnMessageEvent", "OnTransferEvent"},
    "event": {
        "ConnectionStatusEvent",
        "RegistrationStatusEvent",
        "CallStatusEvent",
        "TransferStatusEvent",
        "MessageStatusEvent",
        "SubscriptionStatusEvent",
        "XcapStatusEvent",
        "StreamStatusEvent",
        "StreamKeepAliveEvent",
        "DataStatusEvent",
        "ErrorEvent",
        "BugReportStatusEvent",
        "StreamEvent",
    },
}
ALIASES = {
    "sendDTMF": ["sendDtmf"],
    "sendBugReport": ["submitBugReport"],
    "ErrorEvent": ["ErrorStatusEvent"],
}


def test_catalogue_has_its_shape() -> None:
    raw = load("catalogue.json")
    Draft202012Validator(load("catalogue.schema.json")).validate(raw)


def test_all_seed_names_and_wcs5_names() -> None:
    catalogue = load_catalogue()
    assert len(SEED) == 37
    for name in SEED + WCS5:
        assert catalogue.find(name) is not None, name
    for name, aliases in ALIASES.items():
        assert list(catalogue.get(name).aliases) == aliases


def test_kinds_as_the_reference_says() -> None:
    for method in load_catalogue().methods:
        expected = next((k for k, names in KINDS.items() if method.name in names), None)
        if method.name == "SessionDebugStatusEvent":
            expected = "event"
        assert method.kind == (expected or "direct"), method.name


def test_schema_files_and_catalogue_agree_both_ways() -> None:
    catalogue = load_catalogue()
    folders = {p.name for p in (schemas_dir() / "methods").iterdir() if p.is_dir()}
    assert folders == set(catalogue.names)
    for method in catalogue.methods:
        files = {p.stem for p in (schemas_dir() / "methods" / method.name).glob("*.json")}
        assert files == set(method.directions), method.name


def test_rest_client_config_keys_are_the_method_names() -> None:
    keys = load("restClientConfig.json")["propertyNames"]["enum"]
    catalogue = load_catalogue()
    assert set(keys) == {n for m in catalogue.methods for n in (m.name, *m.aliases)}


def test_frames_carry_the_catalogue_message_names() -> None:
    for method in load_catalogue().methods:
        if "client" not in method.directions:
            continue
        defs = load(f"methods/{method.name}/client.json")["$defs"]
        frames = [d for d in defs.values() if "message" in d.get("properties", {})]
        assert len(frames) == 1, method.name
        assert frames[0]["properties"]["message"]["enum"] == list(method.client_messages)


def test_lookup_by_alias_and_message() -> None:
    catalogue = load_catalogue()
    assert catalogue.get("sendDtmf").name == "sendDTMF"
    assert catalogue.for_client_message("connection").name == "connect"  # type: ignore[union-attr]
    assert catalogue.find("conect") is None


def test_server_and_positional_messages_agree_with_the_client_messages() -> None:
    catalogue = load_catalogue()
    for method in catalogue.methods:
        assert set(method.server_messages) <= set(method.client_messages), method.name
    assert not catalogue.positional & set(catalogue.client_messages())
    assert not catalogue.positional & catalogue.keep_alive
    # a message two methods share must be told apart by which of them WCS sends
    shared: dict[str, list[str]] = {}
    for method in catalogue.methods:
        for message in method.client_messages:
            shared.setdefault(message, []).append(method.name)
    for message, names in shared.items():
        if len(names) > 1:
            sent = [n for n in names if message in catalogue.get(n).server_messages]
            assert len(sent) == 1, (message, names)
