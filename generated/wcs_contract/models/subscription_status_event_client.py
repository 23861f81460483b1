# Generated from schemas/methods/SubscriptionStatusEvent/client.json by `make generate` (datamodel-codegen): do not edit.

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import (
    MISSING,
    BaseModel,
    ConfigDict,
    Field,
    RootModel,
    StrictBool,
    StrictInt,
    StrictStr,
)

from . import common


class SubscriptionStatusEventClientMessage(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
    )
    event: Annotated[
        Literal["reg"] | MISSING, Field(description="SIP event package.")
    ] = MISSING
    expires: Annotated[
        StrictInt | MISSING,
        Field(
            description="Subscription interval in seconds; WCS re-SUBSCRIBEs within it.",
            ge=0,
            le=2147483647,
        ),
    ] = MISSING
    terminate: Annotated[
        StrictBool | MISSING,
        Field(description="true: the subscription must be deactivated."),
    ] = MISSING
    requestBody: Annotated[
        StrictStr | MISSING, Field(description="The XML received from the SIP side.")
    ] = MISSING
    status: Annotated[
        Literal["Active", "Terminated"] | MISSING,
        Field(
            description="Subscription status: Active (`200 OK` to the SUBSCRIBE) or Terminated (`200 OK` with `Expires: 0`, or a NOTIFY whose body says `terminated`)."
        ),
    ] = MISSING
    info: Annotated[
        StrictStr | MISSING,
        Field(description="Extra information; on a failure, the reason."),
    ] = MISSING
    sipMessageRaw: Annotated[
        StrictStr | MISSING, Field(description="The SIP message behind the status.")
    ] = MISSING


class SubscriptionStatusEventClientFrame(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
    )
    message: Annotated[
        Literal["SubscriptionStatusEvent"],
        Field(description="The frame's message name."),
    ]
    data: Annotated[
        list[SubscriptionStatusEventClientMessage] | MISSING,
        Field(
            description="The body (Web SDK 2.x sends one element; older SDKs omit an empty list)."
        ),
    ] = MISSING


class SubscriptionStatusEventClient(
    RootModel[
        SubscriptionStatusEventClientMessage
        | SubscriptionStatusEventClientFrame
        | common.FailFrame
    ]
):
    root: Annotated[
        SubscriptionStatusEventClientMessage | SubscriptionStatusEventClientFrame | common.FailFrame,
        Field(
            description="SubscriptionStatusEvent as WCS sends it to the client over the WebSocket, bare or in its frame, or the `fail` frame.",
            title="SubscriptionStatusEventClient",
        ),
    ]
