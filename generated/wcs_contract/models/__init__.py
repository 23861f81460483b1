"""Pydantic v2 models of the WCS REST hook contract, generated from schemas/ by `make generate`.

A class per schema title: the root model of each method and direction
(`ConnectionStatusEventRequest`) and a class per variant (`ConnectionStatusEventRequestFailed`).
`ROOT_MODELS[(method, direction)]` is the root model of a direction: `model_validate(body)`
parses a body, `model_dump(mode="json", by_alias=True, exclude_unset=True)` gives it back.
Optional members default to `pydantic.MISSING`, so an explicit `null` is refused as the schema
refuses it.
"""

from __future__ import annotations

from pydantic import BaseModel

from .answer_client import (
    AnswerClient,
    AnswerClientFrame,
    AnswerClientMessage,
)
from .answer_request import (
    AnswerRequest,
)
from .answer_response import (
    AnswerResponse,
    AnswerResponseMirror,
)
from .available_stream_client import (
    AvailableStreamClient,
    AvailableStreamClientFrame,
    AvailableStreamClientMessage,
    AvailableStreamClientResult,
)
from .available_stream_request import (
    AvailableStreamRequest,
)
from .available_stream_response import (
    AvailableStreamResponse,
    AvailableStreamResponseMirror,
)
from .bug_report_status_event_client import (
    BugReportStatusEventClient,
    BugReportStatusEventClientFrame,
    BugReportStatusEventClientMessage,
)
from .bug_report_status_event_request import (
    BugReportStatusEventRequest,
)
from .bug_report_status_event_response import (
    BugReportStatusEventResponse,
    BugReportStatusEventResponseMirror,
)
from .call_client import (
    CallClient,
    CallClientFrame,
    CallClientMessage,
)
from .call_request import (
    CallRequest,
)
from .call_response import (
    CallResponse,
    CallResponseMirror,
)
from .call_status_event_client import (
    CallStatusEventClient,
    CallStatusEventClientFrame,
    CallStatusEventClientMessage,
)
from .call_status_event_request import (
    CallStatusEventRequest,
)
from .call_status_event_response import (
    CallStatusEventResponse,
    CallStatusEventResponseMirror,
)
from .common import (
    AudioState,
    Constraints,
    Custom,
    FailFrame,
    Failure,
    InviteParameters,
    Payload,
    Refusal,
    VideoState,
)
from .connect_client import (
    ConnectClient,
    ConnectClientFrame,
    ConnectClientMessage,
)
from .connect_request import (
    ConnectRequest,
)
from .connect_response import (
    ConnectResponse,
    ConnectResponseMirror,
)
from .connection_status_event_client import (
    ConnectionStatusEventClient,
    ConnectionStatusEventClientConnection,
    ConnectionStatusEventClientFailed,
    ConnectionStatusEventClientFrame,
)
from .connection_status_event_request import (
    ConnectionStatusEventRequest,
    ConnectionStatusEventRequestConnection,
    ConnectionStatusEventRequestFailed,
)
from .connection_status_event_response import (
    ConnectionStatusEventResponse,
    ConnectionStatusEventResponseMirror,
)
from .data_status_event_client import (
    DataStatusEventClient,
    DataStatusEventClientFrame,
    DataStatusEventClientMessage,
)
from .data_status_event_request import (
    DataStatusEventRequest,
)
from .data_status_event_response import (
    DataStatusEventResponse,
    DataStatusEventResponseMirror,
)
from .error_event_client import (
    ErrorEventClient,
    ErrorEventClientFrame,
    ErrorEventClientMessage,
)
from .error_event_request import (
    ErrorEventRequest,
)
from .error_event_response import (
    ErrorEventResponse,
    ErrorEventResponseMirror,
)
from .hangup_client import (
    HangupClient,
    HangupClientFrame,
    HangupClientMessage,
)
from .hangup_request import (
    HangupRequest,
)
from .hangup_response import (
    HangupResponse,
    HangupResponseMirror,
)
from .hold_client import (
    HoldClient,
    HoldClientFrame,
    HoldClientMessage,
)
from .hold_request import (
    HoldRequest,
)
from .hold_response import (
    HoldResponse,
    HoldResponseMirror,
)
from .message_status_event_client import (
    MessageStatusEventClient,
    MessageStatusEventClientFrame,
    MessageStatusEventClientMessage,
)
from .message_status_event_request import (
    MessageStatusEventRequest,
)
from .message_status_event_response import (
    MessageStatusEventResponse,
    MessageStatusEventResponseMirror,
)
from .on_call_event_client import (
    OnCallEventClient,
    OnCallEventClientFrame,
    OnCallEventClientMessage,
)
from .on_call_event_request import (
    OnCallEventRequest,
)
from .on_call_event_response import (
    OnCallEventResponse,
    OnCallEventResponseMirror,
)
from .on_data_event_client import (
    OnDataEventClient,
    OnDataEventClientFrame,
    OnDataEventClientMessage,
)
from .on_data_event_request import (
    OnDataEventRequest,
)
from .on_data_event_response import (
    OnDataEventResponse,
    OnDataEventResponseMirror,
)
from .on_message_event_client import (
    OnMessageEventClient,
    OnMessageEventClientFrame,
    OnMessageEventClientMessage,
)
from .on_message_event_request import (
    OnMessageEventRequest,
)
from .on_message_event_response import (
    OnMessageEventResponse,
    OnMessageEventResponseMirror,
)
from .on_transfer_event_client import (
    OnTransferEventClient,
    OnTransferEventClientFrame,
    OnTransferEventClientMessage,
)
from .on_transfer_event_request import (
    OnTransferEventRequest,
)
from .on_transfer_event_response import (
    OnTransferEventResponse,
    OnTransferEventResponseMirror,
)
from .pause_stream_client import (
    PauseStreamClient,
    PauseStreamClientFrame,
    PauseStreamClientMessage,
)
from .pause_stream_request import (
    PauseStreamRequest,
)
from .pause_stream_response import (
    PauseStreamResponse,
    PauseStreamResponseMirror,
)
from .play_hls_client import (
    PlayHLSClient,
    PlayHLSClientFrame,
    PlayHLSClientMessage,
)
from .play_hls_request import (
    PlayHLSRequest,
)
from .play_hls_response import (
    PlayHLSResponse,
    PlayHLSResponseMirror,
)
from .play_rtsp_client import (
    PlayRTSPClient,
    PlayRTSPClientFrame,
    PlayRTSPClientMessage,
)
from .play_rtsp_request import (
    PlayRTSPRequest,
)
from .play_rtsp_response import (
    PlayRTSPResponse,
    PlayRTSPResponseMirror,
)
from .play_stream_client import (
    PlayStreamClient,
    PlayStreamClientFrame,
    PlayStreamClientMessage,
)
from .play_stream_request import (
    PlayStreamRequest,
)
from .play_stream_response import (
    PlayStreamResponse,
    PlayStreamResponseMirror,
)
from .publish_stream_client import (
    PublishStreamClient,
    PublishStreamClientFrame,
    PublishStreamClientMessage,
)
from .publish_stream_request import (
    PublishStreamRequest,
)
from .publish_stream_response import (
    PublishStreamResponse,
    PublishStreamResponseMirror,
)
from .push_logs_client import (
    PushLogsClient,
    PushLogsClientFrame,
    PushLogsClientMessage,
)
from .push_logs_request import (
    PushLogsRequest,
)
from .push_logs_response import (
    PushLogsResponse,
    PushLogsResponseMirror,
)
from .registration_status_event_client import (
    RegistrationStatusEventClient,
    RegistrationStatusEventClientFrame,
    RegistrationStatusEventClientMessage,
)
from .registration_status_event_request import (
    RegistrationStatusEventRequest,
)
from .registration_status_event_response import (
    RegistrationStatusEventResponse,
    RegistrationStatusEventResponseMirror,
)
from .rest_client_config import (
    RestClientConfigEntry,
)
from .send_bug_report_client import (
    SendBugReportClient,
    SendBugReportClientFrame,
    SendBugReportClientMessage,
)
from .send_bug_report_request import (
    SendBugReportRequest,
)
from .send_bug_report_response import (
    SendBugReportResponse,
    SendBugReportResponseMirror,
)
from .send_data_client import (
    SendDataClient,
    SendDataClientFrame,
    SendDataClientMessage,
)
from .send_data_request import (
    SendDataRequest,
)
from .send_data_response import (
    SendDataResponse,
    SendDataResponseMirror,
)
from .send_dtmf_client import (
    SendDTMFClient,
    SendDTMFClientFrame,
    SendDTMFClientMessage,
)
from .send_dtmf_request import (
    SendDTMFRequest,
)
from .send_dtmf_response import (
    SendDTMFResponse,
    SendDTMFResponseMirror,
)
from .send_imdn_client import (
    SendIMDNClient,
    SendIMDNClientFrame,
    SendIMDNClientMessage,
)
from .send_imdn_request import (
    SendIMDNRequest,
)
from .send_imdn_response import (
    SendIMDNResponse,
    SendIMDNResponseMirror,
)
from .send_message_client import (
    SendMessageClient,
    SendMessageClientFrame,
    SendMessageClientMessage,
)
from .send_message_request import (
    SendMessageRequest,
)
from .send_message_response import (
    SendMessageResponse,
    SendMessageResponseMirror,
)
from .send_stream_event_client import (
    SendStreamEventClient,
    SendStreamEventClientFrame,
    SendStreamEventClientMessage,
)
from .send_stream_event_request import (
    SendStreamEventRequest,
)
from .send_stream_event_response import (
    SendStreamEventResponse,
    SendStreamEventResponseMirror,
)
from .send_xcap_request_client import (
    SendXcapRequestClient,
    SendXcapRequestClientFrame,
    SendXcapRequestClientMessage,
)
from .send_xcap_request_request import (
    SendXcapRequestRequest,
)
from .send_xcap_request_response import (
    SendXcapRequestResponse,
    SendXcapRequestResponseMirror,
)
from .session_debug_client import (
    SessionDebugClient,
    SessionDebugClientFrame,
    SessionDebugClientMessage,
)
from .session_debug_request import (
    SessionDebugRequest,
)
from .session_debug_response import (
    SessionDebugResponse,
    SessionDebugResponseMirror,
)
from .session_debug_status_event_client import (
    SessionDebugStatusEventClient,
    SessionDebugStatusEventClientFrame,
    SessionDebugStatusEventClientMessage,
)
from .session_debug_status_event_request import (
    SessionDebugStatusEventRequest,
)
from .session_debug_status_event_response import (
    SessionDebugStatusEventResponse,
    SessionDebugStatusEventResponseMirror,
)
from .snapshot_client import (
    SnapshotClient,
    SnapshotClientFrame,
    SnapshotClientMessage,
)
from .snapshot_request import (
    SnapshotRequest,
)
from .snapshot_response import (
    SnapshotResponse,
    SnapshotResponseMirror,
)
from .stop_stream_client import (
    StopStreamClient,
    StopStreamClientFrame,
    StopStreamClientMessage,
)
from .stop_stream_request import (
    StopStreamRequest,
)
from .stop_stream_response import (
    StopStreamResponse,
    StopStreamResponseMirror,
)
from .stream_event_client import (
    StreamEventClient,
    StreamEventClientFrame,
    StreamEventClientMessage,
)
from .stream_event_request import (
    StreamEventRequest,
)
from .stream_event_response import (
    StreamEventResponse,
    StreamEventResponseMirror,
)
from .stream_keep_alive_event_client import (
    StreamKeepAliveEventClient,
    StreamKeepAliveEventClientFrame,
    StreamKeepAliveEventClientMessage,
)
from .stream_keep_alive_event_request import (
    StreamKeepAliveEventRequest,
)
from .stream_keep_alive_event_response import (
    StreamKeepAliveEventResponse,
    StreamKeepAliveEventResponseMirror,
)
from .stream_status_event_client import (
    StreamStatusEventClient,
    StreamStatusEventClientFrame,
    StreamStatusEventClientMessage,
)
from .stream_status_event_request import (
    StreamStatusEventRequest,
)
from .stream_status_event_response import (
    StreamStatusEventResponse,
    StreamStatusEventResponseMirror,
)
from .subscribe_client import (
    SubscribeClient,
    SubscribeClientFrame,
    SubscribeClientMessage,
)
from .subscribe_request import (
    SubscribeRequest,
)
from .subscribe_response import (
    SubscribeResponse,
    SubscribeResponseMirror,
)
from .subscription_status_event_client import (
    SubscriptionStatusEventClient,
    SubscriptionStatusEventClientFrame,
    SubscriptionStatusEventClientMessage,
)
from .subscription_status_event_request import (
    SubscriptionStatusEventRequest,
)
from .subscription_status_event_response import (
    SubscriptionStatusEventResponse,
    SubscriptionStatusEventResponseMirror,
)
from .transfer_client import (
    TransferClient,
    TransferClientFrame,
    TransferClientMessage,
)
from .transfer_request import (
    TransferRequest,
)
from .transfer_response import (
    TransferResponse,
    TransferResponseMirror,
)
from .transfer_status_event_client import (
    TransferStatusEventClient,
    TransferStatusEventClientFrame,
    TransferStatusEventClientMessage,
)
from .transfer_status_event_request import (
    TransferStatusEventRequest,
)
from .transfer_status_event_response import (
    TransferStatusEventResponse,
    TransferStatusEventResponseMirror,
)
from .un_publish_stream_client import (
    UnPublishStreamClient,
    UnPublishStreamClientFrame,
    UnPublishStreamClientMessage,
)
from .un_publish_stream_request import (
    UnPublishStreamRequest,
)
from .un_publish_stream_response import (
    UnPublishStreamResponse,
    UnPublishStreamResponseMirror,
)
from .unhold_client import (
    UnholdClient,
    UnholdClientFrame,
    UnholdClientMessage,
)
from .unhold_request import (
    UnholdRequest,
)
from .unhold_response import (
    UnholdResponse,
    UnholdResponseMirror,
)
from .xcap_status_event_client import (
    XcapStatusEventClient,
    XcapStatusEventClientFrame,
    XcapStatusEventClientMessage,
)
from .xcap_status_event_request import (
    XcapStatusEventRequest,
)
from .xcap_status_event_response import (
    XcapStatusEventResponse,
    XcapStatusEventResponseMirror,
)

ROOT_MODELS: dict[tuple[str, str], type[BaseModel]] = {
    ("connect", "request"): ConnectRequest,
    ("connect", "response"): ConnectResponse,
    ("connect", "client"): ConnectClient,
    ("ConnectionStatusEvent", "request"): ConnectionStatusEventRequest,
    ("ConnectionStatusEvent", "response"): ConnectionStatusEventResponse,
    ("ConnectionStatusEvent", "client"): ConnectionStatusEventClient,
    ("RegistrationStatusEvent", "request"): RegistrationStatusEventRequest,
    ("RegistrationStatusEvent", "response"): RegistrationStatusEventResponse,
    ("RegistrationStatusEvent", "client"): RegistrationStatusEventClient,
    ("call", "request"): CallRequest,
    ("call", "response"): CallResponse,
    ("call", "client"): CallClient,
    ("OnCallEvent", "request"): OnCallEventRequest,
    ("OnCallEvent", "response"): OnCallEventResponse,
    ("OnCallEvent", "client"): OnCallEventClient,
    ("CallStatusEvent", "request"): CallStatusEventRequest,
    ("CallStatusEvent", "response"): CallStatusEventResponse,
    ("CallStatusEvent", "client"): CallStatusEventClient,
    ("answer", "request"): AnswerRequest,
    ("answer", "response"): AnswerResponse,
    ("answer", "client"): AnswerClient,
    ("hangup", "request"): HangupRequest,
    ("hangup", "response"): HangupResponse,
    ("hangup", "client"): HangupClient,
    ("hold", "request"): HoldRequest,
    ("hold", "response"): HoldResponse,
    ("hold", "client"): HoldClient,
    ("unhold", "request"): UnholdRequest,
    ("unhold", "response"): UnholdResponse,
    ("unhold", "client"): UnholdClient,
    ("transfer", "request"): TransferRequest,
    ("transfer", "response"): TransferResponse,
    ("transfer", "client"): TransferClient,
    ("OnTransferEvent", "request"): OnTransferEventRequest,
    ("OnTransferEvent", "response"): OnTransferEventResponse,
    ("OnTransferEvent", "client"): OnTransferEventClient,
    ("TransferStatusEvent", "request"): TransferStatusEventRequest,
    ("TransferStatusEvent", "response"): TransferStatusEventResponse,
    ("TransferStatusEvent", "client"): TransferStatusEventClient,
    ("sendDTMF", "request"): SendDTMFRequest,
    ("sendDTMF", "response"): SendDTMFResponse,
    ("sendDTMF", "client"): SendDTMFClient,
    ("sendMessage", "request"): SendMessageRequest,
    ("sendMessage", "response"): SendMessageResponse,
    ("sendMessage", "client"): SendMessageClient,
    ("OnMessageEvent", "request"): OnMessageEventRequest,
    ("OnMessageEvent", "response"): OnMessageEventResponse,
    ("OnMessageEvent", "client"): OnMessageEventClient,
    ("MessageStatusEvent", "request"): MessageStatusEventRequest,
    ("MessageStatusEvent", "response"): MessageStatusEventResponse,
    ("MessageStatusEvent", "client"): MessageStatusEventClient,
    ("subscribe", "request"): SubscribeRequest,
    ("subscribe", "response"): SubscribeResponse,
    ("subscribe", "client"): SubscribeClient,
    ("SubscriptionStatusEvent", "request"): SubscriptionStatusEventRequest,
    ("SubscriptionStatusEvent", "response"): SubscriptionStatusEventResponse,
    ("SubscriptionStatusEvent", "client"): SubscriptionStatusEventClient,
    ("sendXcapRequest", "request"): SendXcapRequestRequest,
    ("sendXcapRequest", "response"): SendXcapRequestResponse,
    ("sendXcapRequest", "client"): SendXcapRequestClient,
    ("XcapStatusEvent", "request"): XcapStatusEventRequest,
    ("XcapStatusEvent", "response"): XcapStatusEventResponse,
    ("XcapStatusEvent", "client"): XcapStatusEventClient,
    ("publishStream", "request"): PublishStreamRequest,
    ("publishStream", "response"): PublishStreamResponse,
    ("publishStream", "client"): PublishStreamClient,
    ("unPublishStream", "request"): UnPublishStreamRequest,
    ("unPublishStream", "response"): UnPublishStreamResponse,
    ("unPublishStream", "client"): UnPublishStreamClient,
    ("playStream", "request"): PlayStreamRequest,
    ("playStream", "response"): PlayStreamResponse,
    ("playStream", "client"): PlayStreamClient,
    ("playHLS", "request"): PlayHLSRequest,
    ("playHLS", "response"): PlayHLSResponse,
    ("playHLS", "client"): PlayHLSClient,
    ("playRTSP", "request"): PlayRTSPRequest,
    ("playRTSP", "response"): PlayRTSPResponse,
    ("playRTSP", "client"): PlayRTSPClient,
    ("stopStream", "request"): StopStreamRequest,
    ("stopStream", "response"): StopStreamResponse,
    ("stopStream", "client"): StopStreamClient,
    ("availableStream", "request"): AvailableStreamRequest,
    ("availableStream", "response"): AvailableStreamResponse,
    ("availableStream", "client"): AvailableStreamClient,
    ("StreamStatusEvent", "request"): StreamStatusEventRequest,
    ("StreamStatusEvent", "response"): StreamStatusEventResponse,
    ("StreamStatusEvent", "client"): StreamStatusEventClient,
    ("StreamKeepAliveEvent", "request"): StreamKeepAliveEventRequest,
    ("StreamKeepAliveEvent", "response"): StreamKeepAliveEventResponse,
    ("StreamKeepAliveEvent", "client"): StreamKeepAliveEventClient,
    ("sendStreamEvent", "request"): SendStreamEventRequest,
    ("sendStreamEvent", "response"): SendStreamEventResponse,
    ("sendStreamEvent", "client"): SendStreamEventClient,
    ("StreamEvent", "request"): StreamEventRequest,
    ("StreamEvent", "response"): StreamEventResponse,
    ("StreamEvent", "client"): StreamEventClient,
    ("sendData", "request"): SendDataRequest,
    ("sendData", "response"): SendDataResponse,
    ("sendData", "client"): SendDataClient,
    ("OnDataEvent", "request"): OnDataEventRequest,
    ("OnDataEvent", "response"): OnDataEventResponse,
    ("OnDataEvent", "client"): OnDataEventClient,
    ("DataStatusEvent", "request"): DataStatusEventRequest,
    ("DataStatusEvent", "response"): DataStatusEventResponse,
    ("DataStatusEvent", "client"): DataStatusEventClient,
    ("ErrorEvent", "request"): ErrorEventRequest,
    ("ErrorEvent", "response"): ErrorEventResponse,
    ("ErrorEvent", "client"): ErrorEventClient,
    ("sendBugReport", "request"): SendBugReportRequest,
    ("sendBugReport", "response"): SendBugReportResponse,
    ("sendBugReport", "client"): SendBugReportClient,
    ("BugReportStatusEvent", "request"): BugReportStatusEventRequest,
    ("BugReportStatusEvent", "response"): BugReportStatusEventResponse,
    ("BugReportStatusEvent", "client"): BugReportStatusEventClient,
    ("sendIMDN", "request"): SendIMDNRequest,
    ("sendIMDN", "response"): SendIMDNResponse,
    ("sendIMDN", "client"): SendIMDNClient,
    ("pauseStream", "request"): PauseStreamRequest,
    ("pauseStream", "response"): PauseStreamResponse,
    ("pauseStream", "client"): PauseStreamClient,
    ("snapshot", "request"): SnapshotRequest,
    ("snapshot", "response"): SnapshotResponse,
    ("snapshot", "client"): SnapshotClient,
    ("pushLogs", "request"): PushLogsRequest,
    ("pushLogs", "response"): PushLogsResponse,
    ("pushLogs", "client"): PushLogsClient,
    ("sessionDebug", "request"): SessionDebugRequest,
    ("sessionDebug", "response"): SessionDebugResponse,
    ("sessionDebug", "client"): SessionDebugClient,
    ("SessionDebugStatusEvent", "request"): SessionDebugStatusEventRequest,
    ("SessionDebugStatusEvent", "response"): SessionDebugStatusEventResponse,
    ("SessionDebugStatusEvent", "client"): SessionDebugStatusEventClient,
}

__all__ = [
    "AnswerClient",
    "AnswerClientFrame",
    "AnswerClientMessage",
    "AnswerRequest",
    "AnswerResponse",
    "AnswerResponseMirror",
    "AudioState",
    "AvailableStreamClient",
    "AvailableStreamClientFrame",
    "AvailableStreamClientMessage",
    "AvailableStreamClientResult",
    "AvailableStreamRequest",
    "AvailableStreamResponse",
    "AvailableStreamResponseMirror",
    "BugReportStatusEventClient",
    "BugReportStatusEventClientFrame",
    "BugReportStatusEventClientMessage",
    "BugReportStatusEventRequest",
    "BugReportStatusEventResponse",
    "BugReportStatusEventResponseMirror",
    "CallClient",
    "CallClientFrame",
    "CallClientMessage",
    "CallRequest",
    "CallResponse",
    "CallResponseMirror",
    "CallStatusEventClient",
    "CallStatusEventClientFrame",
    "CallStatusEventClientMessage",
    "CallStatusEventRequest",
    "CallStatusEventResponse",
    "CallStatusEventResponseMirror",
    "ConnectClient",
    "ConnectClientFrame",
    "ConnectClientMessage",
    "ConnectRequest",
    "ConnectResponse",
    "ConnectResponseMirror",
    "ConnectionStatusEventClient",
    "ConnectionStatusEventClientConnection",
    "ConnectionStatusEventClientFailed",
    "ConnectionStatusEventClientFrame",
    "ConnectionStatusEventRequest",
    "ConnectionStatusEventRequestConnection",
    "ConnectionStatusEventRequestFailed",
    "ConnectionStatusEventResponse",
    "ConnectionStatusEventResponseMirror",
    "Constraints",
    "Custom",
    "DataStatusEventClient",
    "DataStatusEventClientFrame",
    "DataStatusEventClientMessage",
    "DataStatusEventRequest",
    "DataStatusEventResponse",
    "DataStatusEventResponseMirror",
    "ErrorEventClient",
    "ErrorEventClientFrame",
    "ErrorEventClientMessage",
    "ErrorEventRequest",
    "ErrorEventResponse",
    "ErrorEventResponseMirror",
    "FailFrame",
    "Failure",
    "HangupClient",
    "HangupClientFrame",
    "HangupClientMessage",
    "HangupRequest",
    "HangupResponse",
    "HangupResponseMirror",
    "HoldClient",
    "HoldClientFrame",
    "HoldClientMessage",
    "HoldRequest",
    "HoldResponse",
    "HoldResponseMirror",
    "InviteParameters",
    "MessageStatusEventClient",
    "MessageStatusEventClientFrame",
    "MessageStatusEventClientMessage",
    "MessageStatusEventRequest",
    "MessageStatusEventResponse",
    "MessageStatusEventResponseMirror",
    "OnCallEventClient",
    "OnCallEventClientFrame",
    "OnCallEventClientMessage",
    "OnCallEventRequest",
    "OnCallEventResponse",
    "OnCallEventResponseMirror",
    "OnDataEventClient",
    "OnDataEventClientFrame",
    "OnDataEventClientMessage",
    "OnDataEventRequest",
    "OnDataEventResponse",
    "OnDataEventResponseMirror",
    "OnMessageEventClient",
    "OnMessageEventClientFrame",
    "OnMessageEventClientMessage",
    "OnMessageEventRequest",
    "OnMessageEventResponse",
    "OnMessageEventResponseMirror",
    "OnTransferEventClient",
    "OnTransferEventClientFrame",
    "OnTransferEventClientMessage",
    "OnTransferEventRequest",
    "OnTransferEventResponse",
    "OnTransferEventResponseMirror",
    "PauseStreamClient",
    "PauseStreamClientFrame",
    "PauseStreamClientMessage",
    "PauseStreamRequest",
    "PauseStreamResponse",
    "PauseStreamResponseMirror",
    "Payload",
    "PlayHLSClient",
    "PlayHLSClientFrame",
    "PlayHLSClientMessage",
    "PlayHLSRequest",
    "PlayHLSResponse",
    "PlayHLSResponseMirror",
    "PlayRTSPClient",
    "PlayRTSPClientFrame",
    "PlayRTSPClientMessage",
    "PlayRTSPRequest",
    "PlayRTSPResponse",
    "PlayRTSPResponseMirror",
    "PlayStreamClient",
    "PlayStreamClientFrame",
    "PlayStreamClientMessage",
    "PlayStreamRequest",
    "PlayStreamResponse",
    "PlayStreamResponseMirror",
    "PublishStreamClient",
    "PublishStreamClientFrame",
    "PublishStreamClientMessage",
    "PublishStreamRequest",
    "PublishStreamResponse",
    "PublishStreamResponseMirror",
    "PushLogsClient",
    "PushLogsClientFrame",
    "PushLogsClientMessage",
    "PushLogsRequest",
    "PushLogsResponse",
    "PushLogsResponseMirror",
    "ROOT_MODELS",
    "Refusal",
    "RegistrationStatusEventClient",
    "RegistrationStatusEventClientFrame",
    "RegistrationStatusEventClientMessage",
    "RegistrationStatusEventRequest",
    "RegistrationStatusEventResponse",
    "RegistrationStatusEventResponseMirror",
    "RestClientConfigEntry",
    "SendBugReportClient",
    "SendBugReportClientFrame",
    "SendBugReportClientMessage",
    "SendBugReportRequest",
    "SendBugReportResponse",
    "SendBugReportResponseMirror",
    "SendDTMFClient",
    "SendDTMFClientFrame",
    "SendDTMFClientMessage",
    "SendDTMFRequest",
    "SendDTMFResponse",
    "SendDTMFResponseMirror",
    "SendDataClient",
    "SendDataClientFrame",
    "SendDataClientMessage",
    "SendDataRequest",
    "SendDataResponse",
    "SendDataResponseMirror",
    "SendIMDNClient",
    "SendIMDNClientFrame",
    "SendIMDNClientMessage",
    "SendIMDNRequest",
    "SendIMDNResponse",
    "SendIMDNResponseMirror",
    "SendMessageClient",
    "SendMessageClientFrame",
    "SendMessageClientMessage",
    "SendMessageRequest",
    "SendMessageResponse",
    "SendMessageResponseMirror",
    "SendStreamEventClient",
    "SendStreamEventClientFrame",
    "SendStreamEventClientMessage",
    "SendStreamEventRequest",
    "SendStreamEventResponse",
    "SendStreamEventResponseMirror",
    "SendXcapRequestClient",
    "SendXcapRequestClientFrame",
    "SendXcapRequestClientMessage",
    "SendXcapRequestRequest",
    "SendXcapRequestResponse",
    "SendXcapRequestResponseMirror",
    "SessionDebugClient",
    "SessionDebugClientFrame",
    "SessionDebugClientMessage",
    "SessionDebugRequest",
    "SessionDebugResponse",
    "SessionDebugResponseMirror",
    "SessionDebugStatusEventClient",
    "SessionDebugStatusEventClientFrame",
    "SessionDebugStatusEventClientMessage",
    "SessionDebugStatusEventRequest",
    "SessionDebugStatusEventResponse",
    "SessionDebugStatusEventResponseMirror",
    "SnapshotClient",
    "SnapshotClientFrame",
    "SnapshotClientMessage",
    "SnapshotRequest",
    "SnapshotResponse",
    "SnapshotResponseMirror",
    "StopStreamClient",
    "StopStreamClientFrame",
    "StopStreamClientMessage",
    "StopStreamRequest",
    "StopStreamResponse",
    "StopStreamResponseMirror",
    "StreamEventClient",
    "StreamEventClientFrame",
    "StreamEventClientMessage",
    "StreamEventRequest",
    "StreamEventResponse",
    "StreamEventResponseMirror",
    "StreamKeepAliveEventClient",
    "StreamKeepAliveEventClientFrame",
    "StreamKeepAliveEventClientMessage",
    "StreamKeepAliveEventRequest",
    "StreamKeepAliveEventResponse",
    "StreamKeepAliveEventResponseMirror",
    "StreamStatusEventClient",
    "StreamStatusEventClientFrame",
    "StreamStatusEventClientMessage",
    "StreamStatusEventRequest",
    "StreamStatusEventResponse",
    "StreamStatusEventResponseMirror",
    "SubscribeClient",
    "SubscribeClientFrame",
    "SubscribeClientMessage",
    "SubscribeRequest",
    "SubscribeResponse",
    "SubscribeResponseMirror",
    "SubscriptionStatusEventClient",
    "SubscriptionStatusEventClientFrame",
    "SubscriptionStatusEventClientMessage",
    "SubscriptionStatusEventRequest",
    "SubscriptionStatusEventResponse",
    "SubscriptionStatusEventResponseMirror",
    "TransferClient",
    "TransferClientFrame",
    "TransferClientMessage",
    "TransferRequest",
    "TransferResponse",
    "TransferResponseMirror",
    "TransferStatusEventClient",
    "TransferStatusEventClientFrame",
    "TransferStatusEventClientMessage",
    "TransferStatusEventRequest",
    "TransferStatusEventResponse",
    "TransferStatusEventResponseMirror",
    "UnPublishStreamClient",
    "UnPublishStreamClientFrame",
    "UnPublishStreamClientMessage",
    "UnPublishStreamRequest",
    "UnPublishStreamResponse",
    "UnPublishStreamResponseMirror",
    "UnholdClient",
    "UnholdClientFrame",
    "UnholdClientMessage",
    "UnholdRequest",
    "UnholdResponse",
    "UnholdResponseMirror",
    "VideoState",
    "XcapStatusEventClient",
    "XcapStatusEventClientFrame",
    "XcapStatusEventClientMessage",
    "XcapStatusEventRequest",
    "XcapStatusEventResponse",
    "XcapStatusEventResponseMirror",
]
