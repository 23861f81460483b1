# Generated from schemas/methods/DataStatusEvent/response.json by `make generate` (datamodel-codegen): do not edit.

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import MISSING, BaseModel, ConfigDict, Field, RootModel, StrictStr

from . import common


class DataStatusEventResponseMirror(BaseModel):
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
        Literal["ACCEPTED", "FAILED"] | MISSING,
        Field(
            description="Status of the sent data: `ACCEPTED` (the web server accepted it) or `FAILED` (refused or failed)."
        ),
    ] = MISSING
    operationId: Annotated[
        StrictStr | MISSING, Field(description="Unique id of the data being sent.")
    ] = MISSING
    info: Annotated[
        StrictStr | MISSING,
        Field(description="Extra information; on a failure, the reason."),
    ] = MISSING


class DataStatusEventResponse(
    RootModel[DataStatusEventResponseMirror | common.Refusal]
):
    root: Annotated[
        DataStatusEventResponseMirror | common.Refusal,
        Field(
            description="The web server's answer to DataStatusEvent: an event cannot be refused, but a refusal body is still understood.",
            title="DataStatusEventResponse",
        ),
    ]
