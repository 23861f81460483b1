# Generated from schemas/methods/SessionDebugStatusEvent/response.json by `make generate` (datamodel-codegen): do not edit.

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import MISSING, BaseModel, ConfigDict, Field, RootModel, StrictStr

from . import common


class SessionDebugStatusEventResponseMirror(BaseModel):
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
    status: Annotated[
        Literal["STARTED", "STOPPED"] | MISSING,
        Field(description="Session debug status: `STARTED` or `STOPPED`."),
    ] = MISSING


class SessionDebugStatusEventResponse(
    RootModel[SessionDebugStatusEventResponseMirror | common.Refusal]
):
    root: Annotated[
        SessionDebugStatusEventResponseMirror | common.Refusal,
        Field(
            description="The web server's answer to SessionDebugStatusEvent: an event cannot be refused, but a refusal body is still understood.",
            title="SessionDebugStatusEventResponse",
        ),
    ]
