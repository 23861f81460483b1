# Generated from schemas/methods/hold/client.json by `make generate` (datamodel-codegen): do not edit.

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import (
    MISSING,
    BaseModel,
    ConfigDict,
    Field,
    RootModel,
    StrictBool,
    StrictStr,
)

from . import common


class HoldClientMessage(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
    )
    callId: Annotated[StrictStr, Field(description="Unique call id.", min_length=1)]
    holdForTransfer: Annotated[
        StrictBool | MISSING,
        Field(description="true: the call is held in order to be transferred."),
    ] = MISSING


class HoldClientFrame(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
    )
    message: Annotated[Literal["hold"], Field(description="The frame's message name.")]
    data: Annotated[
        list[HoldClientMessage] | MISSING,
        Field(
            description="The body (Web SDK 2.x sends one element; older SDKs omit an empty list)."
        ),
    ] = MISSING


class HoldClient(RootModel[HoldClientMessage | HoldClientFrame | common.FailFrame]):
    root: Annotated[
        HoldClientMessage | HoldClientFrame | common.FailFrame,
        Field(
            description="hold as the client sends it to WCS over the WebSocket, bare or in its frame; a refusal arrives as the `fail` frame.",
            title="HoldClient",
        ),
    ]
