# Generated from schemas/methods/sendDTMF/response.json by `make generate` (datamodel-codegen): do not edit.

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import MISSING, BaseModel, ConfigDict, Field, RootModel, StrictStr

from . import common


class SendDTMFResponseMirror(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
    )
    callId: Annotated[
        StrictStr | MISSING, Field(description="Unique call id.", min_length=1)
    ] = MISSING
    dtmf: Annotated[
        Literal["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13", "14", "15", "16", "*", "#"] | MISSING,
        Field(
            description="The DTMF symbol as text: `1` to `16`, `*` or `#` as the reference lists, and `0`, which every keypad sends."
        ),
    ] = MISSING
    type: Annotated[
        Literal["INFO", "INFO_RELAY", "RFC2833"] | MISSING,
        Field(description="How the DTMF is sent."),
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


class SendDTMFResponse(RootModel[SendDTMFResponseMirror | common.Refusal]):
    root: Annotated[
        SendDTMFResponseMirror | common.Refusal,
        Field(
            description="The web server's answer to sendDTMF: the mirror of the request, or a refusal that stops the DTMF from being sent.",
            title="SendDTMFResponse",
        ),
    ]
