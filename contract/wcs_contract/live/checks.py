"""The checks: what one answer (or its absence) says about the server under test.

The checks of an answer itself live in the library (`wcs_contract.answers`, shared with the
proxy); here are those of the transport and of the tester's own probes. `judge` runs the checks
that apply to a positive request in order and records which checks had an answer to judge.
Messages say what is wrong and what WCS does about it; the request itself is shown by the runner
as a curl line.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from wcs_contract.answers import (
    CONNECTION_FIELDS,
    JSON_MEDIA_TYPE,
    KNOWN_POLICIES,
    Observation,
    Verdict,
    check_answer,
    check_json_object,
    check_mirror,
    check_refusal_body,
    check_rest_client_config_names,
    check_rest_client_config_use,
    check_status,
    first_difference,
    garbled,
    json_equal,
    method_fields,
)
from wcs_contract.live.options import SLOW_ANSWER
from wcs_contract.live.transport import Exchange
from wcs_contract.rest_client_config import Policy

if TYPE_CHECKING:
    from wcs_contract.catalogue import Method
    from wcs_contract.validator import Contract


def check_transport(exchange: Exchange, verdict: Verdict, timeout: float) -> bool:
    """`connection` and `timeout`; True when there is an answer to judge further."""
    verdict.evaluated.update(("connection", "timeout"))
    if exchange.error == "timeout":
        verdict.fail(
            "timeout",
            f"no answer within {timeout:g} s: WCS gives up after rest_request_timeout"
            " (default 15 s) and treats the call as failed",
        )
        return False
    if exchange.error is not None:
        verdict.fail("connection", f"{exchange.detail}: WCS treats the call as failed")
        return False
    if exchange.elapsed > timeout:
        verdict.fail(
            "timeout",
            f"the answer took {exchange.elapsed:.1f} s, more than {timeout:g} s: WCS would have"
            " given up",
        )
    elif exchange.elapsed > SLOW_ANSWER:
        verdict.warn(
            "timeout",
            f"the answer took {exchange.elapsed:.1f} s: WCS recommends answering within"
            f" {SLOW_ANSWER:g} s (rest_request_timeout 1-10 s)",
        )
    return True


def judge(
    exchange: Exchange,
    method: Method,
    contract: Contract,
    *,
    timeout: float,
    policy: Policy | None = None,
) -> Verdict:
    """Every check that applies to a valid request's exchange."""
    verdict = Verdict()
    if not check_transport(exchange, verdict, timeout):
        return verdict
    check_status(exchange, method, verdict)
    status = exchange.status or 0
    if status == 200:
        body = check_json_object(exchange, verdict)
        if body is not None:
            check_answer(body, exchange.sent, method, verdict, contract, policy or Policy())
    elif 400 <= status < 500:
        check_refusal_body(exchange, verdict)
    return verdict


def judge_negative(exchange: Exchange, timeout: float) -> Verdict:
    """`negative`: an invalid body must not break the server (any 2xx-4xx answer will do)."""
    verdict = Verdict(evaluated={"negative"})
    if exchange.error == "timeout":
        verdict.fail("negative", f"an invalid body got no answer within {timeout:g} s")
    elif exchange.error is not None:
        verdict.fail("negative", f"an invalid body broke the connection: {exchange.detail}")
    elif (exchange.status or 0) >= 500:
        verdict.fail(
            "negative",
            f"an invalid body caused {exchange.status} {exchange.reason}".rstrip()
            + ": answer 4xx (or 200) to bodies the backend cannot use",
        )
    return verdict


def judge_signature(exchange: Exchange, timeout: float, *, unsigned: bool = False) -> Verdict:
    """`signature`: a request signed with the wrong key, or not signed at all (`unsigned`), must
    be refused with 403."""
    verdict = Verdict(evaluated={"signature"})
    status = exchange.status or 0
    what = "an unsigned request" if unsigned else "a wrongly signed request"
    if exchange.error is not None:
        got = f"no answer within {timeout:g} s" if exchange.error == "timeout" else exchange.detail
        verdict.fail("signature", f"{what} got {got}, expected 403", key=f"{what}: no answer")
    elif status == 403:
        pass
    elif 400 <= status < 500:
        verdict.warn(
            "signature",
            f"{what} was refused with {status}; WCS documents 403 Forbidden",
            key=f"{what}: {status}",
        )
    elif unsigned:
        verdict.fail(
            "signature",
            f"a request without a signature was answered {status} {exchange.reason}".rstrip()
            + ": with rest_hook_send_hash WCS signs every hook, so a request without"
            " `Authorization: WCS <hex>` is not from WCS and must be refused with 403",
            key="unsigned request accepted",
        )
    else:
        verdict.fail(
            "signature",
            f"a request with a wrong signature was answered {status} {exchange.reason}".rstrip()
            + ": the backend must recompute HMAC-MD5 of the raw body with the secret and"
            " answer 403 when `Authorization: WCS <hex>` differs",
            key="wrong signature accepted",
        )
    return verdict


_SIGNATURE_WORDS = ("signature", "signed", "hmac", "digest")


def mentions_signature(exchange: Exchange) -> bool:
    """The refusal says it is about the signature (its reason or its body)."""
    text = f"{exchange.reason} {exchange.content[:2000].decode('utf-8', 'replace')}".lower()
    return any(word in text for word in _SIGNATURE_WORDS)


def check_signed_refusal(exchange: Exchange, verdict: Verdict, escaped: Exchange | None) -> None:
    """`signature`: a correctly signed request refused as if its signature were wrong.

    `escaped` is the same body sent again with its non-ASCII text as \\u escapes (and signed
    over those bytes): accepted, it shows the backend signs its own re-serialisation."""
    verdict.evaluated.add("signature")
    phrase = f"{exchange.status} {exchange.reason}".strip()
    reserialised = escaped is not None and escaped.status == 200
    if reserialised:
        verdict.fail(
            "signature",
            f"a correctly signed request with non-ASCII text was refused with {phrase}"
            f" ({exchange.excerpt!r}), and the same body with the text \\u-escaped was accepted:"
            " the backend checks the HMAC over its own re-serialisation of the parsed body, not"
            " over the raw bytes WCS sent (UTF-8, as is); WCS's every call with such text fails",
            key="correctly signed request refused",
        )
    elif mentions_signature(exchange):
        verdict.fail(
            "signature",
            f"a correctly signed request was refused with {phrase} ({exchange.excerpt!r}):"
            " HMAC-MD5 of the raw body bytes, keyed with the secret, is exactly the"
            " `Authorization: WCS <hex>` header sent; compute it over the bytes as received",
            key="correctly signed request refused",
        )


__all__ = [
    "CONNECTION_FIELDS",
    "JSON_MEDIA_TYPE",
    "KNOWN_POLICIES",
    "Observation",
    "Verdict",
    "check_answer",
    "check_json_object",
    "check_mirror",
    "check_refusal_body",
    "check_rest_client_config_names",
    "check_rest_client_config_use",
    "check_signed_refusal",
    "check_status",
    "check_transport",
    "first_difference",
    "garbled",
    "json_equal",
    "judge",
    "judge_negative",
    "judge_signature",
    "mentions_signature",
    "method_fields",
]
