/**
 * Replays a recorded host <-> plugin session (a `transcript` vector, vectors/README.md): records
 * of `dir (1 byte: 0 host->plugin, 1 plugin->host) | length (uint32 BE) | bytes`, each one Read
 * or Write call on the host's connection, in the order the host saw them.
 *
 * Each direction is a yamux frame stream cut anywhere by the records; the replay parses both,
 * follows every yamux stream (who opened it, its broker id and ack, FIN/RST, flow control), and
 * yields per logical stream the bytes each side sent after the broker id/ack. Everything is
 * checked as hashicorp/yamux and the SDK's mux broker would produce it: a violation is a
 * WireError (codec 'yamux') naming the offset in the sender's byte stream.
 */
import { WireError } from '../wire/index.js';
import { Flag, FrameType, INITIAL_STREAM_WINDOW, describeHeader, type FrameHeader } from './frame.js';
import { FrameParser, type Frame } from './parser.js';

export type Side = 'host' | 'plugin';

export interface TranscriptRecord {
  side: Side;
  /** Offset of the record's first payload byte in the transcript file. */
  fileOffset: number;
  bytes: Uint8Array;
}

export interface ReplayFrame extends FrameHeader {
  /** Who sent it. */
  side: Side;
  /** Offset in the sender's byte stream. */
  offset: number;
  /** Index of the record in which the frame was completed. */
  record: number;
  data: Uint8Array | null;
}

export interface StreamChunk {
  side: Side;
  bytes: Uint8Array;
  /** Position in the whole replay (index into `frames`), to order chunks across streams. */
  frame: number;
}

export interface LogicalStream {
  yamuxId: number;
  /** The side that sent the SYN: the broker's dialler, the RPC client on that stream. */
  opener: Side;
  /** The 4-byte little-endian id the opener wrote first; null if it never wrote 4 bytes. */
  brokerId: number | null;
  /** The id the acceptor echoed; null if it never did. */
  ack: number | null;
  /** Bytes after the broker id (opener) or the ack (acceptor), per sender. */
  bytes: Record<Side, Uint8Array>;
  /** The same bytes as they came, frame by frame. */
  chunks: StreamChunk[];
  acked: boolean;
  fin: Record<Side, boolean>;
  reset: boolean;
}

export interface TranscriptReplay {
  records: TranscriptRecord[];
  frames: ReplayFrame[];
  /** In the order their SYNs were seen. */
  streams: LogicalStream[];
  /** The stream a side dialled for a broker id (ids are per dialler: each side counts its own). */
  stream(opener: Side, brokerId: number): LogicalStream | undefined;
  /** Broker stream 0, the main RPC connection (dialled by the host). */
  main: LogicalStream | undefined;
  /** Total bytes each side sent. */
  totals: Record<Side, number>;
}

const other = (s: Side): Side => (s === 'host' ? 'plugin' : 'host');

/** Splits a transcript file into its records. */
export function readTranscriptRecords(file: Uint8Array): TranscriptRecord[] {
  const out: TranscriptRecord[] = [];
  const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
  let p = 0;
  while (p < file.length) {
    if (file.length - p < 5) throw new WireError('yamux', p, `truncated transcript record header: ${file.length - p} bytes left`);
    const dir = file[p]!;
    if (dir > 1) throw new WireError('yamux', p, `transcript record direction ${dir} (want 0 or 1)`);
    const len = view.getUint32(p + 1, false);
    if (len > file.length - p - 5) throw new WireError('yamux', p + 1, `transcript record of ${len} bytes but only ${file.length - p - 5} left`);
    out.push({ side: dir === 0 ? 'host' : 'plugin', fileOffset: p + 5, bytes: file.subarray(p + 5, p + 5 + len) });
    p += 5 + len;
  }
  return out;
}

interface Track {
  s: LogicalStream;
  /** Data bytes each side sent, and window each side was granted by the other. */
  sent: Record<Side, number>;
  granted: Record<Side, number>;
  /** Header bytes (id / ack) still to strip per sender. */
  prefix: Record<Side, number[]>;
  parts: Record<Side, Uint8Array[]>;
  firstOffset: Record<Side, number>;
}

/**
 * Replays a transcript. Each direction's byte stream is exact; the order BETWEEN directions is
 * only approximately causal (the recorder logs a Write when it returns, so the peer's answer to it
 * may be logged first). So every check that relates the two directions is made on totals at the
 * end: a side never sends more than the 256 KiB initial window plus what the other side granted,
 * and never grants more than it received.
 */
export function replayTranscript(file: Uint8Array): TranscriptReplay {
  const records = readTranscriptRecords(file);
  const frames: ReplayFrame[] = [];
  let recordIndex = 0;

  const fail = (offset: number, side: Side, reason: string): never => {
    throw new WireError('yamux', offset, `${side}->${other(side)}: ${reason}`);
  };

  // Pass 1: frames of each direction, in record order. No frame may carry more than a window.
  const onFrame = (side: Side) => (f: Frame) => {
    frames.push({ ...f, side, record: recordIndex }); // payload views into the file or parser-owned copies: stable
  };
  const parsers: Record<Side, FrameParser> = { host: new FrameParser(onFrame('host')), plugin: new FrameParser(onFrame('plugin')) };
  for (; recordIndex < records.length; recordIndex++) {
    const r = records[recordIndex]!;
    parsers[r.side].push(r.bytes);
  }
  parsers.host.end();
  parsers.plugin.end();

  // Pass 2: streams, from the SYNs of both directions.
  const tracks = new Map<number, Track>();
  const order: Track[] = [];
  for (const f of frames) {
    if (f.type === FrameType.Ping || f.type === FrameType.GoAway || !(f.flags & Flag.SYN)) continue;
    const side = f.side;
    if (tracks.has(f.streamId)) fail(f.offset, side, `duplicate SYN for stream ${f.streamId}`);
    if (f.streamId === 0 || (f.streamId % 2 === 1) !== (side === 'host')) fail(f.offset, side, `stream id ${f.streamId} is not one the ${side} may open`);
    const t: Track = {
      s: {
        yamuxId: f.streamId,
        opener: side,
        brokerId: null,
        ack: null,
        bytes: { host: new Uint8Array(0), plugin: new Uint8Array(0) },
        chunks: [],
        acked: false,
        fin: { host: false, plugin: false },
        reset: false,
      },
      sent: { host: 0, plugin: 0 },
      granted: { host: INITIAL_STREAM_WINDOW, plugin: INITIAL_STREAM_WINDOW },
      prefix: { host: [], plugin: [] },
      parts: { host: [], plugin: [] },
      firstOffset: { host: -1, plugin: -1 },
    };
    tracks.set(f.streamId, t);
    order.push(t);
  }

  // Pass 3: every stream frame, each direction in its exact order.
  const totals: Record<Side, number> = { host: 0, plugin: 0 };
  frames.forEach((f, at) => {
    if (f.type === FrameType.Ping || f.type === FrameType.GoAway) return;
    const side = f.side;
    const t = tracks.get(f.streamId);
    if (!t) return fail(f.offset, side, `${describeHeader(f)} for unknown stream`);
    const s = t.s;
    if (t.firstOffset[side] < 0) t.firstOffset[side] = f.offset;
    if (f.flags & Flag.ACK) {
      if (side === s.opener) fail(f.offset, side, `ACK from the opener of stream ${f.streamId}`);
      s.acked = true;
    }
    if (f.flags & Flag.RST) s.reset = true;
    if (f.type === FrameType.WindowUpdate) {
      t.granted[other(side)] += f.length;
    } else if (f.data && f.data.length > 0) {
      if (s.fin[side]) fail(f.offset, side, `Data after FIN on stream ${f.streamId}`);
      t.sent[side] += f.data.length;
      totals[side] += f.data.length;
      take(t, side, f.data, at);
    }
    if (f.flags & Flag.FIN) {
      if (s.fin[side]) fail(f.offset + 2, side, `second FIN on stream ${f.streamId}`);
      s.fin[side] = true;
    }
  });

  for (const t of order) {
    for (const side of ['host', 'plugin'] as const) {
      const peer = other(side);
      if (t.sent[side] > t.granted[side]) {
        fail(t.firstOffset[side], side, `sent ${t.sent[side]} bytes on stream ${t.s.yamuxId} but was only granted a window of ${t.granted[side]}`);
      }
      if (t.granted[side] - INITIAL_STREAM_WINDOW > t.sent[side]) {
        fail(
          t.firstOffset[peer],
          peer,
          `granted ${t.granted[side] - INITIAL_STREAM_WINDOW} bytes of window on stream ${t.s.yamuxId} but received only ${t.sent[side]}`,
        );
      }
      t.s.bytes[side] = concat(t.parts[side]);
    }
  }
  const streams = order.map((t) => t.s);
  const byBroker = new Map<string, LogicalStream>();
  for (const s of streams) if (s.brokerId !== null && !byBroker.has(`${s.opener}:${s.brokerId}`)) byBroker.set(`${s.opener}:${s.brokerId}`, s);
  return {
    records,
    frames,
    streams,
    stream: (opener, brokerId) => byBroker.get(`${opener}:${brokerId}`),
    main: byBroker.get('host:0'),
    totals,
  };
}

/** Routes a stream's data: the first 4 bytes of each side are the broker id / ack. */
function take(t: Track, side: Side, data: Uint8Array, frame: number): void {
  const s = t.s;
  const prefix = t.prefix[side];
  let i = 0;
  const have = side === s.opener ? s.brokerId : s.ack;
  if (have === null) {
    while (prefix.length < 4 && i < data.length) prefix.push(data[i++]!);
    if (prefix.length === 4) {
      const id = (prefix[0]! | (prefix[1]! << 8) | (prefix[2]! << 16) | (prefix[3]! << 24)) >>> 0;
      if (side === s.opener) s.brokerId = id;
      else s.ack = id;
    }
  }
  if (i >= data.length) return;
  const rest = data.subarray(i);
  t.parts[side].push(rest);
  s.chunks.push({ side, bytes: rest, frame });
}

function concat(parts: Uint8Array[]): Uint8Array {
  let n = 0;
  for (const p of parts) n += p.length;
  const out = new Uint8Array(n);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}
