"""`wcs-contract proxy`: forward WCS's hooks to a backend, check both directions, record them."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from wcs_contract.cli import HelpFormatter, UsageError, port_number

DESCRIPTION = """\
Stand between WCS and your backend: point the WCS application's REST URL at the proxy, give the
proxy the backend's REST URL. `POST http://HOST:PORT/<method>` (or `/<prefix>/<method>`) goes to
`UPSTREAM/<method>` untouched (body bytes, Authorization, Content-Type), and the backend's status,
headers and body come back as sent. Each exchange is then checked: the hook against its request
schema, the answer with the checks `wcs-contract test` makes (response schema, mirror rule,
restClientConfig, refusal body), under the restClientConfig the backend returned to connect.
  add app myApp myKey http://<proxy host>:9092/EchoApp      then   add app-rest-method -a myKey

answers of its own:
  502 / 504  the backend refused the connection, reset it, or did not answer within --timeout:
             {"status": 502|504, "reason": "..."} (WCS then applies restOnError)
  502        with --enforce, an answer that breaks the contract ("reason" lists the violations)
  404 / 405  an unknown method name, or not a POST (as `wcs-contract serve` answers them)
  GET /-/stats    JSON: exchanges and violations per method, latency percentiles, drops, coverage
  GET /-/metrics  the same counters in the Prometheus text format
  GET /-/coverage which methods, variants, status values and fields the traffic exercised

output: the first line on stdout is `proxying WCS hooks on http://HOST:PORT to UPSTREAM`; stderr
gets one line per exchange (time, method, status, milliseconds, violations with pointers) unless
--quiet. Credentials (Authorization, sipPassword, authToken, secret-looking custom keys) are never
logged, and are emptied in recordings. SIGINT or SIGTERM: the exchanges in flight finish, the
recording is flushed, exit code 0."""

EPILOG = """\
recording (--record traffic.jsonl), two JSON Lines envelopes per exchange, read by `validate`:
  {"time": "2026-12-02T17:00:00.123Z", "exchange": 1, "method": "connect",
   "direction": "request", "body": {...}}
  {"time": "...", "exchange": 1, "method": "connect", "direction": "response", "status": 200,
   "duration": 0.0021, "body": {...}}
  Lines are flushed per exchange. With --record-max-bytes the file is renamed traffic.1.jsonl,
  traffic.2.jsonl, ... when the next exchange would take it past N bytes. Recording goes through a
  queue of 10000 exchanges or 64 MiB of bodies; what does not fit is dropped, counted in
  /-/stats and at exit.

limits: a hook or an answer larger than 16 MiB is refused (413 / 502); restClientConfigs are kept
for the 100000 most recently active sessions (about 20 MB when full; one over 64 KiB is not kept,
its session is judged under the defaults).

examples:
  wcs-contract proxy --upstream http://127.0.0.1:9091/EchoApp --record traffic.jsonl
  wcs-contract validate traffic.jsonl --coverage
  curl -s http://127.0.0.1:9092/-/stats

exit codes: 0 stopped by SIGINT/SIGTERM, 2 usage error, port unavailable or file not writable"""


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {text!r}") from None
    if not 0 < value <= 3600:
        raise argparse.ArgumentTypeError(f"{text} is not a number of seconds in (0, 3600]")
    return value


def _bytes(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of bytes: {text!r}") from None
    if value < 1024:
        raise argparse.ArgumentTypeError(f"{value} bytes is too small to rotate at (minimum 1024)")
    return value


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "proxy",
        help="forward WCS hooks to a backend, checking and recording live traffic",
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=HelpFormatter,
    )
    parser.add_argument(
        "--upstream",
        required=True,
        metavar="URL",
        help="the backend's application REST URL, e.g. http://127.0.0.1:9091/EchoApp",
    )
    parser.add_argument(
        "--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)"
    )
    parser.add_argument(
        "--port",
        type=port_number,
        default=9092,
        help="port to listen on; 0 picks one (default 9092)",
    )
    parser.add_argument("--record", metavar="FILE", help="append the exchanges to FILE (JSONL)")
    parser.add_argument(
        "--record-max-bytes",
        type=_bytes,
        metavar="N",
        help="rotate the recording before it grows past N bytes",
    )
    parser.add_argument(
        "--enforce",
        action="store_true",
        help="answer 502 in place of a backend answer that breaks the contract",
    )
    parser.add_argument(
        "--timeout",
        type=_seconds,
        default=14.0,
        metavar="S",
        help="seconds to wait for the backend, then 504 (default 14, under WCS's 15); also the"
        " most a hook's headers (then the connection closes) and its body (then 408) may take",
    )
    parser.add_argument(
        "--strict", action="store_true", help="unknown fields are violations, not warnings"
    )
    parser.add_argument("--quiet", action="store_true", help="no log line per exchange")
    parser.set_defaults(command="proxy")


def upstream_url(url: str) -> str:
    """The backend's REST URL without a trailing slash; a usage error when unusable."""
    from wcs_contract.rest_url import BadRestUrl, rest_url

    try:
        return rest_url(
            url,
            credentials_advice="WCS's own Authorization header is forwarded as it came, so leave"
            " them out of the URL",
        )
    except BadRestUrl as error:
        raise UsageError(f"--upstream: {error}") from None


def run(args: argparse.Namespace) -> int:
    from wcs_contract.proxy.runner import ProxyServer

    upstream = upstream_url(args.upstream)
    if args.record_max_bytes is not None and args.record is None:
        raise UsageError("--record-max-bytes needs --record FILE")
    record = Path(args.record) if args.record else None
    if record is not None and record.is_dir():
        raise UsageError(f"--record {record}: is a folder, give a file name (traffic.jsonl)")
    try:
        proxy = ProxyServer(
            upstream,
            host=args.host,
            port=args.port,
            record=record,
            record_max_bytes=args.record_max_bytes,
            enforce=args.enforce,
            timeout=args.timeout,
            strict=args.strict,
            log=None if args.quiet else sys.stderr,
        )
    except OSError as error:
        reason = error.strerror or str(error)
        if error.filename is not None:
            raise UsageError(f"--record {error.filename}: {reason}") from None
        raise UsageError(f"cannot listen on {args.host}:{args.port}: {reason}") from None
    stopped_by = proxy.serve(
        announce=lambda url: print(f"proxying WCS hooks on {url} to {upstream}", flush=True)
    )
    stats = proxy.stats
    why = f" by {_signal_name(stopped_by)}" if stopped_by is not None else ""
    summary = f"stopped{why} after {stats.exchanges} exchanges, {stats.violations} with violations"
    failures = sum(stats.failures.values())
    if failures:
        summary += f", {failures} upstream failures"
    if proxy.recorder is not None:
        recorder = proxy.recorder
        summary += f"; recorded {recorder.recorded} to {recorder.path}"
        if recorder.dropped or recorder.failed:
            summary += f", dropped {recorder.dropped + recorder.failed}"
    print(f"wcs-contract proxy: {summary}", flush=True)
    return 0


def _signal_name(signum: int) -> str:
    import signal

    return signal.Signals(signum).name
