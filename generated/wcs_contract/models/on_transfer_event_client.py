# Generated from schemas/methods/OnTransferEvent/client.json by `make generate` (datamodel-codegen): do not edit.

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


class OnTransferEventClientMessage(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
    )
    callId: Annotated[StrictStr, Field(description="Unique call id.", min_length=1)]
    incoming: Annotated[
        StrictBool | MISSING, Field(description="true: it came from the SIP side.")
    ] = MISSING
    target: Annotated[
        StrictStr | MISSING,
        Field(description="Number or SIP URI of the party the call is transferred to."),
    ] = MISSING


class OnTransferEventClientFrame(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
    )
    message: Annotated[
        Literal["OnTransferEvent"], Field(description="The frame's message name.")
    ]
    data: Annotated[
        list[OnTransferEventClientMessage] | MISSING,
        Field(
            description="The body (Web SDK 2.x sends one element; older SDKs omit an empty list)."
        ),
    ] = MISSING


class OnTransferEventClient(
    RootModel[
        OnTransferEventClientMessage
        | OnTransferEventClientFrame
        | common.FailFrame
    ]
):
    root: Annotated[
        OnTransferEventClientMessage | OnTransferEventClientFrame | common.FailFrame,
        Field(
            description="OnTransferEvent as WCS sends it to the client over the WebSocket, bare or in its frame; a failure arrives as the `fail` frame.",
            title="OnTransferEventClient",
        ),
    ]
