# Generated from schemas/methods/OnDataEvent/client.json by `make generate` (datamodel-codegen): do not edit.

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import MISSING, BaseModel, ConfigDict, Field, RootModel, StrictStr

from . import common


class OnDataEventClientMessage(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
    )
    operationId: Annotated[
        StrictStr, Field(description="Unique id of the data being sent.")
    ]
    payload: common.Payload | MISSING = MISSING


class OnDataEventClientFrame(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
    )
    message: Annotated[
        Literal["OnDataEvent"], Field(description="The frame's message name.")
    ]
    data: Annotated[
        list[OnDataEventClientMessage] | MISSING,
        Field(
            description="The message's body (Web SDK 2.x sends one element; older SDKs omit an empty list)."
        ),
    ] = MISSING


class OnDataEventClient(
    RootModel[OnDataEventClientMessage | OnDataEventClientFrame | common.FailFrame]
):
    root: Annotated[
        OnDataEventClientMessage | OnDataEventClientFrame | common.FailFrame,
        Field(
            description="OnDataEvent on the WebSocket (WCS delivers it to a client), bare or in its frame; a refused or failed operation arrives as the `fail` frame.",
            title="OnDataEventClient",
        ),
    ]
