"""Live tests of a REST hook backend: `wcs-contract test URL` and `pytest --wcs-url URL`.

`runner.run(RunOptions(url=...))` returns a `results.RunResult` that `report` renders as text,
JSON or JUnit XML. Modules import their heavy dependencies (schemathesis, requests, rich) inside
functions, so that importing the package, and the pytest plugin, stays cheap.
"""
