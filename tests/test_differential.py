"""Verdicts agree with python-jsonschema, the reference, over a sample of mutated bodies."""

from __future__ import annotations

import copy
import random
from typing import Any

import orjson
import pytest
from jsonschema import Draft202012Validator

from wcs_contract.documents import method_schema_relpath, py_registry, uri_of
from wcs_contract.examples import all_examples
from wcs_contract.validator import SECRET_FIELDS, Contract, Variant, _quiet, _secrets

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


SECRET_KEYS = ["password", "PassWd", "apiKey", "api-key", "API_KEY", "myToken", "credentials"]
PLAIN_KEYS = ["name", "passport", "pass_", "tok", "secretary", "key"]  # "secretary" has "secret"
VALUES: list[Any] = ["", "x", 0, 1, 0.0, 2.5, False, True, None, [], [0], {}, {"a": 1}]


def with_secrets(body: Any, rng: random.Random) -> Any:
    """A body with a few credential-shaped members added: some empty, some not, some not secret."""
    body = copy.deepcopy(body)
    if not isinstance(body, dict):
        return body
    target = body
    if "message" in body and isinstance(body.get("data"), list) and body["data"]:
        element = body["data"][0]
        target = element if isinstance(element, dict) and rng.random() < 0.8 else body
    for _ in range(rng.randint(1, 3)):
        where = rng.random()
        if where < 0.4:
            target[rng.choice(sorted(SECRET_FIELDS))] = rng.choice(VALUES)
        elif where < 0.9:
            custom = target.setdefault("custom", {})
            if isinstance(custom, dict):
                custom[rng.choice(SECRET_KEYS + PLAIN_KEYS)] = rng.choice(VALUES)
        else:
            target["custom"] = rng.choice(VALUES)
    if rng.random() < 0.05:  # a frame inside a frame's data: _secrets looks in there too
        body = {"message": "x", "data": [{"message": "y", "data": [body]}]}
    return body


def test_the_bulk_screen_agrees_with_the_validator_and_the_secrets_check() -> None:
    # Bulk readers count a payload as clean on one call of its route's screen, which checks the
    # contract and the absence of credentials in jsonschema-rs. It must say exactly what the
    # validator and the Python secrets check say together, on valid, invalid and secret bodies;
    # and the credentials rule alone (which decides whether _secrets is asked) what _secrets says.
    rng = random.Random(20261126)
    contract = Contract()
    examples = all_examples()
    # Half the sample from bodies whose schema has `custom` (in a frame's elements too), where
    # credential-like keys are the contract's to allow and only the secrets check refuses them.
    customised = [e for e in examples if e.valid and "custom" in orjson.dumps(e.body).decode()]
    disagreements = []
    quiet = 0
    for _ in range(SAMPLE):
        example = rng.choice(customised if rng.random() < 0.5 else examples)
        body = with_secrets(example.body, rng) if rng.random() < 0.6 else example.body
        key = (example.method, example.direction)
        screen = contract.check_for(*key)
        assert screen is not None
        stores_none = not _secrets(body, [], "warning")
        validator = contract.resolve(*key)
        # ... and no notice (a deprecated value, a refusal without its reason) to give
        expected = validator.is_valid(body) and stores_none and not validator.notices(body)
        quiet += expected
        if screen(body) != expected or _quiet()(body) != stores_none:
            disagreements.append((key, body))
    assert not disagreements, disagreements[:3]
    assert SAMPLE * 0.2 < quiet < SAMPLE * 0.8, "the sample must exercise both verdicts"
    assert contract.check_for("nosuch", "request") is None
    connect = next(
        e.body for e in examples if e.valid and (e.method, e.direction) == ("connect", "request")
    )
    stored = {**connect, "sipPassword": "hunter2"}
    screening = contract.check_for("connect", "request")
    ignoring = Contract(secrets="ignore").check_for("connect", "request")
    assert screening is not None
    assert ignoring is not None
    assert not screening(stored)
    assert ignoring(stored)


def test_split_variants_explain_exactly_what_their_whole_validator_explains(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A closed variant is explained in pieces (missing and unknown names found in Python, its
    # members by jsonschema-rs) because root-level errors are costly: the issues, their order
    # and their words must be those of the variant's whole validator.
    rng = random.Random(20261202)
    examples = [e for e in all_examples() if e.valid]
    bodies = []
    for _ in range(SAMPLE):
        example = rng.choice(examples)
        body = mutate(example.body, rng)
        if rng.random() < 0.3:
            body = mutate(body, rng) if isinstance(body, dict) else body
        bodies.append(((example.method, example.direction), body))
    split_contract = Contract(strict=rng.random() < 0.5)
    split = [split_contract.issues(body, *key) for key, body in bodies]
    used = [
        v
        for m in split_contract.catalogue.methods
        for d in m.directions
        for v in split_contract.resolve(m.name, d).choice.variants
        if "members" in v.__dict__ and v.members is not None
    ]
    assert len(used) > 50, "the sample must explain through the split variants"
    monkeypatch.setattr(Variant, "members", property(lambda _self: None))
    whole_contract = Contract(strict=split_contract.strict)
    whole = [whole_contract.issues(body, *key) for key, body in bodies]
    differing = [(b, s, w) for (_k, b), s, w in zip(bodies, split, whole, strict=True) if s != w]
    assert not differing, differing[:3]
    assert sum(1 for issues in whole if issues) > SAMPLE * 0.3
