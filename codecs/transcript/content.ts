/**
 * What each side of each stream sends, as bytes: the broker id (opener) or its echo (acceptor),
 * little-endian uint32, then the net/rpc messages (rpc streams, written by the rpc codec) or the
 * raw bytes (other streams).
 */
import { WireError } from '../wire/errors.js';
import { ByteWriter } from '../wire/writer.js';
import { writeMessage, type RpcMessage } from '../rpc/frame.js';
import { otherSide, type Side, type TranscriptModel, type TranscriptStream } from './model.js';

export interface SideContent {
  /** The whole side: id / ack then messages or raw bytes. */
  bytes: Uint8Array;
  /** Length of the id / ack part. */
  prefix: number;
  /** End offset (in `bytes`) of each message, rpc streams only. */
  messageEnds: number[];
  /** End offsets of the pieces: the id / ack, then each message (rpc) or the raw bytes. */
  pieces: number[];
}

export type StreamContent = Record<Side, SideContent>;

const writer = new ByteWriter(4096);

function sideContent(w: ByteWriter, st: TranscriptStream, side: Side): SideContent {
  w.reset();
  const id = side === st.opener ? st.brokerId : st.ack;
  const messages: RpcMessage[] = st.kind !== 'rpc' ? [] : side === st.opener ? st.requests : st.responses;
  if (id !== null) {
    if (!Number.isInteger(id) || id < 0 || id > 0xffffffff) throw new WireError('yamux', 0, `stream ${st.yamuxId}: broker id ${id} is not a uint32`);
    w.writeUint32LE(id);
  } else {
    const p = st.partialPrefix[side];
    if (p.length >= 4) throw new WireError('yamux', 0, `stream ${st.yamuxId}: ${p.length} bytes of a cut-off id from the ${side}`);
    const rest = st.kind === 'rpc' ? messages.length : st.raw[side].length;
    if (rest > 0) throw new WireError('yamux', 0, `stream ${st.yamuxId}: the ${side} sends bytes but no ${side === st.opener ? 'broker id' : 'ack'}`);
    w.writeBytes(p);
  }
  const prefix = w.pos;
  const messageEnds: number[] = [];
  if (st.kind === 'rpc') {
    for (const m of messages) {
      writeMessage(w, m);
      messageEnds.push(w.pos);
    }
  } else {
    w.writeBytes(st.raw[side]);
  }
  const pieces = st.kind === 'rpc' ? [prefix, ...messageEnds] : [prefix, w.pos];
  return { bytes: w.finish(), prefix, messageEnds, pieces };
}

/** The bytes of every stream side, keyed by yamux stream id. */
export function streamContents(model: TranscriptModel): Map<number, StreamContent> {
  const out = new Map<number, StreamContent>();
  for (const st of model.streams) {
    if (out.has(st.yamuxId)) throw new WireError('yamux', 0, `yamux stream ${st.yamuxId} listed twice`);
    const opener = sideContent(writer, st, st.opener);
    const acceptor = sideContent(writer, st, otherSide(st.opener));
    out.set(st.yamuxId, st.opener === 'host' ? { host: opener, plugin: acceptor } : { host: acceptor, plugin: opener });
  }
  return out;
}
