"""The examples are the fixtures: valid ones pass, invalid ones fail as their golden says."""

from __future__ import annotations

from typing import Any

import pytest
from jsonschema import Draft202012Validator

from wcs_contract.catalogue import load_catalogue
from wcs_contract.documents import method_schema_relpath, py_registry, uri_of
from wcs_contract.examples import Example, all_examples, golden
from wcs_contract.validator import Contract

EXAMPLES = all_examples()
STRICT = Contract(strict=True, secrets="ignore")
NOTICES = {"x-deprecated", "x-http-status"}  # warnings a valid body may get


def reference_validator(method: str, direction: str) -> Draft202012Validator:
    ref = {"$ref": uri_of(method_schema_relpath(method, direction))}
    return Draft202012Validator(ref, registry=py_registry())


def summary(example: Example) -> list[dict[str, Any]]:
    issues = STRICT.issues(example.body, example.method, example.direction)
    return [{"pointer": i.pointer, "keyword": i.keyword, "variant": i.variant} for i in issues]


@pytest.mark.parametrize("example", [e for e in EXAMPLES if e.valid], ids=lambda e: e.id)
def test_valid_example_passes(example: Example) -> None:
    assert (
        list(reference_validator(example.method, example.direction).iter_errors(example.body)) == []
    )
    # Valid, though some get a notice the schema cannot give: a deprecated value, a refusal the
    # client will not see the reason of. Nothing else, even in strict mode.
    issues = STRICT.issues(example.body, example.method, example.direction)
    assert [i for i in issues if i.severity == "error"] == []
    assert {i.keyword for i in issues} <= NOTICES


@pytest.mark.parametrize("example", [e for e in EXAMPLES if not e.valid], ids=lambda e: e.id)
def test_invalid_example_fails_as_its_golden_says(example: Example) -> None:
    assert not reference_validator(example.method, example.direction).is_valid(example.body)
    expected = golden(example.method).get(example.key)
    assert expected is not None, (
        f"no entry {example.key!r} in {example.method}/examples/expected-errors.json"
    )
    assert summary(example) == expected


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda e: e.id)
def test_envelope_agrees_with_its_path(example: Example) -> None:
    envelope = example.envelope
    assert envelope["method"] == example.method
    assert envelope["direction"] == example.direction
    assert set(envelope) <= {"method", "direction", "status", "source", "body"}
    assert isinstance(envelope.get("source", ""), str)


@pytest.mark.parametrize("method", load_catalogue().names)
def test_golden_names_only_existing_invalid_examples(method: str) -> None:
    keys = {e.key for e in EXAMPLES if e.method == method and not e.valid}
    assert set(golden(method)) == keys


def test_golden_catches_a_wrong_expectation() -> None:
    """The golden comparison is not vacuous: a changed body changes the summary."""
    example = next(e for e in EXAMPLES if not e.valid)
    assert summary(example) != []
