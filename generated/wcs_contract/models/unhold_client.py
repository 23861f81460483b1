# Generated from schemas/methods/unhold/client.json by `make generate` (datamodel-codegen): do not edit.

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import MISSING, BaseModel, ConfigDict, Field, RootModel, StrictStr

from . import common


class UnholdClientMessage(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
    )
    callId: Annotated[StrictStr, Field(description="Unique call id.", min_length=1)]


class UnholdClientFrame(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
    )
    message: Annotated[
        Literal["unhold"], Field(description="The frame's message name.")
    ]
    data: Annotated[
        list[UnholdClientMessage] | MISSING,
        Field(
            description="The body (Web SDK 2.x sends one element; older SDKs omit an empty list)."
        ),
    ] = MISSING


class UnholdClient(
    RootModel[UnholdClientMessage | UnholdClientFrame | common.FailFrame]
):
    root: Annotated[
        UnholdClientMessage | UnholdClientFrame | common.FailFrame,
        Field(
            description="unhold as the client sends it to WCS over the WebSocket, bare or in its frame; a refusal arrives as the `fail` frame.",
            title="UnholdClient",
        ),
    ]
