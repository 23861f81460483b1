# Generated from schemas/methods/transfer/client.json by `make generate` (datamodel-codegen): do not edit.

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import MISSING, BaseModel, ConfigDict, Field, RootModel, StrictStr

from . import common


class TransferClientMessage(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
    )
    callId: Annotated[StrictStr, Field(description="Unique call id.", min_length=1)]
    target: Annotated[
        StrictStr | MISSING,
        Field(description="Number or SIP URI of the party the call is transferred to."),
    ] = MISSING


class TransferClientFrame(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
    )
    message: Annotated[
        Literal["transfer"], Field(description="The frame's message name.")
    ]
    data: Annotated[
        list[TransferClientMessage] | MISSING,
        Field(
            description="The body (Web SDK 2.x sends one element; older SDKs omit an empty list)."
        ),
    ] = MISSING


class TransferClient(
    RootModel[TransferClientMessage | TransferClientFrame | common.FailFrame]
):
    root: Annotated[
        TransferClientMessage | TransferClientFrame | common.FailFrame,
        Field(
            description="transfer as the client sends it to WCS over the WebSocket, bare or in its frame; a refusal arrives as the `fail` frame.",
            title="TransferClient",
        ),
    ]
