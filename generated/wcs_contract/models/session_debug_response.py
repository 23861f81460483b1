# Generated from schemas/methods/sessionDebug/response.json by `make generate` (datamodel-codegen): do not edit.

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import MISSING, BaseModel, ConfigDict, Field, RootModel, StrictStr

from . import common


class SessionDebugResponseMirror(BaseModel):
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
    command: Annotated[
        Literal["start", "stop"] | MISSING,
        Field(
            description='What to do with the session\'s debug logging: `start` or `stop`. Inferred from the Web SDK (Session.startDebug / stopDebug send `{command: "start"}` / `{command: "stop"}`); not in the reference.'
        ),
    ] = MISSING


class SessionDebugResponse(RootModel[SessionDebugResponseMirror | common.Refusal]):
    root: Annotated[
        SessionDebugResponseMirror | common.Refusal,
        Field(
            description="The web server's answer to sessionDebug: the mirror (200), or a refusal, which stops the operation when restOnError is FAIL.",
            title="SessionDebugResponse",
        ),
    ]
