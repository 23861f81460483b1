# Generated from schemas/methods/sendData/client.json by `make generate` (datamodel-codegen): do not edit.

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import MISSING, BaseModel, ConfigDict, Field, RootModel, StrictStr

from . import common


class SendDataClientMessage(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
    )
    operationId: Annotated[
        StrictStr, Field(description="Unique id of the data being sent.")
    ]
    payload: common.Payload | MISSING = MISSING


class SendDataClientFrame(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
    )
    message: Annotated[
        Literal["sendData"], Field(description="The frame's message name.")
    ]
    data: Annotated[
        list[SendDataClientMessage] | MISSING,
        Field(
            description="The message's body (Web SDK 2.x sends one element; older SDKs omit an empty list)."
        ),
    ] = MISSING


class SendDataClient(
    RootModel[SendDataClientMessage | SendDataClientFrame | common.FailFrame]
):
    root: Annotated[
        SendDataClientMessage | SendDataClientFrame | common.FailFrame,
        Field(
            description="sendData on the WebSocket (the client sends it to WCS), bare or in its frame; a refused or failed operation arrives as the `fail` frame.",
            title="SendDataClient",
        ),
    ]
