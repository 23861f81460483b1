"""`run(options)`: property tests of every hook, then the flows, against a live backend.

Methods run concurrently on a thread pool (the network waits overlap; generation, which is
CPU-bound, is serialised in `generation`). A method stops sending at its first request that got
no HTTP answer, so a hanging or crashing server costs one timeout per method, not one per case.
"""

from __future__ import annotations

import random
import socket
import threading
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from time import perf_counter
from typing import TYPE_CHECKING, Any, Protocol
from urllib.parse import urlsplit

from wcs_contract.live.checks import Verdict, judge, judge_negative, judge_signature
from wcs_contract.live.options import OptionsError, RunOptions
from wcs_contract.live.results import (
    CannotRun,
    Finding,
    FlowResult,
    MethodResult,
    RunResult,
    Tally,
)

if TYPE_CHECKING:
    from wcs_contract.catalogue import Catalogue, Method
    from wcs_contract.live.flows import Flow
    from wcs_contract.live.generation import HookCase, Operation
    from wcs_contract.live.transport import Exchange, HookClient
    from wcs_contract.validator import Contract

WRONG_KEY = "wcs-contract-wrong-key"  # signs the deliberately mis-signed request
BASE_CHECKS = (
    "connection",
    "timeout",
    "server_error",
    "status_code",
    "json_object",
    "response_schema",
    "mirror",
)


class Progress(Protocol):
    """Told about each method and flow as it completes (always from the calling thread)."""

    def start(self, methods: int, flows: int) -> None: ...

    def advance(self, row: MethodResult | FlowResult) -> None: ...

    def finish(self) -> None: ...


@dataclass
class RunContext:
    """What every method and flow task shares."""

    options: RunOptions
    seed: int
    catalogue: Catalogue
    contract: Contract
    client: HookClient
    operations: dict[str, Operation] = field(default_factory=dict)
    cancelled: threading.Event = field(default_factory=threading.Event)  # set on Ctrl-C

    @property
    def flow_checks(self) -> tuple[str, ...]:
        checks = (*BASE_CHECKS, "rest_client_config", "refusal_body")
        return tuple(c for c in checks if self.options.selects_check(c))

    def checks_for(self, method: Method) -> tuple[str, ...]:
        return tuple(c for c in self._all_checks_for(method) if self.options.selects_check(c))

    def _all_checks_for(self, method: Method) -> tuple[str, ...]:
        checks = list(BASE_CHECKS)
        if method.kind == "connect":
            checks.append("rest_client_config")
        checks.append("refusal_body")
        if self.options.credentials.secret is not None:
            checks.append("signature")
        if self.options.negative:
            checks.append("negative")
        return tuple(checks)

    def case_for(self, method: str, body: Any) -> HookCase:
        from wcs_contract.live.generation import example_case

        return example_case(self.operations[method], body)


def record(tally: Tally, exchange: Exchange | None, verdict: Verdict, context: RunContext) -> None:
    """Count one request and keep its findings, one per distinct message with a count."""
    redact = context.options.credentials.redact
    # --checks / --exclude-checks: the findings of checks left out do not count.
    selects = context.options.selects_check
    observations = [o for o in verdict.observations if selects(o.check)]
    if exchange is not None:
        tally.cases += 1
        if any(o.severity == "failure" for o in observations):
            tally.failed += 1
        else:
            tally.passed += 1
        tally.slowest_ms = max(tally.slowest_ms, round(exchange.elapsed * 1000, 1))
    tally.evaluated |= {c for c in verdict.evaluated if selects(c)}
    for observation in observations:
        message = redact(observation.message)
        for index, known in enumerate(tally.findings):
            if (known.check, known.severity, known.message) == (
                observation.check,
                observation.severity,
                message,
            ):
                tally.findings[index] = known.counted(1)
                break
        else:
            curl = redact(exchange.curl) if exchange is not None else ""
            tally.findings.append(Finding(observation.check, observation.severity, message, curl))


def resolve_methods(
    names: Iterable[str], catalogue: Catalogue, exclude: Iterable[str] = ()
) -> list[Method]:
    """The methods asked for, in catalogue order, without those excluded; every hook when none
    is named."""
    from wcs_contract.catalogue import UnknownMethodError

    def resolved(option: str, given: Iterable[str]) -> set[str]:
        found: set[str] = set()
        for name in given:
            try:
                found.add(catalogue.get(name).name)
            except UnknownMethodError as error:
                raise OptionsError(f"{option}: {error}") from None
        return found

    wanted, unwanted = resolved("--methods", names), resolved("--exclude-methods", exclude)
    return [
        m
        for m in catalogue.methods
        if "request" in m.directions and (not wanted or m.name in wanted) and m.name not in unwanted
    ]


def check_reachable(url: str, timeout: float) -> None:
    """A TCP connection to the URL's host and port, or CannotRun saying why not."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    port = parts.port or (443 if parts.scheme == "https" else 80)
    try:
        with socket.create_connection((host, port), timeout=min(timeout, 5.0)):
            pass
    except socket.gaierror as error:
        raise CannotRun(f"cannot reach {url}: unknown host {host!r} ({error.strerror})") from None
    except ConnectionRefusedError:
        raise CannotRun(
            f"cannot reach {url}: connection refused by {host}:{port} (is the backend running?)"
        ) from None
    except TimeoutError:
        raise CannotRun(
            f"cannot reach {url}: no TCP connection to {host}:{port} within {min(timeout, 5.0):g} s"
        ) from None
    except OSError as error:
        raise CannotRun(f"cannot reach {url}: {error.strerror or error}") from None


def select_flows(options: RunOptions) -> list[Flow]:
    """The flows to run: none without `flows`, else those named; when none is named, the flows
    whose every method is selected (by --methods and --exclude-methods)."""
    from wcs_contract.catalogue import load_catalogue
    from wcs_contract.live.flows import FLOWS

    unknown = set(options.flow_names) - {f.name for f in FLOWS}
    if unknown:
        known = ", ".join(f.name for f in FLOWS)
        raise OptionsError(f"unknown flow {sorted(unknown)[0]!r} (expected one of {known})")
    if not options.flows:
        return []
    if options.flow_names:
        return [f for f in FLOWS if f.name in options.flow_names]
    selected = {
        m.name for m in resolve_methods(options.methods, load_catalogue(), options.exclude_methods)
    }
    return [f for f in FLOWS if {step.method for step in f.steps} <= selected]


def _golden_body(method: str) -> dict[str, Any] | None:
    from wcs_contract.live.flows import Step, example_body

    try:
        return example_body(Step(method))
    except LookupError:
        return None


def _send_all(
    result: MethodResult,
    cases: list[HookCase],
    context: RunContext,
    negative: bool,
) -> bool:
    """Send the cases in order; True when one got no HTTP answer (the rest are not sent)."""
    method = context.catalogue.get(result.method)
    timeout = context.options.timeout
    for index, case in enumerate(cases):
        if context.cancelled.is_set():
            return True
        exchange = context.client.send(case, case.body)
        if negative:
            verdict = judge_negative(exchange, timeout)
        else:
            verdict = judge(exchange, method, context.contract, timeout=timeout)
        record(result, exchange, verdict, context)
        if exchange.error is not None:
            kind = "negative" if negative else "positive"
            result.notes.append(
                f"stopped {kind} cases after the first request without an answer"
                f" ({index + 1} of {len(cases)} sent)"
            )
            return True
    return False


def check_method(method: Method, context: RunContext) -> MethodResult:
    """Property tests of one hook: positive cases, then negative ones, then the signature probe."""
    from wcs_contract.live.generation import GenerationFailed, generate

    result = MethodResult(method=method.name, checks=context.checks_for(method))
    operation = context.operations[method.name]
    options = context.options
    first_body: Any = None
    for negative in (False, True) if options.negative else (False,):
        try:
            cases = generate(
                operation, negative=negative, max_examples=options.max_examples, seed=context.seed
            )
        except GenerationFailed as error:
            verdict = Verdict()
            verdict.fail("self_check", f"schemathesis could not generate requests: {error}")
            record(result, None, verdict, context)
            continue
        if not negative and cases:
            first_body = cases[0].body
        if _send_all(result, cases, context, negative) and not negative:
            return result  # the server stopped answering: more requests would only wait
    if options.credentials.secret is not None:
        body = _golden_body(method.name)
        _probe_signature(result, body if body is not None else first_body, context)
    return result


def _probe_signature(result: MethodResult, body: Any, context: RunContext) -> None:
    """Send one request signed with the wrong key: the backend must refuse it with 403."""
    from wcs_contract.live.transport import encode_body
    from wcs_contract.signing import sign

    secret = context.options.credentials.secret
    key = WRONG_KEY if secret != WRONG_KEY else WRONG_KEY + "-2"
    case = context.case_for(result.method, body)
    exchange = context.client.send(case, body, authorization=sign(encode_body(body), key))
    record(result, exchange, judge_signature(exchange, context.options.timeout), context)


def _null_progress() -> Progress:
    class Silent:
        def start(self, methods: int, flows: int) -> None:
            pass

        def advance(self, row: MethodResult | FlowResult) -> None:
            pass

        def finish(self) -> None:
            pass

    return Silent()


def _load_what_a_run_uses() -> None:
    """Import now what the run would otherwise import halfway through.

    Hypothesis also draws constants found in the source of the local (non-test) modules loaded
    so far, so a module first loaded mid-run — by whichever thread gets there first — would
    change the cases a seed gives. Loaded up front, the same command repeats the same requests.
    """
    import requests  # noqa: F401 - imported for its side effect on sys.modules

    from wcs_contract import signing  # noqa: F401
    from wcs_contract.examples import all_examples
    from wcs_contract.live import checks, flows, progress, report, transport  # noqa: F401

    all_examples()


def run(options: RunOptions, progress: Progress | None = None) -> RunResult:
    """Test the backend at `options.url`; CannotRun (exit 2) when it cannot start."""
    from wcs_contract.catalogue import load_catalogue
    from wcs_contract.live.flows import run_flow
    from wcs_contract.live.generation import operation
    from wcs_contract.live.transport import HookClient
    from wcs_contract.validator import Contract

    started = perf_counter()
    catalogue = load_catalogue()
    methods = (
        resolve_methods(options.methods, catalogue, options.exclude_methods)
        if options.property_tests
        else []
    )
    flows = select_flows(options)
    check_reachable(options.url, options.timeout)
    seed = options.seed if options.seed is not None else random.SystemRandom().randrange(2**31)
    context = RunContext(
        options=options,
        seed=seed,
        catalogue=catalogue,
        # Echoed credentials (sipPassword) are the request's, not the backend's doing.
        contract=Contract(strict=False, secrets="ignore"),
        client=HookClient(options.url, options.timeout, options.credentials),
    )
    needed = {m.name for m in methods} | {s.method for f in flows for s in f.steps}
    context.operations = {name: operation(name) for name in sorted(needed)}
    _load_what_a_run_uses()
    result = RunResult(
        url=options.url,
        seed=seed,
        max_examples=options.max_examples,
        timeout=options.timeout,
        negative=options.negative,
        signed=options.credentials.secret is not None,
    )
    progress = progress or _null_progress()
    progress.start(len(methods), len(flows))
    order = {m.name: i for i, m in enumerate(catalogue.methods)}
    try:
        with ThreadPoolExecutor(max_workers=options.workers, thread_name_prefix="wcs") as pool:
            try:
                method_futures = [pool.submit(check_method, m, context) for m in methods]
                for done in as_completed(method_futures):
                    result.methods.append(done.result())
                    progress.advance(result.methods[-1])
                # Flows after the property tests: a stateful backend sees whole sessions alone.
                flow_futures = [pool.submit(run_flow, f, context) for f in flows]
                for finished in as_completed(flow_futures):
                    result.flows.append(finished.result())
                    progress.advance(result.flows[-1])
            except BaseException:
                # Ctrl-C (or a bug): queued tasks are dropped, running ones stop after the
                # request they are waiting for, instead of sending every remaining case.
                context.cancelled.set()
                pool.shutdown(wait=False, cancel_futures=True)
                raise
    finally:
        context.client.close()
        progress.finish()
    result.methods.sort(key=lambda r: order[r.method])
    flow_order = {f.name: i for i, f in enumerate(flows)}
    result.flows.sort(key=lambda r: flow_order[r.flow])
    result.duration = perf_counter() - started
    return result
