# Generated from schemas/common.json by `make generate` (datamodel-codegen): do not edit.

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import MISSING, BaseModel, ConfigDict, Field, StrictBool, StrictInt, StrictStr


class Custom(BaseModel):
    model_config = ConfigDict(
        extra="allow",
    )


class InviteParameters(BaseModel):
    model_config = ConfigDict(
        extra="allow",
    )


class Constraints(BaseModel):
    model_config = ConfigDict(
        extra="allow",
    )


class AudioState(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
    )
    muted: Annotated[StrictBool | MISSING, Field(description="true: muted.")] = MISSING


class VideoState(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
    )
    muted: Annotated[StrictBool | MISSING, Field(description="true: muted.")] = MISSING


class Payload(BaseModel):
    model_config = ConfigDict(
        extra="allow",
    )


class Refusal(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
    )
    status: Annotated[
        StrictInt,
        Field(description="The HTTP status of the refusal, e.g. 403.", ge=400, le=599),
    ]
    reason: Annotated[
        StrictStr | MISSING,
        Field(
            description="Why the hook was refused; WCS passes it to the client. Without it the client gets the HTTP reason phrase."
        ),
    ] = MISSING


class Failure(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
    )
    status: Annotated[
        Literal["FAILED"] | MISSING, Field(description="Always `FAILED`.")
    ] = MISSING
    info: Annotated[
        StrictStr | MISSING,
        Field(
            description="Why it failed: the web server's `reason`, or the HTTP reason phrase (e.g. `Forbidden`)."
        ),
    ] = MISSING
    apiMethod: Annotated[
        StrictStr,
        Field(
            description="The method (or event) that failed, e.g. `ConnectionStatusEvent`.",
            min_length=1,
        ),
    ]


class FailFrame(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
    )
    message: Annotated[Literal["fail"], Field(description="Always `fail`.")]
    data: Annotated[
        list[Failure], Field(description="The failure, one element.", min_length=1)
    ]
