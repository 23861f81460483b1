"""The pytest plugin: `pytest --wcs-url URL` items, the fixture, and staying idle without it."""

from __future__ import annotations

import subprocess
import sys
from importlib.metadata import entry_points

import pytest
from starlette.responses import Response

from servers import HookRequest, echo, refusal, serve
from wcs_contract.live.flows import FLOWS
from wcs_contract.server.runner import running_server

pytest_plugins = ["pytester"]
# Each test runs pytest in a subprocess (several seconds): out of `make test-fast`.
pytestmark = pytest.mark.slow

PLUGIN = "wcs_contract.live.pytest_plugin"
DATA_FLOW = tuple(dict.fromkeys(s.method for f in FLOWS if f.name == "data" for s in f.steps))
# The repository's own setting: a warning anywhere in the plugin would fail every test run.
INI = "[pytest]\nfilterwarnings = error\naddopts = -p no:cacheprovider --strict-markers\n"


def _plugin_args() -> list[str]:
    """`-p` the plugin unless the installed package already registers it as an entry point."""
    installed = any(ep.value == PLUGIN for ep in entry_points(group="pytest11"))
    return [] if installed else ["-p", PLUGIN]


def _run(pytester: pytest.Pytester, *args: str) -> pytest.RunResult:
    # A fresh process, as a user's suite runs: in-process, the installed plugin would be loaded a
    # second time and pytest would warn that wcs_contract cannot be assertion-rewritten.
    pytester.makeini(INI)
    return pytester.runpytest_subprocess(*_plugin_args(), *args)


def test_items_per_method_and_flow_pass_against_the_reference_server(
    pytester: pytest.Pytester,
) -> None:
    pytester.makepyfile(test_own="def test_own():\n    assert True\n")
    with running_server() as base:
        result = _run(
            pytester,
            "--wcs-url", f"{base}/EchoApp",
            "--wcs-methods", ",".join(DATA_FLOW),
            "--wcs-max-examples", "2",
            "-v",
        )  # fmt: skip
    # the user's test, the data flow's methods, and the one flow all of whose methods are chosen
    result.assert_outcomes(passed=1 + len(DATA_FLOW) + 1)
    result.stdout.fnmatch_lines(
        [
            "*wcs-contract::connect PASSED*",
            "*wcs-contract::OnDataEvent PASSED*",
            "*wcs-contract::flow_data PASSED*",
        ]
    )
    assert "flow_stream" not in result.stdout.str()


def _broken(request: HookRequest) -> Response:
    if request.method == "publishStream":
        return Response("boom", status_code=500)
    return echo(request)


# connect and publishStream, which _broken answers 500, two cases each, without flows
BROKEN_RUN = ("--wcs-methods", "connect,publishStream", "--wcs-max-examples", "2", "--wcs-no-flows")


def test_a_broken_method_fails_its_item_with_findings_and_curl(pytester: pytest.Pytester) -> None:
    with serve(_broken) as served:
        result = _run(pytester, "--wcs-url", served.url, *BROKEN_RUN)
    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines(
        [
            "*publishStream: 2 requests, FAILED (1 failure)*",
            "*publishStream · server_error: answered 500 Internal Server Error*",
            "*curl -sS -i -X POST*publishStream*",
        ]
    )


def test_deselecting_items_limits_what_is_sent(pytester: pytest.Pytester) -> None:
    with serve(echo) as served:
        result = _run(
            pytester,
            "--wcs-url", served.url,
            "--wcs-methods", ",".join((*DATA_FLOW, "publishStream")),
            "--wcs-max-examples", "1",
            "-k", "publishStream or flow_data",
        )  # fmt: skip
    result.assert_outcomes(passed=2, deselected=len(DATA_FLOW))
    assert "connect" in served.methods()  # the data flow starts with connect
    assert "publishStream" in served.methods()
    assert "StreamStatusEvent" not in served.methods()  # flow_stream was deselected
    # once for the session's restClientConfig (connect was deselected), once by the flow
    assert served.methods().count("connect") == 2


def test_an_unreachable_url_fails_the_items_with_a_message(pytester: pytest.Pytester) -> None:
    from servers import free_port_url

    result = _run(
        pytester, "--wcs-url", free_port_url(), "--wcs-methods", "connect", "--wcs-no-flows"
    )
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(
        ["*wcs-contract: cannot reach http://127.0.0.1:*connection refused*"]
    )


def test_an_unknown_method_is_a_usage_error(pytester: pytest.Pytester) -> None:
    result = _run(pytester, "--wcs-url", "http://127.0.0.1:9/EchoApp", "--wcs-methods", "conect")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["*unknown method 'conect'; did you mean 'connect'?*"])


# --- the options `wcs-contract test` has: --wcs-exclude-methods, --wcs-checks, ... ------------


@pytest.mark.parametrize(
    ("options", "passed"),
    [
        (["--wcs-exclude-methods", "publishStream"], 1),  # no item for it
        (["--wcs-exclude-checks", "server_error,status_code"], 2),
        (["--wcs-checks", "connection", "--wcs-checks", "mirror"], 2),  # repeatable
    ],
    ids=["exclude-methods", "exclude-checks", "checks"],
)
def test_methods_and_checks_left_out_do_not_fail_the_run(
    pytester: pytest.Pytester, options: list[str], passed: int
) -> None:
    """publishStream answers 500: without these options its item fails (see
    test_a_broken_method_fails_its_item_with_findings_and_curl)."""
    with serve(_broken) as served:
        result = _run(pytester, "--wcs-url", served.url, *BROKEN_RUN, "-v", *options)
    result.assert_outcomes(passed=passed)
    result.stdout.fnmatch_lines(["*wcs-contract::connect PASSED*"])
    if "--wcs-exclude-methods" in options:
        assert "publishStream" not in served.methods()
        assert "wcs-contract::publishStream" not in result.stdout.str()
    else:
        result.stdout.fnmatch_lines(["*wcs-contract::publishStream PASSED*"])


API_KEY = "hdr-secret-value-42"


def _keyed(request: HookRequest) -> Response:
    """Refuses a hook without the API key; answers publishStream 500 (a failure to report)."""
    if request.headers.get("x-api-key") != API_KEY:
        return refusal(403, "no API key")
    return _broken(request)


def test_headers_are_sent_with_every_request_and_never_shown(pytester: pytest.Pytester) -> None:
    arguments = [*BROKEN_RUN, "-v"]
    with serve(_keyed) as served:
        without = _run(pytester, "--wcs-url", served.url, *arguments)
        headers = ["--wcs-header", f"X-Api-Key: {API_KEY}", "--wcs-header", "X-Tenant: t1"]
        sent = len(served.received)
        result = _run(pytester, "--wcs-url", served.url, *arguments, *headers)
    # every request refused without the key: neither method was exercised
    without.assert_outcomes(failed=2)
    without.stdout.fnmatch_lines(["*connect · exercised: every valid request*"])
    result.assert_outcomes(passed=1, failed=1)  # connect accepted; publishStream's 500 reported
    result.stdout.fnmatch_lines(["*wcs-contract::connect PASSED*"])
    for request in served.received[sent:]:
        assert (request.headers["x-api-key"], request.headers["x-tenant"]) == (API_KEY, "t1")
    shown = result.stdout.str() + result.stderr.str()
    assert "-H 'X-Api-Key: ***'" in shown  # the curl line of publishStream's failure
    assert API_KEY not in shown


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--wcs-checks", "mirorr"], "--wcs-checks: unknown check 'mirorr'"),
        (["--wcs-exclude-checks", "speed"], "--wcs-exclude-checks: unknown check 'speed'"),
        (["--wcs-exclude-methods", "conect"], "--wcs-exclude-methods: unknown method 'conect'"),
        (["--wcs-header", "X-Key zq9secret"], "--wcs-header: expected NAME: VALUE"),
        (["--wcs-header", "Host: h"], "--wcs-header Host: the tester sets it"),
    ],
    ids=["checks", "exclude-checks", "exclude-methods", "header-form", "header-fixed"],
)
def test_a_wrong_option_value_is_a_usage_error(
    pytester: pytest.Pytester, options: list[str], message: str
) -> None:
    """The words of `wcs-contract test` (test_live_options.py), with the options spelled as
    here; nothing is sent."""
    with serve(echo) as served:
        result = _run(pytester, "--wcs-url", served.url, *options)
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines([f"ERROR: wcs-contract: {message}*"])
    output = result.stdout.str() + result.stderr.str()
    assert "Traceback" not in output
    assert "zq9secret" not in output  # a malformed header's value may be a secret
    assert served.received == []


def test_the_fixture_runs_the_tester_from_a_test(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        test_backend="""
        from wcs_contract.server.runner import running_server

        def test_backend(wcs_contract_runner):
            with running_server() as base:
                result = wcs_contract_runner.run(
                    url=base + "/EchoApp", methods="connect", max_examples=2, flows=False
                )
            assert result.passed, wcs_contract_runner.summary(result)
            assert [m.method for m in result.methods] == ["connect"]

        def test_skips_without_a_url(wcs_contract_runner):
            wcs_contract_runner.run()

        def test_credentials_given_whole_replace_the_command_line(wcs_contract_runner):
            from wcs_contract.live.options import Credentials

            given = Credentials(secret="k")  # with --wcs-user, a usage error: it replaces it
            options = wcs_contract_runner.options(url="http://127.0.0.1:9/A", credentials=given)
            assert options.credentials is given
            own = wcs_contract_runner.options(url="http://127.0.0.1:9/A").credentials
            assert (own.user, own.headers) == ("hook-user", (("X-Tenant", "t1"),))
        """
    )
    credentials = [
        "--wcs-header",
        "X-Tenant: t1",
        "--wcs-user",
        "hook-user",
        "--wcs-password",
        "pw-42",
    ]
    result = _run(pytester, "-rs", *credentials)
    result.assert_outcomes(passed=2, skipped=1)
    result.stdout.fnmatch_lines(["*no backend to test: pass url= or run pytest with --wcs-url*"])


def test_without_wcs_url_the_plugin_adds_nothing(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(test_own="def test_own():\n    assert True\n")
    result = _run(pytester, "-v")
    result.assert_outcomes(passed=1)
    result.stdout.fnmatch_lines(["collecting ... collected 1 item"])
    assert "wcs-contract::" not in result.stdout.str()


def test_the_plugin_module_imports_nothing_heavy() -> None:
    heavy = ("schemathesis", "hypothesis", "requests", "jsonschema", "rich", "starlette",
             "uvicorn", "pydantic", "httpx", "orjson", "jsonschema_rs")  # fmt: skip
    code = f"import sys, {PLUGIN}\nprint(sorted(m for m in {heavy!r} if m in sys.modules))"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]"
