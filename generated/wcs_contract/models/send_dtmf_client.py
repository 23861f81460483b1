# Generated from schemas/methods/sendDTMF/client.json by `make generate` (datamodel-codegen): do not edit.

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import MISSING, BaseModel, ConfigDict, Field, RootModel, StrictStr

from . import common


class SendDTMFClientMessage(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
    )
    callId: Annotated[StrictStr, Field(description="Unique call id.", min_length=1)]
    dtmf: Annotated[
        Literal["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13", "14", "15", "16", "*", "#"] | MISSING,
        Field(
            description="The DTMF symbol as text: `1` to `16`, `*` or `#` as the reference lists, and `0`, which every keypad sends."
        ),
    ] = MISSING
    type: Annotated[
        Literal["INFO", "INFO_RELAY", "RFC2833"] | MISSING,
        Field(description="How the DTMF is sent."),
    ] = MISSING


class SendDTMFClientFrame(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
    )
    message: Annotated[
        Literal["sendDTMF", "sendDtmf"], Field(description="The frame's message name.")
    ]
    data: Annotated[
        list[SendDTMFClientMessage] | MISSING,
        Field(
            description="The body (Web SDK 2.x sends one element; older SDKs omit an empty list)."
        ),
    ] = MISSING


class SendDTMFClient(
    RootModel[SendDTMFClientMessage | SendDTMFClientFrame | common.FailFrame]
):
    root: Annotated[
        SendDTMFClientMessage | SendDTMFClientFrame | common.FailFrame,
        Field(
            description="sendDTMF as the client sends it to WCS over the WebSocket, bare or in its `sendDTMF`/`sendDtmf` frame, or the `fail` frame WCS answers a refusal with.",
            title="SendDTMFClient",
        ),
    ]
