"""`wcs-contract diff`: revisions and folders, formats, exit codes, captures, unreadable input."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from wcs_contract.cli import main
from wcs_contract.compat import Snapshot, diff
from wcs_contract.compat import snapshot as snapshot_module
from wcs_contract.compat.render import line_of, pointer_lines
from wcs_contract.compat.snapshot import MAX_SCHEMA_BYTES, from_folder
from wcs_contract.examples import all_examples
from wcs_contract.resources import schemas_dir
from wcs_contract.validator import Contract

SCHEMAS = schemas_dir()


def copy_schemas(target: Path) -> Path:
    """The schema files of this checkout (not the examples) under target/schemas."""
    out = target / "schemas"
    for file in SCHEMAS.rglob("*.json"):
        relative = file.relative_to(SCHEMAS)
        if "examples" in relative.parts:
            continue
        (out / relative).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(file, out / relative)
    return out


def git(repo: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@t", *args],
        check=True,
        capture_output=True,
    )


def edit(path: Path, change: Any) -> None:
    document = json.loads(path.read_text())
    change(document)
    path.write_text(json.dumps(document, indent=2) + "\n")


def mirror(document: dict[str, Any]) -> dict[str, Any]:
    name = next(k for k in document["$defs"] if k.endswith("ResponseMirror"))
    node: dict[str, Any] = document["$defs"][name]
    return node


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A git repository whose second commit makes `sipLogin` required in connect's answer."""
    root = tmp_path / "repo"
    schemas = copy_schemas(root)
    git(root, "init", "-q")
    git(root, "add", ".")
    git(root, "commit", "-qm", "one")
    edit(
        schemas / "methods/connect/response.json",
        lambda d: mirror(d)["required"].append("sipLogin"),
    )
    git(root, "commit", "-qam", "two")
    monkeypatch.chdir(root)
    return root


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    try:
        code = main(["diff", *args])
    except SystemExit as exit:
        code = int(exit.code or 0)
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def test_a_new_required_field_in_an_answer_is_breaking_with_a_witness(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "HEAD~1", "--format", "json")
    assert code == 1
    report = json.loads(out)
    assert report["summary"] == {"breaking": 1, "warning": 0, "compatible": 0, "documentation": 0}
    (change,) = report["changes"]
    assert change["method"] == "connect"
    assert change["direction"] == "response"
    assert change["change"] == "required-added"
    assert change["pointer"] == "/$defs/ConnectResponseMirror/required"
    assert {"method", "direction", "pointer", "change", "severity", "message"} <= change.keys()
    witness = change["witness"]
    assert witness["accepted_by"] == "old"
    assert "sipLogin" not in witness["body"]
    # The witness is checked: the old contract takes it, the new one does not.
    assert Contract().validate(witness["body"], "connect", "response").valid
    assert not Snapshot.is_valid(
        from_folder(repo / "schemas"), witness["body"], "connect", "response"
    )


def test_fail_on_and_the_working_tree_default(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "HEAD~1", "--fail-on", "never")[0] == 0
    assert run(capsys, "HEAD", "--fail-on", "warning")[0] == 0  # working tree = HEAD
    assert run(capsys, "HEAD", "HEAD~1")[0] == 0  # dropping a required field: compatible
    edit(repo / "schemas/methods/call/request.json", lambda d: d.__setitem__("description", "x"))
    code, out, _ = run(capsys, "HEAD", "--fail-on", "warning")
    assert code == 0
    assert "0 breaking, 0 warning, 0 compatible, 1 documentation" in out


def test_text_markdown_and_github(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "HEAD~1")
    assert code == 1
    assert out.startswith("wcs-contract diff HEAD~1 → working tree: 1 breaking")
    assert "breaking: connect/response required-added" in out
    assert "witness: {" in out
    code, out, _ = run(capsys, "HEAD~1", "--format", "markdown")
    assert "| breaking | 1 |" in out
    assert "### connect — response" in out
    assert "<details><summary>witness" in out
    code, out, _ = run(capsys, "HEAD~1", "--format", "github")
    first = out.splitlines()[0]
    assert first.startswith("::error file=schemas/methods/connect/response.json,line=")
    line = int(first.split("line=")[1].split(",")[0])
    text = (repo / "schemas/methods/connect/response.json").read_text().splitlines()
    assert text[line - 1].strip().startswith('"required"')


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["no-such-rev"], "'no-such-rev' is neither a folder nor a revision"),
        (["HEAD~5"], "'HEAD~5' is neither a folder nor a revision"),
        (["empty"], "no catalogue.json here or in"),
        (["broken"], "not JSON"),
        (["HEAD", "--format", "yaml"], "invalid choice"),
    ],
)
def test_unreadable_input_is_one_clear_line(
    repo: Path, capsys: pytest.CaptureFixture[str], args: list[str], expected: str
) -> None:
    (repo / "empty").mkdir()
    broken = repo / "broken"
    shutil.copytree(repo / "schemas", broken)
    (broken / "methods/call/request.json").write_text("{not json")
    code, out, err = run(capsys, *args)
    assert code == 2
    assert out == ""
    assert expected in err
    assert len(err.strip().splitlines()) == 1 or "usage:" in err


def test_folders_and_a_shared_change(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    old = copy_schemas(tmp_path / "old")
    new = copy_schemas(tmp_path / "new")
    # sipPort is seen as a number and as a string; the new version takes only numbers.
    edit(
        old / "common.json",
        lambda d: d["$defs"]["sipPort"].__setitem__("type", ["integer", "string"]),
    )
    edit(new / "common.json", lambda d: d["$defs"]["sipPort"].__setitem__("type", "integer"))
    code, out, _ = run(capsys, str(tmp_path / "old"), str(new), "--format", "json")
    assert code == 1
    report = json.loads(out)
    (change,) = report["changes"]
    assert change["change"] == "type-narrowed"
    assert change["method"] == "common.json"
    routes = {(a["method"], a["direction"]) for a in change["affected"]}
    assert ("connect", "request") in routes
    assert ("connect", "response") in routes
    assert "breaking for response" in change["message"]
    assert change["witness"]["direction"] == "response"
    assert change["witness"]["body"]["sipPort"] == "x"  # a string port: valid before, not now
    assert old.is_dir()


def test_captures_whose_verdict_flips(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    old = copy_schemas(tmp_path / "old")
    new = copy_schemas(tmp_path / "new")
    edit(
        new / "methods/publishStream/response.json",
        lambda d: mirror(d)["required"].append("record"),
    )
    captures = tmp_path / "captures.jsonl"
    lines = [
        {"method": "publishStream", "direction": "response", "body": {"name": "s"}},
        {"method": "publishStream", "direction": "response", "body": {"name": "s", "record": True}},
        {"method": "publishStream", "direction": "response", "body": {"name": "s", "extra": 1}},
        {"method": "connect", "direction": "request", "body": {}},
    ]
    captures.write_text("\n".join(json.dumps(line) for line in lines) + "\n")
    code, out, _ = run(capsys, str(old), str(new), "--captures", str(captures))
    assert code == 1
    flips = [line for line in out.splitlines() if "captures.jsonl:" in line]
    # line 3 has an unknown field: a warning for validate, so it flips too (valid -> invalid)
    assert [f.split("captures.jsonl:")[1].split(":")[0] for f in flips] == ["1", "3"]
    assert "publishStream/response was valid under" in flips[0]
    assert "captures: 4 payloads, 2 verdicts flip" in out


def test_lenient_verdict_agrees_with_validate() -> None:
    """Captures are judged as `validate` judges them: on every example of the contract."""
    snapshot = from_folder(SCHEMAS)
    contract = Contract(secrets="ignore")
    for example in all_examples():
        body = example.body
        expected = contract.validate(body, example.method, example.direction).valid
        got = snapshot.is_valid(body, example.method, example.direction, strict=False)
        assert got == expected, example.id


def test_pointer_lines() -> None:
    text = b'{\n  "a": {\n    "b/c": [\n      1,\n      {"d": "x\\"y"}\n    ]\n  },\n  "e": 2\n}\n'
    lines = pointer_lines(text)
    assert lines["/a"] == 2
    assert lines["/a/b~1c"] == 3
    assert lines["/a/b~1c/0"] == 4
    assert lines["/a/b~1c/1/d"] == 5
    assert lines["/e"] == 8
    assert line_of(lines, "/a/b~1c/1/missing") == 5


def test_whole_contract_with_one_change_is_fast() -> None:
    old = from_folder(SCHEMAS)
    docs = {k: json.loads(v) for k, v in old.texts.items()}
    mirror(docs["methods/StreamStatusEvent/response.json"])["required"] = ["name"]
    new = Snapshot.from_documents("new", docs)
    started = time.perf_counter()
    changes = diff(old, new)
    elapsed = time.perf_counter() - started
    assert [c.change for c in changes] == ["required-added"]
    assert changes[0].witness is not None
    assert elapsed < 2.0


def test_the_example_workflow_runs_diff_against_the_base() -> None:
    import shlex

    import yaml

    from wcs_contract.cli import build_parser

    root = SCHEMAS.parent
    workflow = yaml.safe_load((root / "examples/github-actions/contract-diff.yml").read_text())
    runs = [step.get("run", "") for step in workflow["jobs"]["diff"]["steps"]]
    commands = [
        line
        for run in runs
        for line in run.replace("\\\n", " ").splitlines()
        if "wcs-contract diff" in line
    ]
    assert any("--format markdown" in c for c in commands)
    assert any("--format github" in c for c in commands)
    for command in commands:
        words = shlex.split(command.replace("${{ github.base_ref }}", "main").split(">")[0])
        args = build_parser("diff").parse_args(words[1:])
        assert args.old == "origin/main"
    assert any("createComment" in step.get("with", {}).get("script", "")
               for step in workflow["jobs"]["diff"]["steps"])  # fmt: skip


def test_diff_stays_light() -> None:
    """`diff` works in the light install: no pydantic, python-jsonschema, schemathesis, rich."""
    code = (
        "import sys, io, contextlib\n"
        "from wcs_contract.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    main(['diff', 'schemas', 'schemas', '--captures', 'examples/captures'])\n"
        "heavy = {'pydantic', 'jsonschema', 'referencing', 'schemathesis', 'rich', 'httpx',"
        " 'hypothesis', 'starlette', 'uvicorn', 'yaml'}\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & heavy))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=SCHEMAS.parent, capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "[]"


def test_a_change_inside_rest_client_config(tmp_path: Path) -> None:
    old = copy_schemas(tmp_path / "old")
    new = copy_schemas(tmp_path / "new")

    def policies(values: list[str]) -> Any:
        entry = "RestClientConfigEntry"
        return lambda d: d["$defs"][entry]["properties"]["restPolicy"].__setitem__("enum", values)

    edit(old / "restClientConfig.json", policies(["OVERWRITE", "NOTIFY", "DISABLE", "DISABLED"]))
    edit(new / "restClientConfig.json", policies(["OVERWRITE", "NOTIFY", "DISABLE"]))
    (change,) = diff(from_folder(old), from_folder(new))
    assert change.change == "enum-value-removed"
    assert change.severity == "breaking"
    assert change.affected == (("connect", "response"),)
    assert change.witness is not None
    body = change.witness["body"]
    assert next(iter(body["restClientConfig"].values())) == {"restPolicy": "DISABLED"}


def test_a_broken_reference_is_one_clear_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old = copy_schemas(tmp_path / "old")
    new = copy_schemas(tmp_path / "new")
    edit(
        new / "methods/hangup/request.json",
        lambda d: d["properties"].__setitem__("callId", {"$ref": "../../common.json#/$defs/nope"}),
    )
    code, out, err = run(capsys, str(old), str(new))
    assert code == 2
    assert out == ""
    assert "methods/hangup/request.json" in err
    assert "'../../common.json#/$defs/nope' names nothing" in err


@pytest.mark.parametrize(
    "garbage",
    [
        {"properties": []},
        {"required": "callId"},
        {"oneOf": {}},
        {"$ref": 5},
        {"enum": 3},
        {"type": 7},
        {"additionalProperties": "no"},
        {"items": [1]},
        {"minLength": "3"},
    ],
    ids=lambda g: next(iter(g)),
)
def test_malformed_schemas_never_crash(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], garbage: dict[str, Any]
) -> None:
    old = copy_schemas(tmp_path / "old")
    new = copy_schemas(tmp_path / "new")
    edit(new / "methods/hangup/request.json", lambda d: d.update(garbage))
    edit(
        new / "methods/hangup/response.json",
        lambda d: d["$defs"]["HangupResponseMirror"]["properties"]["callId"].update(garbage),
    )
    code, _, err = run(capsys, str(old), str(new))
    assert code == 2
    assert len(err.strip().splitlines()) == 1
    assert "methods/hangup/re" in err


def test_a_document_that_is_not_an_object(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old = copy_schemas(tmp_path / "old")
    (old / "methods/hangup/client.json").write_text("[]")
    code, _, err = run(capsys, str(old), str(old))
    assert code == 2
    assert "methods/hangup/client.json (" in err
    assert "expected a JSON object" in err


@pytest.mark.parametrize("old_side", [False, True], ids=["in NEW", "in OLD"])
def test_a_reference_cycle_is_one_clear_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], old_side: bool
) -> None:
    """A `$ref` that leads back to itself through other references names no schema: an
    error, not an endless loop (nor a silent "no change")."""
    old = copy_schemas(tmp_path / "old")
    new = copy_schemas(tmp_path / "new")

    def cycle(document: dict[str, Any]) -> None:
        document["oneOf"][0] = {"$ref": "#/$defs/A"}
        document["$defs"]["A"] = {"$ref": "#/$defs/B"}
        document["$defs"]["B"] = {"$ref": "#/$defs/A"}

    edit(new / "methods/StreamStatusEvent/response.json", cycle)
    args = (str(new), str(old)) if old_side else (str(old), str(new))
    code, out, err = run(capsys, *args)
    assert code == 2
    assert out == ""
    assert "methods/StreamStatusEvent/response.json" in err
    assert "a $ref cycle: #/oneOf/0 -> #/$defs/A -> #/$defs/B -> #/$defs/A" in err
    assert len(err.strip().splitlines()) == 1


@pytest.mark.parametrize("kind", ["link to /dev/zero", "link out of the folder", "fifo", "huge"])
def test_a_folder_holding_what_no_schema_is(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], kind: str
) -> None:
    """A folder's *.json that would hang the run (a FIFO, /dev/zero), fill the memory or read
    the machine's other files is refused in one line, and nothing else is read from it."""
    old = copy_schemas(tmp_path / "old")
    new = copy_schemas(tmp_path / "new")
    odd = new / "odd.json"
    if kind == "link to /dev/zero":
        odd.symlink_to("/dev/zero")
        expected = "a symbolic link out of"
    elif kind == "link out of the folder":
        outside = tmp_path / "outside.json"
        outside.write_text('{"$defs": {}}')
        odd.symlink_to(outside)
        expected = "a symbolic link out of"
    elif kind == "fifo":
        os.mkfifo(odd)
        expected = "not a regular file"
    else:
        with odd.open("wb") as stream:
            stream.truncate(MAX_SCHEMA_BYTES + 1)
        expected = "larger than 64 MiB"
    code, out, err = run(capsys, str(old), str(new))
    assert code == 2
    assert out == ""
    assert f"{odd}: {expected}" in err
    assert len(err.strip().splitlines()) == 1


def test_a_link_inside_the_folder_is_followed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old = copy_schemas(tmp_path / "old")
    new = copy_schemas(tmp_path / "new")
    (new / "shared").mkdir()
    (new / "common.json").rename(new / "shared/common.json")
    (new / "common.json").symlink_to("shared/common.json")
    code, out, _ = run(capsys, str(old), str(new))
    assert code == 0
    assert "0 breaking, 0 warning, 0 compatible" in out


def test_a_revision_missing_from_a_shallow_clone_says_how_to_fetch_it(
    repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """CI checks out one commit by default: the base revision is then not in the clone."""
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth", "1", repo.as_uri(), str(clone))
    monkeypatch.chdir(clone)
    code, out, err = run(capsys, "HEAD~1")
    assert code == 2
    assert out == ""
    assert "'HEAD~1' is neither a folder nor a revision" in err
    assert "this clone is shallow: fetch the history first (git fetch --unshallow" in err
    monkeypatch.chdir(repo)
    code, _, err = run(capsys, "HEAD~5")
    assert code == 2
    assert "shallow" not in err


def test_a_removed_method_is_annotated_where_it_was_not_on_its_successor(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The removed method's old index is another method's in NEW's catalogue: the annotation
    must not land on that method."""
    old = copy_schemas(tmp_path / "old")
    new = copy_schemas(tmp_path / "new")
    edit(
        new / "catalogue.json",
        lambda d: d.__setitem__("methods", [m for m in d["methods"] if m["name"] != "sendIMDN"]),
    )
    shutil.rmtree(new / "methods/sendIMDN")
    code, out, _ = run(capsys, str(old), str(new), "--format", "github")
    assert code == 1
    first = out.splitlines()[0]
    assert "method-removed::method sendIMDN removed" in first
    line = int(first.split("line=")[1].split(",")[0])
    text = (new / "catalogue.json").read_text().splitlines()
    assert text[line - 1].strip().startswith('"methods"')
    code, out, _ = run(capsys, str(old), str(new), "--format", "json")
    (change,) = json.loads(out)["changes"]
    assert (change["file"], change["pointer"]) == ("catalogue.json", "/methods")


def test_a_schema_file_deleted_while_the_catalogue_keeps_its_route(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Deleting a direction's schema but not its catalogue entry loses that route's contract:
    not "0 breaking", but one line naming the file and the entry (either version)."""
    old = copy_schemas(tmp_path / "old")
    new = copy_schemas(tmp_path / "new")
    (new / "methods/sendIMDN/client.json").unlink()
    for args in ((old, new), (new, old)):
        code, out, err = run(capsys, *map(str, args))
        assert code == 2
        assert out == ""
        assert err == (
            f"wcs-contract: error: diff: {new}/methods/sendIMDN/client.json ({new}): missing,"
            " but its catalogue.json lists sendIMDN client\n"
        )


@pytest.mark.parametrize("format", ["text", "markdown", "github"])
def test_names_in_the_schemas_under_review_cannot_forge_a_line_or_drive_the_terminal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], format: str
) -> None:
    """A pull request controls the schemas diff reports on: a property named with a line
    break or a terminal escape is shown escaped, as validate shows what a capture holds."""
    old = copy_schemas(tmp_path / "old")
    new = copy_schemas(tmp_path / "new")
    name = "x\x1b[2J\nbreaking: forged"

    def add(document: dict[str, Any]) -> None:
        document["properties"][name] = {"type": "string", "description": "A field."}
        document["required"].append(name)

    edit(new / "methods/connect/request.json", add)
    code, out, _ = run(capsys, str(old), str(new), "--format", format)
    assert code == 0
    assert "\x1b" not in out
    assert "x\\x1b[2J\\nbreaking: forged" in out
    assert not any(line.startswith("breaking: forged") for line in out.splitlines())


def test_a_revision_holding_a_file_too_big_for_a_schema_is_refused_before_it_is_read(
    repo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(snapshot_module, "MAX_SCHEMA_BYTES", 1 << 20)  # 64 MiB for real
    (repo / "schemas/big.json").write_text('{"$defs": {}, "$comment": "' + "x" * (1 << 20) + '"}')
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "big")
    code, out, err = run(capsys, "HEAD", "HEAD~1")
    assert code == 2
    assert out == ""
    assert err == (
        "wcs-contract: error: diff: schemas/big.json (HEAD): larger than 1 MiB: not a schema\n"
    )


def test_a_revision_without_git_installed_says_so(
    repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "no-git-here"))
    code, out, err = run(capsys, "HEAD~1")
    assert code == 2
    assert out == ""
    assert err == (
        "wcs-contract: error: diff: 'HEAD~1' is not a folder, and git is not installed to read it\n"
    )


@pytest.mark.parametrize("where", ["a method's file", "a shared definition"])
def test_a_schema_the_validator_cannot_compile_is_one_clear_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], where: str
) -> None:
    """A `pattern` that is no regular expression passes the meta-schema (`format` is only an
    annotation there) but leaves NEW no usable contract, even where the change alone would be
    compatible (a pattern added to what WCS sends)."""
    old = copy_schemas(tmp_path / "old")
    new = copy_schemas(tmp_path / "new")
    broken = {"type": "string", "description": "A URL.", "pattern": "(["}
    if where == "a method's file":
        edit(
            new / "methods/connect/request.json",
            lambda d: d["properties"].__setitem__("urlServer", broken),
        )
        file, at = "methods/connect/request.json", "/properties/urlServer/pattern"
    else:
        edit(new / "common.json", lambda d: d["$defs"].__setitem__("extra", broken))
        file, at = "common.json", "/$defs/extra"
    code, out, err = run(capsys, str(old), str(new))
    assert code == 2
    assert out == ""
    assert err == (
        f"wcs-contract: error: diff: {new}/{file} ({new}): not a usable schema at {at}:"
        ' "([" is not a "regex"\n'
    )
    assert len(err.strip().splitlines()) == 1


@pytest.mark.parametrize(
    ("entry", "problem"),
    [
        ({"directions": "request"}, "/methods/0/directions: expected an array of strings"),
        ({"aliases": "dial"}, "/methods/0/aliases: expected an array of strings"),
        ({"clientMessages": [{}]}, "/methods/0/clientMessages: expected an array of strings"),
        ({"name": 5}, '/methods/0: expected an object with a string "name"'),
        ({"kind": 5}, "/methods/0/kind: expected a string"),
    ],
    ids=lambda v: next(iter(v)) if isinstance(v, dict) else "",
)
def test_a_catalogue_entry_of_the_wrong_shape_is_one_clear_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], entry: dict[str, Any], problem: str
) -> None:
    """A string where the catalogue holds a list ("directions": "request") was read letter by
    letter: 'direction request removed', 'new direction r', 'new direction e', ..."""
    old = copy_schemas(tmp_path / "old")
    new = copy_schemas(tmp_path / "new")
    edit(new / "catalogue.json", lambda d: d["methods"][0].update(entry))
    code, out, err = run(capsys, str(old), str(new))
    assert code == 2
    assert out == ""
    assert err == f"wcs-contract: error: diff: {new}/catalogue.json ({new}): {problem}\n"


def test_a_bare_body_among_the_captures_is_not_told_to_use_options_diff_lacks(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old = copy_schemas(tmp_path / "old")
    bare = tmp_path / "bare.json"
    bare.write_text('{"nodeId": "n", "sessionId": "s", "appKey": "k"}')
    code, out, _ = run(capsys, str(old), str(old), "--captures", str(bare))
    assert code == 2
    assert (
        f"unreadable: {bare}:1: a bare body names no method and direction: wrap it in an envelope"
        ' {"method": "connect", "direction": "request", "body": {...}}\n'
    ) in out
    assert "--method" not in out


def test_each_bound_changed_on_one_node_has_a_witness_that_crosses_that_bound(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """nodeId gets a longer minLength and a maxLength at once: the maxLength's witness is a
    string too long, not the minLength's too-short one (which proves the other change)."""
    old = copy_schemas(tmp_path / "old")
    new = copy_schemas(tmp_path / "new")
    edit(new / "common.json", lambda d: d["$defs"]["nodeId"].update(minLength=3, maxLength=64))
    code, out, _ = run(capsys, str(old), str(new), "--format", "json")
    assert code == 1
    witnesses = {c["change"]: c["witness"]["body"] for c in json.loads(out)["changes"]}
    assert len(witnesses["max-length-tightened"]["nodeId"]) > 64
    assert len(witnesses["min-length-tightened"]["nodeId"]) < 3


def test_a_reference_to_an_anchor_is_followed_to_the_anchored_schema(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`{"$ref": "#mirror"}` names the schema whose `$anchor` is "mirror" (as jsonschema-rs
    resolves it), not the whole document: the change inside it is what is reported."""
    old = copy_schemas(tmp_path / "old")
    new = copy_schemas(tmp_path / "new")

    def anchored(document: dict[str, Any]) -> None:
        mirror(document)["$anchor"] = "mirror"
        document["oneOf"][0] = {"$ref": "#mirror"}

    edit(old / "methods/connect/response.json", anchored)
    edit(new / "methods/connect/response.json", anchored)
    edit(new / "methods/connect/response.json", lambda d: mirror(d)["required"].append("sipLogin"))
    code, out, _ = run(capsys, str(old), str(new), "--format", "json")
    assert code == 1
    (change,) = json.loads(out)["changes"]
    assert change["change"] == "required-added"
    assert change["pointer"] == "/$defs/ConnectResponseMirror/required"
    edit(new / "methods/connect/response.json", lambda d: d["oneOf"].__setitem__(0, {"$ref": "#x"}))
    code, _, err = run(capsys, str(old), str(new))
    assert code == 2
    assert "$ref '#x' names no $anchor of methods/connect/response.json" in err
