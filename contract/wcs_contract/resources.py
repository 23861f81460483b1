"""Where the schemas and generated files are: the source tree, or the installed wheel."""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


@cache
def schemas_dir() -> Path:
    """The `schemas/` folder: packaged as `wcs_contract/schemas`, or at the top of a checkout."""
    packaged = _PACKAGE / "schemas"
    if (packaged / "catalogue.json").is_file():
        return packaged
    checkout = _PACKAGE.parents[1] / "schemas"
    if (checkout / "catalogue.json").is_file():
        return checkout
    raise FileNotFoundError(f"wcs-contract schemas not found in {packaged} or {checkout}")


@cache
def openapi_path() -> Path:
    """The bundled OpenAPI contract: in `wcs_contract/openapi`, or in `generated/openapi`."""
    name = "wcs-hooks.openapi.json"
    packaged = _PACKAGE / "openapi" / name
    if packaged.is_file():
        return packaged
    return _PACKAGE.parents[1] / "generated" / "openapi" / name


@cache
def samples_dir() -> Path:
    """The sample captures and configs: packaged as `wcs_contract/samples`, or `examples/`."""
    packaged = _PACKAGE / "samples"
    if (packaged / "captures").is_dir():
        return packaged
    return _PACKAGE.parents[1] / "examples"
