# Generated from schemas/methods/ErrorEvent/client.json by `make generate` (datamodel-codegen): do not edit.

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import MISSING, BaseModel, ConfigDict, Field, RootModel, StrictStr

from . import common


class ErrorEventClientMessage(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
    )
    info: Annotated[
        StrictStr | MISSING,
        Field(description="Extra information; on a failure, the reason."),
    ] = MISSING


class ErrorEventClientFrame(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
    )
    message: Annotated[
        Literal["ErrorEvent", "ErrorStatusEvent"],
        Field(description="The frame's message name."),
    ]
    data: Annotated[
        list[ErrorEventClientMessage] | MISSING,
        Field(
            description="The event's body (Web SDK 2.x sends one element; older SDKs omit an empty list)."
        ),
    ] = MISSING


class ErrorEventClient(
    RootModel[ErrorEventClientMessage | ErrorEventClientFrame | common.FailFrame]
):
    root: Annotated[
        ErrorEventClientMessage | ErrorEventClientFrame | common.FailFrame,
        Field(
            description="ErrorEvent on the WebSocket (WCS sends it to the client), bare or in its frame; a refused or failed operation arrives as the `fail` frame.",
            title="ErrorEventClient",
        ),
    ]
