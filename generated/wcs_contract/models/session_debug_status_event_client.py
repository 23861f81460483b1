# Generated from schemas/methods/SessionDebugStatusEvent/client.json by `make generate` (datamodel-codegen): do not edit.

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import MISSING, BaseModel, ConfigDict, Field, RootModel

from . import common


class SessionDebugStatusEventClientMessage(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
    )
    status: Annotated[
        Literal["STARTED", "STOPPED"],
        Field(description="Session debug status: `STARTED` or `STOPPED`."),
    ]


class SessionDebugStatusEventClientFrame(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
    )
    message: Annotated[
        Literal["SessionDebugStatusEvent", "notifySessionDebugEvent"],
        Field(description="The frame's message name."),
    ]
    data: Annotated[
        list[SessionDebugStatusEventClientMessage] | MISSING,
        Field(
            description="The event's body (Web SDK 2.x sends one element; older SDKs omit an empty list)."
        ),
    ] = MISSING


class SessionDebugStatusEventClient(
    RootModel[
        SessionDebugStatusEventClientMessage
        | SessionDebugStatusEventClientFrame
        | common.FailFrame
    ]
):
    root: Annotated[
        SessionDebugStatusEventClientMessage | SessionDebugStatusEventClientFrame | common.FailFrame,
        Field(
            description="SessionDebugStatusEvent on the WebSocket (WCS sends it to the client), bare or in its frame; a refused or failed operation arrives as the `fail` frame.",
            title="SessionDebugStatusEventClient",
        ),
    ]
