# Generated from schemas/methods/hangup/client.json by `make generate` (datamodel-codegen): do not edit.

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import MISSING, BaseModel, ConfigDict, Field, RootModel, StrictStr

from . import common


class HangupClientMessage(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
    )
    callId: Annotated[StrictStr, Field(description="Unique call id.", min_length=1)]


class HangupClientFrame(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
    )
    message: Annotated[
        Literal["hangup"], Field(description="The frame's message name.")
    ]
    data: Annotated[
        list[HangupClientMessage] | MISSING,
        Field(
            description="The body (Web SDK 2.x sends one element; older SDKs omit an empty list)."
        ),
    ] = MISSING


class HangupClient(
    RootModel[HangupClientMessage | HangupClientFrame | common.FailFrame]
):
    root: Annotated[
        HangupClientMessage | HangupClientFrame | common.FailFrame,
        Field(
            description="hangup as the client sends it to WCS over the WebSocket, bare or in its frame; a failure arrives as the `fail` frame.",
            title="HangupClient",
        ),
    ]
