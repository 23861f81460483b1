"""pytest plugin: `pytest --wcs-url URL` tests a live REST hook backend inside a test suite.

With `--wcs-url`, one test item per hook method (`wcs-contract::publishStream`) and per flow
(`wcs-contract::flow_stream`) is added to the session; the first of them to run tests all the
selected ones at once (concurrently, as `wcs-contract test` does) and each item reports its own
part. The fixture `wcs_contract_runner` runs the tester from a test, e.g. against a server the
test started itself.

This module is loaded by every pytest run once the package is installed: it imports nothing
heavy at import time and does nothing unless `--wcs-url` is given.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from collections.abc import Iterable

    from _pytest._code.code import ExceptionInfo, TerminalRepr

    from wcs_contract.live.options import RunOptions
    from wcs_contract.live.results import FlowResult, MethodResult, RunResult

_RUN = pytest.StashKey[Any]()  # the shared run's RunResult, or the error that stopped it
FLOW_PREFIX = "flow_"


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("wcs-contract", "live tests of a WCS REST hook backend")
    group.addoption(
        "--wcs-url", metavar="URL", help="the backend's REST URL: adds wcs-contract tests"
    )
    group.addoption("--wcs-methods", metavar="M,...", action="append", help="only these methods")
    group.addoption(
        "--wcs-max-examples", type=int, default=20, metavar="N", help="cases per method"
    )
    group.addoption("--wcs-seed", type=int, metavar="N", help="repeat the cases of a former run")
    group.addoption(
        "--wcs-timeout", type=float, default=15.0, metavar="S", help="seconds per answer"
    )
    group.addoption("--wcs-negative", action="store_true", help="also send invalid bodies")
    group.addoption("--wcs-user", metavar="U", help="HTTP basic auth user")
    group.addoption("--wcs-password", metavar="P", help="HTTP basic auth password")
    group.addoption("--wcs-secret", metavar="KEY", help="sign requests as WCS does")
    group.addoption("--wcs-no-flows", action="store_true", help="skip the stateful flows")
    group.addoption("--wcs-workers", type=int, default=8, metavar="N", help="methods at once")
    group.addoption(
        "--wcs-exclude-methods", metavar="M,...", action="append", help="leave these methods out"
    )
    group.addoption(
        "--wcs-checks", metavar="C,...", action="append", help="only these checks judge"
    )
    group.addoption(
        "--wcs-exclude-checks", metavar="C,...", action="append", help="these checks do not judge"
    )
    group.addoption(
        "--wcs-header",
        metavar="'NAME: VALUE'",
        action="append",
        help="send this header with every request (repeatable); values are hidden in output",
    )
    group.addoption(
        "--wcs-expect-refusal",
        metavar="M,...",
        action="append",
        help="methods the backend rightly refuses every generated body of",
    )


def _options(config: pytest.Config, **overrides: Any) -> RunOptions:
    """RunOptions from the command line, with keyword overrides (the fixture's), made and checked
    by the code `wcs-contract test` uses: a wrong value is a usage error with the same words."""
    from wcs_contract.live.options import OptionsError, run_options

    settings: dict[str, Any] = {
        "url": config.getoption("wcs_url"),
        "methods": config.getoption("wcs_methods"),
        "exclude_methods": config.getoption("wcs_exclude_methods"),
        "checks": config.getoption("wcs_checks"),
        "exclude_checks": config.getoption("wcs_exclude_checks"),
        "headers": config.getoption("wcs_header"),
        "max_examples": config.getoption("wcs_max_examples"),
        "seed": config.getoption("wcs_seed"),
        "timeout": config.getoption("wcs_timeout"),
        "negative": config.getoption("wcs_negative"),
        "user": config.getoption("wcs_user"),
        "password": config.getoption("wcs_password"),
        "secret": config.getoption("wcs_secret"),
        "flows": not config.getoption("wcs_no_flows"),
        "workers": config.getoption("wcs_workers"),
        "expect_refusal": config.getoption("wcs_expect_refusal"),
    }
    if "credentials" in overrides:  # given whole, it replaces these four
        for name in ("user", "password", "secret", "headers"):
            del settings[name]
    settings.update(overrides)
    try:
        return run_options(**settings)
    except OptionsError as error:
        raise _usage_error(error) from None


# The options of `wcs-contract test` this plugin takes as --wcs-NAME.
_TEST_OPTIONS = frozenset(
    {
        "methods", "exclude-methods", "checks", "exclude-checks", "header", "max-examples",
        "seed", "timeout", "negative", "user", "password", "secret", "no-flows", "workers",
        "expect-refusal",
    }
)  # fmt: skip


def _usage_error(error: Exception) -> pytest.UsageError:
    """The error `wcs-contract test` gives for a wrong value, naming the options as they are
    spelled here (`--checks: unknown check` → `--wcs-checks: unknown check`)."""
    import re

    def spelled(option: re.Match[str]) -> str:
        return f"--wcs-{option[1]}" if option[1] in _TEST_OPTIONS else option[0]

    message = re.sub(r"(?<![\w-])--([a-z][a-z-]*)", spelled, str(error))
    return pytest.UsageError(f"wcs-contract: {message}")


def pytest_configure(config: pytest.Config) -> None:
    if config.getoption("wcs_url", None):
        config.addinivalue_line("markers", "wcs_contract: a live test of a WCS REST hook backend")


@pytest.hookimpl(tryfirst=True)  # before -k/-m deselection, so that they apply to these items
def pytest_collection_modifyitems(
    session: pytest.Session, config: pytest.Config, items: list[pytest.Item]
) -> None:
    if not config.getoption("wcs_url", None):
        return
    from importlib.util import find_spec

    missing = next((m for m in ("schemathesis", "requests") if find_spec(m) is None), None)
    if missing is not None:
        raise pytest.UsageError(
            f"wcs-contract: --wcs-url needs the optional dependency {missing!r}:"
            ' pip install "wcs-contract[test]"'
        )
    options = _options(config)
    from wcs_contract.catalogue import load_catalogue
    from wcs_contract.live.options import OptionsError
    from wcs_contract.live.runner import resolve_methods, select_flows

    try:
        catalogue = load_catalogue()
        methods = [
            m.name for m in resolve_methods(options.methods, catalogue, options.exclude_methods)
        ]
        flows = select_flows(options)  # the flows whose every method is selected
    except OptionsError as error:
        raise _usage_error(error) from None
    names = methods + [FLOW_PREFIX + f.name for f in flows]
    collector = WcsContractCollector.from_parent(
        session, name="wcs-contract", nodeid="wcs-contract"
    )
    live: list[pytest.Item | pytest.Collector] = [*collector.items(names)]
    # Reported like any collector's result, so that "collected N items" counts them.
    report = pytest.CollectReport(collector.nodeid, "passed", None, live)
    config.hook.pytest_collectreport(report=report)
    items.extend(i for i in live if isinstance(i, pytest.Item))


class WcsContractFailure(Exception):
    """A method or flow that failed a check; the message is its findings."""


class WcsContractCollector(pytest.Collector):
    """The parent of the live items (they come from no file)."""

    def items(self, names: Iterable[str]) -> list[WcsContractItem]:
        return [WcsContractItem.from_parent(self, name=name) for name in names]

    def collect(self) -> list[pytest.Item]:
        return []


class WcsContractItem(pytest.Item):
    """One hook method, or one flow, of the shared live run."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.add_marker("wcs_contract")

    def runtest(self) -> None:
        from wcs_contract.live.report import render_row

        row = self._row(_shared_run(self.session))
        if row.warnings or row.notes:
            self.add_report_section("call", "wcs-contract", render_row(row))
        if row.failures:
            raise WcsContractFailure(render_row(row))

    def _row(self, result: RunResult) -> MethodResult | FlowResult:
        from wcs_contract.live.results import FlowResult

        for row in result.rows:
            name = FLOW_PREFIX + row.flow if isinstance(row, FlowResult) else row.method
            if name == self.name:
                return row
        raise LookupError(f"wcs-contract: {self.name} was not part of the run")

    def repr_failure(
        self, excinfo: ExceptionInfo[BaseException], style: Any = None
    ) -> str | TerminalRepr:
        if isinstance(excinfo.value, WcsContractFailure | _CannotRunError):
            return str(excinfo.value)
        return super().repr_failure(excinfo, style=style)

    def reportinfo(self) -> tuple[Any, int | None, str]:
        return self.path, None, f"wcs-contract: {self.name}"


class _CannotRunError(Exception):
    """The shared run could not start (e.g. the URL is unreachable)."""


def _shared_run(session: pytest.Session) -> RunResult:
    """Run every selected live item's method and flow once, on first use."""
    stash = session.config.stash
    if _RUN not in stash:
        from wcs_contract.live.results import CannotRun
        from wcs_contract.live.runner import run

        selected = [i.name for i in session.items if isinstance(i, WcsContractItem)]
        methods = tuple(n for n in selected if not n.startswith(FLOW_PREFIX))
        flows = tuple(n[len(FLOW_PREFIX) :] for n in selected if n.startswith(FLOW_PREFIX))
        try:
            options = _options(
                session.config,
                methods=methods,
                property_tests=bool(methods),
                flows=bool(flows),
                flow_names=flows,
            )
            stash[_RUN] = run(options)
        except CannotRun as error:
            stash[_RUN] = _CannotRunError(f"wcs-contract: {error}")
    outcome = stash[_RUN]
    if isinstance(outcome, _CannotRunError):
        raise outcome
    result: RunResult = outcome
    return result


class WcsContractRunner:
    """The live tester for a test: `wcs_contract_runner.run(url=..., methods="connect")`.

    Options not given come from the command line (`--wcs-*`); the URL from `url=` or
    `--wcs-url`, else the test is skipped.
    """

    def __init__(self, config: pytest.Config) -> None:
        self.config = config

    def options(self, **overrides: Any) -> RunOptions:
        if not (overrides.get("url") or self.config.getoption("wcs_url")):
            pytest.skip("no backend to test: pass url= or run pytest with --wcs-url URL")
        return _options(self.config, **overrides)

    def run(self, **overrides: Any) -> RunResult:
        """Run the tester; RunResult (`.passed`, `.rows`, ...). Render it with `summary`."""
        from wcs_contract.live.runner import run

        return run(self.options(**overrides))

    @staticmethod
    def summary(result: RunResult) -> str:
        from wcs_contract.live.report import render_text

        return render_text(result)


@pytest.fixture
def wcs_contract_runner(request: pytest.FixtureRequest) -> WcsContractRunner:
    """Runs `wcs-contract test` from a test and returns its RunResult."""
    return WcsContractRunner(request.config)
