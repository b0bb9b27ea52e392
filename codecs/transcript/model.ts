/**
 * The model of a recorded host <-> plugin session (family `transcript`): the net/rpc calls found
 * on its logical streams, the other streams' bytes, and the wire layout (records and yamux frames)
 * they were read from, so that `encodeTranscript` can write the session again.
 */
import type { FrameHeader } from '../yamux/frame.js';
import type { Side } from '../yamux/replay.js';
import type { RpcRequest, RpcResponse } from '../rpc/frame.js';
import type { CommandFinished } from '../rpc/messages.js';

export type { Side };

/**
 * What a stream carries, as the Go harness classifies it: `rpc` when the opener's bytes after the
 * broker id start with a net/rpc request header (`82 ad "ServiceMethod"`), `idle` when the opener
 * sent nothing after the id (or not even a whole id), `raw` otherwise (Communicator data streams,
 * the gob `CommandFinished` stream).
 */
export type StreamKind = 'rpc' | 'raw' | 'idle';

export interface TranscriptStream {
  yamuxId: number;
  /** The side that sent the SYN: the broker's dialler and, on an rpc stream, the caller. */
  opener: Side;
  /** The little-endian uint32 the opener wrote first (null: it never wrote 4 bytes). */
  brokerId: number | null;
  /** The id the acceptor echoed (null: it never wrote 4 bytes). */
  ack: number | null;
  kind: StreamKind;
  /** Bytes of an id or ack that was cut short (fewer than 4 bytes sent), per side; else empty. */
  partialPrefix: Record<Side, Uint8Array>;
  /** rpc: the opener's requests and the acceptor's responses, each in the order sent. */
  requests: RpcRequest[];
  responses: RpcResponse[];
  /** raw and idle: the bytes each side sent after the id / ack. Empty for rpc streams. */
  raw: Record<Side, Uint8Array>;
  /**
   * A raw stream that is the response stream of a Communicator.Start call (dialled by the
   * serving side for the call's ResponseStreamId): the gob `CommandFinished` it carries, read
   * with the gob codec. A view only: the stream is written back from `raw` (gob type ids depend
   * on the plugin's process). Null for every other stream.
   */
  commandFinished: CommandFinished | null;
  /**
   * Index of the record holding the stream's first frame header, the host's frames looked at
   * before the plugin's (the Go harness orders its stream list by this). -1 when unknown.
   */
  firstRecord: number;
}

/** One net/rpc call: a request and, when one came, its response (matched by Seq). */
export interface TranscriptCall {
  /** The logical (mux broker) stream id. */
  stream: number;
  yamuxStream: number;
  /** The side that sent the request (the opener of the stream). */
  caller: Side;
  request: RpcRequest;
  response: RpcResponse | null;
  /**
   * Where the request's first byte was recorded: (record index, offset in the caller's byte
   * stream). Calls are ordered by this, as the Go harness orders them. Null for a model built
   * from canonical JSON (then the list order is the order).
   */
  position: readonly [number, number] | null;
}

/** The recorded layout: how the two byte streams were cut into records and yamux frames. */
export interface WireLayout {
  /** Each record: who sent it and its length, in file order. */
  records: { side: Side; length: number }[];
  /**
   * Every yamux frame of both directions, each direction in its exact order. Data frames carry
   * no payload here: payloads are written from the streams' content, in frame order.
   */
  frames: (FrameHeader & { side: Side })[];
  /**
   * Per yamux stream and side, where the recorded content's pieces ended: the id / ack, then
   * each rpc message (or the raw bytes), as offsets in that side's content. Re-encoding anchors
   * each piece to the frames and records it was recorded in, so a changed message moves no
   * other message to another record.
   */
  pieces: Map<number, Record<Side, number[]>>;
}

export interface TranscriptModel {
  /** Every yamux stream, in the Go harness's order (by `firstRecord`). */
  streams: TranscriptStream[];
  /** Every call, in the order the Go harness reports them. */
  calls: TranscriptCall[];
  /** The recorded layout; null for a model built from canonical JSON (encode then lays out a fresh session). */
  layout: WireLayout | null;
}

export const otherSide = (s: Side): Side => (s === 'host' ? 'plugin' : 'host');

/** The Go harness's per-stream summary (a transcript vector's `context.streams` entries). */
export interface StreamSummary {
  yamuxStream: number;
  stream: number;
  opener: Side;
  kind: StreamKind;
  bytesFromOpener: number;
  bytesFromAcceptor: number;
}
