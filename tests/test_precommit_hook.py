"""The README's pre-commit snippets, pasted into another repository, work.

The first (`repo: local`, the package pip-installed by pre-commit) is pasted verbatim. pre-commit
installs `wcs-contract==<version>` as it would from PyPI, but with PIP_NO_INDEX and
PIP_FIND_LINKS naming a folder that holds the wheel built from this checkout and the wheels of
its dependencies: the package is the one this checkout releases, and nothing else can stand in
for it. The second (a clone or mirror of this repository) is pasted with only its placeholder
replaced, by the path of a clone tagged as a release is: `v<version in pyproject.toml>`.
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
from typing import Any

import pytest
import yaml

from wcs_contract.codegen import tree
from wcs_contract.examples import all_examples
from wheelhouse import Built, clean_environment, copy_sources, run

pytestmark = pytest.mark.slow

ROOT = tree.repo_root()
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())
VERSION = PYPROJECT["project"]["version"]
PLACEHOLDER = "<your clone's URL or path>"
ERROR = "captures/broken.json:1: error: publishStream/request"


def readme_snippets() -> list[str]:
    """The YAML blocks of the README's "As a pre-commit hook" section, as written."""
    readme = (ROOT / "README.md").read_text()
    start = readme.index("### As a pre-commit hook")
    section = readme[start : readme.index("\n## ", start)]
    return re.findall(r"```yaml\n(.*?)```", section, re.DOTALL)


def published_hook() -> dict[str, Any]:
    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    assert isinstance(hook, dict)
    return hook


def test_the_snippets_pin_this_version_and_run_the_published_hook() -> None:
    """A release that bumps pyproject's version and forgets the README fails here."""
    primary, clone = (yaml.safe_load(s) for s in readme_snippets())
    manifest = published_hook()

    (entry,) = primary["repos"]
    assert entry == {"repo": "local", "hooks": entry["hooks"]}  # no URL, no rev
    (hook,) = entry["hooks"]
    for key in ("id", "name", "entry", "language"):
        assert hook[key] == manifest[key], key
    assert hook["id"] == "wcs-contract-validate"
    assert hook["additional_dependencies"] == [f"wcs-contract=={VERSION}"]
    pattern = re.compile(hook["files"])
    for name in ("captures/a.json", "captures/b.jsonl", "captures/x.har", "captures/wcs.log"):
        assert pattern.search(name), name
    assert not pattern.search("notes.json")

    (mirror,) = clone["repos"]
    assert mirror["repo"] == PLACEHOLDER
    assert mirror["rev"] == f"v{VERSION}"
    assert mirror["hooks"] == [{"id": manifest["id"], "files": hook["files"]}]


@pytest.fixture(scope="module")
def wheelhouse(built: Built, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The built wheel, the wheels of its dependencies and of the build system (to build the
    placeholder package pre-commit installs with a hook, and a clone), fetched once from the
    index the machine's pip uses."""
    folder = tmp_path_factory.mktemp("wheelhouse")
    shutil.copy(built.wheel, folder)
    build_system = PYPROJECT["build-system"]["requires"]
    command = [sys.executable, "-m", "pip", "download", "--quiet", "--only-binary=:all:"]
    run([*command, "--dest", str(folder), str(built.wheel), *build_system], cwd=folder)
    return folder


def pre_commit_environment(home: Path, wheelhouse: Path) -> dict[str, str]:
    """Git with a fixed identity and no user config; pip with the wheelhouse as its only source."""
    env = clean_environment()
    env |= {
        "PRE_COMMIT_HOME": str(home),
        "GIT_AUTHOR_NAME": "test",
        "GIT_AUTHOR_EMAIL": "test@example.com",
        "GIT_COMMITTER_NAME": "test",
        "GIT_COMMITTER_EMAIL": "test@example.com",
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
        "PIP_CONFIG_FILE": os.devnull,
        "PIP_NO_INDEX": "1",
        "PIP_FIND_LINKS": str(wheelhouse),
    }
    return env


def git(env: dict[str, str], cwd: Path, *arguments: str) -> None:
    subprocess.run(
        ["git", *arguments], cwd=cwd, env=env, check=True, capture_output=True, timeout=60
    )


def user_repository(folder: Path, env: dict[str, str], config: str) -> Path:
    """A fresh repository with the config, a valid capture and a JSON file that is no capture
    (outside captures/), all committed."""
    (folder / "captures").mkdir(parents=True)
    (folder / ".pre-commit-config.yaml").write_text(config)
    valid = next(e for e in all_examples() if e.valid and e.method == "publishStream")
    shutil.copy(valid.path, folder / "captures" / "publish.json")
    (folder / "notes.json").write_text("not a capture, outside captures/")
    git(env, folder, "init", "-q")
    git(env, folder, "add", "-A")
    git(env, folder, "commit", "-q", "-m", "captures")
    return folder


def add_invalid_capture(folder: Path, env: dict[str, str]) -> None:
    invalid = next(
        e
        for e in all_examples()
        if not e.valid and e.method == "publishStream" and e.direction == "request"
    )
    shutil.copy(invalid.path, folder / "captures" / "broken.json")
    git(env, folder, "add", "-A")


def pre_commit(
    folder: Path, env: dict[str, str], *arguments: str
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "run", *arguments],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )


def test_the_readme_snippet_works_as_pasted(tmp_path: Path, wheelhouse: Path) -> None:
    primary, _ = readme_snippets()
    env = pre_commit_environment(tmp_path / "pre-commit-home", wheelhouse)
    user = user_repository(tmp_path / "user-repository", env, primary)

    passing = pre_commit(user, env, "--all-files")
    assert passing.returncode == 0, passing.stdout + passing.stderr
    assert re.search(r"wcs-contract validate\.+Passed", passing.stdout), passing.stdout

    add_invalid_capture(user, env)
    failing = pre_commit(user, env, "--all-files")
    assert failing.returncode == 1, failing.stdout + failing.stderr
    assert re.search(r"wcs-contract validate\.+Failed", failing.stdout), failing.stdout
    assert ERROR in failing.stdout
    assert "captures/publish.json" not in failing.stdout  # the valid capture raised nothing
    # The files pattern reaches WCS logs too (the sample log has an error on purpose).
    shutil.copy(ROOT / "examples" / "captures" / "flashphoner.log", user / "captures")
    git(env, user, "add", "-A")
    log = pre_commit(user, env, "--files", "captures/flashphoner.log")
    assert "captures/flashphoner.log:132: error: publishStream/response" in log.stdout, log.stdout

    # pre-commit installed the package this checkout builds, light: at most 12 distributions
    # besides what every virtual environment starts with and pre-commit's placeholder package.
    (python,) = (tmp_path / "pre-commit-home").glob("repo*/py_env-*/bin/python")
    listed = run(
        [sys.executable, "-m", "pip", "--python", str(python), "list", "--format", "json"],
        cwd=tmp_path,
        env=env,
    )
    names = {d["name"].lower(): d["version"] for d in json.loads(listed.splitlines()[0])}
    assert names["wcs-contract"] == VERSION
    for name in ("pip", "setuptools", "wheel", "pre-commit-placeholder-package"):
        names.pop(name, None)
    assert len(names) <= 12, sorted(names)


def test_the_clone_snippet_works_with_a_tagged_clone(tmp_path: Path, wheelhouse: Path) -> None:
    _, clone_snippet = readme_snippets()
    env = pre_commit_environment(tmp_path / "pre-commit-home", wheelhouse)
    clone = copy_sources(tmp_path / "wcs-contract")
    shutil.copy(ROOT / ".pre-commit-hooks.yaml", clone)
    git(env, clone, "init", "-q")
    git(env, clone, "add", "-A")
    git(env, clone, "commit", "-q", "-m", "release")
    git(env, clone, "tag", f"v{VERSION}")

    assert clone_snippet.count(PLACEHOLDER) == 1
    config = clone_snippet.replace(PLACEHOLDER, str(clone))
    user = user_repository(tmp_path / "user-repository", env, config)
    add_invalid_capture(user, env)
    failing = pre_commit(user, env, "--files", "captures/broken.json", "captures/publish.json")
    assert failing.returncode == 1, failing.stdout + failing.stderr
    assert ERROR in failing.stdout
    passing = pre_commit(user, env, "--files", "captures/publish.json", "notes.json")
    assert passing.returncode == 0, passing.stdout + passing.stderr
