# Generated from schemas/methods/RegistrationStatusEvent/response.json by `make generate` (datamodel-codegen): do not edit.

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import MISSING, BaseModel, ConfigDict, Field, RootModel, StrictStr

from . import common


class RegistrationStatusEventResponseMirror(BaseModel):
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
        Literal["REGISTERED", "UNREGISTERED", "FAILED", "AUTHENTICATION_FAIL"] | MISSING,
        Field(
            description="SIP registration status; `AUTHENTICATION_FAIL` is listed by the 5.x documentation."
        ),
    ] = MISSING
    info: Annotated[
        StrictStr | MISSING,
        Field(description="Extra information; on a failure, the reason."),
    ] = MISSING
    sipMessageRaw: Annotated[
        StrictStr | MISSING,
        Field(description="The original SIP message with its headers."),
    ] = MISSING


class RegistrationStatusEventResponse(
    RootModel[RegistrationStatusEventResponseMirror | common.Refusal]
):
    root: Annotated[
        RegistrationStatusEventResponseMirror | common.Refusal,
        Field(
            description="The web server's answer to RegistrationStatusEvent: an event cannot be refused, but a refusal body is still understood.",
            title="RegistrationStatusEventResponse",
        ),
    ]
