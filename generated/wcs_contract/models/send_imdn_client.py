# Generated from schemas/methods/sendIMDN/client.json by `make generate` (datamodel-codegen): do not edit.

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import MISSING, BaseModel, ConfigDict, Field, RootModel, StrictStr

from . import common


class SendIMDNClientMessage(BaseModel):
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


class SendIMDNClientFrame(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
    )
    message: Annotated[
        Literal["sendIMDN"], Field(description="The frame's message name.")
    ]
    data: Annotated[
        list[SendIMDNClientMessage] | MISSING,
        Field(
            description="The body (Web SDK 2.x sends one element; older SDKs omit an empty list)."
        ),
    ] = MISSING


class SendIMDNClient(
    RootModel[SendIMDNClientMessage | SendIMDNClientFrame | common.FailFrame]
):
    root: Annotated[
        SendIMDNClientMessage | SendIMDNClientFrame | common.FailFrame,
        Field(
            description="sendIMDN as the client sends it to WCS over the WebSocket, bare or in its frame, or the `fail` frame WCS answers a refusal with.",
            title="SendIMDNClient",
        ),
    ]
