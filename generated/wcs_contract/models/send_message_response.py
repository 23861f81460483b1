# Generated from schemas/methods/sendMessage/response.json by `make generate` (datamodel-codegen): do not edit.

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


class SendMessageResponseMirror(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
    )
    id: Annotated[StrictStr | MISSING, Field(description="Unique message id.")] = (
        MISSING
    )
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


class SendMessageResponse(RootModel[SendMessageResponseMirror | common.Refusal]):
    root: Annotated[
        SendMessageResponseMirror | common.Refusal,
        Field(
            description="The web server's answer to sendMessage: the mirror of the request (fields such as `body` may be overridden), or a refusal that stops the message.",
            title="SendMessageResponse",
        ),
    ]
