"""The pytest plugin: `pytest --wcs-url URL` items, the fixture, and staying idle without it."""

from __future__ import annotations

import subprocess
import sys
from importlib.metadata import entry_points

import pytest
from starlette.responses import Response

from servers import HookRequest, echo, serve
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


def test_a_broken_method_fails_its_item_with_findings_and_curl(pytester: pytest.Pytester) -> None:
    with serve(_broken) as served:
        result = _run(
            pytester,
            "--wcs-url", served.url,
            "--wcs-methods", "connect,publishStream",
            "--wcs-max-examples", "2",
            "--wcs-no-flows",
        )  # fmt: skip
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
        """
    )
    result = _run(pytester, "-rs")
    result.assert_outcomes(passed=1, skipped=1)
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
