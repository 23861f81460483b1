# Generated from schemas/methods/sessionDebug/client.json by `make generate` (datamodel-codegen): do not edit.

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import MISSING, BaseModel, ConfigDict, Field, RootModel

from . import common


class SessionDebugClientMessage(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
    )
    command: Annotated[
        Literal["start", "stop"],
        Field(
            description='What to do with the session\'s debug logging: `start` or `stop`. Inferred from the Web SDK (Session.startDebug / stopDebug send `{command: "start"}` / `{command: "stop"}`); not in the reference.'
        ),
    ]


class SessionDebugClientFrame(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
    )
    message: Annotated[
        Literal["sessionDebug"], Field(description="The frame's message name.")
    ]
    data: Annotated[
        list[SessionDebugClientMessage] | MISSING,
        Field(
            description="The message's body (Web SDK 2.x sends one element; older SDKs omit an empty list)."
        ),
    ] = MISSING


class SessionDebugClient(
    RootModel[SessionDebugClientMessage | SessionDebugClientFrame | common.FailFrame]
):
    root: Annotated[
        SessionDebugClientMessage | SessionDebugClientFrame | common.FailFrame,
        Field(
            description="sessionDebug on the WebSocket (the client sends it to WCS), bare or in its frame; a refused or failed operation arrives as the `fail` frame.",
            title="SessionDebugClient",
        ),
    ]
