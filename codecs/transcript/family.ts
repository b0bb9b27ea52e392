/**
 * The `transcript` family adapter: one recorded host <-> plugin session (records of yamux bytes)
 * <-> its net/rpc calls as canonical JSON. Transcripts are never byte-exact (random
 * progress-tracker ids, map order), so the runner checks that our re-encoding decodes to the same
 * calls. The context (protocol, handshake, describe, streams) is not needed to decode.
 */
import type { FamilyCodec } from '../family.js';
import { decodeTranscript } from './decode.js';
import { encodeTranscript } from './encode.js';
import { transcriptFromCanonical, transcriptToCanonical } from './canonical.js';
import type { TranscriptModel } from './model.js';

export const transcriptFamily: FamilyCodec<TranscriptModel> = {
  family: 'transcript',
  decode: (bytes, _ctx, limits) => decodeTranscript(bytes, limits),
  encode: (model) => encodeTranscript(model),
  toCanonical: (model) => transcriptToCanonical(model),
  fromCanonical: (json) => transcriptFromCanonical(json),
};

export const transcriptFamilies: FamilyCodec[] = [transcriptFamily as FamilyCodec];
