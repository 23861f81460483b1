# Generated from schemas/methods/OnCallEvent/client.json by `make generate` (datamodel-codegen): do not edit.

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


class OnCallEventClientMessage(BaseModel):
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
            description="Call status (see CallStatusEvent); a new incoming call is `PENDING`."
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
    sipMessageRaw: Annotated[
        StrictStr | MISSING,
        Field(description="The original SIP message with its headers."),
    ] = MISSING
    holdForTransfer: Annotated[
        StrictBool | MISSING,
        Field(description="true: the call is held in order to be transferred."),
    ] = MISSING


class OnCallEventClientFrame(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
    )
    message: Annotated[
        Literal["OnCallEvent", "notifyIncomingCall"],
        Field(description="The frame's message name."),
    ]
    data: Annotated[
        list[OnCallEventClientMessage] | MISSING,
        Field(
            description="The body (Web SDK 2.x sends one element; older SDKs omit an empty list)."
        ),
    ] = MISSING


class OnCallEventClient(
    RootModel[OnCallEventClientMessage | OnCallEventClientFrame | common.FailFrame]
):
    root: Annotated[
        OnCallEventClientMessage | OnCallEventClientFrame | common.FailFrame,
        Field(
            description="OnCallEvent as WCS sends it to the client over the WebSocket (the `notifyIncomingCall` frame), bare or in its frame; a failure arrives as the `fail` frame.",
            title="OnCallEventClient",
        ),
    ]
