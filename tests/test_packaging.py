"""The wheel: built quietly from a copy of the checkout, it carries the schemas, the models and
the OpenAPI contract, and works installed in a fresh virtual environment.

The fresh environment gets the wheel alone (`--no-deps`, offline); the runtime dependencies come
from the environment running the tests through a `.pth` line added after the install, so nothing
is downloaded but the build backend, and the checkout is nowhere on the path.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest

from wcs_contract.catalogue import load_catalogue
from wcs_contract.codegen import models, tree
from wcs_contract.examples import all_examples

pytestmark = pytest.mark.slow

SOURCES = ("pyproject.toml", "README.md", "contract", "schemas", "generated")


def run(command: list[str], cwd: Path, env: dict[str, str] | None = None) -> str:
    done = subprocess.run(
        command, cwd=cwd, env=env, capture_output=True, text=True, check=False, timeout=300
    )
    output = done.stdout + done.stderr
    assert done.returncode == 0, f"{' '.join(command)} exited {done.returncode}:\n{output}"
    return output


def clean_environment() -> dict[str, str]:
    """The caller's environment without what would make the build or the fresh venv see the
    checkout (PYTHONPATH) or skip byte-compiling (which makes setuptools print warnings)."""
    drop = {"PYTHONPATH", "PYTHONDONTWRITEBYTECODE", "PYTHONHOME", "VIRTUAL_ENV"}
    return {k: v for k, v in os.environ.items() if k not in drop}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """(the wheel, the build's output), from a copy of the checkout's sources."""
    root, work = tree.repo_root(), tmp_path_factory.mktemp("wheel")
    source = work / "source"
    source.mkdir()
    caches = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info")
    for name in SOURCES:
        if (root / name).is_dir():
            shutil.copytree(root / name, source / name, ignore=caches)
        else:
            shutil.copy(root / name, source / name)
    command = [sys.executable, "-m", "build", "--wheel", "--outdir", str(work / "dist"), "."]
    output = run(command, cwd=source, env=clean_environment())
    (wheel,) = (work / "dist").glob("wcs_contract-*.whl")
    return wheel, output


def test_the_build_prints_no_warning(built: tuple[Path, str]) -> None:
    _, output = built
    warnings = [line for line in output.splitlines() if "warning" in line.lower()]
    assert not warnings, "\n".join(warnings[:20])


def test_the_wheel_carries_schemas_models_and_the_openapi_contract(
    built: tuple[Path, str],
) -> None:
    wheel, _ = built
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = {"wcs_contract/openapi/wcs-hooks.openapi.json", "wcs_contract/models/py.typed"}
    expected |= {f"wcs_contract/schemas/{f}" for f in ("catalogue.json", "common.json")}
    expected |= {
        f"wcs_contract/schemas/methods/{m.name}/{d}.json"
        for m in load_catalogue().methods
        for d in m.directions
    }
    folder = tree.repo_root() / models.models_dir(tree.repo_root())
    expected |= {f"wcs_contract/models/{p.name}" for p in folder.glob("*.py")}
    assert len(expected) > 3 * len(load_catalogue().methods) * 2
    assert sorted(expected - names) == []


@pytest.fixture(scope="module")
def installed(built: tuple[Path, str], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh virtual environment with the wheel installed; its bin folder."""
    wheel, _ = built
    environment = tmp_path_factory.mktemp("venv") / "env"
    venv.EnvBuilder(with_pip=False).create(environment)
    python = environment / "bin" / "python"
    install = [sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet"]
    run([*install, "--no-deps", "--no-index", str(wheel)], cwd=environment, env=clean_environment())
    site_packages = run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        cwd=environment,
    ).strip()
    dependencies = sysconfig.get_paths()["purelib"]
    (Path(site_packages) / "runtime_dependencies.pth").write_text(dependencies + "\n")
    return environment / "bin"


def test_the_installed_package_uses_its_own_files(installed: Path, tmp_path: Path) -> None:
    script = (
        "import json, wcs_contract, wcs_contract.models as m\n"
        "from wcs_contract.resources import schemas_dir, openapi_path\n"
        "body = {'nodeId': 'n', 'sessionId': 's', 'appKey': 'a', 'name': 's1'}\n"
        "m.ROOT_MODELS[('publishStream', 'request')].model_validate(body)\n"
        "print(json.dumps([wcs_contract.__file__, m.__file__, str(schemas_dir()),"
        " str(openapi_path())]))\n"
    )
    output = run([str(installed / "python"), "-c", script], cwd=tmp_path, env=clean_environment())
    prefix = str(installed.parent)
    for path in json.loads(output):
        assert path.startswith(prefix), f"{path} is not inside the fresh environment {prefix}"


def test_the_installed_command_lists_the_methods(installed: Path, tmp_path: Path) -> None:
    command = [str(installed / "wcs-contract"), "methods", "--format", "json"]
    listed = json.loads(run(command, cwd=tmp_path, env=clean_environment()))
    assert [m["name"] for m in listed] == [m.name for m in load_catalogue().methods]


def test_the_installed_command_validates_an_example(installed: Path, tmp_path: Path) -> None:
    example = next(e for e in all_examples() if e.valid and e.method == "connect")
    command = [str(installed / "wcs-contract"), "validate", str(example.path)]
    run(command, cwd=tmp_path, env=clean_environment())
