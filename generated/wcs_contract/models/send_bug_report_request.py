# Generated from schemas/methods/sendBugReport/request.json by `make generate` (datamodel-codegen): do not edit.

from __future__ import annotations

from typing import Annotated

from pydantic import MISSING, BaseModel, ConfigDict, Field, StrictStr


class SendBugReportRequest(BaseModel):
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
    text: Annotated[
        StrictStr | MISSING,
        Field(description="The user's short description of the problem."),
    ] = MISSING
    type: Annotated[
        StrictStr | MISSING,
        Field(description="Kind of problem the user reports, e.g. `no_media`."),
    ] = MISSING
