# Generated from schemas/methods/StreamEvent/client.json by `make generate` (datamodel-codegen): do not edit.

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import MISSING, BaseModel, ConfigDict, Field, RootModel, StrictStr

from . import common


class StreamEventClientMessage(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
    )
    mediaSessionId: Annotated[
        StrictStr | MISSING, Field(description="Media session id.")
    ] = MISSING
    type: Annotated[
        Literal["audioMuted", "videoMuted", "audioUnmuted", "videoUnmuted", "data", "addedToMixing", "removedFromMixing", "snapshotCompleted", "snapshotFailed", "resize", "notEnoughBandwidth"],
        Field(
            description="What changed in the stream: muted or unmuted audio or video, `data` (with a `payload`), (WCS 5.2.1416+) the stream was added to or removed from a mixer (`payload.uri`), a snapshot completed or failed, the publisher's video was resized (`payload.streamerVideoWidth`/`streamerVideoHeight`), or the subscriber lacks bandwidth (`payload.info`, `<remote bitrate>/<network bandwidth>`)."
        ),
    ]
    payload: common.Payload | MISSING = MISSING
    info: Annotated[
        StrictStr | MISSING,
        Field(description="Extra information; on a failure, the reason."),
    ] = MISSING


class StreamEventClientFrame(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
    )
    message: Annotated[
        Literal["StreamEvent", "notifyStreamEvent"],
        Field(description="The frame's message name."),
    ]
    data: Annotated[
        list[StreamEventClientMessage] | MISSING,
        Field(
            description="The event's body (Web SDK 2.x sends one element; older SDKs omit an empty list)."
        ),
    ] = MISSING


class StreamEventClient(
    RootModel[StreamEventClientMessage | StreamEventClientFrame | common.FailFrame]
):
    root: Annotated[
        StreamEventClientMessage | StreamEventClientFrame | common.FailFrame,
        Field(
            description="StreamEvent on the WebSocket (WCS sends it to each subscriber), bare or in its frame; a refused or failed operation arrives as the `fail` frame.",
            title="StreamEventClient",
        ),
    ]
