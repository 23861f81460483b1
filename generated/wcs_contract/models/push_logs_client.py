# Generated from schemas/methods/pushLogs/client.json by `make generate` (datamodel-codegen): do not edit.

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import MISSING, BaseModel, ConfigDict, Field, RootModel, StrictStr

from . import common


class PushLogsClientMessage(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
    )
    logs: Annotated[
        StrictStr,
        Field(
            description='The client\'s log lines as one text, e.g. `14:03:55 INFO core - "Initialized"\\n`. Inferred from the Web SDK, which sends `{logs: <text>}`; not in the reference.'
        ),
    ]


class PushLogsClientFrame(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
    )
    message: Annotated[
        Literal["pushLogs"], Field(description="The frame's message name.")
    ]
    data: Annotated[
        list[PushLogsClientMessage] | MISSING,
        Field(
            description="The message's body (Web SDK 2.x sends one element; older SDKs omit an empty list)."
        ),
    ] = MISSING


class PushLogsClient(
    RootModel[PushLogsClientMessage | PushLogsClientFrame | common.FailFrame]
):
    root: Annotated[
        PushLogsClientMessage | PushLogsClientFrame | common.FailFrame,
        Field(
            description="pushLogs on the WebSocket (the client sends it to WCS), bare or in its frame; a refused or failed operation arrives as the `fail` frame.",
            title="PushLogsClient",
        ),
    ]
