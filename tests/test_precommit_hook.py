"""The README's pre-commit snippet, pasted into another repository, works: pre-commit installs the
hook from a tagged clone of this repository and runs it on the repository's captures.

Only `repo:` is changed (to the clone's path, as it would be a URL); `rev:`, the hook id and the
`files` pattern are the README's own. The clone is tagged as a release is:
`v<version in pyproject.toml>`.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml

from wcs_contract.codegen import tree
from wcs_contract.examples import all_examples

pytestmark = pytest.mark.slow

ROOT = tree.repo_root()
SOURCES = (
    "pyproject.toml",
    "README.md",
    ".pre-commit-hooks.yaml",
    "contract",
    "schemas",
    "generated",
    "examples",
)


def readme_snippet() -> str:
    """The YAML block of the README's "As a pre-commit hook" section."""
    readme = (ROOT / "README.md").read_text()
    section = readme[readme.index("### As a pre-commit hook") :]
    found = re.search(r"```yaml\n(.*?)```", section, re.DOTALL)
    assert found, "the README's pre-commit section has no yaml block"
    return found.group(1)


def environment(home: Path) -> dict[str, str]:
    drop = {"PYTHONPATH", "PYTHONDONTWRITEBYTECODE", "PYTHONHOME", "VIRTUAL_ENV"}
    env = {k: v for k, v in os.environ.items() if k not in drop}
    env |= {
        "PRE_COMMIT_HOME": str(home),
        "GIT_AUTHOR_NAME": "test",
        "GIT_AUTHOR_EMAIL": "test@example.com",
        "GIT_COMMITTER_NAME": "test",
        "GIT_COMMITTER_EMAIL": "test@example.com",
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
    }
    return env


def git(env: dict[str, str], cwd: Path, *arguments: str) -> None:
    subprocess.run(
        ["git", *arguments], cwd=cwd, env=env, check=True, capture_output=True, timeout=60
    )


def test_the_readme_snippet_names_a_tag_of_this_version_and_the_published_hook() -> None:
    config = yaml.safe_load(readme_snippet())
    (entry,) = config["repos"]
    version = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]
    assert entry["rev"] == f"v{version}"
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    assert [h["id"] for h in entry["hooks"]] == [hooks[0]["id"]]
    pattern = re.compile(entry["hooks"][0]["files"])
    for name in (
        "captures/a.json",
        "captures/b.jsonl",
        "captures/x.har",
        "captures/flashphoner.log",
    ):
        assert pattern.search(name), name


def test_the_readme_snippet_works_in_another_repository(tmp_path: Path) -> None:
    env = environment(tmp_path / "pre-commit-home")
    config = yaml.safe_load(readme_snippet())
    rev = config["repos"][0]["rev"]

    clone = tmp_path / "wcs-contract"
    clone.mkdir()
    caches = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info")
    for name in SOURCES:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, clone / name, ignore=caches)
        else:
            shutil.copy(ROOT / name, clone / name)
    git(env, clone, "init", "-q")
    git(env, clone, "add", "-A")
    git(env, clone, "commit", "-q", "-m", "release")
    git(env, clone, "tag", rev)

    user = tmp_path / "user-repository"
    (user / "captures").mkdir(parents=True)
    snippet = re.sub(r"(?m)^(\s*- repo:).*$", rf"\1 {clone}", readme_snippet())
    (user / ".pre-commit-config.yaml").write_text(snippet)
    valid = next(e for e in all_examples() if e.valid and e.method == "publishStream")
    invalid = next(
        e
        for e in all_examples()
        if not e.valid and e.method == "publishStream" and e.direction == "request"
    )
    shutil.copy(valid.path, user / "captures" / "publish.json")
    shutil.copy(invalid.path, user / "captures" / "broken.json")
    shutil.copy(ROOT / "examples" / "captures" / "flashphoner.log", user / "captures")
    (user / "notes.json").write_text("not a capture, outside captures/")
    git(env, user, "init", "-q")
    git(env, user, "add", "-A")

    def pre_commit(*files: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "pre_commit", "run", "--files", *files],
            cwd=user,
            env=env,
            capture_output=True,
            text=True,
            check=False,
            timeout=600,
        )

    passing = pre_commit("captures/publish.json", "notes.json")
    assert passing.returncode == 0, passing.stdout + passing.stderr
    assert "Passed" in passing.stdout
    failing = pre_commit("captures/broken.json", "captures/publish.json")
    assert failing.returncode == 1, failing.stdout + failing.stderr
    assert "captures/broken.json:1: error: publishStream/request" in failing.stdout
    log = pre_commit("captures/flashphoner.log")
    assert "Skipped" not in log.stdout, log.stdout

    # The hook's environment is the light install: at most 12 distributions besides pip and
    # setuptools, which every virtual environment starts with.
    (python,) = Path(env["PRE_COMMIT_HOME"]).glob("repo*/py_env-*/bin/python")
    listed = subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "list", "--format", "json"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    names = {d["name"].lower() for d in json.loads(listed.stdout)} - {"pip", "setuptools", "wheel"}
    assert "wcs-contract" in names
    assert len(names) <= 12, sorted(names)
