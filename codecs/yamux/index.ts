/** hashicorp/yamux sessions and the packer-plugin-sdk mux broker over a Node Duplex. */
export { HEADER_SIZE, PROTO_VERSION, FrameType, Flag, GoAwayCode, INITIAL_STREAM_WINDOW, encodeHeader, decodeHeader, describeHeader, type FrameHeader } from './frame.js';
export { FrameParser, type Frame, type DataLimit } from './parser.js';
export { YamuxStream, StreamState } from '../../host/yamux/stream.js';
export { YamuxSession, type SessionOptions, type FrameEvent } from '../../host/yamux/session.js';
export { YamuxError, type YamuxErrorCode } from './errors.js';
export { DEFAULT_SESSION_LIMITS, ByteBudget, isLimitExceeded, type SessionLimits } from '../../host/yamux/limits.js';
export { MuxBroker, type BrokerOptions } from '../../host/yamux/broker.js';
export { readExactly } from '../../host/yamux/read.js';
export { readTranscriptRecords, replayTranscript, type Side, type TranscriptRecord, type TranscriptReplay, type ReplayFrame, type LogicalStream, type StreamChunk } from './replay.js';
