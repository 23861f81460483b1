# Generated from schemas/methods/subscribe/client.json by `make generate` (datamodel-codegen): do not edit.

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import (
    MISSING,
    BaseModel,
    ConfigDict,
    Field,
    RootModel,
    StrictBool,
    StrictInt,
)

from . import common


class SubscribeClientMessage(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
    )
    event: Annotated[
        Literal["reg"] | MISSING, Field(description="SIP event package.")
    ] = MISSING
    expires: Annotated[
        StrictInt | MISSING,
        Field(
            description="Subscription interval in seconds; WCS re-SUBSCRIBEs within it.",
            ge=0,
            le=2147483647,
        ),
    ] = MISSING
    terminate: Annotated[
        StrictBool | MISSING,
        Field(description="true: end (or deactivate) the subscription."),
    ] = MISSING


class SubscribeClientFrame(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
    )
    message: Annotated[
        Literal["subscribe"], Field(description="The frame's message name.")
    ]
    data: Annotated[
        list[SubscribeClientMessage] | MISSING,
        Field(
            description="The body (Web SDK 2.x sends one element; older SDKs omit an empty list)."
        ),
    ] = MISSING


class SubscribeClient(
    RootModel[SubscribeClientMessage | SubscribeClientFrame | common.FailFrame]
):
    root: Annotated[
        SubscribeClientMessage | SubscribeClientFrame | common.FailFrame,
        Field(
            description="subscribe as the client sends it to WCS over the WebSocket, bare or in its frame, or the `fail` frame WCS answers a refusal with.",
            title="SubscribeClient",
        ),
    ]
