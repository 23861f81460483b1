"""Installed as users install it: the sdist and the wheel, built from a copy of the checkout, carry
every file a command needs, and every command works from the wheel in a fresh virtual environment.

Two environments, each made once per session with the package index the machine's pip uses:
- **light**: `pip install wcs-contract` — `methods` and `validate` work, the other commands name
  the extra they need (exit 2), and the whole install is at most 12 packages;
- **all**: `pip install "wcs-contract[all]"` — `methods`, `validate`, `serve`, `test` (with the
  flows), `demo`, the pytest plugin and the models.

The checkout is nowhere on their path (PYTHONPATH is dropped, the commands run in a temporary
folder), so a file the wheel lacks fails here as it fails for a user.
"""

from __future__ import annotations

import json
import re
import shutil
import signal
import subprocess
import sys
import tarfile
import urllib.request
import venv
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from wcs_contract.catalogue import load_catalogue
from wcs_contract.codegen import models, tree
from wcs_contract.examples import all_examples
from wheelhouse import clean_environment, run

pytestmark = pytest.mark.slow

# `pip install wcs-contract` may bring at most this many distributions, the package included.
LIGHT_LIMIT = 12

# `built` (conftest.py): the sdist and the wheel of wheelhouse.build, made once per session.


def test_the_build_prints_no_warning(built: tuple[Path, Path, str]) -> None:
    *_, output = built
    warnings = [line for line in output.splitlines() if "warning" in line.lower()]
    assert not warnings, "\n".join(warnings[:20])


def expected_files() -> set[str]:
    """What the commands read, as paths inside the wheel."""
    root = tree.repo_root()
    expected = {"wcs_contract/openapi/wcs-hooks.openapi.json", "wcs_contract/models/py.typed"}
    expected.add("wcs_contract/server/config.schema.json")
    expected |= {
        f"wcs_contract/schemas/{p.relative_to(root / 'schemas').as_posix()}"
        for p in (root / "schemas").rglob("*")
        if p.is_file() and p.suffix in (".json", ".md")
    }
    expected |= {
        f"wcs_contract/samples/{p.relative_to(root / 'examples').as_posix()}"
        for p in (root / "examples").rglob("*")
        if p.is_file()
    }
    folder = root / models.models_dir(root)
    expected |= {f"wcs_contract/models/{p.name}" for p in folder.glob("*.py")}
    return expected


def test_the_wheel_carries_schemas_examples_models_captures_and_openapi(
    built: tuple[Path, Path, str],
) -> None:
    _, wheel, _ = built
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = expected_files()
    assert {e.path.name for e in all_examples()} <= {Path(n).name for n in expected}
    assert any(n.startswith("wcs_contract/samples/captures/") for n in expected)
    assert len(expected) > 3 * len(load_catalogue().methods) * 2
    assert sorted(expected - names) == []


def test_the_sdist_carries_the_sources_and_the_data(built: tuple[Path, Path, str]) -> None:
    sdist, _, _ = built
    with tarfile.open(sdist) as archive:
        names = {name.split("/", 1)[1] for name in archive.getnames() if "/" in name}
    root = tree.repo_root()
    expected = {
        p.relative_to(root).as_posix()
        for folder in ("schemas", "examples", "generated/openapi", "contract/wcs_contract")
        for p in (root / folder).rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    }
    assert sorted(expected - names) == []


def make_environment(wheel: Path, folder: Path, extras: str) -> tuple[Path, set[str], set[str]]:
    """A fresh venv with the wheel (and its extras) installed from the package index.

    Returns its bin folder, the distributions the fresh venv had, and those it has now."""
    venv.EnvBuilder(with_pip=False).create(folder)
    python = folder / "bin" / "python"
    pip = [sys.executable, "-m", "pip", "--python", str(python)]

    def distributions() -> set[str]:
        listed = json.loads(run([*pip, "list", "--format", "json"], cwd=folder))
        return {d["name"].lower() for d in listed}

    before = distributions()
    run([*pip, "install", "--quiet", f"{wheel}{extras}"], cwd=folder)
    return folder / "bin", before, distributions()


@pytest.fixture(scope="session")
def light(
    built: tuple[Path, Path, str], tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, set[str]]:
    """`pip install wcs-contract`: the bin folder, and the distributions the install added."""
    folder = tmp_path_factory.mktemp("light") / "env"
    bin_folder, before, after = make_environment(built[1], folder, "")
    return bin_folder, after - before


@pytest.fixture(scope="session")
def full(built: tuple[Path, Path, str], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`pip install "wcs-contract[all]"`: the bin folder."""
    folder = tmp_path_factory.mktemp("all") / "env"
    return make_environment(built[1], folder, "[all]")[0]


def test_the_light_install_is_at_most_twelve_packages(light: tuple[Path, set[str]]) -> None:
    """Counted: the distributions `pip install wcs-contract` adds to a fresh venv, the package
    itself included (pip, which the venv had before, is not counted)."""
    _, added = light
    assert "wcs-contract" in added
    assert len(added) <= LIGHT_LIMIT, sorted(added)
    heavy = {"pydantic", "schemathesis", "jsonschema", "referencing", "starlette", "httpx"}
    assert not added & heavy, sorted(added & heavy)


def test_the_light_install_validates_and_lists(
    light: tuple[Path, set[str]], tmp_path: Path
) -> None:
    bin_folder, _ = light
    command = bin_folder / "wcs-contract"
    listed = json.loads(run([str(command), "methods", "--format", "json"], cwd=tmp_path))
    assert [m["name"] for m in listed] == [m.name for m in load_catalogue().methods]
    valid = next(e for e in all_examples() if e.valid and e.method == "connect")
    invalid = next(
        e
        for e in all_examples()
        if not e.valid and e.method == "connect" and e.direction == "request"
    )
    run([str(command), "validate", str(valid.path)], cwd=tmp_path)
    output = run([str(command), "validate", str(invalid.path)], cwd=tmp_path, expect=1)
    assert "error: connect/" in output
    # every command's --help works without its extra (serve's documents the config file)
    assert "validate" in run([str(command), "--help"], cwd=tmp_path)
    assert "restClientConfig" in run([str(command), "serve", "--help"], cwd=tmp_path)


@pytest.mark.parametrize(
    ("arguments", "extra"),
    [
        (["test", "http://127.0.0.1:9/EchoApp"], "test"),
        (["serve", "--port", "0"], "serve"),
        (["proxy", "--upstream", "http://127.0.0.1:9/EchoApp", "--port", "0"], "proxy"),
        (["demo"], "demo"),
    ],
)
def test_the_light_install_names_the_missing_extra(
    light: tuple[Path, set[str]], tmp_path: Path, arguments: list[str], extra: str
) -> None:
    bin_folder, _ = light
    output = run([str(bin_folder / "wcs-contract"), *arguments], cwd=tmp_path, expect=2)
    assert f'pip install "wcs-contract[{extra}]"' in output
    assert "Traceback" not in output


def test_the_light_install_diffs_its_own_schemas(
    light: tuple[Path, set[str]], tmp_path: Path
) -> None:
    """`diff` is a light command: it compares folders (here the wheel's schemas and a copy with
    one change) with orjson and jsonschema-rs alone, witness included."""
    bin_folder, _ = light
    python = bin_folder / "python"
    code = "import wcs_contract.resources as r; print(r.schemas_dir())"
    schemas = Path(run([str(python), "-c", code], cwd=tmp_path).strip())
    changed = tmp_path / "changed"
    shutil.copytree(schemas, changed)
    response = changed / "methods/connect/response.json"
    document = json.loads(response.read_text())
    document["$defs"]["ConnectResponseMirror"]["required"] = ["sipLogin"]
    response.write_text(json.dumps(document))
    command = [str(bin_folder / "wcs-contract"), "diff", str(schemas), str(changed)]
    output = run(command, cwd=tmp_path, expect=1)
    assert "breaking: connect/response required-added" in output
    assert "witness: {} — accepted by" in output


def test_the_models_import_from_the_full_install(full: Path, tmp_path: Path) -> None:
    script = (
        "import json, wcs_contract, wcs_contract.models as m\n"
        "from wcs_contract.models import PublishStreamRequest\n"
        "from wcs_contract.resources import schemas_dir, openapi_path, samples_dir\n"
        "body = {'nodeId': 'n', 'sessionId': 's', 'appKey': 'a', 'name': 's1'}\n"
        "PublishStreamRequest.model_validate(body)\n"
        "print(json.dumps([wcs_contract.__file__, m.__file__, str(schemas_dir()),"
        " str(openapi_path()), str(samples_dir())]))\n"
    )
    output = run([str(full / "python"), "-c", script], cwd=tmp_path)
    prefix = str(full.parent)
    for path in json.loads(output):
        assert path.startswith(prefix), f"{path} is not inside the fresh environment {prefix}"


def test_the_full_install_lists_and_validates(full: Path, tmp_path: Path) -> None:
    command = str(full / "wcs-contract")
    listed = json.loads(run([command, "methods", "--format", "json"], cwd=tmp_path))
    assert len(listed) == len(load_catalogue().methods)
    valid = next(e for e in all_examples() if e.valid and e.method == "publishStream")
    run([command, "validate", str(valid.path)], cwd=tmp_path)


@pytest.fixture
def served(full: Path, tmp_path: Path) -> Iterator[str]:
    """`wcs-contract serve --port 0` from the full install: its URL, stopped by SIGINT after."""
    with subprocess.Popen(
        [str(full / "wcs-contract"), "serve", "--port", "0", "--quiet"],
        cwd=tmp_path,
        env=clean_environment(),
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    ) as process:
        try:
            assert process.stdout is not None
            first = process.stdout.readline()
            found = re.search(r"serving WCS hooks on (http://\S+)", first)
            assert found, first
            yield found.group(1)
        finally:
            process.send_signal(signal.SIGINT)
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
    assert process.returncode == 0


def test_the_full_install_serves(served: str) -> None:
    body = {"nodeId": "n1", "sessionId": "s1", "appKey": "defaultApp"}
    request = urllib.request.Request(
        f"{served}/EchoApp/connect",
        data=json.dumps(body).encode(),
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=10) as answer:
        assert answer.status == 200
        assert json.loads(answer.read())["sessionId"] == "s1"


def test_the_full_install_tests_a_server_with_flows(
    full: Path, served: str, tmp_path: Path
) -> None:
    command = [str(full / "wcs-contract"), "test", f"{served}/EchoApp", "--max-examples", "2"]
    command += ["--seed", "1", "--format", "json", "--quiet"]
    report = json.loads(run(command, cwd=tmp_path))
    assert report["passed"] is True, report
    assert len(report["methods"]) == len(load_catalogue().methods)
    assert report["flows"], "the flows did not run"


def test_the_full_install_runs_the_pytest_plugin(full: Path, served: str, tmp_path: Path) -> None:
    (tmp_path / "test_own.py").write_text("def test_own():\n    assert True\n")
    command = [str(full / "python"), "-m", "pytest", "-q", "-p", "no:cacheprovider"]
    command += ["--wcs-url", f"{served}/EchoApp", "--wcs-max-examples", "2", "--wcs-seed", "1"]
    output = run(command, cwd=tmp_path)
    passed = re.search(r"(\d+) passed", output)
    assert passed, output
    assert int(passed.group(1)) > len(load_catalogue().methods), output


def test_the_full_install_runs_the_demo(full: Path, tmp_path: Path) -> None:
    command = [str(full / "wcs-contract"), "demo", "--max-examples", "2"]
    output = run(command, cwd=tmp_path)
    assert "traffic.jsonl" in output
    assert "flashphoner.log" in output
