# Generated from schemas/methods/sendBugReport/client.json by `make generate` (datamodel-codegen): do not edit.

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import MISSING, BaseModel, ConfigDict, Field, RootModel, StrictStr

from . import common


class SendBugReportClientMessage(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
    )
    text: Annotated[
        StrictStr | MISSING,
        Field(description="The user's short description of the problem."),
    ] = MISSING
    type: Annotated[
        StrictStr | MISSING,
        Field(description="Kind of problem the user reports, e.g. `no_media`."),
    ] = MISSING


class SendBugReportClientFrame(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
    )
    message: Annotated[
        Literal["sendBugReport", "submitBugReport"],
        Field(description="The frame's message name."),
    ]
    data: Annotated[
        list[SendBugReportClientMessage] | MISSING,
        Field(
            description="The message's body (Web SDK 2.x sends one element; older SDKs omit an empty list)."
        ),
    ] = MISSING


class SendBugReportClient(
    RootModel[SendBugReportClientMessage | SendBugReportClientFrame | common.FailFrame]
):
    root: Annotated[
        SendBugReportClientMessage | SendBugReportClientFrame | common.FailFrame,
        Field(
            description="sendBugReport on the WebSocket (the client sends it to WCS), bare or in its frame; a refused or failed operation arrives as the `fail` frame.",
            title="SendBugReportClient",
        ),
    ]
