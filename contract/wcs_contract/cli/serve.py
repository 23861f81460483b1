"""`wcs-contract serve`: the reference REST hook server, WCS's EchoApp checked by the contract."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from wcs_contract.cli import HelpFormatter, UsageError, port_number

DESCRIPTION = """\
Answer every WCS REST hook like WCS's EchoApp: `POST <url>/<method>` (or `<url>/<prefix>/<method>`,
e.g. http://127.0.0.1:9091/EchoApp/connect) gets 200 and the body it sent, once the body keeps
the method's request schema. Point a WCS application at it:
  add app myApp myKey http://<this host>:9091/EchoApp      then   add app-rest-method -a myKey

answers:
  200  the mirror (plus restClientConfig in connect's answer, plus configured overrides)
  400  body not a JSON object, or not the method's request schema ("reason" lists the errors;
       unknown fields only refuse with --strict)
  401  basic auth configured, credentials missing or wrong (with WWW-Authenticate)
  403  a deny rule matched, or the signature is missing or wrong ("bad signature")
  404  unknown method (the last path segment; aliases such as sendDtmf are accepted)
  405  not a POST
  408  the body did not arrive within 10 s
  413  the body is larger than --max-body-size (told by Content-Length before it is read)
  503  more than 1000 open connections, or stopping while the body is still on its way
Refusals are {"status": <code>, "reason": "..."}, the body WCS 5.2.968+ passes to the client.

output: the first line on stdout is `serving WCS hooks on http://HOST:PORT` (with --port 0, the
port picked); stderr gets one line per call: time, method, status, duration, remote address (and
the reason of a refusal); credentials and the Authorization header are never logged. SIGINT or
SIGTERM stop it gracefully with exit code 0 and a last line on stdout."""

EPILOG = """\
@CONFIG_REFERENCE@

  Globs are case-sensitive fnmatch patterns over string fields; numbers and booleans match their
  JSON spelling; a missing field never matches. Credentials are best given by the name of an
  environment variable ("passwordEnv", "secretEnv") so the file holds no secret. Basic auth and
  signatures cannot be combined: WCS sends both in the one Authorization header.
  A config that does not parse or check stops the server at start-up (exit code 2).

limits (against hostile or broken clients): bodies up to 1 MiB (maxBodySize); request headers
  must arrive within 10 s and a body within 10 s, or the connection is closed (408 for a body);
  an idle kept-alive connection closes after 5 s; beyond 1000 open connections and calls, 503.

examples:
  wcs-contract serve                                      http://127.0.0.1:9091
  wcs-contract serve --port 0 --config examples/serve-config.json
  echo '{"secretEnv": "WCS_HOOK_SECRET"}' > signed.json    signatures, key from the environment
  WCS_HOOK_SECRET=1234567890 wcs-contract serve --config signed.json --host 0.0.0.0
  curl -s http://127.0.0.1:9091/EchoApp/connect -H 'Content-Type: application/json' \\
       -d '{"nodeId": "n1", "sessionId": "s1", "appKey": "defaultApp"}'

exit codes: 0 stopped by SIGINT/SIGTERM, 2 bad config, port unavailable or usage error"""


def _size(text: str) -> int:
    try:
        size = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of bytes: {text!r}") from None
    if size < 1:
        raise argparse.ArgumentTypeError(f"the body size limit must be 1 or more, not {size}")
    return size


def add_parser(subparsers: Any) -> None:
    from wcs_contract.server.config import reference

    parser = subparsers.add_parser(
        "serve",
        help="run the reference REST hook server (EchoApp with contract checks)",
        description=DESCRIPTION,
        epilog=EPILOG.replace("@CONFIG_REFERENCE@", reference()),
        formatter_class=HelpFormatter,
    )
    parser.add_argument(
        "--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)"
    )
    parser.add_argument(
        "--port",
        type=port_number,
        default=9091,
        help="port to listen on; 0 picks a free one (default 9091)",
    )
    parser.add_argument(
        "--config",
        metavar="FILE",
        help="JSON config: deny rules, overrides, restClientConfig, auth",
    )
    parser.add_argument(
        "--strict", action="store_true", help="refuse bodies with unknown fields (400)"
    )
    parser.add_argument(
        "--max-body-size",
        type=_size,
        metavar="BYTES",
        help="refuse bigger bodies with 413 (default 1048576, or the config's maxBodySize)",
    )
    parser.add_argument("--quiet", action="store_true", help="no log line per call")
    parser.set_defaults(command="serve")


def run(args: argparse.Namespace) -> int:
    from dataclasses import replace

    from wcs_contract.server.config import ConfigError, ServerConfig, load_config
    from wcs_contract.server.runner import HookServer

    try:
        config = load_config(args.config) if args.config else ServerConfig()
    except ConfigError as error:
        raise UsageError(str(error)) from None
    if args.strict:
        config = replace(config, strict=True)
    if args.max_body_size is not None:
        config = replace(config, max_body_size=args.max_body_size)
    try:
        server = HookServer(
            config, host=args.host, port=args.port, log=None if args.quiet else sys.stderr
        )
    except OSError as error:
        reason = error.strerror or str(error)
        raise UsageError(f"cannot listen on {args.host}:{args.port}: {reason}") from None
    for note in config.notes:
        print(f"wcs-contract serve: note: {note}", file=sys.stderr)
    print(f"wcs-contract serve: {config.describe()}", file=sys.stderr)
    stopped_by = server.serve(announce=lambda url: print(f"serving WCS hooks on {url}", flush=True))
    why = f" by {_signal_name(stopped_by)}" if stopped_by is not None else ""
    print(f"wcs-contract serve: stopped{why} after {server.calls} calls", flush=True)
    return 0


def _signal_name(signum: int) -> str:
    import signal

    return signal.Signals(signum).name
