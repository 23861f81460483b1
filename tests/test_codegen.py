"""Code generation: the drift check, determinism, staging for the model generator, the OpenAPI
bundle and the docs.

Drift tests run on a copy of the checkout's generated files, so they never touch the real tree.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from openapi_spec_validator import validate as validate_openapi

from wcs_contract.catalogue import load_catalogue
from wcs_contract.codegen import CodegenError, docs, models, tree
from wcs_contract.codegen.__main__ import main
from wcs_contract.documents import method_schema_relpath

MODELS = models.models_dir(tree.repo_root())
README = (
    "# wcs-contract\n\nintro\n\n<!-- methods:start -->\nold table\n<!-- methods:end -->\n\nend\n"
)


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """Everything generation produces, rendered once for the module."""
    return tree.render(copy_of_checkout(tmp_path_factory.mktemp("render") / "checkout"))


def copy_of_checkout(target: Path) -> Path:
    """What generation reads and writes besides the schemas: pyproject.toml, README, generated/."""
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir()
    root = tree.repo_root()
    shutil.copy(root / "pyproject.toml", target)
    (target / "README.md").write_text(README, encoding="utf-8")
    shutil.copytree(
        root / "generated", target / "generated", ignore=shutil.ignore_patterns("__pycache__")
    )
    return target


@pytest.fixture
def checkout(tmp_path: Path, rendered: dict[str, bytes]) -> Path:
    """A copy whose generated files are up to date."""
    root = copy_of_checkout(tmp_path / "checkout")
    tree.write(root, rendered)
    return root


def test_up_to_date_copy_has_no_drift(checkout: Path, rendered: dict[str, bytes]) -> None:
    assert tree.find_drift(checkout, rendered) == []


def test_a_changed_generated_file_is_drift(checkout: Path, rendered: dict[str, bytes]) -> None:
    page = checkout / "generated/docs/connect.md"
    page.write_text(page.read_text(encoding="utf-8") + "edited by hand\n", encoding="utf-8")
    assert tree.find_drift(checkout, rendered) == [
        tree.Drift("generated/docs/connect.md", "changed")
    ]


def test_a_new_file_under_generated_is_drift(checkout: Path, rendered: dict[str, bytes]) -> None:
    (checkout / f"{MODELS}/leftover.py").write_text("x = 1\n", encoding="utf-8")
    (checkout / f"{MODELS}/__pycache__").mkdir()
    (checkout / f"{MODELS}/__pycache__/common.cpython-311.pyc").write_bytes(b"cache")
    assert tree.find_drift(checkout, rendered) == [tree.Drift(f"{MODELS}/leftover.py", "stale")]


def test_a_deleted_generated_file_is_drift(checkout: Path, rendered: dict[str, bytes]) -> None:
    (checkout / "generated/openapi/wcs-hooks.openapi.json").unlink()
    expected = [tree.Drift("generated/openapi/wcs-hooks.openapi.json", "missing")]
    assert tree.find_drift(checkout, rendered) == expected


def test_the_readme_table_is_checked_too(checkout: Path, rendered: dict[str, bytes]) -> None:
    readme = checkout / "README.md"
    readme.write_text(readme.read_text(encoding="utf-8").replace("[connect]", "[konnect]"))
    assert tree.find_drift(checkout, rendered) == [tree.Drift("README.md", "changed")]


def test_write_repairs_every_kind_of_drift(checkout: Path, rendered: dict[str, bytes]) -> None:
    (checkout / f"{MODELS}/leftover.py").write_text("x = 1\n", encoding="utf-8")
    (checkout / "generated/docs/hold.md").unlink()
    (checkout / f"{MODELS}/common.py").write_text("# edited\n", encoding="utf-8")
    repaired = tree.write(checkout, rendered)
    assert sorted(d.kind for d in repaired) == ["changed", "missing", "stale"]
    assert tree.find_drift(checkout, rendered) == []


@pytest.mark.slow
def test_check_command_names_the_files_and_the_fix(
    checkout: Path, rendered: dict[str, bytes], capsys: pytest.CaptureFixture[str]
) -> None:
    (checkout / "generated/docs/hold.md").unlink()
    readme = checkout / "README.md"
    readme.write_text(readme.read_text(encoding="utf-8").replace("[connect]", "[konnect]"))
    assert main(["--check"], root=checkout) == 1
    err = capsys.readouterr().err
    assert "generated/docs/hold.md: is missing" in err
    assert "README.md: differs" in err
    assert "-| [konnect](generated/docs/connect.md)" in err
    assert "+| [connect](generated/docs/connect.md)" in err
    assert "make generate" in err
    assert main([], root=checkout) == 0
    assert tree.find_drift(checkout, rendered) == []


@pytest.mark.slow
def test_generation_is_byte_identical_twice(rendered: dict[str, bytes], tmp_path: Path) -> None:
    again = tree.render(copy_of_checkout(tmp_path / "again"))
    assert again.keys() == rendered.keys()
    assert [p for p in rendered if rendered[p] != again[p]] == []


def test_readme_without_markers_stops_generation(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = copy_of_checkout(tmp_path / "checkout")
    (root / "README.md").write_text("# wcs-contract\n\nno table here\n", encoding="utf-8")
    assert main(["--check"], root=root) == 2
    assert "<!-- methods:start -->" in capsys.readouterr().err


def test_readme_table_replaces_only_the_text_between_the_markers() -> None:
    updated = docs.readme_with_table(README)
    before, _, rest = updated.partition(docs.README_START)
    table, _, after = rest.partition(docs.README_END)
    assert before == "# wcs-contract\n\nintro\n\n"
    assert after == "\n\nend\n"
    assert "old table" not in table
    assert table.count("\n| [") == len(load_catalogue().methods)
    with pytest.raises(ValueError, match="markers"):
        docs.readme_with_table(f"{docs.README_END}\n{docs.README_START}\n")


# Staging for datamodel-codegen


def test_modules_are_snake_case_and_distinct() -> None:
    assert models.module_of("methods/sendDTMF/request.json") == "send_dtmf_request"
    assert models.module_of("methods/ConnectionStatusEvent/client.json") == (
        "connection_status_event_client"
    )
    assert models.module_of("restClientConfig.json") == "rest_client_config"
    assert len(models.modules()) == 2 + 3 * len(load_catalogue().methods)


def test_staging_repoints_references_and_keeps_open_objects_open() -> None:
    names = {"common.json": "common.json", "methods/connect/request.json": "connect_request.json"}
    node: dict[str, Any] = {
        "properties": {
            "nodeId": {"$ref": "../../common.json#/$defs/nodeId"},
            "own": {"$ref": "#/$defs/Own"},
            "custom": {"type": "object", "description": "anything"},
            "closed": {"type": "object", "additionalProperties": False},
        }
    }
    staged = models.staged_node(node, "methods/connect/request.json", names)["properties"]
    assert staged["nodeId"] == {"$ref": "common.json#/$defs/nodeId"}
    assert staged["own"] == {"$ref": "#/$defs/Own"}
    assert staged["custom"]["additionalProperties"] is True
    assert staged["closed"]["additionalProperties"] is False


def test_the_container_root_model_is_left_out(rendered: dict[str, bytes]) -> None:
    common = rendered[f"{MODELS}/common.py"].decode()
    assert "class Common(" not in common
    assert "RootModel" not in common  # its import went with it
    assert models.without_class("class A:\n    pass\n\n\nclass B:\n    pass\n", "A") == (
        "\n\nclass B:\n    pass\n"
    )
    with pytest.raises(CodegenError, match="no class Missing"):
        models.without_class("class A:\n    pass\n", "Missing")


def test_generator_options_must_be_in_pyproject(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.other]\nx = 1\n", encoding="utf-8")
    with pytest.raises(CodegenError, match=r"\[tool.datamodel-codegen\]"):
        models.run_generator(tmp_path, tmp_path, tmp_path / "out")
    with pytest.raises(CodegenError, match="package-dir"):
        models.models_dir(tmp_path)


def test_models_go_where_pyproject_packages_them(rendered: dict[str, bytes]) -> None:
    assert f"{MODELS}/__init__.py" in rendered
    assert f"{MODELS}/py.typed" in rendered
    header = rendered[f"{MODELS}/connect_request.py"].decode().splitlines()[0]
    assert header.startswith("# Generated from schemas/methods/connect/request.json")


# The OpenAPI bundle


@pytest.fixture(scope="module")
def openapi_document(rendered: dict[str, bytes]) -> Any:
    return json.loads(rendered[tree.OPENAPI])


def test_openapi_document_is_valid_openapi_3_1(openapi_document: Any) -> None:
    assert openapi_document["openapi"] == "3.1.0"
    validate_openapi(openapi_document)


def test_openapi_document_is_sorted_indented_and_ends_with_a_newline(
    rendered: dict[str, bytes], openapi_document: Any
) -> None:
    text = rendered[tree.OPENAPI].decode()
    assert text == json.dumps(openapi_document, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def keys(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            yield key
            yield from keys(value)
    elif isinstance(node, list):
        for value in node:
            yield from keys(value)


def test_openapi_document_is_self_contained(openapi_document: Any) -> None:
    found = set(keys(openapi_document))
    assert not found & {"$defs", "$id", "discriminator"}
    refs = json.dumps(openapi_document).split('"$ref": ')[1:]
    assert all(r.startswith('"#/components/schemas/') for r in refs)


def test_schemathesis_loads_every_operation(openapi_document: Any) -> None:
    import schemathesis
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st
    from schemathesis.core.result import Ok

    loaded = list(schemathesis.openapi.from_dict(openapi_document).get_all_operations())
    operations = [result.ok() for result in loaded if isinstance(result, Ok)]
    assert len(operations) == len(loaded) == len(load_catalogue().methods) == 44
    assert {op.path for op in operations} == {f"/{m.name}" for m in load_catalogue().methods}

    @settings(max_examples=1, database=None, deadline=None, suppress_health_check=list(HealthCheck))
    @given(st.data())
    def every_operation_generates_a_body(data: st.DataObject) -> None:
        for operation in operations:
            assert isinstance(data.draw(operation.as_strategy()).body, dict)

    every_operation_generates_a_body()


# The docs


def test_every_method_has_a_page_linked_from_the_index(rendered: dict[str, bytes]) -> None:
    index = rendered[f"{docs.DOCS}/README.md"].decode()
    for method in load_catalogue().methods:
        assert f"]({method.name}.md)" in index
        assert f"{docs.DOCS}/{method.name}.md" in rendered


def test_a_method_page_has_tables_examples_and_schema_links(rendered: dict[str, bytes]) -> None:
    page = rendered[f"{docs.DOCS}/ConnectionStatusEvent.md"].decode()
    for direction in ("request", "response", "client"):
        assert (
            f"(../../schemas/{method_schema_relpath('ConnectionStatusEvent', direction)})" in page
        )
    assert "### ConnectionStatusEventRequestFailed" in page
    assert "| parameter | type | required | values | since | description | evidence |" in page
    assert "| `status` | string | yes: selects this variant | `FAILED` | seed |" in page
    assert "| `nodeId` | string | yes: a connection parameter, in every body WCS" in page
    assert "| `info` | string | yes: every documented WCS 5.x body of this direction" in page
    # the provenance of what real traffic added: evidence and bounds, examples' sources
    rtsp = rendered[f"{docs.DOCS}/playRTSP.md"].decode()
    assert "pageId=9242308" in rtsp
    assert "`request/valid/docs-5-2-rtsp-auth.json`, from https://docs.flashphoner.com/" in rtsp
    streams = rendered[f"{docs.DOCS}/StreamStatusEvent.md"].decode()
    assert "`RESIZE`: WCS-3228 moved it" in streams
    assert "bounds: a Java long of epoch milliseconds" in streams
    assert "`request/valid/failed.json`:" in page
    assert "```json\n{\n" in page
    assert "(HTTP 403)" in page
    assert "[Refusal](README.md#refusal)" in page


def test_table_cells_stay_on_one_line() -> None:
    assert docs.cell("a |\n b") == "a \\| b"
