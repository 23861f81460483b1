"""Servers that hang, reset, answer slowly, or answer HTML or garbage: the tester ends in time
and reports every method."""

from __future__ import annotations

from time import perf_counter

import pytest
from starlette.responses import HTMLResponse

from servers import echo, findings, raw_server, run_quick, serve

METHODS = ("connect", "publishStream", "StreamStatusEvent")


@pytest.mark.slow  # waits out timeouts (3 s)
def test_a_hanging_server_costs_one_timeout_per_method_and_flow() -> None:
    started = perf_counter()
    with raw_server("hang") as url:
        result = run_quick(
            url, methods=METHODS, max_examples=5, timeout=1, flows=True, flow_names=("stream",)
        )
    elapsed = perf_counter() - started
    # methods and flows each wait once (1 s), concurrently: far below 5 cases x 3 methods x 1 s
    assert elapsed < 5, elapsed
    assert [m.method for m in result.methods] == list(METHODS)
    for row in result.rows:
        assert row.cases == 1
        assert row.check_status("timeout") == "failed"
        assert row.check_status("json_object") == "skipped"
    assert result.methods[0].notes == [
        "stopped positive cases after the first request without an answer (1 of 5 sent)"
    ]
    (first, *_) = findings(result, "timeout")
    assert first.message.startswith("no answer within 1 s")
    stream = result.flows[0]
    assert [s.outcome for s in stream.steps][:2] == ["sent", "not reached"]
    assert result.exit_code == 1


@pytest.mark.parametrize(
    ("kind", "text"),
    [
        ("reset", "the connection was reset before an answer came"),
        ("close", "the server closed the connection without answering"),
        ("garbage", "the answer is not HTTP (BadStatusLine: "),
        ("truncated", "the connection closed in the middle of the answer"),
    ],
)
def test_dropped_or_garbled_connections_fail(kind: str, text: str) -> None:
    started = perf_counter()
    with raw_server(kind) as url:  # type: ignore[arg-type]
        result = run_quick(url, methods=METHODS, timeout=1)
    assert perf_counter() - started < 3
    for method in result.methods:
        assert method.check_status("connection") == "failed"
        (finding,) = [f for f in method.findings if f.check == "connection"]
        assert text in finding.message, finding.message
        assert finding.message.endswith("WCS treats the call as failed")


def test_interim_answers_are_passed_over_as_wcs_does() -> None:
    with raw_server("early-hints") as url:
        result = run_quick(url, methods=METHODS)
    for method in result.methods:
        assert method.findings == [], method.findings  # the echo, not "answered 103"
        assert method.accepted > 0


@pytest.mark.slow  # waits out timeouts (2 s)
def test_a_slow_server_times_out() -> None:
    started = perf_counter()
    with serve(echo, delay=1.5) as served:
        result = run_quick(served.url, methods=METHODS, timeout=1)
    assert perf_counter() - started < 5
    assert {m.method: m.check_status("timeout") for m in result.methods} == dict.fromkeys(
        METHODS, "failed"
    )


def test_an_html_server_fails_json_object_for_every_method() -> None:
    page = "<!doctype html><html><body><h1>Welcome to nginx!</h1></body></html>"
    with serve(lambda r: HTMLResponse(page)) as served:
        result = run_quick(served.url, methods=METHODS, timeout=1)
    for method in result.methods:
        assert method.check_status("json_object") == "failed"
        assert method.cases == 3  # an answer came: every case is still sent
    messages = {f.message for f in findings(result, "json_object")}
    assert (
        "Content-Type is text/html; charset=utf-8, expected application/json: WCS reads the"
        " answer as JSON" in messages
    )
    assert any("the 200 answer is not JSON: '<!doctype html>" in m for m in messages)


@pytest.mark.slow  # waits out a timeout (2 s)
def test_an_answer_trickling_in_past_the_timeout_is_cut_at_the_timeout() -> None:
    with raw_server("drip") as url:
        result = run_quick(url, methods=("publishStream",), max_examples=1, timeout=1)
    (finding,) = findings(result, "timeout")
    assert finding.message.startswith("no answer within 1 s")
    assert 1000 <= result.methods[0].slowest_ms < 1300  # the deadline, not the 1.5 s drip


def test_an_interrupt_stops_the_run_without_sending_the_rest() -> None:
    from wcs_contract.live.options import RunOptions
    from wcs_contract.live.runner import run

    class Interrupting:
        def start(self, methods: int, flows: int) -> None:
            pass

        def advance(self, row: object) -> None:
            raise KeyboardInterrupt

        def finish(self) -> None:
            pass

    methods = ("connect", "publishStream", "playStream", "call", "hangup", "answer", "hold")
    started = perf_counter()
    with raw_server("hang") as url:
        options = RunOptions(url=url, methods=methods, timeout=1, workers=2, max_examples=2)
        with pytest.raises(KeyboardInterrupt):
            run(options, Interrupting())
    # without cancelling, 7 methods on 2 workers would wait 4 s and then run the flows
    assert perf_counter() - started < 3


def test_an_interrupt_cuts_the_exchanges_in_flight() -> None:
    import signal
    import threading

    from wcs_contract.live.options import RunOptions
    from wcs_contract.live.runner import run

    received = threading.Event()

    def ctrl_c_once_a_request_hangs() -> None:
        if received.wait(30):
            signal.pthread_kill(threading.main_thread().ident or 0, signal.SIGINT)

    previous = signal.signal(signal.SIGINT, signal.default_int_handler)  # Ctrl-C as in a shell
    try:
        with raw_server("hang", received) as url:
            options = RunOptions(url=url, methods=METHODS, timeout=60, max_examples=2, flows=False)
            threading.Thread(target=ctrl_c_once_a_request_hangs, daemon=True).start()
            started = perf_counter()
            with pytest.raises(KeyboardInterrupt):
                run(options)
            # not after the 60 s the hanging exchanges would otherwise be waited for
            assert perf_counter() - started < 20
    finally:
        signal.signal(signal.SIGINT, previous)
