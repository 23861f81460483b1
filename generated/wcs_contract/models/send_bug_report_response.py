# Generated from schemas/methods/sendBugReport/response.json by `make generate` (datamodel-codegen): do not edit.

from __future__ import annotations

from typing import Annotated

from pydantic import MISSING, BaseModel, ConfigDict, Field, RootModel, StrictStr

from . import common


class SendBugReportResponseMirror(BaseModel):
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
    text: Annotated[
        StrictStr | MISSING,
        Field(description="The user's short description of the problem."),
    ] = MISSING
    type: Annotated[
        StrictStr | MISSING,
        Field(description="Kind of problem the user reports, e.g. `no_media`."),
    ] = MISSING


class SendBugReportResponse(RootModel[SendBugReportResponseMirror | common.Refusal]):
    root: Annotated[
        SendBugReportResponseMirror | common.Refusal,
        Field(
            description="The web server's answer to sendBugReport: the mirror (200), or a refusal, which stops the operation when restOnError is FAIL.",
            title="SendBugReportResponse",
        ),
    ]
