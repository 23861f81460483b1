# Generated from schemas/restClientConfig.json by `make generate` (datamodel-codegen): do not edit.

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import MISSING, BaseModel, ConfigDict, Field, StrictStr


class RestClientConfigEntry(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
    )
    clientExclude: Annotated[
        StrictStr | MISSING,
        Field(
            description="Comma-separated field names removed from what goes to the client (default empty)."
        ),
    ] = MISSING
    restExclude: Annotated[
        StrictStr | MISSING,
        Field(
            description="Comma-separated field names removed from what goes to the web server, e.g. `sdp` (default empty)."
        ),
    ] = MISSING
    restOnError: Annotated[
        Literal["LOG", "FAIL"] | MISSING,
        Field(
            description="How an interaction error is handled: only logged (`LOG`, the default) or the operation fails (`FAIL`)."
        ),
    ] = MISSING
    restPolicy: Annotated[
        Literal["OVERWRITE", "NOTIFY", "DISABLE", "DISABLED"] | MISSING,
        Field(
            description="`OVERWRITE`: fields listed in restOverwrite take the web server's values; `NOTIFY` (default): nothing is overwritten; `DISABLE` (spelled `DISABLED` by WCS 4 and early 5): the method is not sent to the web server."
        ),
    ] = MISSING
    restOverwrite: Annotated[
        StrictStr | MISSING,
        Field(
            description="Comma-separated field names that may be overwritten; used only with `OVERWRITE` (default empty)."
        ),
    ] = MISSING
