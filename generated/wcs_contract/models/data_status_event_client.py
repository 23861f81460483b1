# Generated from schemas/methods/DataStatusEvent/client.json by `make generate` (datamodel-codegen): do not edit.

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import MISSING, BaseModel, ConfigDict, Field, RootModel, StrictStr

from . import common


class DataStatusEventClientMessage(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
    )
    status: Annotated[
        Literal["ACCEPTED", "FAILED"],
        Field(
            description="Status of the sent data: `ACCEPTED` (the web server accepted it) or `FAILED` (refused or failed)."
        ),
    ]
    operationId: Annotated[
        StrictStr | MISSING, Field(description="Unique id of the data being sent.")
    ] = MISSING
    info: Annotated[
        StrictStr | MISSING,
        Field(description="Extra information; on a failure, the reason."),
    ] = MISSING


class DataStatusEventClientFrame(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
    )
    message: Annotated[
        Literal["DataStatusEvent"], Field(description="The frame's message name.")
    ]
    data: Annotated[
        list[DataStatusEventClientMessage] | MISSING,
        Field(
            description="The event's body (Web SDK 2.x sends one element; older SDKs omit an empty list)."
        ),
    ] = MISSING


class DataStatusEventClient(
    RootModel[
        DataStatusEventClientMessage
        | DataStatusEventClientFrame
        | common.FailFrame
    ]
):
    root: Annotated[
        DataStatusEventClientMessage | DataStatusEventClientFrame | common.FailFrame,
        Field(
            description="DataStatusEvent on the WebSocket (WCS sends it to the client that sent the data), bare or in its frame; a refused or failed operation arrives as the `fail` frame.",
            title="DataStatusEventClient",
        ),
    ]
