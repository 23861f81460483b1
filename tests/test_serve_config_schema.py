"""The serve config's JSON Schema checks the file and documents it: `serve --help` and the
README's reference are made from it, the sample config keeps it, and it is a valid schema."""

from __future__ import annotations

import re
import subprocess
import sys

import orjson
from jsonschema import Draft202012Validator

from wcs_contract.codegen import tree
from wcs_contract.server.config import config_schema, reference

ROOT = tree.repo_root()


def test_the_schema_is_a_valid_2020_12_schema_and_the_sample_keeps_it() -> None:
    Draft202012Validator.check_schema(config_schema())
    sample = orjson.loads((ROOT / "examples" / "serve-config.json").read_bytes())
    assert list(Draft202012Validator(config_schema()).iter_errors(sample)) == []


def test_every_member_has_a_description_and_its_words_for_errors() -> None:
    schema = config_schema()
    objects = [schema, *schema["$defs"].values()]
    for node in objects:
        for name, member in node.get("properties", {}).items():
            assert member.get("description"), name
            if name != "$comment" and "$ref" not in member:
                assert member.get("x-expected"), name


def test_the_readme_shows_the_reference_made_from_the_schema() -> None:
    readme = (ROOT / "README.md").read_text()
    found = re.search(
        r"<!-- serve-config:start -->\n```text\n(.*?)\n```\n<!-- serve-config:end -->",
        readme,
        re.DOTALL,
    )
    assert found, "README.md needs the serve-config markers"
    assert found.group(1) == reference(), (
        "README.md's serve config reference is out of date: paste the output of"
        " `python -c 'from wcs_contract.server.config import reference; print(reference())'`"
    )


def test_serve_help_prints_the_reference() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "wcs_contract.cli", "serve", "--help"],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
        env={"COLUMNS": "100", "PATH": ""},
    )
    for line in reference().splitlines():
        assert line in done.stdout
    for name in config_schema()["properties"]:
        if name != "$comment":
            assert f"  {name} " in done.stdout
