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

from wcs_contract.live.checks import (
    Observation,
    Verdict,
    check_signed_refusal,
    judge,
    judge_negative,
    judge_signature,
)
from wcs_contract.live.options import OptionsError, RunOptions
from wcs_contract.live.results import (
    CannotRun,
    Finding,
    FlowResult,
    MethodResult,
    RunResult,
    Severity,
    Tally,
)

if TYPE_CHECKING:
    from wcs_contract.catalogue import Catalogue, Method
    from wcs_contract.live.flows import Flow
    from wcs_contract.live.generation import HookCase, Operation
    from wcs_contract.live.transport import Exchange, HookClient
    from wcs_contract.rest_client_config import Policy
    from wcs_contract.validator import Contract

WRONG_KEY = "wcs-contract-wrong-key"  # signs the deliberately mis-signed request
PER_ANSWER = 20  # findings kept from one answer; the rest are counted on one line
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
    expect_refusal: frozenset[str] = frozenset()  # wire names of --expect-refusal
    # What the backend's answer to connect configured: property cases are sent and judged
    # under it, as WCS would send them in that session.
    rest_client_config: dict[str, Any] | None = None
    shrunk_causes: set[tuple[str, str, str]] = field(default_factory=set)  # shrunk once a run
    shrink_lock: threading.Lock = field(default_factory=threading.Lock)

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
        checks.append("exercised")
        return tuple(checks)

    def case_for(self, method: str, body: Any) -> HookCase:
        from wcs_contract.live.generation import example_case

        return example_case(self.operations[method], body)


def record(tally: Tally, exchange: Exchange | None, verdict: Verdict, context: RunContext) -> None:
    """Count one request and keep its findings, one per root cause with a count; each finding
    keeps the smallest request that showed it as its reproduction."""
    clean = context.client.redactor.clean  # the one step before any report: see redaction.py
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
    size = len(exchange.payload) if exchange is not None else 0
    for observation in _bounded(observations):
        message = clean(observation.message)
        cause = (observation.check, observation.severity, clean(observation.cause))
        curl = clean(exchange.curl) if exchange is not None else ""
        for index, known in enumerate(tally.findings):
            if known.cause == cause:
                known = known.counted(1)
                if exchange is not None and size < known.size:
                    known = known.reproduced_by(message, curl, size)
                tally.findings[index] = known
                break
        else:
            tally.findings.append(
                Finding(
                    observation.check,
                    observation.severity,
                    message,
                    curl,
                    key=clean(observation.key),
                    size=size,
                )
            )


def _bounded(observations: list[Observation]) -> list[Observation]:
    """The first PER_ANSWER observations of one answer, and one line counting the rest."""
    if len(observations) <= PER_ANSWER:
        return observations
    rest = observations[PER_ANSWER:]
    severity: Severity = "failure" if any(o.severity == "failure" for o in rest) else "warning"
    checks = ", ".join(sorted({o.check for o in rest}))
    summary = f"... and {len(rest)} more findings ({checks}) in the same answer"
    return [*observations[:PER_ANSWER], Observation(rest[0].check, severity, summary)]


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


def resolve_names(names: Iterable[str], catalogue: Catalogue, option: str) -> frozenset[str]:
    """The wire names of methods named on the command line; OptionsError for an unknown one."""
    from wcs_contract.catalogue import UnknownMethodError

    try:
        return frozenset(catalogue.get(name).name for name in names)
    except UnknownMethodError as error:
        raise OptionsError(f"{option}: {error}") from None


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


def _session_policy(method: Method, context: RunContext) -> Policy:
    """How the restClientConfig connect returned treats `method` (connect itself: defaults)."""
    from wcs_contract.rest_client_config import Policy, policy_for

    if method.kind == "connect":
        return Policy()
    return policy_for(context.rest_client_config, method.name)


def _judged(
    case: HookCase, body: Any, method: Method, policy: Policy, context: RunContext
) -> tuple[Exchange, Verdict]:
    """Send one valid body and judge the answer with every check that applies."""
    exchange = context.client.send(case, body)
    verdict = judge(
        exchange, method, context.contract, timeout=context.options.timeout, policy=policy
    )
    if context.options.credentials.secret is not None and (exchange.status or 0) >= 400:
        _signed_refusal(case, exchange, verdict, context)
    return exchange, verdict


# Failures shrunk per method, and the checks whose failures are not shrunk: without an answer
# every attempt would wait for the timeout.
SHRUNK_PER_METHOD = 3
NOT_SHRUNK = frozenset({"connection", "timeout", "self_check"})
SMALL_ENOUGH = 400  # bytes: a body this small is left as it is
HYPOTHESIS_SHRINKS = 150  # requests Hypothesis' shrinker may send (it tries more, smaller steps)
SLOW_TO_SHRINK = 1.0  # seconds: a failure answered this slowly is not shrunk (each try waits)


def _send_all(
    result: MethodResult,
    cases: list[HookCase],
    context: RunContext,
    negative: bool,
    failing: dict[tuple[str, str, str], tuple[int, HookCase, Any]] | None = None,
    answers: list[tuple[int | None, bytes]] | None = None,
) -> bool:
    """Send the cases in order; True when one got no HTTP answer (the rest are not sent).

    `failing` gets, for each root cause of a failure, the smallest body that showed it;
    `answers` the status and body of every answer."""
    method = context.catalogue.get(result.method)
    timeout = context.options.timeout
    policy = _session_policy(method, context)
    for index, case in enumerate(cases):
        if context.cancelled.is_set():
            return True
        body = case.body
        if isinstance(body, dict) and policy.rest_exclude:
            # WCS strips restExclude fields before it sends the hook.
            body = {k: v for k, v in body.items() if k not in policy.rest_exclude}
        if negative:
            exchange = context.client.send(case, body)
            verdict = judge_negative(exchange, timeout)
        else:
            exchange, verdict = _judged(case, body, method, policy, context)
            if exchange.status == 200:
                result.accepted += 1
            elif 400 <= (exchange.status or 0) < 500:
                result.refused_with.append(exchange.status or 0)
        record(result, exchange, verdict, context)
        if answers is not None:
            answers.append((exchange.status, exchange.content))
        quick = exchange.error is None and exchange.elapsed < SLOW_TO_SHRINK
        if failing is not None and isinstance(body, dict) and quick:
            for seen in verdict.observations:
                cause = (seen.check, seen.severity, seen.cause)
                if seen.severity == "failure" and seen.check not in NOT_SHRUNK:
                    known = failing.get(cause)
                    if known is None or len(exchange.payload) < known[0]:
                        failing[cause] = (len(exchange.payload), case, body)
        if method.kind == "connect" and not negative and context.rest_client_config is None:
            context.rest_client_config = _returned_config(exchange)
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
    from wcs_contract.live.generation import GenerationFailed, edge_cases, generate

    result = MethodResult(
        method=method.name,
        checks=context.checks_for(method),
        expect_refusal=method.name in context.expect_refusal,
    )
    operation = context.operations[method.name]
    options = context.options
    if _session_policy(method, context).disabled:
        result.notes.append(
            "not sent: the restClientConfig connect returned disables it (restPolicy"
            f" {_session_policy(method, context).rest_policy}), so WCS never calls it"
        )
        return result
    first_body: Any = None
    answers: list[tuple[int | None, bytes]] = []  # to the correctly signed positive cases
    for negative in (False, True) if options.negative else (False,):
        # Positive cases open with the deterministic edge bodies (nested, non-ASCII, large,
        # empty and boundary values), so every seed reaches them within a few examples.
        edges = [] if negative else edge_cases(operation, _golden_body(method.name))
        cases = edges[: options.max_examples]
        try:
            if len(cases) < options.max_examples:
                cases += generate(
                    operation,
                    negative=negative,
                    max_examples=options.max_examples - len(cases),
                    seed=context.seed,
                )
        except GenerationFailed as error:
            verdict = Verdict()
            verdict.fail("self_check", f"schemathesis could not generate requests: {error}")
            record(result, None, verdict, context)
        if not negative and cases:
            first_body = cases[0].body
        failing: dict[tuple[str, str, str], tuple[int, HookCase, Any]] = {}
        stopped = _send_all(
            result,
            cases,
            context,
            negative,
            None if negative else failing,
            None if negative else answers,
        )
        if stopped and not negative:
            return result  # the server stopped answering: more requests would only wait
        generated = Generated(
            {id(c) for c in cases[len(edges) :]}, options.max_examples - len(edges)
        )
        _shrink_failures(result, failing, context, generated)
        if not negative:
            record(result, None, judge_exercised(result), context)
    if options.credentials.secret is not None:
        body = _golden_body(method.name)
        _probe_signature(result, body if body is not None else first_body, context, answers)
    return result


def judge_exercised(result: MethodResult) -> Verdict:
    """`exercised`: a method whose every valid request was refused was not tested."""
    verdict = Verdict()
    refused = len(result.refused_with)
    if result.accepted or not refused:
        if result.accepted and result.expect_refusal:
            verdict.evaluated.add("exercised")
            verdict.warn(
                "exercised",
                f"--expect-refusal names {result.method}, but {result.accepted} valid"
                f" request{'s were' if result.accepted != 1 else ' was'} accepted",
            )
        elif result.accepted:
            verdict.evaluated.add("exercised")
        return verdict  # no answer at all, or only 5xx: other checks failed already
    verdict.evaluated.add("exercised")
    statuses = ", ".join(str(s) for s in sorted(set(result.refused_with)))
    if result.expect_refusal:
        result.notes.append(
            f"every valid request was refused ({statuses}), as --expect-refusal declares:"
            " the answers to accepted requests were not tested"
        )
        return verdict
    verdict.fail(
        "exercised",
        f"every valid request ({refused}) was refused ({statuses}): the hook was not exercised,"
        " so no answer to an accepted request was checked; if the backend rightly refuses"
        f" these bodies (e.g. they lack a token it demands), pass --expect-refusal {result.method}",
    )
    return verdict


@dataclass(frozen=True)
class Generated:
    """Which cases schemathesis generated, and how many it was asked for (to replay them)."""

    ids: set[int]
    max_examples: int


def _shrink_failures(
    result: MethodResult,
    failing: dict[tuple[str, str, str], tuple[int, HookCase, Any]],
    context: RunContext,
    generated: Generated,
) -> None:
    """Shrink each failure's reproduction to a smaller body that fails the same way; the
    finding's curl line then sends that body. Each root cause is shrunk once per run."""
    shrunk = 0
    for cause, (size, case, body) in sorted(failing.items(), key=lambda item: -item[1][0]):
        if size <= SMALL_ENOUGH or shrunk >= SHRUNK_PER_METHOD or context.cancelled.is_set():
            continue
        with context.shrink_lock:
            if cause in context.shrunk_causes:
                continue
            context.shrunk_causes.add(cause)
        shrunk += 1
        _shrink_one(result, cause, size, case, body, context, generated)


def _shrink_one(
    result: MethodResult,
    cause: tuple[str, str, str],
    size: int,
    case: HookCase,
    body: dict[str, Any],
    context: RunContext,
    generated: Generated,
) -> None:
    """Hypothesis shrinks a generated case through schemathesis' strategy; the reducer of
    `shrinking` takes the edge bodies (Hypothesis does not shrink explicit examples), and any
    case Hypothesis could not replay."""
    from wcs_contract.live.generation import shrink_generated
    from wcs_contract.live.shrinking import Budget, shrink

    method = context.catalogue.get(result.method)
    policy = _session_policy(method, context)
    smallest: list[tuple[Exchange, Observation]] = []

    def fails(candidate: Any) -> bool:
        if not isinstance(candidate, dict):
            return False
        if policy.rest_exclude:
            candidate = {k: v for k, v in candidate.items() if k not in policy.rest_exclude}
        exchange, verdict = _judged(case, candidate, method, policy, context)
        for seen in verdict.observations:
            if (seen.check, seen.severity, seen.cause) == cause:
                smallest.append((exchange, seen))
                return True
        return False

    def valid(candidate: dict[str, Any]) -> bool:
        issues = context.contract.issues(
            candidate, method.name, "request", rest_client_config=context.rest_client_config
        )
        return not any(i.severity == "error" for i in issues)

    budget = Budget()
    replayed = id(case) in generated.ids and shrink_generated(
        context.operations[method.name],
        seed=context.seed,
        max_examples=generated.max_examples,
        target=case.body,
        fails=fails,
        requests=HYPOTHESIS_SHRINKS,
        seconds=budget.seconds,
    )
    keep = frozenset(("nodeId", "sessionId", "appKey"))
    if replayed and smallest:
        # Hypothesis shrinks values well but seldom drops optional members: the reducer
        # finishes from its smallest body.
        start = min(smallest, key=lambda found: len(found[0].payload))[0].sent
        if isinstance(start, dict):
            shrink(start, fails, valid, Budget(), keep=keep)
    elif not replayed:
        shrink(body, fails, valid, budget, keep=keep)
    if not smallest:
        return
    exchange, seen = min(smallest, key=lambda found: len(found[0].payload))
    clean = context.client.redactor.clean
    for index, finding in enumerate(result.findings):
        if finding.cause == (cause[0], cause[1], clean(cause[2])):
            result.findings[index] = finding.reproduced_by(
                clean(seen.message), clean(exchange.curl), len(exchange.payload)
            )
    result.notes.append(
        f"shrank the reproduction of a {cause[0]} failure from {size} to"
        f" {len(exchange.payload)} bytes"
    )


def _probe_signature(
    result: MethodResult,
    body: Any,
    context: RunContext,
    answers: list[tuple[int | None, bytes]],
) -> None:
    """Send one request signed with the wrong key and one not signed at all: the backend must
    refuse both with 403. When it also refused every correctly signed case with the very same
    answer, it cannot tell a right signature from a wrong one."""
    from wcs_contract.live.transport import encode_body
    from wcs_contract.signing import sign

    secret = context.options.credentials.secret
    key = WRONG_KEY if secret != WRONG_KEY else WRONG_KEY + "-2"
    case = context.case_for(result.method, body)
    exchange = context.client.send(case, body, authorization=sign(encode_body(body), key))
    verdict = judge_signature(exchange, context.options.timeout)
    wrong = (exchange.status, exchange.content)
    if (
        answers
        and exchange.status is not None
        and 400 <= exchange.status < 500
        and all(answer == wrong for answer in answers)
    ):
        verdict.fail(
            "signature",
            f"every correctly signed request ({len(answers)}) got the same refusal as a wrongly"
            f" signed one ({exchange.status} {exchange.excerpt!r}): the backend refuses every"
            " signature; compute HMAC-MD5 of the raw body bytes keyed with rest_hook_secret_key"
            " and compare its hex digest with `Authorization: WCS <hex>`",
            key="every signature refused",
        )
    record(result, exchange, verdict, context)
    if exchange.error is None:
        exchange = context.client.send(case, body, authorization=None)
        verdict = judge_signature(exchange, context.options.timeout, unsigned=True)
        record(result, exchange, verdict, context)


def _signed_refusal(
    case: HookCase, exchange: Exchange, verdict: Verdict, context: RunContext
) -> None:
    """A correctly signed case was refused: was it for its signature? A body with non-ASCII text
    is sent once more with that text \\u-escaped (the same JSON), to tell a backend that signs
    its own re-serialisation from one that refuses the content."""
    import json

    if not 400 <= (exchange.status or 0) < 500:
        return
    escaped = None
    if not exchange.payload.isascii() and isinstance(exchange.sent, dict):
        ascii_body = json.dumps(exchange.sent, separators=(",", ":")).encode()
        escaped = context.client.send(case, ascii_body)
    check_signed_refusal(exchange, verdict, escaped)


def _returned_config(exchange: Exchange) -> dict[str, Any] | None:
    """The restClientConfig in a 200 answer to connect (None: none, or not an object)."""
    from wcs_contract.answers import decode_body

    answer = decode_body(exchange.content) if exchange.status == 200 else None
    config = answer.get("restClientConfig") if isinstance(answer, dict) else None
    return config if isinstance(config, dict) and config else None


def session_config(context: RunContext) -> dict[str, Any] | None:
    """The restClientConfig the backend answers connect's example with (None: no usable one).

    WCS calls connect first and applies its answer's restClientConfig to every later hook of the
    session, so the property cases of the other methods are sent and judged under it. When
    connect is tested itself, its cases run first and the first answer's restClientConfig is
    taken instead (no extra request)."""
    body = _golden_body("connect")
    if body is None:
        return None
    return _returned_config(context.client.send(context.case_for("connect", body), body))


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
    from wcs_contract.live import (  # noqa: F401
        checks,
        flows,
        limits,
        progress,
        report,
        shrinking,
        transport,
    )

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
    expect_refusal = resolve_names(options.expect_refusal, catalogue, "--expect-refusal")
    flows = select_flows(options)
    if not methods and not flows:
        # A run that sends nothing cannot fail: a selection that leaves nothing is a mistake.
        raise OptionsError(
            "nothing to test: --methods and --exclude-methods leave no method"
            + (" and no flow" if options.flows else " (and --no-flows is given)")
        )
    check_reachable(options.url, options.timeout)
    seed = options.seed if options.seed is not None else random.SystemRandom().randrange(2**31)
    context = RunContext(
        options=options,
        seed=seed,
        catalogue=catalogue,
        # Echoed credentials (sipPassword) are the request's, not the backend's doing.
        contract=Contract(strict=False, secrets="ignore"),
        expect_refusal=expect_refusal,
        client=HookClient(
            options.url, options.timeout, options.credentials, options.max_response_size
        ),
    )
    needed = {m.name for m in methods} | {s.method for f in flows for s in f.steps}
    first = [m for m in methods if m.kind == "connect"]  # its answer configures the others
    if methods and not first:
        needed.add("connect")  # asked once for the session's restClientConfig
    context.operations = {name: operation(name) for name in sorted(needed)}
    _load_what_a_run_uses()
    if methods and not first:
        context.rest_client_config = session_config(context)
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
                for method in first:
                    result.methods.append(pool.submit(check_method, method, context).result())
                    progress.advance(result.methods[-1])
                method_futures = [
                    pool.submit(check_method, m, context) for m in methods if m not in first
                ]
                for done in as_completed(method_futures):
                    result.methods.append(done.result())
                    progress.advance(result.methods[-1])
                # Flows after the property tests: a stateful backend sees whole sessions alone.
                flow_futures = [pool.submit(run_flow, f, context) for f in flows]
                for finished in as_completed(flow_futures):
                    result.flows.append(finished.result())
                    progress.advance(result.flows[-1])
            except BaseException:
                # Ctrl-C (or a bug): queued tasks are dropped, running ones stop at once (their
                # exchanges are cut, not waited for up to --timeout), sending no further case.
                context.cancelled.set()
                context.client.abort()
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
