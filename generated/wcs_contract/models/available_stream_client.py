# Generated from schemas/methods/availableStream/client.json by `make generate` (datamodel-codegen): do not edit.

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import MISSING, BaseModel, ConfigDict, Field, RootModel, StrictStr

from . import common


class AvailableStreamClientMessage(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
    )
    mediaSessionId: Annotated[
        StrictStr | MISSING, Field(description="Media session id.")
    ] = MISSING
    name: Annotated[
        StrictStr | MISSING,
        Field(
            description="Stream name; must be unique among published streams.",
            min_length=1,
        ),
    ] = MISSING


class AvailableStreamClientResult(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
    )
    id: Annotated[
        StrictStr | MISSING,
        Field(description="The media session id of the stream asked about."),
    ] = MISSING
    status: Annotated[
        Literal["true", "false"],
        Field(
            description='Whether the stream is available, as a string: the Web SDK compares it with `"true"`.'
        ),
    ]
    info: Annotated[
        StrictStr | MISSING,
        Field(description="Extra information; on a failure, the reason."),
    ] = MISSING


class AvailableStreamClientFrame(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
    )
    message: Annotated[
        Literal["availableStream"], Field(description="The frame's message name.")
    ]
    data: Annotated[
        list[AvailableStreamClientMessage | AvailableStreamClientResult] | MISSING,
        Field(description="The body (Web SDK 2.x sends one element)."),
    ] = MISSING


class AvailableStreamClient(
    RootModel[
        AvailableStreamClientMessage
        | AvailableStreamClientResult
        | AvailableStreamClientFrame
        | common.FailFrame
    ]
):
    root: Annotated[
        AvailableStreamClientMessage | AvailableStreamClientResult | AvailableStreamClientFrame | common.FailFrame,
        Field(
            description="availableStream on the WebSocket: the client asks (`{mediaSessionId, name}`), WCS answers in a frame of the same name (`{id, status, info}`); a refused or failed operation arrives as the `fail` frame.",
            title="AvailableStreamClient",
        ),
    ]
