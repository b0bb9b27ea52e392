/** The transcript codec's public surface (re-exported from codecs/index.ts). */
export type { StreamKind, StreamSummary, TranscriptCall, TranscriptModel, TranscriptStream, WireLayout } from './model.js';
export { decodeTranscript } from './decode.js';
export { encodeTranscript } from './encode.js';
export { transcriptToCanonical, transcriptFromCanonical } from './canonical.js';
export { streamSummaries } from './summary.js';
export { transcriptFamily } from './family.js';
