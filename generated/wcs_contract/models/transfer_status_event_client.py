# Generated from schemas/methods/TransferStatusEvent/client.json by `make generate` (datamodel-codegen): do not edit.

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


class TransferStatusEventClientMessage(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
    )
    callId: Annotated[StrictStr, Field(description="Unique call id.", min_length=1)]
    incoming: Annotated[
        StrictBool | MISSING,
        Field(description="true: the other side started this transfer."),
    ] = MISSING
    status: Annotated[
        StrictStr | MISSING,
        Field(
            description="Transfer status: `ACCEPTED`, `TRYING`, `COMPLETED` or `FAILED`. A status WCS does not recognise is passed on as received from the SIP side, so any string is allowed."
        ),
    ] = MISSING


class TransferStatusEventClientFrame(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
    )
    message: Annotated[
        Literal["TransferStatusEvent", "notifyTransferEvent"],
        Field(description="The frame's message name."),
    ]
    data: Annotated[
        list[TransferStatusEventClientMessage] | MISSING,
        Field(
            description="The body (Web SDK 2.x sends one element; older SDKs omit an empty list)."
        ),
    ] = MISSING


class TransferStatusEventClient(
    RootModel[
        TransferStatusEventClientMessage
        | TransferStatusEventClientFrame
        | common.FailFrame
    ]
):
    root: Annotated[
        TransferStatusEventClientMessage | TransferStatusEventClientFrame | common.FailFrame,
        Field(
            description="TransferStatusEvent as WCS sends it to the client over the WebSocket, bare or in its frame, or the `fail` frame.",
            title="TransferStatusEventClient",
        ),
    ]
