"""Progress on stderr while a run goes: a rich bar on a terminal, plain lines otherwise."""

from __future__ import annotations

from typing import IO, TYPE_CHECKING, Any

from wcs_contract.live.results import FlowResult, MethodResult

if TYPE_CHECKING:
    from wcs_contract.live.runner import Progress


def outcome(row: MethodResult | FlowResult) -> str:
    if row.failures:
        return "FAILED"
    return "warnings" if row.warnings else "passed"


def describe(row: MethodResult | FlowResult) -> str:
    """`publishStream: 20 cases, FAILED (2 failures, 1 warning), slowest 12 ms`."""
    failures, warnings = len(row.failures), len(row.warnings)
    counts = []
    if failures:
        counts.append(f"{failures} failure{'s' if failures != 1 else ''}")
    if warnings:
        counts.append(f"{warnings} warning{'s' if warnings != 1 else ''}")
    detail = f" ({', '.join(counts)})" if counts else ""
    return (
        f"{row.name}: {row.cases} request{'s' if row.cases != 1 else ''}, {outcome(row)}{detail},"
        f" slowest {row.slowest_ms:.0f} ms"
    )


class PlainProgress:
    """One line per finished method or flow: readable in CI logs."""

    def __init__(self, stream: IO[str]) -> None:
        self.stream = stream
        self.total = 0
        self.done = 0

    def start(self, methods: int, flows: int) -> None:
        self.total = methods + flows
        self.stream.write(
            f"wcs-contract: testing {methods} method{'s' if methods != 1 else ''}"
            + (f" and {flows} flows" if flows else "")
            + "\n"
        )
        self.stream.flush()

    def advance(self, row: MethodResult | FlowResult) -> None:
        self.done += 1
        self.stream.write(f"[{self.done}/{self.total}] {describe(row)}\n")
        self.stream.flush()

    def finish(self) -> None:
        pass


class BarProgress:
    """A rich progress bar, for a terminal."""

    def __init__(self, stream: IO[str]) -> None:
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

        from wcs_contract.terminal import console

        self.console = console(stream)
        self.bar = Progress(
            TextColumn("[bold]wcs-contract[/]"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.description}"),
            console=self.console,
            transient=True,
        )
        self.task: Any = None

    def start(self, methods: int, flows: int) -> None:
        self.bar.start()
        self.task = self.bar.add_task("starting", total=methods + flows)

    def advance(self, row: MethodResult | FlowResult) -> None:
        if row.failures:
            from rich.markup import escape

            self.console.print(f"[red]✗[/] {escape(describe(row))}", highlight=False)
        self.bar.update(self.task, advance=1, description=row.name)

    def finish(self) -> None:
        self.bar.stop()


def progress_for(stream: IO[str], *, quiet: bool = False) -> Progress | None:
    """The right progress display for this stream; None when quiet."""
    if quiet:
        return None
    if stream.isatty():
        return BarProgress(stream)
    return PlainProgress(stream)
