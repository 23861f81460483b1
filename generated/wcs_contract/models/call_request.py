# Generated from schemas/methods/call/request.json by `make generate` (datamodel-codegen): do not edit.

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import MISSING, BaseModel, ConfigDict, Field, StrictBool, StrictStr

from . import common


class CallRequest(BaseModel):
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
    callee: Annotated[
        StrictStr | MISSING,
        Field(description="Who is called: SIP URI, tel URI or phone number."),
    ] = MISSING
    caller: Annotated[StrictStr | MISSING, Field(description="Who calls: SIP URI.")] = (
        MISSING
    )
    visibleName: Annotated[
        StrictStr | MISSING, Field(description="Label shown to the callee.")
    ] = MISSING
    hasVideo: Annotated[
        StrictBool | MISSING, Field(description="true: video is sent.")
    ] = MISSING
    inviteParameters: common.InviteParameters | MISSING = MISSING
    isMsrp: Annotated[
        StrictBool | MISSING,
        Field(
            description="true: not a voice call but an MSRP session for data transfer."
        ),
    ] = MISSING
    status: Annotated[
        Literal["PENDING", "TRYING", "RING", "RING_MEDIA", "SESSION_PROGRESS", "BUSY", "ESTABLISHED", "HOLD", "FINISH", "FAILED"] | MISSING,
        Field(
            description="Call status (see CallStatusEvent); the Web SDK sends `PENDING` when it places the call."
        ),
    ] = MISSING
    incoming: Annotated[
        StrictBool | MISSING, Field(description="true: it came from the SIP side.")
    ] = MISSING
    mediaProvider: Annotated[
        Literal["WebRTC", "Flash", "WSPlayer", "MSE", "HLS", "RTSP"] | MISSING,
        Field(
            description="Media used by the client API; `RTSP` for an RTSP client playing a stream (playRTSP, WCS 5.2)."
        ),
    ] = MISSING
    sdp: Annotated[
        StrictStr | MISSING,
        Field(description="SDP built by the client API (WebRTC only)."),
    ] = MISSING
    hasAudio: Annotated[
        StrictBool | MISSING, Field(description="true: audio is sent.")
    ] = MISSING
    sipSDP: Annotated[
        list[StrictStr] | MISSING,
        Field(description="SDP lines received from the SIP side."),
    ] = MISSING
    custom: common.Custom | MISSING = MISSING
