"""Code generation: everything under generated/ (and the README's method table) from schemas/.

`python -m wcs_contract.codegen` (`make generate`) rewrites it; `--check` (`make generate-check`)
fails when what is on disk differs from what the schemas produce. One module per output:
models.py (pydantic models, by datamodel-code-generator), openapi.py (the OpenAPI 3.1 bundle),
docs.py (reference pages); tree.py gathers them and compares them with the disk.
"""


class CodegenError(RuntimeError):
    """Generation cannot go on: the message says why and what to do."""
