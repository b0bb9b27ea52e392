/**
 * yamux frame headers (hashicorp/yamux v0.1.1, const.go): 12 bytes, big-endian.
 *
 *   0      1      2..3    4..7       8..11
 *   ver=0  type   flags   stream id  length
 *
 * For Data frames `length` counts the payload bytes that follow; for WindowUpdate it is the
 * window delta, for Ping the opaque ping id, for GoAway the reason code. No other frame type
 * carries a payload.
 */
import { WireError } from '../wire/index.js';

export const HEADER_SIZE = 12;
export const PROTO_VERSION = 0;

export const FrameType = {
  Data: 0,
  WindowUpdate: 1,
  Ping: 2,
  GoAway: 3,
} as const;
export type FrameType = (typeof FrameType)[keyof typeof FrameType];

export const Flag = {
  SYN: 1,
  ACK: 2,
  FIN: 4,
  RST: 8,
} as const;

export const GoAwayCode = {
  Normal: 0,
  ProtocolError: 1,
  InternalError: 2,
} as const;

/** The receive window every stream starts with, and the most it ever grows to (DefaultConfig). */
export const INITIAL_STREAM_WINDOW = 256 * 1024;

export interface FrameHeader {
  version: number;
  type: FrameType;
  flags: number;
  streamId: number;
  length: number;
}

const TYPE_NAMES = ['Data', 'WindowUpdate', 'Ping', 'GoAway'];

export function frameTypeName(t: number): string {
  return TYPE_NAMES[t] ?? `type${t}`;
}

export function flagNames(flags: number): string {
  const out: string[] = [];
  if (flags & Flag.SYN) out.push('SYN');
  if (flags & Flag.ACK) out.push('ACK');
  if (flags & Flag.FIN) out.push('FIN');
  if (flags & Flag.RST) out.push('RST');
  const rest = flags & ~0xf;
  if (rest) out.push(`0x${rest.toString(16)}`);
  return out.join('|') || '0';
}

/** Writes a header into `out` at `at` (default: a fresh 12-byte array). */
export function encodeHeader(type: FrameType, flags: number, streamId: number, length: number, out = new Uint8Array(HEADER_SIZE), at = 0): Uint8Array {
  out[at] = PROTO_VERSION;
  out[at + 1] = type;
  out[at + 2] = (flags >>> 8) & 0xff;
  out[at + 3] = flags & 0xff;
  out[at + 4] = streamId >>> 24;
  out[at + 5] = (streamId >>> 16) & 0xff;
  out[at + 6] = (streamId >>> 8) & 0xff;
  out[at + 7] = streamId & 0xff;
  out[at + 8] = length >>> 24;
  out[at + 9] = (length >>> 16) & 0xff;
  out[at + 10] = (length >>> 8) & 0xff;
  out[at + 11] = length & 0xff;
  return out;
}

/**
 * Reads and checks a header at `at` (12 bytes must be there). `base` is added to offsets in
 * errors. Refuses what hashicorp/yamux's recvLoop refuses: a version other than 0 and a type above
 * GoAway. Unknown flag bits are kept: yamux ignores them.
 */
export function decodeHeader(buf: Uint8Array, at = 0, base = 0): FrameHeader {
  if (buf.length - at < HEADER_SIZE) throw new WireError('yamux', base + at, `truncated frame header: need ${HEADER_SIZE} bytes, have ${buf.length - at}`);
  const version = buf[at]!;
  if (version !== PROTO_VERSION) throw new WireError('yamux', base + at, `invalid protocol version ${version}`);
  const type = buf[at + 1]!;
  if (type > FrameType.GoAway) throw new WireError('yamux', base + at + 1, `invalid message type ${type}`);
  return {
    version,
    type: type as FrameType,
    flags: (buf[at + 2]! << 8) | buf[at + 3]!,
    streamId: ((buf[at + 4]! << 24) | (buf[at + 5]! << 16) | (buf[at + 6]! << 8) | buf[at + 7]!) >>> 0,
    length: ((buf[at + 8]! << 24) | (buf[at + 9]! << 16) | (buf[at + 10]! << 8) | buf[at + 11]!) >>> 0,
  };
}

export function describeHeader(h: FrameHeader): string {
  return `${frameTypeName(h.type)} flags=${flagNames(h.flags)} stream=${h.streamId} length=${h.length}`;
}
