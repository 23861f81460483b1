# Generated from schemas/methods/TransferStatusEvent/response.json by `make generate` (datamodel-codegen): do not edit.

from __future__ import annotations

from typing import Annotated

from pydantic import (
    MISSING,
    BaseModel,
    ConfigDict,
    Field,
    RootModel,
    StrictBool,
    StrictStr,
)

from . import common


class TransferStatusEventResponseMirror(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
    )
    callId: Annotated[
        StrictStr | MISSING, Field(description="Unique call id.", min_length=1)
    ] = MISSING
    incoming: Annotated[
        StrictBool | MISSING,
        Field(description="true: the other side started this transfer."),
    ] = MISSING
    status: Annotated[
        StrictStr | MISSING,
        Field(
            description="Transfer status: `ACCEPTED`, `TRYING`, `COMPLETED` or `FAILED`. A status WCS does not recognise is passed on as received from the SIP side, so any string is allowed."
        ),
    ] = MISSING
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


class TransferStatusEventResponse(
    RootModel[TransferStatusEventResponseMirror | common.Refusal]
):
    root: Annotated[
        TransferStatusEventResponseMirror | common.Refusal,
        Field(
            description="The web server's answer to TransferStatusEvent: an event cannot be refused, but a refusal body is still understood.",
            title="TransferStatusEventResponse",
        ),
    ]
