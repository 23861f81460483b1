# Generated from schemas/methods/OnMessageEvent/response.json by `make generate` (datamodel-codegen): do not edit.

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


class OnMessageEventResponseMirror(BaseModel):
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
    nodeId: Annotated[
        StrictStr | MISSING,
        Field(
            description="Unique id of the WCS server instance, seen as `<32 alphanumerics>@<server IP>` and without the `@host` part.",
            min_length=1,
        ),
    ] = MISSING
    sessionId: Annotated[
        StrictStr | MISSING,
        Field(
            description="Unique id of the client's connection on the WCS instance: `/<clientIP>:<port>/<serverIP>:<port>`, the same with a `-<uuid>` suffix, or a bare UUID.",
            min_length=1,
        ),
    ] = MISSING
    appKey: Annotated[
        StrictStr | MISSING,
        Field(
            description="The WCS application the client connected to; it selects the REST URL (default `defaultApp`).",
            min_length=1,
        ),
    ] = MISSING


class OnMessageEventResponse(RootModel[OnMessageEventResponseMirror | common.Refusal]):
    root: Annotated[
        OnMessageEventResponseMirror | common.Refusal,
        Field(
            description="The web server's answer to OnMessageEvent: the mirror of the request (e.g. with a rewritten `body`), or a refusal that stops the message.",
            title="OnMessageEventResponse",
        ),
    ]
