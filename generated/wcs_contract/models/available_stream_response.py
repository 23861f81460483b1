# Generated from schemas/methods/availableStream/response.json by `make generate` (datamodel-codegen): do not edit.

from __future__ import annotations

from typing import Annotated

from pydantic import MISSING, BaseModel, ConfigDict, Field, RootModel, StrictStr

from . import common


class AvailableStreamResponseMirror(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
    )
    nodeId: Annotated[
        StrictStr | MISSING,
        Field(
            description="Unique id of the WCS server instance, seen as `<32 alphanumerics>@<server IP>` and without the `@host` part.",
            min_length=1,
        ),
    ] = MISSING
    sessionId: Annotated[
        StrictStr | MISSING,
        Field(
            description="Unique id of the client's connection on the WCS instance: `/<clientIP>:<port>/<serverIP>:<port>`, the same with a `-<uuid>` suffix, or a bare UUID.",
            min_length=1,
        ),
    ] = MISSING
    appKey: Annotated[
        StrictStr | MISSING,
        Field(
            description="The WCS application the client connected to; it selects the REST URL (default `defaultApp`).",
            min_length=1,
        ),
    ] = MISSING
    mediaSessionId: Annotated[
        StrictStr | MISSING, Field(description="Media session id.")
    ] = MISSING
    name: Annotated[
        StrictStr | MISSING,
        Field(
            description="Stream name; must be unique among published streams.",
            min_length=1,
        ),
    ] = MISSING


class AvailableStreamResponse(
    RootModel[AvailableStreamResponseMirror | common.Refusal]
):
    root: Annotated[
        AvailableStreamResponseMirror | common.Refusal,
        Field(
            description="The web server's answer to availableStream: the mirror of the request (200), or a refusal (4xx).",
            title="AvailableStreamResponse",
        ),
    ]
