# Generated from schemas/methods/sendXcapRequest/client.json by `make generate` (datamodel-codegen): do not edit.

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import MISSING, BaseModel, ConfigDict, Field, RootModel, StrictStr

from . import common


class SendXcapRequestClientMessage(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
    )
    url: Annotated[
        StrictStr | MISSING, Field(description="URL of the XCAP request.")
    ] = MISSING


class SendXcapRequestClientFrame(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
    )
    message: Annotated[
        Literal["sendXcapRequest"], Field(description="The frame's message name.")
    ]
    data: Annotated[
        list[SendXcapRequestClientMessage] | MISSING,
        Field(
            description="The body (Web SDK 2.x sends one element; older SDKs omit an empty list)."
        ),
    ] = MISSING


class SendXcapRequestClient(
    RootModel[
        SendXcapRequestClientMessage
        | SendXcapRequestClientFrame
        | common.FailFrame
    ]
):
    root: Annotated[
        SendXcapRequestClientMessage | SendXcapRequestClientFrame | common.FailFrame,
        Field(
            description="sendXcapRequest as the client sends it to WCS over the WebSocket, bare or in its frame, or the `fail` frame WCS answers a refusal with.",
            title="SendXcapRequestClient",
        ),
    ]
