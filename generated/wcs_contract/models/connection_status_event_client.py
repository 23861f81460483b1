# Generated from schemas/methods/ConnectionStatusEvent/client.json by `make generate` (datamodel-codegen): do not edit.

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import (
    MISSING,
    BaseModel,
    ConfigDict,
    Field,
    RootModel,
    StrictBool,
    StrictInt,
    StrictStr,
)

from . import common


class ConnectionStatusEventClientConnection(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
    )
    status: Annotated[
        Literal["PENDING", "ESTABLISHED", "DISCONNECTED"] | MISSING,
        Field(description="Connection status."),
    ] = MISSING
    urlServer: Annotated[
        StrictStr | MISSING,
        Field(description="WebSocket URL the client API connects to."),
    ] = MISSING
    appKey: Annotated[
        StrictStr | MISSING,
        Field(
            description="The WCS application the client connected to; it selects the REST URL (default `defaultApp`).",
            min_length=1,
        ),
    ] = MISSING
    sipRegisterRequired: Annotated[
        StrictBool | MISSING,
        Field(
            description="true: WCS registers on the SIP server (SIP REGISTER); false: no registration, so no incoming SIP calls."
        ),
    ] = MISSING
    sipLogin: Annotated[StrictStr | MISSING, Field(description="SIP user name.")] = (
        MISSING
    )
    sipAuthenticationName: Annotated[
        StrictStr | MISSING,
        Field(
            description="SIP name used for authentication; may differ from sipLogin."
        ),
    ] = MISSING
    sipPassword: Annotated[
        StrictStr | MISSING,
        Field(
            description="SIP password, used for authentication. A secret: never log it."
        ),
    ] = MISSING
    sipVisibleName: Annotated[
        StrictStr | MISSING,
        Field(description="Name shown to the people this user calls."),
    ] = MISSING
    sipDomain: Annotated[
        StrictStr | MISSING, Field(description="SIP domain: FQDN or IP address.")
    ] = MISSING
    sipOutboundProxy: Annotated[
        StrictStr | MISSING,
        Field(description="SIP proxy: FQDN or IP address; may differ from sipDomain."),
    ] = MISSING
    sipPort: Annotated[
        StrictInt | StrictStr | MISSING,
        Field(
            description="SIP port of the SIP server; seen as a number and as a string."
        ),
    ] = MISSING
    sipContactParams: Annotated[
        StrictStr | MISSING,
        Field(
            description="Custom parameters added to the Contact header of the REGISTER request."
        ),
    ] = MISSING
    mediaProviders: Annotated[
        list[Literal["WebRTC", "Flash", "WSPlayer", "MSE"]] | MISSING,
        Field(description="Media types available to the client API."),
    ] = MISSING
    width: Annotated[
        StrictInt | MISSING,
        Field(
            description="Maximum (connect) or actual (stream) video width, pixels.",
            ge=-2147483648,
            le=2147483647,
        ),
    ] = MISSING
    height: Annotated[
        StrictInt | MISSING,
        Field(
            description="Maximum (connect) or actual (stream) video height, pixels.",
            ge=-2147483648,
            le=2147483647,
        ),
    ] = MISSING
    custom: common.Custom | MISSING = MISSING
    useWsTunnel: Annotated[
        StrictBool | MISSING,
        Field(description="The client tunnels media over the WebSocket."),
    ] = MISSING
    useWsTunnelPacketization2: Annotated[
        StrictBool | MISSING,
        Field(description="The client uses the second WebSocket tunnel packetization."),
    ] = MISSING
    useBase64BinaryEncoding: Annotated[
        StrictBool | MISSING,
        Field(description="The client encodes binary data as Base64."),
    ] = MISSING
    clientVersion: Annotated[
        StrictStr | MISSING, Field(description="Version of the client API.")
    ] = MISSING
    clientOSVersion: Annotated[
        StrictStr | MISSING, Field(description="Operating system of the client.")
    ] = MISSING
    clientBrowserVersion: Annotated[
        StrictStr | MISSING, Field(description="Browser of the client.")
    ] = MISSING
    keepAlive: Annotated[
        StrictBool | MISSING,
        Field(description="The client sends WebSocket keep-alives."),
    ] = MISSING
    msePacketizationVersion: Annotated[
        StrictInt | MISSING,
        Field(
            description="MSE packetization version of the client.", ge=0, le=2147483647
        ),
    ] = MISSING
    origin: Annotated[
        StrictStr | MISSING, Field(description="Origin of the page the client runs in.")
    ] = MISSING
    sipProxy: Annotated[
        StrictStr | MISSING, Field(description="SIP proxy sent by newer clients.")
    ] = MISSING
    info: Annotated[
        StrictStr | MISSING,
        Field(description="Extra information; on a failure, the reason."),
    ] = MISSING
    authToken: Annotated[
        StrictStr | MISSING,
        Field(
            description="Key the client API uses to attach its Flash component over RTMFP, or to resume a session. A secret: never log it."
        ),
    ] = MISSING


class ConnectionStatusEventClientFailed(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
    )
    status: Annotated[
        Literal["FAILED"],
        Field(description="Connection status: the connection failed."),
    ]
    info: Annotated[
        StrictStr, Field(description="Extra information; on a failure, the reason.")
    ]


class ConnectionStatusEventClientFrame(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
    )
    message: Annotated[
        Literal["ConnectionStatusEvent", "getUserData"],
        Field(description="The frame's message name."),
    ]
    data: Annotated[
        list[ConnectionStatusEventClientConnection | ConnectionStatusEventClientFailed] | MISSING,
        Field(
            description="The event's body (Web SDK 2.x sends one element; older SDKs omit an empty list)."
        ),
    ] = MISSING


class ConnectionStatusEventClient(
    RootModel[
        ConnectionStatusEventClientConnection
        | ConnectionStatusEventClientFailed
        | ConnectionStatusEventClientFrame
        | common.FailFrame
    ]
):
    root: Annotated[
        ConnectionStatusEventClientConnection | ConnectionStatusEventClientFailed | ConnectionStatusEventClientFrame | common.FailFrame,
        Field(
            description="ConnectionStatusEvent as WCS sends it to the client over the WebSocket, bare or in its frame; a refused connection arrives as the `fail` frame.",
            title="ConnectionStatusEventClient",
        ),
    ]
