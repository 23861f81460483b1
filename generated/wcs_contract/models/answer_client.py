# Generated from schemas/methods/answer/client.json by `make generate` (datamodel-codegen): do not edit.

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


class AnswerClientMessage(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
    )
    callId: Annotated[StrictStr, Field(description="Unique call id.", min_length=1)]
    incoming: Annotated[
        StrictBool | MISSING, Field(description="true: it came from the SIP side.")
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
    sdp: Annotated[
        StrictStr | MISSING,
        Field(description="SDP built by the client API (WebRTC only)."),
    ] = MISSING
    status: Annotated[
        Literal["PENDING", "TRYING", "RING", "RING_MEDIA", "SESSION_PROGRESS", "BUSY", "ESTABLISHED", "HOLD", "FINISH", "FAILED"] | MISSING,
        Field(
            description="Call status (see CallStatusEvent); the Web SDK sends `PENDING` when it answers."
        ),
    ] = MISSING
    hasAudio: Annotated[
        StrictBool | MISSING,
        Field(
            description="true: audio is sent. Inferred: the Web SDK sends it in its answer message."
        ),
    ] = MISSING
    custom: Annotated[
        common.Custom | MISSING,
        Field(
            description="Arbitrary content identifying the client to the web server; echoed in later events. Inferred: the Web SDK sends it in its answer message."
        ),
    ] = MISSING


class AnswerClientFrame(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
    )
    message: Annotated[
        Literal["answer"], Field(description="The frame's message name.")
    ]
    data: Annotated[
        list[AnswerClientMessage] | MISSING,
        Field(
            description="The body (Web SDK 2.x sends one element; older SDKs omit an empty list)."
        ),
    ] = MISSING


class AnswerClient(
    RootModel[AnswerClientMessage | AnswerClientFrame | common.FailFrame]
):
    root: Annotated[
        AnswerClientMessage | AnswerClientFrame | common.FailFrame,
        Field(
            description="answer as the client sends it to WCS over the WebSocket, bare or in its frame; a refusal arrives as the `fail` frame.",
            title="AnswerClient",
        ),
    ]
