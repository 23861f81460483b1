# Generated from schemas/methods/playStream/request.json by `make generate` (datamodel-codegen): do not edit.

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

from . import common


class PlayStreamRequest(BaseModel):
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
    name: Annotated[
        StrictStr,
        Field(
            description="Stream name; must be unique among published streams.",
            min_length=1,
        ),
    ]
    mediaSessionId: Annotated[
        StrictStr | MISSING, Field(description="Media session id.")
    ] = MISSING
    status: Annotated[
        Literal["NEW", "PENDING", "PUBLISHING", "UNPUBLISHED", "PLAYING", "PAUSED", "STOPPED", "FAILED", "DISCONNECTED"] | MISSING,
        Field(
            description="Stream status (see StreamStatusEvent): `NEW` and `PENDING` before the stream starts, `PUBLISHING`/`PLAYING` while it runs, `PAUSED` for a paused played stream, `UNPUBLISHED`/`STOPPED` when it ends, `FAILED` on error (with `info`), `DISCONNECTED` when a VOD stream ends. A playStream request carries `PENDING`."
        ),
    ] = MISSING
    published: Annotated[
        StrictBool | MISSING, Field(description="true: the stream is being published.")
    ] = MISSING
    hasVideo: Annotated[
        StrictBool | MISSING, Field(description="true: video is sent.")
    ] = MISSING
    hasAudio: Annotated[
        StrictBool | MISSING, Field(description="true: audio is sent.")
    ] = MISSING
    record: Annotated[
        StrictBool | MISSING,
        Field(description="true: the published stream is recorded."),
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
    custom: common.Custom | MISSING = MISSING
    width: Annotated[
        StrictInt | MISSING,
        Field(
            description="Maximum (connect) or actual (stream) video width, pixels.",
            ge=-2147483648,
            le=2147483647,
        ),
    ] = MISSING
    height: Annotated[
        StrictInt | MISSING,
        Field(
            description="Maximum (connect) or actual (stream) video height, pixels.",
            ge=-2147483648,
            le=2147483647,
        ),
    ] = MISSING
    bitrate: Annotated[
        StrictInt | MISSING,
        Field(description="Video bitrate, kbps.", ge=-2147483648, le=2147483647),
    ] = MISSING
    minBitrate: Annotated[
        StrictInt | MISSING,
        Field(
            description="Minimum video bitrate, kbps.", ge=-2147483648, le=2147483647
        ),
    ] = MISSING
    maxBitrate: Annotated[
        StrictInt | MISSING,
        Field(
            description="Maximum video bitrate, kbps.", ge=-2147483648, le=2147483647
        ),
    ] = MISSING
    quality: Annotated[
        StrictInt | MISSING,
        Field(description="Video quality.", ge=-2147483648, le=2147483647),
    ] = MISSING
    rtmpUrl: Annotated[
        StrictStr | MISSING, Field(description="RTMP URL the stream is republished to.")
    ] = MISSING
    constraints: common.Constraints | MISSING = MISSING
    transport: Annotated[
        Literal["UDP", "TCP"] | MISSING, Field(description="Media transport.")
    ] = MISSING
    cvoExtension: Annotated[
        StrictBool | MISSING, Field(description="true: the CVO RTP extension is used.")
    ] = MISSING
    info: Annotated[
        StrictStr | MISSING,
        Field(description="Extra information; on a failure, the reason."),
    ] = MISSING
    audioCodec: Annotated[
        StrictStr | MISSING, Field(description="Audio codec of the stream.")
    ] = MISSING
    videoCodec: Annotated[
        StrictStr | MISSING, Field(description="Video codec of the stream.")
    ] = MISSING
    history: Annotated[
        StrictBool | MISSING,
        Field(description="true: the stream is played from history."),
    ] = MISSING
    gop: Annotated[
        StrictInt | MISSING,
        Field(description="Group of pictures size.", ge=-2147483648, le=2147483647),
    ] = MISSING
    fps: Annotated[
        StrictInt | MISSING,
        Field(description="Frames per second.", ge=-2147483648, le=2147483647),
    ] = MISSING
    audioBitrate: Annotated[
        StrictInt | MISSING,
        Field(description="Audio bitrate.", ge=-2147483648, le=2147483647),
    ] = MISSING
    codecImpl: Annotated[
        StrictStr | MISSING, Field(description="Codec implementation.")
    ] = MISSING
    createDate: Annotated[
        StrictInt | MISSING,
        Field(
            description="Creation time, epoch milliseconds.", ge=0, le=9007199254740991
        ),
    ] = MISSING
    mediaType: Annotated[
        StrictStr | MISSING,
        Field(description="Media type of the stream session (e.g. `publish`, `play`)."),
    ] = MISSING
    audioState: common.AudioState | MISSING = MISSING
    videoState: common.VideoState | MISSING = MISSING
