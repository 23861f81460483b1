# Generated from schemas/methods/sendStreamEvent/request.json by `make generate` (datamodel-codegen): do not edit.

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import MISSING, BaseModel, ConfigDict, Field, StrictStr

from . import common


class SendStreamEventRequest(BaseModel):
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
    origin: Annotated[
        StrictStr | MISSING, Field(description="Origin of the page the client runs in.")
    ] = MISSING
