"""A command whose optional dependencies are missing names the extra to install (exit 2)."""

from __future__ import annotations

import sys
import types

import pytest

from wcs_contract.cli import EXTRAS, OPTIONAL_MODULES, main
from wcs_contract.examples import examples_root


def without(monkeypatch: pytest.MonkeyPatch, *modules: str) -> None:
    """Make `import <module>` fail as it does when the distribution is not installed."""
    for name in list(sys.modules):
        if name.partition(".")[0] in modules or name.startswith(
            ("wcs_contract.live", "wcs_contract.server", "wcs_contract.cli.")
        ):
            monkeypatch.delitem(sys.modules, name)
    for module in modules:
        monkeypatch.setitem(sys.modules, module, None)


@pytest.mark.parametrize(
    ("arguments", "missing", "extra"),
    [
        (["test", "http://127.0.0.1:9/EchoApp"], "schemathesis", "test"),
        (["test", "http://127.0.0.1:9/EchoApp"], "hypothesis", "test"),
        (["serve", "--port", "0"], "uvicorn", "serve"),
        (["serve", "--port", "0"], "starlette", "serve"),
        (["demo"], "starlette", "demo"),
    ],
)
def test_a_missing_optional_dependency_names_the_extra(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    arguments: list[str],
    missing: str,
    extra: str,
) -> None:
    without(monkeypatch, missing)
    assert main(arguments) == 2
    err = capsys.readouterr().err
    assert f'pip install "wcs-contract[{extra}]"' in err
    assert repr(missing) in err
    assert len(err.strip().splitlines()) == 1


def test_validate_and_methods_need_no_optional_dependency(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    without(monkeypatch, *OPTIONAL_MODULES)
    assert main(["methods", "--format", "json"]) == 0
    example = examples_root("connect") / "request" / "valid"
    assert main(["validate", "--quiet", str(example)]) == 0
    capsys.readouterr()


def test_a_missing_module_of_no_extra_is_not_hidden(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Only the optional dependencies are explained; another missing module is a real bug:
    an internal error (exit 2), and with --debug its traceback."""
    without(monkeypatch, "orjson")
    assert main(["methods", "--format", "json"]) == 2
    err = capsys.readouterr().err
    assert "internal error: ModuleNotFoundError" in err
    assert "pip install" not in err
    with pytest.raises(ModuleNotFoundError):
        main(["methods", "--format", "json", "--debug"])


def test_every_extra_is_declared_in_pyproject() -> None:
    import tomllib

    from wcs_contract.codegen import tree

    project = tomllib.loads((tree.repo_root() / "pyproject.toml").read_text())["project"]
    declared = project["optional-dependencies"]
    extras = {extra for extra, _ in EXTRAS.values()}
    assert extras | {"all"} <= set(declared)
    for extra in (*extras, "all"):
        assert all("==" in requirement for requirement in declared[extra]), extra


def test_a_dependency_missing_deep_inside_a_command_is_explained_too(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The check before the run knows each command's main dependencies; one found missing while
    the command runs (here pydantic, deep under `methods`) is explained the same way."""
    from wcs_contract.cli import methods

    def run(_args: object) -> int:
        raise ModuleNotFoundError("No module named 'pydantic'", name="pydantic.main")

    fake = types.SimpleNamespace(add_parser=methods.add_parser, run=run)
    monkeypatch.setitem(sys.modules, "wcs_contract.cli.methods", fake)
    assert main(["methods"]) == 2
    assert 'pip install "wcs-contract[all]"' in capsys.readouterr().err


def test_the_pytest_plugin_names_the_extra_it_needs(monkeypatch: pytest.MonkeyPatch) -> None:
    """Installed light, the plugin is still loaded by every pytest run: it does nothing without
    --wcs-url, and with it says which extra to install."""
    from wcs_contract.live import pytest_plugin

    class Config:
        def getoption(self, name: str, default: object = None) -> object:
            return "http://127.0.0.1:9/App" if name == "wcs_url" else default

    monkeypatch.setitem(sys.modules, "schemathesis", None)
    with pytest.raises(pytest.UsageError, match=r'pip install "wcs-contract\[test\]"'):
        pytest_plugin.pytest_collection_modifyitems(None, Config(), [])  # type: ignore[arg-type]
