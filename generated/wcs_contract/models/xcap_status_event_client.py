# Generated from schemas/methods/XcapStatusEvent/client.json by `make generate` (datamodel-codegen): do not edit.

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import MISSING, BaseModel, ConfigDict, Field, RootModel, StrictStr

from . import common


class XcapStatusEventClientMessage(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
    )
    url: Annotated[
        StrictStr | MISSING, Field(description="URL of the XCAP request.")
    ] = MISSING
    responseBody: Annotated[
        StrictStr | MISSING, Field(description="Body of the XCAP response.")
    ] = MISSING


class XcapStatusEventClientFrame(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
    )
    message: Annotated[
        Literal["XcapStatusEvent"], Field(description="The frame's message name.")
    ]
    data: Annotated[
        list[XcapStatusEventClientMessage] | MISSING,
        Field(
            description="The body (Web SDK 2.x sends one element; older SDKs omit an empty list)."
        ),
    ] = MISSING


class XcapStatusEventClient(
    RootModel[
        XcapStatusEventClientMessage
        | XcapStatusEventClientFrame
        | common.FailFrame
    ]
):
    root: Annotated[
        XcapStatusEventClientMessage | XcapStatusEventClientFrame | common.FailFrame,
        Field(
            description="XcapStatusEvent as WCS sends it to the client over the WebSocket, bare or in its frame, or the `fail` frame.",
            title="XcapStatusEventClient",
        ),
    ]
