# Generated from schemas/methods/MessageStatusEvent/request.json by `make generate` (datamodel-codegen): do not edit.

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import MISSING, BaseModel, ConfigDict, Field, StrictBool, StrictStr


class MessageStatusEventRequest(BaseModel):
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
    nodeId: Annotated[
        StrictStr,
        Field(
            description="Unique id of the WCS server instance, seen as `<32 alphanumerics>@<server IP>` and without the `@host` part.",
            min_length=1,
        ),
    ]
    sessionId: Annotated[
        StrictStr,
        Field(
            description="Unique id of the client's connection on the WCS instance: `/<clientIP>:<port>/<serverIP>:<port>`, the same with a `-<uuid>` suffix, or a bare UUID.",
            min_length=1,
        ),
    ]
    appKey: Annotated[
        StrictStr,
        Field(
            description="The WCS application the client connected to; it selects the REST URL (default `defaultApp`).",
            min_length=1,
        ),
    ]
