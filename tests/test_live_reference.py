"""The live tester against the reference server: a full run in time, and every option passing."""

from __future__ import annotations

from time import perf_counter

import pytest

from wcs_contract.catalogue import load_catalogue
from wcs_contract.live.options import Credentials, RunOptions
from wcs_contract.live.report import render_text
from wcs_contract.live.runner import run
from wcs_contract.server.runner import running_server

FULL_RUN_SECONDS = 30  # the budget on 2 cores (issue 5, part 7)


@pytest.mark.slow
def test_a_full_run_passes_within_the_time_budget() -> None:
    with running_server() as base:
        started = perf_counter()
        result = run(RunOptions(url=f"{base}/EchoApp", max_examples=20, seed=20))
        elapsed = perf_counter() - started
    assert result.passed, render_text(result)
    assert not result.warning_count, render_text(result)
    hooks = [m.name for m in load_catalogue().methods if "request" in m.directions]
    assert [m.method for m in result.methods] == hooks
    assert min(m.cases for m in result.methods) >= 20
    assert [f.flow for f in result.flows] == ["stream", "call", "data"]
    assert elapsed < FULL_RUN_SECONDS, f"{elapsed:.1f} s"


def test_signed_negative_run_against_a_verifying_reference_server() -> None:
    with running_server({"secret": "s3cret"}) as base:
        result = run(
            RunOptions(
                url=f"{base}/EchoApp",
                methods=("connect", "publishStream", "OnDataEvent"),
                max_examples=3,
                seed=4,
                negative=True,
                credentials=Credentials(secret="s3cret"),
            )
        )
    assert result.passed, render_text(result)
    for method in result.methods:
        assert method.check_status("signature") == "passed"
        assert method.check_status("negative") == "passed"
        assert method.check_status("mirror") == "passed"


def test_basic_auth_against_the_reference_server() -> None:
    config = {"auth": {"user": "wcs", "password": "hook-pass"}}
    with running_server(config) as base:
        right = Credentials(user="wcs", password="hook-pass")
        passing = run(RunOptions(url=f"{base}/EchoApp", methods=("connect",), max_examples=2,
                                 seed=1, credentials=right, flows=False))  # fmt: skip
        wrong = Credentials(user="wcs", password="nope")
        refused = run(RunOptions(url=f"{base}/EchoApp", methods=("connect",), max_examples=2,
                                 seed=1, credentials=wrong, flows=False))  # fmt: skip
    assert passing.passed
    assert passing.methods[0].check_status("json_object") == "passed"
    # refused with 401 {status, reason}: a refusal, which the backend may answer
    assert refused.methods[0].check_status("json_object") == "skipped"
    assert refused.methods[0].check_status("refusal_body") == "passed"


def test_a_credential_that_is_a_word_of_the_content_type_does_not_fail_the_answers() -> None:
    # The shown Content-Type is masked ("application/***"); the checks read it as received.
    config = {"auth": {"user": "application", "password": "json"}}
    credentials = Credentials(user="application", password="json")
    with running_server(config) as base:
        result = run(RunOptions(url=f"{base}/EchoApp", methods=("connect",), max_examples=2,
                                seed=1, flows=False, credentials=credentials))  # fmt: skip
    assert result.passed, render_text(result)
    assert result.methods[0].check_status("json_object") == "passed"
