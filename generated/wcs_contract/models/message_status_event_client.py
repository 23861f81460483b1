# Generated from schemas/methods/MessageStatusEvent/client.json by `make generate` (datamodel-codegen): do not edit.

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


class MessageStatusEventClientMessage(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
    )
    id: Annotated[
        StrictStr | MISSING,
        Field(
            description="Id of the message the status is about (inferred: not in the reference's list, but the Web SDK matches status events to sent messages by `id`)."
        ),
    ] = MISSING
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
    status: Annotated[
        Literal["RECEIVED", "ACCEPTED", "FAILED", "IMDN_DELIVERED", "IMDN_FAILED", "IMDN_NOTIFICATION_SENT"] | MISSING,
        Field(
            description="Message status: RECEIVED (an incoming message), ACCEPTED (`200 OK` or `202 Accepted` to the SIP MESSAGE), FAILED (a `4xx` from the SIP server), IMDN_DELIVERED, IMDN_FAILED (an incoming delivery notification), IMDN_NOTIFICATION_SENT (an IMDN was sent)."
        ),
    ] = MISSING
    info: Annotated[
        StrictStr | MISSING,
        Field(description="Extra information; on a failure, the reason."),
    ] = MISSING
    sipMessageRaw: Annotated[
        StrictStr | MISSING,
        Field(
            description="The SIP message behind the status: the incoming MESSAGE, the response to the MESSAGE, or the delivery notification received or sent."
        ),
    ] = MISSING


class MessageStatusEventClientFrame(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
    )
    message: Annotated[
        Literal["MessageStatusEvent"], Field(description="The frame's message name.")
    ]
    data: Annotated[
        list[MessageStatusEventClientMessage] | MISSING,
        Field(
            description="The body (Web SDK 2.x sends one element; older SDKs omit an empty list)."
        ),
    ] = MISSING


class MessageStatusEventClient(
    RootModel[
        MessageStatusEventClientMessage
        | MessageStatusEventClientFrame
        | common.FailFrame
    ]
):
    root: Annotated[
        MessageStatusEventClientMessage | MessageStatusEventClientFrame | common.FailFrame,
        Field(
            description="MessageStatusEvent as WCS sends it to the client over the WebSocket, bare or in its frame, or the `fail` frame.",
            title="MessageStatusEventClient",
        ),
    ]
