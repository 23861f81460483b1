# Generated from schemas/methods/OnMessageEvent/client.json by `make generate` (datamodel-codegen): do not edit.

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


class OnMessageEventClientMessage(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
    )
    id: Annotated[
        StrictStr | MISSING,
        Field(
            description="Unique message id (inferred: the reference's row is illegible)."
        ),
    ] = MISSING
    from_: Annotated[
        StrictStr | MISSING,
        Field(
            alias="from",
            description="Sender: number or SIP URI (inferred: the reference's row is illegible).",
        ),
    ] = MISSING
    to: Annotated[
        StrictStr | MISSING, Field(description="Recipient: number, login or SIP URI.")
    ] = MISSING
    body: Annotated[StrictStr | MISSING, Field(description="Message text.")] = MISSING
    contentType: Annotated[
        Literal["text/plain", "message/cpim", "multipart/mixed"] | MISSING,
        Field(
            description="How the message was sent: `text/plain`, `message/cpim` or `multipart/mixed` (inferred: the reference's row is illegible)."
        ),
    ] = MISSING
    isImdnRequired: Annotated[
        StrictBool | MISSING,
        Field(
            description="true: the incoming message asks for an IMDN, and WCS sends the delivery notification."
        ),
    ] = MISSING
    sipMessageRaw: Annotated[
        StrictStr | MISSING,
        Field(description="The SIP MESSAGE behind this event, with its headers."),
    ] = MISSING
    status: Annotated[
        Literal["RECEIVED", "ACCEPTED", "FAILED", "IMDN_DELIVERED", "IMDN_FAILED", "IMDN_NOTIFICATION_SENT"] | MISSING,
        Field(
            description="Message status (see MessageStatusEvent); an incoming message is `RECEIVED`."
        ),
    ] = MISSING


class OnMessageEventClientFrame(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
    )
    message: Annotated[
        Literal["OnMessageEvent"], Field(description="The frame's message name.")
    ]
    data: Annotated[
        list[OnMessageEventClientMessage] | MISSING,
        Field(
            description="The body (Web SDK 2.x sends one element; older SDKs omit an empty list)."
        ),
    ] = MISSING


class OnMessageEventClient(
    RootModel[
        OnMessageEventClientMessage
        | OnMessageEventClientFrame
        | common.FailFrame
    ]
):
    root: Annotated[
        OnMessageEventClientMessage | OnMessageEventClientFrame | common.FailFrame,
        Field(
            description="OnMessageEvent as WCS sends it to the client over the WebSocket, bare or in its frame, or the `fail` frame.",
            title="OnMessageEventClient",
        ),
    ]
