"""`make bench`: the speed figures the README quotes, measured on this machine.

1. bulk JSONL: payloads/s end to end (read, parse, validate, full text report of every error) on a
   generated capture of the examples' bodies (real WCS 5.x bodies), 5% invalid, on one core and on
   every core; and the ratio of the time of `wcs-contract validate --jobs 1` (text and JSON
   report, whole process) to that of a Python process that only parses the same lines with
   orjson (median of --bulk-runs interleaved runs each), and the same for the library floor (a
   process that only parses each line and calls its route's screen);
2. the pre-commit hook: `wcs-contract validate` on 1 and on 100 small files against
   `python -c pass` (interleaved runs, medians), with bytecode caches as an installed package has
   them (pip compiles them even when PYTHONDONTWRITEBYTECODE is set), and as this checkout runs
   (without bytecode of the package when PYTHONDONTWRITEBYTECODE is set, as on the development
   machine);
3. a live run: `wcs-contract test` of every hook (20 cases each) against the reference server;
4. the proxy: median overhead of `wcs-contract proxy` (recording on) against calling the
   reference server directly, hooks/s through it with several clients, and its memory (RSS)
   after a tenth of the exchanges and at the end.
5. `wcs-contract diff` of the whole contract against itself with one change, end to end.
6. memory: the peak RSS of `wcs-contract validate` of a JSONL capture of --memory-gb (5% invalid,
   and every line invalid) in every --format, with --output, and with --jobs 1 and 2: of the
   largest process, and summed over the process tree (RSS, and PSS, which counts the pages the
   workers share with the parent once); sampled from /proc (Linux).
"""

from __future__ import annotations

import argparse
import http.client
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

import orjson

from wcs_contract.batch import Options, default_jobs, validate_paths
from wcs_contract.examples import all_examples
from wcs_contract.reporters.text import TextReporter

ROOT = Path(__file__).resolve().parents[1]


def make_capture(path: Path, count: int, invalid_share: float, seed: int = 7) -> None:
    """A JSONL capture of example envelopes: `invalid_share` of them break the contract."""
    examples = all_examples()
    valid = [orjson.dumps(e.envelope) for e in examples if e.valid]
    invalid = [orjson.dumps(e.envelope) for e in examples if not e.valid]
    rng = random.Random(seed)
    every = round(1 / invalid_share)
    with path.open("wb") as out:
        for i in range(count):
            out.write(rng.choice(invalid if i % every == 0 else valid) + b"\n")


def bulk(path: Path, jobs: int) -> tuple[float, int]:
    with Path(os.devnull).open("w") as sink:
        reporter = TextReporter(sink, color=False, verbose=False)
        summary = validate_paths([str(path)], reporter, Options(jobs=jobs))
    return summary.payloads / summary.seconds, summary.invalid


_PARSE_ONLY = """
import sys, orjson
loads = orjson.loads
with open(sys.argv[1], "rb") as stream:
    for line in stream:
        if line.strip():
            loads(line)
"""


# The library floor: parsing every line and one call of its route's screen, nothing else (no
# envelope checks, no explanations, no report). What `validate` can at best come down to.
_FLOOR = """
import sys, orjson
from wcs_contract.validator import Contract
contract, checks, loads = Contract(), {}, orjson.loads
with open(sys.argv[1], "rb") as stream:
    for line in stream:
        envelope = loads(line)
        route = envelope["method"], envelope["direction"]
        check = checks.get(route) or checks.setdefault(route, contract.check_for(*route))
        check(envelope["body"])
"""


def parse_only(path: Path) -> float:
    """Seconds of a Python process that reads the file and parses each of its lines with
    orjson, nothing else: the baseline `validate` is measured against."""
    return timed([sys.executable, "-c", _PARSE_ONLY, str(path)], 1)


def validate_only(path: Path, report: str) -> float:
    """Seconds of `wcs-contract validate --quiet --jobs 1 --format <report>` of the file, as a
    user runs it (start-up and compiling the validators included), every issue written to
    /dev/null."""
    binary = str(Path(sys.executable).with_name("wcs-contract"))
    command = [binary, "validate", "--quiet", "--no-color", "--jobs", "1", "--format", report]
    return timed([*command, str(path)], 1)


def ratios(path: Path, runs: int) -> tuple[float, dict[str, float]]:
    """Median seconds of parse-only, and validate / parse-only per report format and for the
    library floor (parse + screen); the runs are interleaved so that all see the same machine."""
    times: dict[str, list[float]] = {"parse": [], "text": [], "json": [], "floor": []}
    for _ in range(runs):
        times["parse"].append(parse_only(path))
        times["floor"].append(timed([sys.executable, "-c", _FLOOR, str(path)], 1))
        for report in ("text", "json"):
            times[report].append(validate_only(path, report))
    parse = statistics.median(times["parse"])
    return parse, {r: statistics.median(times[r]) / parse for r in ("text", "json", "floor")}


def timed(command: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def interleaved(commands: dict[str, list[str]], runs: int, env: dict[str, str]) -> dict[str, float]:
    """Median seconds of each command, run in turn `runs` times (after one run each to warm the
    caches): every command sees the same machine, however busy it is."""
    times: dict[str, list[float]] = {name: [] for name in commands}
    for round_ in range(runs + 1):
        for name, command in commands.items():
            started = time.perf_counter()
            subprocess.run(command, stdout=subprocess.DEVNULL, env=env, check=False)
            if round_:
                times[name].append(time.perf_counter() - started)
    return {name: statistics.median(t) for name, t in times.items()}


def hook_startup(runs: int) -> dict[str, dict[str, float]]:
    """Seconds of `python -c pass`, of importing orjson and jsonschema-rs alone, and of
    `wcs-contract validate` on the first valid example file and on the first 100: "installed"
    with bytecode caches of every module (a temporary PYTHONPYCACHEPREFIX, filled by a first
    run), "checkout" as this checkout runs."""
    files = sorted(str(e.path) for e in all_examples() if e.valid)[:100]
    binary = str(Path(sys.executable).with_name("wcs-contract"))
    commands = {
        "pass": [sys.executable, "-c", "pass"],
        "imports": [sys.executable, "-c", "import orjson, jsonschema_rs"],
        "1": [binary, "validate", files[0]],
        "100": [binary, "validate", *files],
    }
    figures = {"checkout": interleaved(commands, runs, dict(os.environ))}
    with tempfile.TemporaryDirectory() as cache:
        env = {**os.environ, "PYTHONPYCACHEPREFIX": cache}
        writing = {k: v for k, v in env.items() if k != "PYTHONDONTWRITEBYTECODE"}
        for command in commands.values():
            subprocess.run(command, stdout=subprocess.DEVNULL, env=writing, check=False)
        figures["installed"] = interleaved(commands, runs, env)
    return figures


def _children(pid: int) -> list[int]:
    found: list[int] = []
    try:
        for task in Path(f"/proc/{pid}/task").iterdir():
            found += [int(c) for c in (task / "children").read_text().split()]
    except OSError:
        pass
    return found


def _kb(path: str, name: str) -> int:
    try:
        with Path(path).open() as lines:
            for line in lines:
                if line.startswith(name):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def peak_memory(command: list[str]) -> dict[str, float]:
    """Peaks (MB) while `command` runs, its output to /dev/null: the largest process's RSS, and the
    sums over the process tree of RSS and of PSS (a page shared by n processes counts 1/n in each),
    sampled every 50 ms from /proc. Not the child's ru_maxrss: a child spawned by this (bigger)
    process starts with this process's high-water mark."""
    started = time.perf_counter()
    sink = os.open(os.devnull, os.O_WRONLY)
    quiet = [(os.POSIX_SPAWN_DUP2, sink, 1), (os.POSIX_SPAWN_DUP2, sink, 2)]
    child = os.posix_spawnp(command[0], command, os.environ, file_actions=quiet)
    os.close(sink)
    single = rss = pss = 0
    while True:
        if os.waitpid(child, os.WNOHANG)[0]:
            break
        tree, waiting = [], [child]
        while waiting:
            pid = waiting.pop()
            tree.append(pid)
            waiting += _children(pid)
        each = [_kb(f"/proc/{pid}/status", "VmRSS:") for pid in tree]
        single, rss = max(single, *each), max(rss, sum(each))
        pss = max(pss, sum(_kb(f"/proc/{pid}/smaps_rollup", "Pss:") for pid in tree))
        time.sleep(0.05)
    return {
        "single": single / 1024,
        "rss": rss / 1024,
        "pss": pss / 1024,
        "seconds": time.perf_counter() - started,
    }


# `validate` arguments of each memory case; OUTPUT stands for a report file in the temporary folder
OUTPUT = "<report>"
MEMORY_CASES = {
    "text": ["--format", "text"],
    "json": ["--format", "json"],
    "junit": ["--format", "junit"],
    "github": ["--format", "github"],
    "json --output": ["--format", "json", "--output", OUTPUT],
    "junit --output": ["--format", "junit", "--output", OUTPUT],
}


def memory_figures(gb: float, folder: Path) -> dict[tuple[str, int], dict[str, dict[str, float]]]:
    """peak_memory of `validate --jobs 1|2` in each MEMORY_CASES, on a capture of about `gb`
    gigabytes with 5% of its lines invalid and on one with every line invalid, both written to
    `folder` (and the reports, each removed after its run). Keyed by (capture, jobs), then case."""
    examples = all_examples()
    valid = statistics.mean(len(orjson.dumps(e.envelope)) + 1 for e in examples if e.valid)
    invalid = statistics.mean(len(orjson.dumps(e.envelope)) + 1 for e in examples if not e.valid)
    captures = {
        "5% invalid": (folder / "mixed.jsonl", 0.05, 0.95 * valid + 0.05 * invalid),
        "all invalid": (folder / "invalid.jsonl", 1.0, invalid),
    }
    binary = str(Path(sys.executable).with_name("wcs-contract"))
    report = folder / "report"
    figures: dict[tuple[str, int], dict[str, dict[str, float]]] = {}
    for name, (path, share, line) in captures.items():
        make_capture(path, int(gb * 1e9 / line), share)
        for jobs in (1, 2):
            row = figures[(name, jobs)] = {}
            for case, arguments in MEMORY_CASES.items():
                shown = [str(report) if a == OUTPUT else a for a in arguments]
                command = [binary, "validate", "--quiet", "--no-color", "--jobs", str(jobs)]
                row[case] = peak_memory([*command, *shown, str(path)])
                report.unlink(missing_ok=True)
        path.unlink()
    return figures


def print_memory(gb: float, figures: dict[tuple[str, int], dict[str, dict[str, float]]]) -> None:
    print(
        f"memory of validate on {gb:g} GB of JSONL, peak MB: largest process / RSS summed over"
        " the process tree / PSS summed (shared pages counted once)"
    )
    print(f"  {'':18}" + "".join(f"{case:>17}" for case in MEMORY_CASES))
    for (name, jobs), row in figures.items():
        cells = "".join(
            f"{'/'.join(f'{f[k]:.0f}' for k in ('single', 'rss', 'pss')):>17}" for f in row.values()
        )
        print(f"  {name:11} --jobs {jobs}{cells}")
    for name, goal in (("5% invalid", 150), ("all invalid", 300)):
        runs = [f for (n, _), row in figures.items() if n == name for f in row.values()]
        print(
            f"  {name}: largest process {max(f['single'] for f in runs):.0f} MB, summed RSS"
            f" {max(f['rss'] for f in runs):.0f} MB, summed PSS {max(f['pss'] for f in runs):.0f}"
            f" MB (goal {goal} MB); {sum(f['seconds'] for f in runs):.0f} s of runs"
        )


def live_run() -> float | None:
    """Seconds for `wcs-contract test` of every hook against `wcs-contract serve`, or None."""
    binary = Path(sys.executable).with_name("wcs-contract")
    server = subprocess.Popen(
        [str(binary), "serve", "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        assert server.stdout is not None
        url = ""
        for line in server.stdout:
            if "http://" in line:
                url = line[line.index("http://") :].split()[0]
                break
        if not url:
            return None
        started = time.perf_counter()
        result = subprocess.run(
            [str(binary), "test", url, "--max-examples", "20", "--seed", "1"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            check=False,
        )
        elapsed = time.perf_counter() - started
        return elapsed if result.returncode in (0, 1) else None
    finally:
        server.terminate()
        server.wait(timeout=10)


@contextmanager
def _started(command: list[str]) -> Iterator[tuple[subprocess.Popen[str], str]]:
    """A wcs-contract server process and the URL it announces on its first stdout line."""
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
    )
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        url = line[line.index("http://") :].split()[0]
        yield process, url
    finally:
        process.terminate()
        process.wait(timeout=30)


def _hooks() -> list[tuple[str, bytes]]:
    """(method, body) of the examples' valid requests: what the proxy benchmark sends."""
    return [
        (e.method, orjson.dumps(e.body))
        for e in all_examples()
        if e.valid and e.direction == "request"
    ]


def _post_all(url: str, hooks: list[tuple[str, bytes]], count: int, times: list[float]) -> None:
    """POST `count` hooks on one keep-alive connection, appending each round trip's seconds."""
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname or "", parts.port, timeout=30)
    headers = {"Content-Type": "application/json;charset=UTF-8", "Accept": "application/json"}
    try:
        for i in range(count):
            method, body = hooks[i % len(hooks)]
            started = time.perf_counter()
            connection.request("POST", f"{parts.path}/{method}", body, headers)
            answer = connection.getresponse()
            answer.read()
            times.append(time.perf_counter() - started)
            if answer.status >= 500:
                raise RuntimeError(f"{method}: {answer.status}")
    finally:
        connection.close()


def _rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def proxy_figures(latency_hooks: int, exchanges: int, clients: int) -> dict[str, float]:
    """Median overhead (ms), hooks/s through the proxy with recording on, RSS (MB)."""
    binary = str(Path(sys.executable).with_name("wcs-contract"))
    hooks = _hooks()
    figures: dict[str, float] = {}
    with (
        tempfile.TemporaryDirectory() as tmp,
        _started([binary, "serve", "--port", "0", "--quiet"]) as (_, backend),
    ):
        upstream = f"{backend}/EchoApp"
        record = str(Path(tmp) / "traffic.jsonl")
        command = [binary, "proxy", "--upstream", upstream, "--port", "0", "--quiet"]
        with _started([*command, "--record", record]) as (proxy, url):
            _post_all(upstream, hooks, 500, [])  # warm both up
            _post_all(f"{url}/EchoApp", hooks, 500, [])
            direct: list[float] = []
            through: list[float] = []
            for _ in range(5):  # interleaved, so that both see the same machine
                _post_all(upstream, hooks, latency_hooks // 5, direct)
                _post_all(f"{url}/EchoApp", hooks, latency_hooks // 5, through)
            figures["direct_ms"] = statistics.median(direct) * 1000
            figures["proxied_ms"] = statistics.median(through) * 1000
            figures["overhead_ms"] = figures["proxied_ms"] - figures["direct_ms"]
            each = exchanges // clients
            tenth = max(1, exchanges // 10 // clients)
            _post_all(f"{url}/EchoApp", hooks, tenth * clients, [])
            figures["rss_start_mb"] = _rss_mb(proxy.pid)
            threads = [
                threading.Thread(target=_post_all, args=(f"{url}/EchoApp", hooks, each, []))
                for _ in range(clients)
            ]
            started = time.perf_counter()
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            figures["hooks_per_s"] = each * clients / (time.perf_counter() - started)
            figures["rss_end_mb"] = _rss_mb(proxy.pid)
            figures["exchanges"] = tenth * clients + each * clients + latency_hooks + 500
    return figures


def diff_one_change(runs: int) -> float:
    """Median seconds of `wcs-contract diff OLD NEW` (two folders: the schemas, and a copy
    whose StreamStatusEvent answer requires `name`), process start-up included."""
    import shutil

    with tempfile.TemporaryDirectory() as tmp:
        new = Path(tmp) / "schemas"
        shutil.copytree(ROOT / "schemas", new, ignore=shutil.ignore_patterns("examples"))
        target = new / "methods" / "StreamStatusEvent" / "response.json"
        document = orjson.loads(target.read_bytes())
        mirror = next(v for k, v in document["$defs"].items() if k.endswith("Mirror"))
        mirror["required"] = ["name"]
        target.write_bytes(orjson.dumps(document, option=orjson.OPT_INDENT_2))
        command = [
            sys.executable,
            "-m",
            "wcs_contract.cli",
            "diff",
            str(ROOT / "schemas"),
            str(new),
        ]
        return timed(command, runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--payloads", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--bulk-runs", type=int, default=5, help="runs of each ratio (median)")
    parser.add_argument("--skip-live", action="store_true")
    parser.add_argument("--skip-proxy", action="store_true")
    parser.add_argument("--proxy-latency-hooks", type=int, default=5_000)
    parser.add_argument("--proxy-exchanges", type=int, default=50_000)
    parser.add_argument("--proxy-clients", type=int, default=8)
    parser.add_argument(
        "--memory-gb",
        type=float,
        default=0.1,
        help="size of the memory cases' captures (default 0.1, about two minutes of runs; the"
        " README's figures are of 1, about 15 minutes)",
    )
    parser.add_argument("--skip-memory", action="store_true")
    parser.add_argument("--memory-only", action="store_true", help="only the memory figures")
    args = parser.parse_args()
    if args.memory_only:
        memory(args.memory_gb)
        return
    cores = default_jobs()
    print(f"machine: {cores} cores, Python {sys.version.split()[0]}")
    with tempfile.TemporaryDirectory() as tmp:
        capture = Path(tmp) / "capture.jsonl"
        make_capture(capture, args.payloads, 0.05)
        size = capture.stat().st_size / 1e6
        print(
            f"bulk JSONL: {args.payloads:,} payloads, {size:.0f} MB, 5% invalid, full text report"
        )
        one, invalid = bulk(capture, 1)
        print(f"  1 core : {one:>10,.0f} payloads/s  ({invalid:,} invalid reported)")
        parse, ratio = ratios(capture, args.bulk_runs)
        print(
            f"  1 core, validate / orjson parse-only (parse {parse:.2f} s, median of"
            f" {args.bulk_runs}): text {ratio['text']:.2f}x, json {ratio['json']:.2f}x;"
            f" the library floor (parse + screen only) {ratio['floor']:.2f}x"
        )
        if cores > 1:
            many, _ = bulk(capture, cores)
            print(f"  {cores} cores: {many:>10,.0f} payloads/s  ({many / one:.2f}x)")
    hook = hook_startup(args.runs)
    checkout = "as this checkout runs"
    if os.environ.get("PYTHONDONTWRITEBYTECODE"):
        checkout += " (PYTHONDONTWRITEBYTECODE: the package compiled from source every run)"
    for kind, heading in (
        ("installed", "with bytecode caches, as installed"),
        ("checkout", checkout),
    ):
        f = {name: seconds * 1000 for name, seconds in hook[kind].items()}
        print(
            f"pre-commit hook, {heading}: 1 file {f['1']:.0f} ms ({f['1'] / f['pass']:.1f}x),"
            f" 100 files {f['100']:.0f} ms ({f['100'] / f['pass']:.1f}x) against python -c pass"
            f" {f['pass']:.0f} ms; importing orjson and jsonschema-rs alone {f['imports']:.0f} ms"
            f" (medians of {args.runs} interleaved runs)"
        )
    print(f"diff of the whole contract with one change: {diff_one_change(args.runs) * 1000:.0f} ms")
    if not args.skip_live:
        seconds = live_run()
        shown = f"{seconds:.1f} s" if seconds is not None else "could not run"
        print(f"live test of every hook, 20 cases each, against the reference server: {shown}")
    if not args.skip_proxy:
        f = proxy_figures(args.proxy_latency_hooks, args.proxy_exchanges, args.proxy_clients)
        print(
            f"proxy, recording on: median {f['proxied_ms']:.2f} ms through it, {f['direct_ms']:.2f}"
            f" ms direct: overhead {f['overhead_ms']:.2f} ms ({args.proxy_latency_hooks:,} hooks,"
            " one client)"
        )
        print(
            f"  {f['hooks_per_s']:,.0f} hooks/s with {args.proxy_clients} clients;"
            f" RSS {f['rss_start_mb']:.0f} MB after a tenth, {f['rss_end_mb']:.0f} MB after"
            f" {f['exchanges']:,.0f} exchanges"
        )
    if not args.skip_memory:
        memory(args.memory_gb)


def memory(gb: float) -> None:
    """The memory section, if /proc can be read and the disk holds its captures and reports."""
    if not Path("/proc/self/smaps_rollup").exists():
        print("memory: skipped (no /proc/PID/smaps_rollup to sample)")
        return
    with tempfile.TemporaryDirectory() as tmp:
        free = shutil.disk_usage(tmp).free
        if free < 3.5 * gb * 1e9:  # a capture, a report as big, and room to spare
            print(f"memory: skipped ({free / 1e9:.1f} GB free in {tmp}, {3.5 * gb:.1f} wanted)")
            return
        print_memory(gb, memory_figures(gb, Path(tmp)))


if __name__ == "__main__":
    main()
