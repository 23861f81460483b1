"""Terminal output: colour follows `--color`, NO_COLOR and FORCE_COLOR on every command, and on a
real terminal (a pty) the progress display never mixes with the report lines."""

from __future__ import annotations

import os
import pty
import re
import select
import struct
import subprocess
import sys
import time
from pathlib import Path

import orjson
import pytest

from wcs_contract.catalogue import load_catalogue
from wcs_contract.cli import SUBCOMMANDS, build_parser, main
from wcs_contract.examples import all_examples

ESC = "\x1b["
INVALID = next(
    e
    for e in all_examples()
    if not e.valid and e.method == "publishStream" and e.direction == "request"
)
VALID = next(e for e in all_examples() if e.valid and e.method == "publishStream")


@pytest.fixture(autouse=True)
def plain_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)


def validate_output(capsys: pytest.CaptureFixture[str], *arguments: str) -> str:
    assert main(["validate", *arguments, str(INVALID.path)]) == 1
    return capsys.readouterr().out


@pytest.mark.parametrize(
    ("environment", "arguments", "coloured"),
    [
        ({}, [], False),  # not a terminal
        ({"FORCE_COLOR": "1"}, [], True),
        ({"NO_COLOR": "1"}, [], False),
        ({"NO_COLOR": "1", "FORCE_COLOR": "1"}, [], False),
        ({}, ["--color", "always"], True),
        ({"NO_COLOR": "1"}, ["--color", "always"], True),
        ({"FORCE_COLOR": "1"}, ["--color", "never"], False),
        ({"FORCE_COLOR": "1"}, ["--no-color"], False),
        ({"FORCE_COLOR": ""}, [], False),  # empty means unset
    ],
)
def test_colour_follows_the_option_and_the_environment(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    environment: dict[str, str],
    arguments: list[str],
    coloured: bool,
) -> None:
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    output = validate_output(capsys, *arguments)
    assert (ESC in output) is coloured, output
    assert "error" in output


def test_the_colour_option_goes_before_or_after_the_command(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert ESC in validate_output(capsys, "--color", "always")
    assert main(["--color", "always", "validate", str(INVALID.path)]) == 1
    assert ESC in capsys.readouterr().out
    assert main(["--color", "never", "validate", str(INVALID.path)]) == 1
    assert ESC not in capsys.readouterr().out


@pytest.mark.parametrize("command", SUBCOMMANDS)
def test_every_command_takes_the_colour_option(command: str) -> None:
    parser = build_parser()
    required = {
        "validate": ["x.json"],
        "test": ["http://127.0.0.1:9/App"],
        "proxy": ["--upstream", "http://127.0.0.1:9/App"],
        "diff": ["HEAD"],
    }.get(command, [])
    for mode in ("auto", "always", "never"):
        assert parser.parse_args([command, "--color", mode, *required]).color == mode
    assert parser.parse_args([command, *required]).color == "auto"
    with pytest.raises(SystemExit):
        parser.parse_args([command, "--color", "sometimes", *required])


def test_the_progress_console_follows_the_decision(monkeypatch: pytest.MonkeyPatch) -> None:
    """The live tester's bar and the report lines it prints share one rich console."""
    import io

    from wcs_contract.terminal import console, set_color_mode

    out = io.StringIO()
    set_color_mode("always")
    try:
        console(out).print("[red]x[/]")
        set_color_mode("never")
        console(out).print("[red]y[/]")
        set_color_mode("auto")
        monkeypatch.setenv("FORCE_COLOR", "1")
        console(out).print("[red]z[/]")
    finally:
        set_color_mode("auto")
    first, second, third = out.getvalue().splitlines()
    assert ESC in first
    assert second == "y"
    assert ESC in third


# --- on a real terminal -----------------------------------------------------------------------


def on_terminal(arguments: list[str], cwd: Path, timeout: float = 300) -> tuple[str, int]:
    """Run the command with stdin, stdout and stderr on one pty (120 columns): (output, code)."""
    import fcntl
    import termios

    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 50, 120, 0, 0))
    drop = {"NO_COLOR", "FORCE_COLOR", "PYTHONPATH", "COLUMNS", "LINES"}
    env = {k: v for k, v in os.environ.items() if k not in drop} | {"TERM": "xterm-256color"}
    command = [sys.executable, "-m", "wcs_contract.cli", *arguments]
    with subprocess.Popen(
        command, cwd=cwd, stdin=slave, stdout=slave, stderr=slave, env=env, close_fds=True
    ) as process:
        os.close(slave)
        chunks: list[bytes] = []
        deadline = time.monotonic() + timeout
        try:
            while time.monotonic() < deadline:
                ready, _, _ = select.select([master], [], [], 1)
                if not ready:
                    if process.poll() is not None:
                        break
                    continue
                try:
                    data = os.read(master, 65536)
                except OSError:  # EIO: the child closed the terminal
                    break
                if not data:
                    break
                chunks.append(data)
        finally:
            os.close(master)
            if process.poll() is None:
                process.kill()
            process.wait(timeout=30)
    return b"".join(chunks).decode("utf-8", "replace"), process.returncode


def screen_lines(raw: str) -> list[str]:
    """The terminal's lines once everything is written: a tiny emulator of what rich and the
    reporters send (text, carriage return, line feed, cursor up, erase line; colours dropped)."""
    lines: list[list[str]] = [[]]
    row = column = 0
    for token in re.findall(r"\x1b\[[0-9;?]*[A-Za-z]|\r|\n|[^\x1b\r\n]+", raw):
        if token == "\r":
            column = 0
        elif token == "\n":
            row += 1
            column = 0
            if row == len(lines):
                lines.append([])
        elif token.startswith("\x1b["):
            if token.endswith("A"):
                row = max(0, row - int(token[2:-1] or 1))
            elif token == "\x1b[2K":
                lines[row] = []
        else:
            line = lines[row]
            line[column : column + len(token)] = list(token)
            column += len(token)
    return ["".join(line) for line in lines]


BAR = "━"


def assert_no_line_mixes_the_bar_and_the_report(lines: list[str]) -> None:
    for line in lines:
        if BAR in line:
            pytest.fail(f"a progress bar was left in the output, or glued to a line: {line!r}")


@pytest.mark.slow
def test_validate_prints_whole_lines_above_its_progress_bar(tmp_path: Path) -> None:
    """A capture big enough for the bar (8 MiB), with an invalid payload now and then."""
    valid, invalid = orjson.dumps(VALID.envelope), orjson.dumps(INVALID.envelope)
    lines = [invalid if i % 2000 == 0 else valid for i in range(9 * 1024 * 1024 // len(valid))]
    (tmp_path / "big.jsonl").write_bytes(b"\n".join(lines) + b"\n")
    raw, code = on_terminal(["validate", "--jobs", "1", "big.jsonl"], tmp_path)
    assert code == 1, raw
    shown = screen_lines(raw)
    assert_no_line_mixes_the_bar_and_the_report(shown)
    errors = [line for line in shown if ": error: " in line]
    assert len(errors) == sum(1 for i in range(len(lines)) if i % 2000 == 0), raw[-2000:]
    assert all(re.match(r"^big\.jsonl:\d+: error: publishStream/request ", e) for e in errors)
    assert ESC in raw  # a terminal gets colour
    assert re.search(rf"^FAILED: {len(lines)} payloads", "\n".join(shown), re.M), shown[-3:]


@pytest.mark.slow
def test_demo_reads_well_on_a_terminal(tmp_path: Path) -> None:
    raw, code = on_terminal(["demo", "--max-examples", "2"], tmp_path)
    assert code == 0, raw
    assert BAR in raw, "no progress was shown during the live phase"
    shown = screen_lines(raw)
    assert_no_line_mixes_the_bar_and_the_report(shown)
    text = "\n".join(shown)
    assert text.count("wcs-contract test http://") == 1, text
    assert text.count("== wcs-contract serve") == 1
    summary = text[text.index("== summary") :]
    methods = len(load_catalogue().methods)
    assert re.search(rf"test: passed .* {methods} methods and 3 flows", summary), summary
    assert "on purpose" in summary
    assert "1 invalid" in summary


def test_tables_are_plain_aligned_text() -> None:
    from wcs_contract.terminal import table_lines

    lines = table_lines(("NAME", "N"), [("connect", "2"), ("publishStream", "10")], right=[1])
    assert lines == ["NAME            N", "connect         2", "publishStream  10"]


def test_the_methods_table_lists_every_method_in_columns(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["methods"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["METHOD", "KIND", "DIRECTIONS", "ALIASES", "WEBSOCKET", "MESSAGES"]
    kind_column = lines[0].index("KIND")
    rows = lines[1 : 1 + len(load_catalogue().methods)]
    assert [row.split()[0] for row in rows] == [m.name for m in load_catalogue().methods]
    assert all(row[kind_column - 2 : kind_column] == "  " for row in rows)
    assert ESC not in "".join(lines)


def test_a_leading_colour_option_keeps_the_hook_light(tmp_path: Path) -> None:
    """`wcs-contract --color never validate ...` builds validate's parser alone, as without it."""
    script = (
        "import sys\n"
        "from wcs_contract.cli import main\n"
        f"main(['--color=never', 'validate', '--quiet', {str(VALID.path)!r}])\n"
        f"main(['--color', 'never', 'validate', '--quiet', {str(VALID.path)!r}])\n"
        "print(sorted(m for m in sys.modules if m.startswith('wcs_contract.cli.')))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=60
    )
    assert done.stdout.splitlines()[-1] == "['wcs_contract.cli.validate']"
