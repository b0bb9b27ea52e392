/**
 * Transcript bytes -> TranscriptModel: records -> yamux frames and logical streams (the yamux
 * codec's replay) -> net/rpc messages per direction (RpcFrameReader) -> calls, ordered as the Go
 * harness orders them (by where each request's first byte was recorded).
 *
 * Everything the Go harness would note as a problem is a WireError here: a message that does not
 * decode as the SDK's Go type, an unknown method, a response to no request, a second response,
 * a duplicate Seq, a message cut off at the end of the session.
 */
import { WireError } from '../wire/errors.js';
import { budgetFor, type DecodeBudget, type DecodeOptions } from '../wire/limits.js';
import { FrameType, HEADER_SIZE } from '../yamux/frame.js';
import { replayTranscript, type LogicalStream, type ReplayFrame, type TranscriptReplay } from '../yamux/replay.js';
import { RpcFrameReader } from '../rpc/reader.js';
import { decodeResponse, type RpcRequest, type RpcResponse } from '../rpc/frame.js';
import { G } from '../rpc/gotype.js';
import { decodeCommandFinished } from '../rpc/command-finished.js';
import type { CommunicatorStartArgs } from '../rpc/messages.js';
import { otherSide, type Side, type StreamKind, type TranscriptCall, type TranscriptModel, type TranscriptStream, type WireLayout } from './model.js';

/** `82 ad "ServiceMethod"`: how every net/rpc request header the SDK writes begins. */
const RPC_HEADER_PREFIX = new Uint8Array([0x82, 0xad, ...new TextEncoder().encode('ServiceMethod')]);

const EMPTY = new Uint8Array(0);

/**
 * Counts the records against the call's value budget before anything is built for them: each
 * record, frame and chunk becomes objects (an empty record is 5 bytes of input), so a file of
 * tiny records is refused here instead of after taking hundreds of megabytes. Only the record
 * lengths are read; malformed records are left to readTranscriptRecords to report.
 */
function countRecords(b: Uint8Array, budget: DecodeBudget): void {
  for (let off = 0; off + 5 <= b.length; ) {
    // a record and the frame it most likely carries
    budget.addValues(2, 'yamux', off);
    off += (5 + ((b[off + 1]! << 24) | (b[off + 2]! << 16) | (b[off + 3]! << 8) | b[off + 4]!)) >>> 0;
  }
}

/** Where each record of one side starts in that side's byte stream. */
interface SideRecords {
  starts: number[];
  /** Global index (in the file) of each of those records. */
  index: number[];
  fileOffset: number[];
}

/** One run of a stream side's bytes after the id / ack, with where it sits in the sender's stream. */
interface Span {
  streamOff: number;
  length: number;
  dirOff: number;
}

class Positions {
  private readonly sides: Record<Side, SideRecords> = { host: { starts: [], index: [], fileOffset: [] }, plugin: { starts: [], index: [], fileOffset: [] } };

  constructor(
    replay: TranscriptReplay,
    /** the decode call's budget, shared by every message of the session */
    readonly budget: DecodeBudget,
  ) {
    const len: Record<Side, number> = { host: 0, plugin: 0 };
    replay.records.forEach((r, i) => {
      const s = this.sides[r.side];
      s.starts.push(len[r.side]);
      s.index.push(i);
      s.fileOffset.push(r.fileOffset);
      len[r.side] += r.bytes.length;
    });
  }

  private find(side: Side, dirOff: number): number {
    const starts = this.sides[side].starts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (starts[mid]! <= dirOff) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** Global record index holding byte `dirOff` of `side`'s stream. */
  record(side: Side, dirOff: number): number {
    return this.sides[side].index[this.find(side, dirOff)] ?? 0;
  }

  /** File offset of byte `dirOff` of `side`'s stream. */
  fileOffset(side: Side, dirOff: number): number {
    const s = this.sides[side];
    const j = this.find(side, dirOff);
    return (s.fileOffset[j] ?? 0) + dirOff - (s.starts[j] ?? 0);
  }
}

/** The spans of one side of a stream (its bytes after the id / ack, located in the sender's stream). */
function spansOf(s: LogicalStream, side: Side, frames: ReplayFrame[]): Span[] {
  const out: Span[] = [];
  let streamOff = 0;
  for (const c of s.chunks) {
    if (c.side !== side) continue;
    const f = frames[c.frame]!;
    out.push({ streamOff, length: c.bytes.length, dirOff: f.offset + HEADER_SIZE + (f.data!.length - c.bytes.length) });
    streamOff += c.bytes.length;
  }
  return out;
}

/** Offset in the sender's stream of byte `off` of a stream side (the end of the last span when past it). */
function dirOffsetOf(spans: Span[], off: number): number {
  const last = spans[spans.length - 1];
  if (!last) return 0;
  if (off >= last.streamOff + last.length) return last.dirOff + last.length;
  let lo = 0;
  let hi = spans.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (spans[mid]!.streamOff <= off) lo = mid;
    else hi = mid - 1;
  }
  const sp = spans[lo]!;
  return sp.dirOff + (off - sp.streamOff);
}

function startsWith(b: Uint8Array, prefix: Uint8Array): boolean {
  if (b.length < prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) if (b[i] !== prefix[i]) return false;
  return true;
}

/** The bytes of an id / ack cut short: everything the side sent on the stream (fewer than 4 bytes). */
function partialPrefix(replay: TranscriptReplay, s: LogicalStream, side: Side): Uint8Array {
  const have = side === s.opener ? s.brokerId : s.ack;
  if (have !== null) return EMPTY;
  const parts: number[] = [];
  for (const f of replay.frames) {
    if (f.side === side && f.streamId === s.yamuxId && f.type === FrameType.Data && f.data) parts.push(...f.data);
  }
  return new Uint8Array(parts);
}

interface Located<M> {
  message: M;
  /** Offset of the message's first byte in the stream side's bytes. */
  at: number;
}

/**
 * Reads one side of an rpc stream with RpcFrameReader, fed frame by frame as the bytes came.
 * Errors become WireErrors naming the sender's stream offset, the yamux stream and the file byte.
 */
function readMessages<M>(pos: Positions, s: LogicalStream, side: Side, spans: Span[], direction: 'request' | 'response'): Located<M>[] {
  const rd = new RpcFrameReader({ direction, limits: pos.budget });
  const out: Located<M>[] = [];
  try {
    for (const c of s.chunks) {
      if (c.side !== side) continue;
      rd.push(c.bytes);
      for (let at = rd.offset, m = rd.next(); m; at = rd.offset, m = rd.next()) out.push({ message: m as M, at });
    }
    rd.finish();
  } catch (e) {
    if (!(e instanceof WireError)) throw e;
    throw streamError({ codec: e.codec, pos, stream: s, side, spans, streamOff: e.offset }, e.reason);
  }
  return out;
}

/** Where in a transcript a stream error is: the logical stream, the side that wrote, its spans. */
interface StreamErrorAt {
  readonly codec: WireError['codec'];
  readonly pos: Positions;
  readonly stream: LogicalStream;
  readonly side: Side;
  readonly spans: Span[];
  /** Offset in the side's bytes of the stream. */
  readonly streamOff: number;
}

function streamError({ codec, pos, stream: s, side, spans, streamOff }: StreamErrorAt, reason: string): WireError {
  const dirOff = dirOffsetOf(spans, streamOff);
  return new WireError(
    codec,
    dirOff,
    `${side}->${otherSide(side)}: yamux stream ${s.yamuxId} (broker id ${s.brokerId ?? '?'}): ${reason} ` +
      `(byte ${streamOff} of the stream after its ${side === s.opener ? 'id' : 'ack'}, file byte ${pos.fileOffset(side, dirOff)})`,
  );
}

/**
 * An error reply's body is net/rpc's empty struct; the Go harness (like any caller not knowing
 * the reply type) reads it into an `interface{}`. The message is read again that way.
 */
function asErrorReply(bytes: Uint8Array, at: number, end: number): RpcResponse {
  return decodeResponse(bytes.subarray(at, end), { bodyType: G.any });
}

/** Decodes a transcript. Throws WireError (codec `yamux`, `rpc`, or `gob` for a CommandFinished) on bad input. */
export function decodeTranscript(bytes: Uint8Array, limits?: DecodeOptions | DecodeBudget): TranscriptModel {
  const budget = budgetFor(limits, bytes.length);
  countRecords(bytes, budget);
  const replay = replayTranscript(bytes);
  const pos = new Positions(replay, budget);
  const { frames } = replay;

  // The Go harness's stream order: by the record of each stream's first frame header, all host
  // frames considered before the plugin's.
  const firstRecord = new Map<number, number>();
  for (const side of ['host', 'plugin'] as const) {
    for (const f of frames) {
      if (f.side !== side || f.streamId === 0 || firstRecord.has(f.streamId)) continue;
      firstRecord.set(f.streamId, pos.record(side, f.offset));
    }
  }
  const logical = [...replay.streams].sort((a, b) => (firstRecord.get(a.yamuxId) ?? -1) - (firstRecord.get(b.yamuxId) ?? -1));

  const streams: TranscriptStream[] = [];
  const calls: TranscriptCall[] = [];
  const pieces: WireLayout['pieces'] = new Map();
  for (const s of logical) {
    const opener = s.opener;
    const acceptor = otherSide(opener);
    const body = s.bytes[opener];
    const kind: StreamKind = s.brokerId === null || body.length === 0 ? 'idle' : startsWith(body, RPC_HEADER_PREFIX) ? 'rpc' : 'raw';
    const st: TranscriptStream = {
      yamuxId: s.yamuxId,
      opener,
      brokerId: s.brokerId,
      ack: s.ack,
      kind,
      partialPrefix: { host: partialPrefix(replay, s, 'host'), plugin: partialPrefix(replay, s, 'plugin') },
      requests: [],
      responses: [],
      raw: kind === 'rpc' ? { host: EMPTY, plugin: EMPTY } : { host: s.bytes.host, plugin: s.bytes.plugin },
      commandFinished: null,
      firstRecord: firstRecord.get(s.yamuxId) ?? -1,
    };
    streams.push(st);
    let ends: Record<Side, number[]> = { host: [st.raw.host.length], plugin: [st.raw.plugin.length] };
    if (kind === 'rpc') {
      const r = rpcCalls(replay, pos, s, st, acceptor);
      calls.push(...r.calls);
      ends = r.ends;
    }
    const prefixLen = (side: Side) => ((side === opener ? s.brokerId : s.ack) !== null ? 4 : st.partialPrefix[side].length);
    const piecesOf = (side: Side) => [prefixLen(side), ...ends[side].map((e) => e + prefixLen(side))];
    pieces.set(s.yamuxId, { host: piecesOf('host'), plugin: piecesOf('plugin') });
  }
  // Stable: calls of one stream keep their order; no two calls share a position.
  calls.sort((a, b) => a.position![0] - b.position![0] || a.position![1] - b.position![1]);
  readCommandFinished(replay, pos, calls, streams);
  return { streams, calls, layout: layoutOf(replay, pieces) };
}

/**
 * Communicator.Start: the serving side dials the caller's ResponseStreamId and writes one gob
 * CommandFinished when the command ends. Each such raw stream is read with the gob codec.
 */
function readCommandFinished(replay: TranscriptReplay, pos: Positions, calls: TranscriptCall[], streams: TranscriptStream[]): void {
  for (const c of calls) {
    if (c.request.header.serviceMethod !== 'Communicator.Start') continue;
    const server = otherSide(c.caller);
    const id = (c.request.body as CommunicatorStartArgs).ResponseStreamId;
    const st = streams.find((x) => x.opener === server && x.brokerId === id && x.kind === 'raw');
    if (!st) continue;
    try {
      st.commandFinished = decodeCommandFinished(st.raw[server]);
    } catch (e) {
      if (!(e instanceof WireError)) throw e;
      const s = replay.streams.find((x) => x.yamuxId === st.yamuxId)!;
      throw streamError(
        { codec: e.codec, pos, stream: s, side: server, spans: spansOf(s, server, replay.frames), streamOff: e.offset },
        `CommandFinished: ${e.reason}`,
      );
    }
  }
}

/** The calls of one rpc stream, and where each side's messages end (offsets after the id / ack). */
function rpcCalls(
  replay: TranscriptReplay,
  pos: Positions,
  s: LogicalStream,
  st: TranscriptStream,
  acceptor: Side,
): { calls: TranscriptCall[]; ends: Record<Side, number[]> } {
  const opener = s.opener;
  const reqSpans = spansOf(s, opener, replay.frames);
  const respSpans = spansOf(s, acceptor, replay.frames);
  const requests = readMessages<RpcRequest>(pos, s, opener, reqSpans, 'request');
  const responses = readMessages<RpcResponse>(pos, s, acceptor, respSpans, 'response');
  const calls: TranscriptCall[] = [];
  const bySeq = new Map<bigint, TranscriptCall>();
  for (const { message, at } of requests) {
    if (bySeq.has(message.header.seq)) {
      throw streamError({ codec: 'rpc', pos, stream: s, side: opener, spans: reqSpans, streamOff: at }, `a second request with Seq ${message.header.seq}`);
    }
    const dirOff = dirOffsetOf(reqSpans, at);
    const c: TranscriptCall = {
      stream: s.brokerId!,
      yamuxStream: s.yamuxId,
      caller: opener,
      request: message,
      response: null,
      position: [pos.record(opener, dirOff), dirOff],
    };
    st.requests.push(message);
    bySeq.set(message.header.seq, c);
    calls.push(c);
  }
  const respBytes = s.bytes[acceptor];
  responses.forEach(({ message, at }, i) => {
    const h = message.header;
    const c = bySeq.get(h.seq);
    if (!c)
      throw streamError(
        { codec: 'rpc', pos, stream: s, side: acceptor, spans: respSpans, streamOff: at },
        `response ${JSON.stringify(h.serviceMethod)} with Seq ${h.seq} answers no request`,
      );
    if (c.response) throw streamError({ codec: 'rpc', pos, stream: s, side: acceptor, spans: respSpans, streamOff: at }, `a second response with Seq ${h.seq}`);
    if (h.serviceMethod !== c.request.header.serviceMethod) {
      const names = `names ${JSON.stringify(h.serviceMethod)} but the request was ${JSON.stringify(c.request.header.serviceMethod)}`;
      throw streamError({ codec: 'rpc', pos, stream: s, side: acceptor, spans: respSpans, streamOff: at }, `response with Seq ${h.seq} ${names}`);
    }
    let m = message;
    if (h.error !== '') {
      const end = i + 1 < responses.length ? responses[i + 1]!.at : respBytes.length;
      try {
        m = asErrorReply(respBytes, at, end);
      } catch (e) {
        if (e instanceof WireError) throw streamError({ codec: e.codec, pos, stream: s, side: acceptor, spans: respSpans, streamOff: at + e.offset }, e.reason);
        throw e;
      }
    }
    c.response = m;
    st.responses.push(m);
  });
  const endsOf = (list: { at: number }[], total: number) => list.map((_, i) => (i + 1 < list.length ? list[i + 1]!.at : total));
  const ends = { [opener]: endsOf(requests, s.bytes[opener].length), [acceptor]: endsOf(responses, respBytes.length) } as Record<Side, number[]>;
  return { calls, ends };
}

function layoutOf(replay: TranscriptReplay, pieces: WireLayout['pieces']): WireLayout {
  return {
    pieces,
    records: replay.records.map((r) => ({ side: r.side, length: r.bytes.length })),
    frames: replay.frames.map((f) => ({ side: f.side, version: f.version, type: f.type, flags: f.flags, streamId: f.streamId, length: f.length })),
  };
}
