"""Defects real backends were seen to have: `wcs-contract test` fails each one with the default
--max-examples and any seed, naming the method and the check (issue 15)."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from starlette.responses import Response

from servers import (
    HookRequest,
    configures,
    crashes_on_nested_custom,
    decodes_chunk_by_chunk,
    echo,
    express_body_limit,
    findings,
    lets_unsigned_through,
    no_content_type,
    refusal,
    refuses_every_signature,
    renames_streams,
    run_quick,
    serve,
    signed_by,
    verifies_its_own_serialisation,
)
from wcs_contract.live.options import DEFAULT_MAX_EXAMPLES, Credentials

SEEDS = (1, 20261202)
METHODS = ("connect", "publishStream", "OnDataEvent", "hangup")


def _run(url: str, seed: int, **options: Any) -> Any:
    settings: dict[str, Any] = {
        "methods": METHODS,
        "max_examples": DEFAULT_MAX_EXAMPLES,
        "seed": seed,
    }
    settings.update(options)
    return run_quick(url, **settings)


def _failed_methods(result: Any, check: str) -> set[str]:
    return {row.name for row in result.rows if row.check_status(check) == "failed"}


@pytest.mark.parametrize("seed", SEEDS)
def test_a_500_on_nested_custom_is_found(seed: int) -> None:
    with serve(crashes_on_nested_custom) as served:
        result = _run(served.url, seed)
    assert result.exit_code == 1
    assert _failed_methods(result, "server_error") == {"connect", "publishStream"}
    finding = findings(result, "server_error")[0]
    assert "TypeError: custom values must be strings" in finding.message
    # the reproduction is shrunk: the connection ids and a custom holding one nested object
    smallest = min(findings(result, "server_error"), key=lambda f: f.size)
    assert smallest.size < 200, smallest.curl
    assert '"custom":{"' in smallest.curl


@pytest.mark.parametrize("seed", SEEDS)
def test_a_413_above_100_kB_is_found(seed: int) -> None:
    with serve(express_body_limit) as served:
        result = _run(served.url, seed)
    assert result.exit_code == 1
    # hangup has no free-form member: no large body, nothing to refuse
    assert _failed_methods(result, "status_code") == {"connect", "publishStream", "OnDataEvent"}
    finding = findings(result, "status_code")[0]
    assert finding.message.startswith("answered 413 ")
    assert "to a valid body of " in finding.message
    assert "express.json" in finding.message
    assert max(len(r.payload) for r in served.received) >= 256 * 1024
    # shrunk to just above the limit: the smallest body found that still gets the 413
    smallest = min(findings(result, "status_code"), key=lambda f: f.size)
    assert 100 * 1024 < smallest.size < 120 * 1024
    assert "to a valid body of 10" in smallest.message


@pytest.mark.parametrize("seed", SEEDS)
def test_utf8_decoded_chunk_by_chunk_is_found(seed: int) -> None:
    with serve(decodes_chunk_by_chunk) as served:
        result = _run(served.url, seed)
    assert result.exit_code == 1
    assert _failed_methods(result, "mirror") == {"connect", "publishStream", "OnDataEvent"}
    finding = findings(result, "mirror")[0]
    assert finding.message.startswith("garbles non-ASCII text at /")
    assert "\ufffd" in finding.message


def test_edge_bodies_come_first_and_are_valid() -> None:
    """Nested free-form members, text beyond the BMP, empty strings and boundary values are in
    the first cases of every method, whatever the seed; the large body is ≥ 256 kB."""
    from wcs_contract.catalogue import load_catalogue
    from wcs_contract.live.generation import edge_bodies, free_form_members
    from wcs_contract.validator import Contract

    contract = Contract(strict=True, secrets="ignore")
    for method in load_catalogue().methods:
        if "request" not in method.directions:
            continue
        edges = edge_bodies(method.name)
        labels = [e.label for e in edges]
        for edge in edges:
            assert not contract.issues(edge.body, method.name, "request"), (method.name, edge)
        rich = edges[0].body
        text = repr(rich)
        # only these three carry no text of their own beyond the connection ids
        no_text = method.name in ("subscribe", "sessionDebug", "SessionDebugStatusEvent")
        assert ("😀" in text) is not no_text, method.name
        for name in free_form_members(method.name):
            assert isinstance(rich.get(name), dict)
            assert isinstance(rich[name]["nested"], dict)
            assert isinstance(rich[name]["array"], list)
        if free_form_members(method.name):
            assert labels == ["nested, non-ASCII", "large", "empty, boundary"]
            size = len(json.dumps(edges[1].body, ensure_ascii=False).encode())
            assert size >= 256 * 1024
        else:
            assert labels == ["nested, non-ASCII", "empty, boundary"]


def test_the_first_five_cases_hold_the_edge_bodies() -> None:
    with serve(echo) as served:
        _run(served.url, 5, methods=("publishStream",), max_examples=5)
    sent = [r for r in served.received if r.method == "publishStream"]
    bodies = [r.body for r in sent]
    assert len(bodies) == 5
    assert isinstance(bodies[0]["custom"]["nested"], dict)
    assert len(sent[1].payload) >= 256 * 1024
    assert bodies[2]["sdp"] == ""


@pytest.mark.parametrize("seed", SEEDS)
def test_a_signature_over_a_re_serialisation_is_found(seed: int) -> None:
    with serve(verifies_its_own_serialisation("k3y")) as served:
        result = _run(served.url, seed, credentials=Credentials(secret="k3y"))
    assert result.exit_code == 1
    # every method gets non-ASCII text in its first case
    assert _failed_methods(result, "signature") == set(METHODS)
    finding = findings(result, "signature")[0]
    assert finding.message.startswith(
        "a correctly signed request with non-ASCII text was refused with 403 Forbidden"
    )
    assert "its own re-serialisation" in finding.message
    assert finding.occurrences >= 2


@pytest.mark.parametrize("seed", SEEDS)
def test_unsigned_requests_let_through_are_found(seed: int) -> None:
    with serve(lets_unsigned_through("k3y")) as served:
        result = _run(served.url, seed, credentials=Credentials(secret="k3y"))
    assert result.exit_code == 1
    assert _failed_methods(result, "signature") == set(METHODS)
    (finding,) = {f.message for f in findings(result, "signature")}
    assert finding.startswith("a request without a signature was answered 200 OK")
    unsigned = [r for r in served.received if "authorization" not in r.headers]
    assert sorted(r.method for r in unsigned) == sorted(METHODS)  # one per method


def test_a_refusal_by_rule_of_a_signed_request_is_not_a_signature_failure() -> None:
    """A backend that checks signatures properly and refuses some content (a deny rule) passes
    the signature check: the refusal does not speak of the signature, and the escaped resend is
    refused too."""

    def deny_non_ascii_names(request: HookRequest) -> Response:
        if not signed_by(request, "k3y"):
            return refusal(403, "bad signature")
        body = request.body
        if isinstance(body, dict) and not str(body.get("name", "")).isascii():
            return refusal(403, "stream name not allowed")
        return echo(request)

    with serve(deny_non_ascii_names) as served:
        result = _run(
            served.url, 1, methods=("publishStream",), credentials=Credentials(secret="k3y")
        )
    assert result.exit_code == 0, [f.message for f in findings(result, "signature")]
    (row,) = result.methods
    assert row.check_status("signature") == "passed"


@pytest.mark.parametrize("seed", SEEDS)
def test_rest_overwrite_naming_no_field_of_the_method_is_found(seed: int) -> None:
    config = {"publishStream": {"restPolicy": "OVERWRITE", "restOverwrite": "nmae"}}
    with serve(configures(config, {"name": "renamed"})) as served:
        result = _run(served.url, seed, methods=("connect", "publishStream"))
    assert result.exit_code == 1
    assert _failed_methods(result, "rest_client_config") == {"connect"}
    (failure,) = findings(result, "rest_client_config")
    assert failure.message.startswith(
        "/restClientConfig/publishStream/restOverwrite: 'nmae' is not a field of publishStream;"
        " did you mean 'name'?"
    )
    assert failure.occurrences == DEFAULT_MAX_EXAMPLES
    # the property cases are judged under that restClientConfig: the reason is the right one
    (warning,) = findings(result, "mirror", "warning")
    assert warning.message.endswith(
        "but WCS ignores the change: restOverwrite for publishStream does not list it"
    )


def test_a_misspelt_method_key_gets_did_you_mean() -> None:
    config = {"publishStrem": {"restPolicy": "NOTIFY"}, "playStream": {"restExclude": "sdp,sdpp"}}
    with serve(configures(config)) as served:
        result = _run(served.url, 1, methods=("connect",), max_examples=2)
    messages = sorted({f.message for f in findings(result, "rest_client_config")})
    assert messages == [
        "/restClientConfig/playStream/restExclude: 'sdpp' is not a field of playStream; did you"
        " mean 'sdp'? WCS finds no such field, so the entry does nothing for it",
        "/restClientConfig: unknown method 'publishStrem'; did you mean 'publishStream' or"
        " 'unPublishStream' or 'pauseStream'? (`wcs-contract methods` lists them): WCS ignores"
        " this entry, so the method keeps the defaults",
    ]


def test_property_cases_are_sent_and_judged_under_the_session_config() -> None:
    """restOverwrite allows the change, restExclude removes fields, DISABLE stops a method:
    whether connect is tested or only asked for the session's configuration."""
    config = {
        "publishStream": {"restPolicy": "OVERWRITE", "restOverwrite": "name", "restExclude": "sdp"},
        "StreamKeepAliveEvent": {"restPolicy": "DISABLE"},
    }
    for methods in (("connect", "publishStream", "StreamKeepAliveEvent"), ("publishStream",)):
        with serve(configures(config, {"name": "renamed"})) as served:
            result = _run(served.url, 3, methods=methods, max_examples=5)
        assert result.exit_code == 0, [f.message for r in result.rows for f in r.findings]
        assert not result.warning_count
        published = [r.body for r in served.received if r.method == "publishStream"]
        assert len(published) == 5
        assert all("sdp" not in body for body in published)
        assert "StreamKeepAliveEvent" not in served.methods()
        if "StreamKeepAliveEvent" in methods:
            (keep_alive,) = [r for r in result.methods if r.method == "StreamKeepAliveEvent"]
            assert keep_alive.cases == 0
            assert "disables it (restPolicy DISABLE)" in keep_alive.notes[0]


def test_one_root_cause_is_one_finding_listing_the_methods(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from wcs_contract.catalogue import load_catalogue
    from wcs_contract.cli import main

    with serve(no_content_type) as served:
        code = main(["test", served.url, "--max-examples", "2", "--no-flows", "--quiet"])
    out = capsys.readouterr().out
    assert code == 1
    count = len(load_catalogue().methods)
    failures = out.split("FAILURES\n", 1)[1].split("\n\n", 1)[0].splitlines()
    assert len(failures) == 2, failures  # one finding and its curl line
    assert failures[0].startswith(f"  {count} methods (connect, ConnectionStatusEvent,")
    assert (
        f"and {count - 4} more) · json_object: Content-Type is missing, expected application/json"
        in (failures[0])
    )
    assert failures[1].startswith("    curl -sS -i -X POST")
    assert re.search(rf"^FAILED: {count} failures", out, re.M)  # one per method in the tally


def test_warnings_carry_a_curl_line_and_mirror_values(capsys: pytest.CaptureFixture[str]) -> None:
    from wcs_contract.cli import main

    with serve(renames_streams) as served:
        args = ["test", served.url, "--methods", "publishStream,playStream", "--no-flows"]
        code = main([*args, "--max-examples", "3", "--quiet"])
    out = capsys.readouterr().out
    assert code == 0
    warnings = out.split("WARNINGS\n", 1)[1].split("\n\n", 1)[0].splitlines()
    assert len(warnings) == 2, warnings
    assert warnings[0].startswith("  2 methods (publishStream, playStream) · mirror: changes /name")
    assert ' to "renamed", but WCS ignores the change' in warnings[0]
    assert warnings[1].startswith("    curl -sS -i -X POST")


def test_the_json_result_lists_each_root_cause_once(capsys: pytest.CaptureFixture[str]) -> None:
    from wcs_contract.cli import main

    with serve(no_content_type) as served:
        args = ["test", served.url, "--methods", "connect,publishStream,hangup", "--no-flows"]
        code = main([*args, "--max-examples", "2", "--quiet", "--format", "json"])
    assert code == 1
    result = json.loads(capsys.readouterr().out)
    (group,) = result["findings"]
    assert group["check"] == "json_object"
    assert sorted(group["methods"]) == ["connect", "hangup", "publishStream"]
    assert group["occurrences"] == 6
    assert group["curl"].startswith("curl ")


def test_validate_names_a_misspelt_method_in_a_rest_client_config_file(
    tmp_path: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    from wcs_contract.cli import main

    config = tmp_path / "rcc.json"
    config.write_text('{"publishStrem": {"restPolicy": "NOTIFY"}}')
    body = tmp_path / "connect.json"
    body.write_text('{"method": "connect", "direction": "request", "body": {}}')
    with pytest.raises(SystemExit) as exit_info:
        main(["validate", "--rest-client-config", str(config), str(body)])
    assert exit_info.value.code == 2
    assert "unknown method 'publishStrem'; did you mean 'publishStream'" in capsys.readouterr().err


@pytest.mark.parametrize("seed", SEEDS)
def test_a_backend_refusing_every_signature_is_found(seed: int) -> None:
    with serve(refuses_every_signature("k3y")) as served:
        result = _run(served.url, seed, credentials=Credentials(secret="k3y"))
    assert result.exit_code == 1
    assert _failed_methods(result, "signature") == set(METHODS)
    messages = {f.message.split(" (")[0] for f in findings(result, "signature")}
    assert messages == {"every correctly signed request"}


def test_the_reference_server_with_deny_rules_and_a_secret_passes_signature() -> None:
    """Refusals by rule of correctly signed hooks (every OnDataEvent here) are the backend's
    right: the refusal does not speak of the signature and differs from a forged hook's."""
    from wcs_contract.live.report import render_text
    from wcs_contract.server.runner import running_server

    config = {
        "secret": "s3cret",
        "deny": [
            {"method": "OnDataEvent", "status": 403, "reason": "data is closed"},
            {"method": "publishStream", "match": {"name": "stream1"}, "reason": "taken"},
        ],
    }
    with running_server(config) as base:
        result = _run(
            f"{base}/EchoApp",
            7,
            credentials=Credentials(secret="s3cret"),
            expect_refusal=("OnDataEvent",),  # refused by rule: declared, so not "unexercised"
        )
    assert result.passed, render_text(result)
    assert not result.warning_count, render_text(result)
    for method in result.methods:
        assert method.check_status("signature") == "passed"
