# Generated from schemas/methods/BugReportStatusEvent/client.json by `make generate` (datamodel-codegen): do not edit.

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import MISSING, BaseModel, ConfigDict, Field, RootModel, StrictStr

from . import common


class BugReportStatusEventClientMessage(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
    )
    filename: Annotated[
        StrictStr,
        Field(description="Name of the file the report was saved under on the server."),
    ]


class BugReportStatusEventClientFrame(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
    )
    message: Annotated[
        Literal["BugReportStatusEvent", "notifyBugReport"],
        Field(description="The frame's message name."),
    ]
    data: Annotated[
        list[BugReportStatusEventClientMessage] | MISSING,
        Field(
            description="The event's body (Web SDK 2.x sends one element; older SDKs omit an empty list)."
        ),
    ] = MISSING


class BugReportStatusEventClient(
    RootModel[
        BugReportStatusEventClientMessage
        | BugReportStatusEventClientFrame
        | common.FailFrame
    ]
):
    root: Annotated[
        BugReportStatusEventClientMessage | BugReportStatusEventClientFrame | common.FailFrame,
        Field(
            description="BugReportStatusEvent on the WebSocket (WCS sends it to the client), bare or in its frame; a refused or failed operation arrives as the `fail` frame.",
            title="BugReportStatusEventClient",
        ),
    ]
