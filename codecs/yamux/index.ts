/** hashicorp/yamux frames, the streaming frame parser and transcript replay: `packer-wire/yamux`. Pure; live sessions over a socket and the SDK mux broker are in `packer-wire/host`. */
export {
  HEADER_SIZE,
  PROTO_VERSION,
  FrameType,
  Flag,
  GoAwayCode,
  INITIAL_STREAM_WINDOW,
  encodeHeader,
  decodeHeader,
  describeHeader,
  type FrameHeader,
} from './frame.js';
export { FrameParser, type Frame, type DataLimit } from './parser.js';
export { YamuxError, type YamuxErrorCode } from './errors.js';
export {
  readTranscriptRecords,
  replayTranscript,
  type Side,
  type TranscriptRecord,
  type TranscriptReplay,
  type ReplayFrame,
  type LogicalStream,
  type StreamChunk,
} from './replay.js';
