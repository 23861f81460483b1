"""The package as it is released: the sdist and the wheel built from a copy of this checkout
(test_packaging installs them; test_precommit_hook has pre-commit install the wheel), and the
commands those tests run in a clean environment."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import NamedTuple

from wcs_contract.codegen import tree

# What the build reads: a file the sdist or the wheel lacks is missing for a user too.
SOURCES = ("pyproject.toml", "README.md", "contract", "schemas", "generated", "examples")


class Built(NamedTuple):
    sdist: Path
    wheel: Path
    output: str  # what the build printed


def clean_environment() -> dict[str, str]:
    """The caller's environment without what would make the build or the fresh venv see the
    checkout (PYTHONPATH) or skip byte-compiling (which makes setuptools print warnings)."""
    drop = {"PYTHONPATH", "PYTHONDONTWRITEBYTECODE", "PYTHONHOME", "VIRTUAL_ENV", "NO_COLOR"}
    drop |= {"FORCE_COLOR", "PYTEST_ADDOPTS"}
    return {k: v for k, v in os.environ.items() if k not in drop}


def run(
    command: list[str], cwd: Path, env: dict[str, str] | None = None, *, expect: int = 0
) -> str:
    """Run a command; its stdout and stderr, asserting its exit code."""
    done = subprocess.run(
        command,
        cwd=cwd,
        env=clean_environment() if env is None else env,
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    output = done.stdout + done.stderr
    assert done.returncode == expect, f"{' '.join(command)} exited {done.returncode}:\n{output}"
    return output


def copy_sources(target: Path) -> Path:
    """The files of SOURCES copied to `target`, without caches."""
    root = tree.repo_root()
    target.mkdir(parents=True)
    caches = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info")
    for name in SOURCES:
        if (root / name).is_dir():
            shutil.copytree(root / name, target / name, ignore=caches)
        else:
            shutil.copy(root / name, target / name)
    return target


def build(work: Path) -> Built:
    """`python -m build` of a copy of the checkout: the sdist, then the wheel from the unpacked
    sdist (a file the sdist lacks is then missing from the wheel too), in `work`/dist."""
    source = copy_sources(work / "source")
    output = run([sys.executable, "-m", "build", "--outdir", str(work / "dist"), "."], cwd=source)
    (sdist,) = (work / "dist").glob("wcs_contract-*.tar.gz")
    (wheel,) = (work / "dist").glob("wcs_contract-*.whl")
    return Built(sdist, wheel, output)
