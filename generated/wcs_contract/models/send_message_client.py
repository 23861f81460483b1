# Generated from schemas/methods/sendMessage/client.json by `make generate` (datamodel-codegen): do not edit.

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


class SendMessageClientMessage(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
    )
    id: Annotated[StrictStr, Field(description="Unique message id.")]
    from_: Annotated[
        StrictStr | MISSING,
        Field(alias="from", description="Sender: number or SIP URI."),
    ] = MISSING
    to: Annotated[
        StrictStr | MISSING, Field(description="Recipient: number, login or SIP URI.")
    ] = MISSING
    body: Annotated[StrictStr | MISSING, Field(description="Message text.")] = MISSING
    contentType: Annotated[
        Literal["text/plain", "message/cpim", "multipart/mixed"] | MISSING,
        Field(
            description="How the message is sent: `text/plain`, `message/cpim` (text inside a CPIM body) or `multipart/mixed` (CPIM messages in the body)."
        ),
    ] = MISSING
    isImdnRequired: Annotated[
        StrictBool | MISSING,
        Field(
            description="For `message/cpim` and `multipart/mixed`: ask for an IMDN delivery notification."
        ),
    ] = MISSING
    recipients: Annotated[
        StrictStr | MISSING,
        Field(
            description="Comma-separated recipients, used only with `multipart/mixed`."
        ),
    ] = MISSING


class SendMessageClientFrame(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
    )
    message: Annotated[
        Literal["sendMessage"], Field(description="The frame's message name.")
    ]
    data: Annotated[
        list[SendMessageClientMessage] | MISSING,
        Field(
            description="The body (Web SDK 2.x sends one element; older SDKs omit an empty list)."
        ),
    ] = MISSING


class SendMessageClient(
    RootModel[SendMessageClientMessage | SendMessageClientFrame | common.FailFrame]
):
    root: Annotated[
        SendMessageClientMessage | SendMessageClientFrame | common.FailFrame,
        Field(
            description="sendMessage as the client sends it to WCS over the WebSocket, bare or in its frame, or the `fail` frame WCS answers a refusal with.",
            title="SendMessageClient",
        ),
    ]
