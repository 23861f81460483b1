# Generated from schemas/methods/sendMessage/request.json by `make generate` (datamodel-codegen): do not edit.

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import MISSING, BaseModel, ConfigDict, Field, StrictBool, StrictStr


class SendMessageRequest(BaseModel):
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
