"""Everyday options of `wcs-contract test`: choosing methods and checks, extra headers, flows
that follow --methods, and several reports in one run."""

from __future__ import annotations

import json
from pathlib import Path
from xml.etree import ElementTree

import pytest
from starlette.responses import Response

from servers import HookRequest, echo, serve
from wcs_contract.catalogue import load_catalogue
from wcs_contract.cli import main
from wcs_contract.cli import test as cli_test
from wcs_contract.live.flows import FLOWS
from wcs_contract.live.options import (
    Credentials,
    OptionsError,
    RunOptions,
    parse_header,
    run_options,
)
from wcs_contract.live.runner import resolve_methods, select_flows

URL = "http://127.0.0.1:9/App"
QUICK = ["--max-examples", "2", "--seed", "3", "--quiet"]


@pytest.fixture(autouse=True)
def _hypothesis_home_untouched(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cli_test, "_hypothesis_home", lambda: None)


def flow_methods(name: str) -> tuple[str, ...]:
    flow = next(f for f in FLOWS if f.name == name)
    return tuple(dict.fromkeys(s.method for s in flow.steps))


def _crash_publish(request: HookRequest) -> Response:
    if request.method == "publishStream":
        return Response("boom", status_code=500)
    return echo(request)


# --- flows follow --methods ----------------------------------------------------------------


def test_a_flow_runs_only_when_all_its_methods_are_selected() -> None:
    assert [f.name for f in select_flows(RunOptions(url=URL))] == [f.name for f in FLOWS]
    assert select_flows(RunOptions(url=URL, methods=("connect",))) == []
    stream = flow_methods("stream")
    assert [f.name for f in select_flows(RunOptions(url=URL, methods=stream))] == ["stream"]
    missing_one = stream[:-1]
    assert select_flows(RunOptions(url=URL, methods=missing_one)) == []
    every_but = RunOptions(url=URL, exclude_methods=(stream[-1],))
    assert "stream" not in [f.name for f in select_flows(every_but)]
    # a flow named explicitly (the pytest plugin's items) runs whatever --methods says
    named = RunOptions(url=URL, methods=("connect",), flow_names=("data",))
    assert [f.name for f in select_flows(named)] == ["data"]


def test_flows_of_the_selected_methods_run_from_the_command_line(
    capsys: pytest.CaptureFixture[str],
) -> None:
    methods = ",".join(flow_methods("call"))
    with serve(echo) as served:
        code = main(["test", served.url, "--methods", methods, "--format", "json", *QUICK])
    assert code == 0
    assert [f["flow"] for f in json.loads(capsys.readouterr().out)["flows"]] == ["call"]


# --- --exclude-methods ---------------------------------------------------------------------


def test_excluded_methods_are_never_sent(capsys: pytest.CaptureFixture[str]) -> None:
    catalogue = load_catalogue()
    names = [m.name for m in resolve_methods(["connect", "sendDtmf"], catalogue, ["sendDTMF"])]
    assert names == ["connect"]
    with pytest.raises(OptionsError, match=r"--exclude-methods: unknown method 'conect'"):
        resolve_methods([], catalogue, ["conect"])
    with serve(echo) as served:
        code = main(
            [
                "test",
                served.url,
                "--methods",
                "connect,publishStream,playStream",
                "--exclude-methods",
                "publishStream",
                *QUICK,
            ]
        )
    assert code == 0
    assert set(served.methods()) == {"connect", "playStream"}
    capsys.readouterr()


# --- --checks / --exclude-checks -----------------------------------------------------------


def test_checks_left_out_do_not_judge(capsys: pytest.CaptureFixture[str]) -> None:
    base = ["--methods", "connect,publishStream", "--no-flows", "--format", "json", *QUICK]
    with serve(_crash_publish) as served:
        assert main(["test", served.url, *base]) == 1
        capsys.readouterr()
        code = main(["test", served.url, *base, "--exclude-checks", "server_error,status_code"])
        excluded = json.loads(capsys.readouterr().out)
        only = main(["test", served.url, *base, "--checks", "mirror"])
        chosen = json.loads(capsys.readouterr().out)
    assert code == 0, excluded
    publish = excluded["methods"][1]
    assert "server_error" not in publish["checks"]
    assert publish["failed"] == 0
    assert only == 0, chosen
    assert set(chosen["methods"][0]["checks"]) == {"mirror"}


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--checks", "mirorr"], "--checks: unknown check 'mirorr'"),
        (["--exclude-checks", "speed"], "--exclude-checks: unknown check 'speed'"),
        (["--exclude-methods", "conect"], "--exclude-methods: unknown method 'conect'"),
        (["--header", "X-Key zq9secret"], "--header: expected NAME: VALUE"),
        (["--header", "X-Kéy: v"], "--header: expected NAME: VALUE"),
        (["--header", "X-Key: ключ-zq9secret"], "--header X-Key: the value holds a character"),
        (["--header", "X-Key: a\x1bzq9secret"], "--header X-Key: the value holds a character"),
        (["--header", "Content-Type: text/plain"], "--header Content-Type: the tester sets it"),
        (
            ["--header", "Authorization: Bearer x", "--secret", "k"],
            "--header Authorization cannot be used with --secret",
        ),
        (["--report", "xml=out.xml"], "unknown report kind 'xml' (expected junit or json)"),
    ],
)
def test_option_mistakes_are_usage_errors(
    capsys: pytest.CaptureFixture[str], arguments: list[str], message: str
) -> None:
    with serve(echo) as served:
        with pytest.raises(SystemExit) as stopped:
            main(["test", served.url, *arguments, *QUICK])
        assert stopped.value.code == 2
        assert served.received == []
    err = capsys.readouterr().err
    assert message in err
    assert "zq9secret" not in err  # a malformed header's value may be a secret


# --- --header ------------------------------------------------------------------------------


def test_headers_are_sent_with_every_request_and_never_shown(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    assert parse_header("X-Api-Key:  k-123 ") == ("X-Api-Key", "k-123")
    secret = "hdr-secret-value-42"
    report = tmp_path / "r.json"
    arguments = ["--methods", "connect,publishStream", "--no-flows", *QUICK]
    arguments += ["--header", f"X-Api-Key: {secret}", "--header", "X-Tenant: t1"]
    with serve(_crash_publish) as served:
        code = main(["test", served.url, *arguments, "--report", f"json={report}"])
    out, err = capsys.readouterr()
    assert code == 1
    assert served.received
    for request in served.received:
        headers = {k.lower(): v for k, v in request.headers.items()}
        assert headers["x-api-key"] == secret
        assert headers["x-tenant"] == "t1"
    shown = out + err + report.read_text()
    assert secret not in shown
    assert "-H 'X-Api-Key: ***'" in out


# --- one reading of the option values for `test` and the pytest plugin -------------------


@pytest.mark.parametrize("flows", [[], ["--no-flows"]])
def test_a_selection_that_leaves_nothing_to_test_is_a_usage_error(
    flows: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    with serve(echo) as served, pytest.raises(SystemExit) as exit_info:
        main(["test", served.url, "--methods", "connect", "--exclude-methods", "connect", *flows])
    assert exit_info.value.code == 2  # not a pass in 0 requests
    assert "nothing to test" in capsys.readouterr().err
    assert served.received == []


def test_run_options_reads_option_values_as_test_and_the_plugin_take_them() -> None:
    options = run_options(
        URL,
        methods="connect, publishStream",
        exclude_methods=["playStream", "call,hangup"],  # a repeated option
        checks=["mirror"],
        headers=["X-Api-Key: k-1", "X-Tenant: t1"],
        user="u",
        password="p",
        max_response_size="4K",
        max_examples=3,
    )
    assert options.methods == ("connect", "publishStream")
    assert options.exclude_methods == ("playStream", "call", "hangup")
    assert options.checks == ("mirror",)
    assert options.credentials.headers == (("X-Api-Key", "k-1"), ("X-Tenant", "t1"))
    assert options.credentials.basic is not None
    assert (options.max_response_size, options.max_examples) == (4096, 3)
    given = Credentials(secret="k")
    assert run_options(URL, credentials=given).credentials is given
    with pytest.raises(TypeError, match="not both"):
        run_options(URL, credentials=given, user="u")
    with pytest.raises(OptionsError, match="--max-response-size"):
        run_options(URL, max_response_size="lots")


# --- several reports -----------------------------------------------------------------------


def test_reports_of_both_kinds_repeatable_in_one_run(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    paths = [tmp_path / "a.xml", tmp_path / "b" / "c.xml", tmp_path / "d.json", tmp_path / "e.json"]
    arguments = ["--methods", "connect,publishStream", "--no-flows", *QUICK]
    for path in paths:
        arguments += ["--report", f"{'junit' if path.suffix == '.xml' else 'json'}={path}"]
    with serve(_crash_publish) as served:
        code = main(["test", served.url, *arguments, "--format", "json"])
    out = capsys.readouterr().out
    assert code == 1
    for junit in paths[:2]:
        suite = ElementTree.parse(junit).getroot().find("testsuite")
        assert suite is not None
        assert suite.get("failures") == "1"
    assert json.loads(paths[2].read_text()) == json.loads(out)
    assert paths[2].read_text() == paths[3].read_text()
