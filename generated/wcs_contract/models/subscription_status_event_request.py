# Generated from schemas/methods/SubscriptionStatusEvent/request.json by `make generate` (datamodel-codegen): do not edit.

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import (
    MISSING,
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    StrictInt,
    StrictStr,
)


class SubscriptionStatusEventRequest(BaseModel):
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
