# Generated from schemas/methods/call/client.json by `make generate` (datamodel-codegen): do not edit.

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


class CallClientMessage(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
    )
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


class CallClientFrame(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
    )
    message: Annotated[Literal["call"], Field(description="The frame's message name.")]
    data: Annotated[
        list[CallClientMessage] | MISSING,
        Field(
            description="The body (Web SDK 2.x sends one element; older SDKs omit an empty list)."
        ),
    ] = MISSING


class CallClient(RootModel[CallClientMessage | CallClientFrame | common.FailFrame]):
    root: Annotated[
        CallClientMessage | CallClientFrame | common.FailFrame,
        Field(
            description="call as the client sends it to WCS over the WebSocket, bare or in its frame; a refused call arrives as the `fail` frame.",
            title="CallClient",
        ),
    ]
