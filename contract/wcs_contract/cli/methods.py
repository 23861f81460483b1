"""`wcs-contract methods`: the catalogue as a table or as JSON."""

from __future__ import annotations

import argparse
import sys
from typing import Any


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "methods",
        help="list every WCS REST hook method",
        description="List every method of the contract: its kind, directions, aliases and the"
        " WebSocket messages that carry it.",
    )
    parser.add_argument(
        "--format", choices=("text", "json"), default="text", help="text table (default) or JSON"
    )
    parser.set_defaults(command="methods")


def run(args: argparse.Namespace) -> int:
    import orjson

    from wcs_contract.catalogue import load_catalogue

    catalogue = load_catalogue()
    methods = catalogue.methods
    if args.format == "json":
        rows = [
            {
                "name": m.name,
                "kind": m.kind,
                "directions": list(m.directions),
                "aliases": list(m.aliases),
                "since": m.since,
                "clientMessages": list(m.client_messages),
                "serverMessages": list(m.server_messages),
                "description": m.description,
            }
            for m in methods
        ]
        sys.stdout.write(orjson.dumps(rows, option=orjson.OPT_INDENT_2).decode() + "\n")
        return 0
    from wcs_contract.terminal import table_lines

    header = ("METHOD", "KIND", "DIRECTIONS", "ALIASES", "WEBSOCKET MESSAGES")
    cells = [
        (
            m.name,
            m.kind,
            ",".join(m.directions),
            ",".join(m.aliases) or "-",
            ",".join(m.client_messages),
        )
        for m in methods
    ]
    for line in table_lines(header, cells):
        sys.stdout.write(line + "\n")
    keep_alive = " and ".join(sorted(catalogue.keep_alive))
    positional = ", ".join(sorted(catalogue.positional))
    sys.stdout.write(
        f"\n{len(methods)} methods; the messages {keep_alive} carry none;"
        f" {positional} carry positional data (recognised, not checked)\n"
    )
    return 0
