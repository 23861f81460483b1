# Generated from schemas/methods/RegistrationStatusEvent/client.json by `make generate` (datamodel-codegen): do not edit.

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import MISSING, BaseModel, ConfigDict, Field, RootModel, StrictStr

from . import common


class RegistrationStatusEventClientMessage(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
    )
    status: Annotated[
        Literal["REGISTERED", "UNREGISTERED", "FAILED", "AUTHENTICATION_FAIL"] | MISSING,
        Field(
            description="SIP registration status; `AUTHENTICATION_FAIL` is listed by the 5.x documentation."
        ),
    ] = MISSING
    info: Annotated[
        StrictStr | MISSING,
        Field(description="Extra information; on a failure, the reason."),
    ] = MISSING
    sipMessageRaw: Annotated[
        StrictStr | MISSING,
        Field(description="The original SIP message with its headers."),
    ] = MISSING


class RegistrationStatusEventClientFrame(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
    )
    message: Annotated[
        Literal["RegistrationStatusEvent", "registered"],
        Field(description="The frame's message name."),
    ]
    data: Annotated[
        list[RegistrationStatusEventClientMessage] | MISSING,
        Field(
            description="The body (Web SDK 2.x sends one element; older SDKs omit an empty list)."
        ),
    ] = MISSING


class RegistrationStatusEventClient(
    RootModel[
        RegistrationStatusEventClientMessage
        | RegistrationStatusEventClientFrame
        | common.FailFrame
    ]
):
    root: Annotated[
        RegistrationStatusEventClientMessage | RegistrationStatusEventClientFrame | common.FailFrame,
        Field(
            description="RegistrationStatusEvent as WCS sends it to the client over the WebSocket (also as the `registered` frame), bare or in its frame; a failure arrives as the `fail` frame.",
            title="RegistrationStatusEventClient",
        ),
    ]
