# Generated from schemas/methods/CallStatusEvent/request.json by `make generate` (datamodel-codegen): do not edit.

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


class CallStatusEventRequest(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
    )
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
    callId: Annotated[StrictStr, Field(description="Unique call id.", min_length=1)]
    incoming: Annotated[
        StrictBool | MISSING, Field(description="true: it came from the SIP side.")
    ] = MISSING
    status: Annotated[
        Literal["TRYING", "RING", "RING_MEDIA", "SESSION_PROGRESS", "BUSY", "ESTABLISHED", "HOLD", "FINISH", "FAILED"] | MISSING,
        Field(description="Call status."),
    ] = MISSING
    info: Annotated[
        StrictStr | MISSING,
        Field(description="Extra information; on a failure, the reason."),
    ] = MISSING
    sipMessageRaw: Annotated[
        StrictStr | MISSING,
        Field(description="The original SIP message with its headers."),
    ] = MISSING
    sipStatus: Annotated[
        StrictInt | MISSING,
        Field(description="Status code received from the SIP side.", ge=100, le=699),
    ] = MISSING
    caller: Annotated[StrictStr | MISSING, Field(description="Who calls: SIP URI.")] = (
        MISSING
    )
    callee: Annotated[
        StrictStr | MISSING,
        Field(description="Who is called: SIP URI, tel URI or phone number."),
    ] = MISSING
    hasVideo: Annotated[
        StrictBool | MISSING, Field(description="true: video is sent.")
    ] = MISSING
    visibleName: Annotated[
        StrictStr | MISSING, Field(description="Label shown to the callee.")
    ] = MISSING
    mediaProvider: Annotated[
        Literal["WebRTC", "Flash", "WSPlayer", "MSE", "HLS", "RTSP"] | MISSING,
        Field(
            description="Media used by the client API; `RTSP` for an RTSP client playing a stream (playRTSP, WCS 5.2)."
        ),
    ] = MISSING
    hasAudio: Annotated[
        StrictBool | MISSING,
        Field(
            description="true: audio is sent. Inferred: WCS 5.x serialises the same call object as in OnCallEvent, which carries it."
        ),
    ] = MISSING
    isMsrp: Annotated[
        StrictBool | MISSING,
        Field(
            description="true: not a voice call but an MSRP session for data transfer. Inferred: WCS 5.x serialises the same call object as in OnCallEvent, which carries it."
        ),
    ] = MISSING
    holdForTransfer: Annotated[
        StrictBool | MISSING,
        Field(
            description="true: the call is held in order to be transferred. Inferred: WCS 5.x serialises the same call object as in OnCallEvent, which carries it."
        ),
    ] = MISSING
