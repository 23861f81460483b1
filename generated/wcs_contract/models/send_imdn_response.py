# Generated from schemas/methods/sendIMDN/response.json by `make generate` (datamodel-codegen): do not edit.

from __future__ import annotations

from typing import Annotated

from pydantic import MISSING, BaseModel, ConfigDict, Field, RootModel, StrictStr

from . import common


class SendIMDNResponseMirror(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
    )
    id: Annotated[
        StrictStr | MISSING,
        Field(
            description="Id of the received message the notification is about (inferred: sendIMDN is undocumented)."
        ),
    ] = MISSING
    from_: Annotated[
        StrictStr | MISSING,
        Field(
            alias="from",
            description="Who sends the notification, the recipient of the original message: number or SIP URI (inferred: sendIMDN is undocumented).",
        ),
    ] = MISSING
    to: Annotated[
        StrictStr | MISSING,
        Field(
            description="Who gets the notification, the sender of the original message: number, login or SIP URI (inferred: sendIMDN is undocumented)."
        ),
    ] = MISSING
    status: Annotated[
        StrictStr | MISSING,
        Field(
            description="The IMDN disposition status to report, e.g. `delivered`, `failed`, `forbidden`, `error`, `displayed`, `processed`, `stored` (RFC 5438). Inferred: sendIMDN is undocumented, so any string is allowed."
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


class SendIMDNResponse(RootModel[SendIMDNResponseMirror | common.Refusal]):
    root: Annotated[
        SendIMDNResponseMirror | common.Refusal,
        Field(
            description="The web server's answer to sendIMDN: the mirror of the request, or a refusal that stops the notification.",
            title="SendIMDNResponse",
        ),
    ]
