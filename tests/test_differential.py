"""Verdicts agree with python-jsonschema, the reference, over a sample of mutated bodies."""

from __future__ import annotations

import copy
import random
from typing import Any

from jsonschema import Draft202012Validator

from wcs_contract.documents import method_schema_relpath, py_registry, uri_of
from wcs_contract.examples import all_examples
from wcs_contract.validator import Contract

SAMPLE = 3000
REPLACEMENTS: list[Any] = [
    None,
    0,
    -1,
    1.5,
    "",
    "x",
    "FAILED",
    True,
    [],
    {},
    ["WebRTC"],
    {"muted": 1},
]


def mutate(body: Any, rng: random.Random) -> Any:
    """One random change: drop, retype or add a member, somewhere in the body."""
    body = copy.deepcopy(body)
    target = body
    while isinstance(target, dict) and target and rng.random() < 0.3:
        child = target[rng.choice(list(target))]
        if not isinstance(child, dict | list) or not child:
            break
        target = child if isinstance(child, dict) else child[0]
    if not isinstance(target, dict):
        return rng.choice(REPLACEMENTS)
    action = rng.randrange(3)
    if action == 0 and target:
        del target[rng.choice(list(target))]
    elif action == 1 and target:
        target[rng.choice(list(target))] = rng.choice(REPLACEMENTS)
    else:
        target[rng.choice(["extra", "status", "name", "message", "data"])] = rng.choice(
            REPLACEMENTS
        )
    return body


def test_strict_verdicts_agree_with_python_jsonschema() -> None:
    rng = random.Random(20261126)
    contract = Contract(strict=True, secrets="ignore")
    registry = py_registry()
    references: dict[tuple[str, str], Draft202012Validator] = {}
    examples = [e for e in all_examples() if e.valid]
    disagreements = []
    invalid = 0
    for _ in range(SAMPLE):
        example = rng.choice(examples)
        body = mutate(example.body, rng)
        key = (example.method, example.direction)
        if key not in references:
            ref = {"$ref": uri_of(method_schema_relpath(*key))}
            references[key] = Draft202012Validator(ref, registry=registry)
        expected = references[key].is_valid(body)
        issues = contract.issues(body, *key)
        ours = not any(i.severity == "error" for i in issues)
        invalid += not expected
        if ours != expected:
            disagreements.append((key, body, [i.message for i in issues]))
        if not expected:
            assert issues, f"{key}: invalid body explained by no issue: {body}"
    assert not disagreements, disagreements[:3]
    assert SAMPLE * 0.3 < invalid < SAMPLE, "the sample must exercise both verdicts"
