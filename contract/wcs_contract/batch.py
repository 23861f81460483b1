"""Validating captured traffic in bulk: inputs → Contract → reporter, on one or several cores.

A big JSON Lines file is cut into byte ranges aligned on line ends and checked by worker
processes; each worker returns only its counts and the issues it found, in input order.
"""

from __future__ import annotations

import os
import signal
import stat
import sys
import time
from collections import deque
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any

from wcs_contract import inputs
from wcs_contract.catalogue import UnknownMethodError
from wcs_contract.inputs.envelope import is_frame
from wcs_contract.issues import Issue
from wcs_contract.reporters import Reporter, Summary, Where
from wcs_contract.validator import Contract

if TYPE_CHECKING:
    from wcs_contract.contract_coverage import Coverage

# Below this size a JSONL file is checked in-process: starting workers costs more than it saves.
PARALLEL_MIN_BYTES = 16 * 1024 * 1024
RANGE_BYTES = 4 * 1024 * 1024  # the most bytes of a file one worker checks at a time
IN_FLIGHT_PER_JOB = 2  # ranges submitted ahead per worker: one being checked, one waiting


@dataclass(frozen=True)
class Options:
    strict: bool = False
    secrets: str = "warning"
    method: str | None = None
    direction: str | None = None
    rest_client_config: Mapping[str, Any] | None = None
    jobs: int = 1
    report_clean: bool = False  # the reporter wants clean payloads too (JUnit: a testcase each)
    coverage: bool = False  # count what every payload exercises of the contract (--coverage)


Progress = Callable[[int], None]  # told how many bytes of input were just checked
Emit = Callable[[Where, "list[Issue] | str"], None]  # told each problem found, in input order

# A problem as a worker sends it back: (line, column, locator, issues as plain tuples or the
# message of unreadable input). Plain tuples pickle about 5x faster than named tuples, whose
# unpickling calls a Python-level __new__ for every issue.
SentProblem = tuple[int, int, str, "list[tuple[Any, ...]] | str"]


@dataclass
class Outcome:
    """What a worker found in one stretch of input: counts, and the problems in input order."""

    summary: Summary = field(default_factory=Summary)
    problems: list[SentProblem] = field(default_factory=list)
    coverage: Coverage | None = None


def check_items(
    items: Iterable[inputs.Counted],
    contract: Contract,
    options: Options,
    on_problem: Emit,
    coverage: Coverage | None = None,
) -> Summary:
    """Validate every payload of an input; clean payloads cost a counter increment. Problems go
    to `on_problem` as they are found, so memory stays flat however long the input is. With a
    `coverage`, every payload is also counted in it."""
    summary = Summary()
    issues_of = contract.issues
    config = options.rest_client_config
    keep_alive = contract.catalogue.keep_alive
    for item in items:
        if isinstance(item, inputs.Clean):
            summary.payloads += item.payloads
            summary.valid += item.payloads
            continue
        if isinstance(item, inputs.Unreadable):
            summary.unreadable += 1
            on_problem(Where(item.source, item.line, item.column), item.message)
            continue
        assert isinstance(item, inputs.Payload)
        if coverage is not None:
            coverage.observe(item.method, item.direction, item.body, item.http_status)
        if item.method is None and is_frame(item.body):  # a frame whose message names no method
            if item.body["message"] in keep_alive:
                continue  # WCS's ping and the client's pong: not payloads
            found = contract.unrouted_frame_issues(item.body)
        else:
            try:
                found = issues_of(
                    item.body,
                    item.method or "",
                    item.direction or "",
                    rest_client_config=config,
                    http_status=item.http_status,
                )
            except (UnknownMethodError, ValueError) as error:
                found = [_routing_issue(item, str(error))]
        summary.payloads += 1
        if found or options.report_clean:
            on_problem(Where(item.source, item.line, 0, item.locator), found)
        for issue in found:
            if issue.severity == "error":
                summary.invalid += 1
                break
        else:
            summary.valid += 1
            summary.warnings += bool(found)
    return summary


def _screen(contract: Contract, options: Options) -> inputs.Screen | None:
    """Let the reader count clean payloads, unless each one must be reported or configured."""
    if options.report_clean or options.rest_client_config or options.coverage:
        return None
    return contract


def _routing_issue(item: inputs.Payload, message: str) -> Issue:
    keyword = "x-method" if "method" in message else "x-direction"
    return Issue("", keyword, message, method=item.method, direction=item.direction)


# Worker processes: one Contract each, made once by the pool initializer.
_WORKER: tuple[Contract, Options] | None = None


def _init_worker(options: Options, parent: int) -> None:
    global _WORKER
    _die_with(parent)
    _WORKER = (Contract(strict=options.strict, secrets=options.secrets), options)


def _die_with(parent: int) -> None:
    """On Linux, have the kernel kill this worker when the process that started it dies (a
    SIGKILL, the OOM killer): nothing else would end it, as it waits for ranges forever."""
    if sys.platform != "linux":
        return
    import ctypes

    try:
        ctypes.CDLL(None).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # it died before that was asked
        os._exit(1)


_PR_SET_PDEATHSIG = 1  # <linux/prctl.h>


def _check_range(path: str, start: int, end: int) -> tuple[Outcome, int]:
    """Check the lines of one byte range, numbered from 1; also return how many lines it holds,
    so that the caller can number them in the file without a serial counting pass first."""
    assert _WORKER is not None
    contract, options = _WORKER
    lines: list[int] = []
    items = inputs.read_jsonl_range(
        path,
        start,
        end,
        1,
        method=options.method,
        direction=options.direction,
        screen=_screen(contract, options),
        on_end=lines.append,
    )
    outcome = Outcome()

    def send(where: Where, problem: list[Issue] | str) -> None:
        sent = problem if isinstance(problem, str) else [tuple(issue) for issue in problem]
        outcome.problems.append((where.line, where.column, where.locator, sent))

    if options.coverage:
        from wcs_contract.contract_coverage import Coverage

        outcome.coverage = Coverage()
    outcome.summary = check_items(items, contract, options, send, outcome.coverage)
    return outcome, sum(lines)


def _parallel_jsonl(
    path: str,
    options: Options,
    total: Summary,
    emit: Emit,
    on_progress: Progress,
    coverage: Coverage | None = None,
) -> None:
    from concurrent.futures import ProcessPoolExecutor

    # Many short ranges: no core idles long at the end, and what one range sends back (all its
    # problems) stays small. Only a few are in flight at a time, so memory does not grow with
    # the file however fast the workers are and however slow the reporter.
    size = Path(path).stat().st_size
    parts = max(options.jobs * 16, 2, -(-size // RANGE_BYTES))
    ranges = inputs.split_ranges(path, parts)
    lines_before = 0
    new = tuple.__new__  # the named tuples back from plain ones, in C
    with ProcessPoolExecutor(
        options.jobs, initializer=_init_worker, initargs=(options, os.getpid())
    ) as pool:
        waiting = iter(ranges)
        in_flight = deque(
            pool.submit(_check_range, path, start, end)
            for start, end in islice(waiting, options.jobs * IN_FLIGHT_PER_JOB)
        )
        for start, end in ranges:
            outcome, lines = in_flight.popleft().result()  # in input order
            following = next(waiting, None)
            if following is not None:
                in_flight.append(pool.submit(_check_range, path, *following))
            total.add(outcome.summary)
            if coverage is not None and outcome.coverage is not None:
                coverage.merge(outcome.coverage)
            for line, column, locator, sent in outcome.problems:
                where = new(Where, (path, line + lines_before, column, locator))
                emit(where, sent if isinstance(sent, str) else [new(Issue, i) for i in sent])
            lines_before += lines
            on_progress(end - start)


def _is_big_jsonl(path: str) -> bool:
    if not path.lower().endswith((".jsonl", ".ndjson")):
        return False
    try:
        if Path(path).stat().st_size < PARALLEL_MIN_BYTES:
            return False
        with Path(path).open("rb") as stream:
            # UTF-16 is refused once, at line 1, by the serial reader; ranges would see garbage.
            return not stream.read(2).startswith(inputs.UTF16_BOMS)
    except OSError:
        return False


CAPTURE_SUFFIXES = (".json", ".jsonl", ".ndjson", ".har", ".log")


def expand_paths(paths: list[str], warn: Callable[[str], None] | None = None) -> list[str]:
    """Directories stand for the captures under them (by suffix, sorted); other paths stay as
    given, so a missing file is still reported where the user named it. A folder that cannot
    be listed stays in the list too, so that reading it reports why. FIFOs, devices and
    sockets are skipped, and `warn` told why: reading one may never end."""
    expanded: list[str] = []
    for path in paths:
        if path == "-":
            expanded.append(path)
            continue
        kind = _kind(path)
        if kind == "folder":
            found = _captures_under(path, warn)
            expanded += found or [path]  # an empty folder is reported, not silently skipped
        elif kind in ("file", "missing"):
            expanded.append(path)
        elif warn is not None:
            warn(_skipped(path, kind))
    return expanded


def _kind(path: str) -> str:
    try:
        mode = Path(path).stat().st_mode
    except OSError:
        return "missing"  # or unreadable: the reader says which
    if stat.S_ISDIR(mode):
        return "folder"
    if stat.S_ISREG(mode):
        return "file"
    if stat.S_ISFIFO(mode):
        return "FIFO"
    if stat.S_ISSOCK(mode):
        return "socket"
    return "device"


def _skipped(path: str, kind: str) -> str:
    return (
        f"{path}: a {kind}, not a regular file: skipped (reading it may never end);"
        f" to check what it sends, pipe it in: wcs-contract validate - < {path}"
    )


def _link_not_followed(path: str) -> str:
    return (
        f"{path}: a link to a folder, not followed: its captures were not checked;"
        f" name it on the command line to check them: wcs-contract validate {path}"
    )


def _captures_under(folder: str, warn: Callable[[str], None] | None) -> list[str]:
    found: list[str] = []
    unlisted: list[str] = []

    def refused(error: OSError) -> None:
        unlisted.append(str(error.filename or folder))

    for root, dirs, names in os.walk(folder, onerror=refused):
        dirs.sort()
        if warn is not None:
            for name in dirs:
                if (link := Path(root) / name).is_symlink():
                    warn(_link_not_followed(str(link)))
        for name in names:
            if Path(name).suffix.lower() not in CAPTURE_SUFFIXES:  # as inputs.read takes them
                continue
            path = str(Path(root) / name)
            kind = _kind(path)
            if kind in ("file", "missing"):
                found.append(path)
            elif warn is not None:
                warn(_skipped(path, kind))
    # A subfolder that cannot be listed is an input that cannot be read, never skipped silently.
    return sorted(found + [u for u in unlisted if u != folder or not found])


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def validate_paths(
    paths: list[str],
    reporter: Reporter,
    options: Options,
    on_progress: Progress | None = None,
    coverage: Coverage | None = None,
) -> Summary:
    """Check every path, feeding the reporter as results arrive; returns the totals. With
    `options.coverage`, what the payloads exercised is counted in `coverage`."""
    started = time.perf_counter()
    contract = Contract(strict=options.strict, secrets=options.secrets)
    total = Summary()
    progress = on_progress or (lambda _n: None)

    def emit(where: Where, problem: list[Issue] | str) -> None:
        if isinstance(problem, str):
            reporter.unreadable(where, problem)
        else:
            reporter.payload(where, problem)

    for path in paths:
        if options.jobs > 1 and _is_big_jsonl(path):
            _parallel_jsonl(path, options, total, emit, progress, coverage)
            continue
        items = inputs.read(
            path,
            method=options.method,
            direction=options.direction,
            screen=_screen(contract, options),
        )
        total.add(check_items(items, contract, options, emit, coverage))
        try:
            progress(Path(path).stat().st_size if path != "-" else 0)
        except OSError:
            progress(0)
    total.seconds = time.perf_counter() - started
    reporter.finish(total)
    return total
