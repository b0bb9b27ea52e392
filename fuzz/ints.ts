/**
 * The integer encodings the fuzzer knows, so that it can find a number (often a length or a count)
 * at some position of an input and put a different number there in the same encoding.
 *
 * `read` returns null when the bytes at `pos` are not a number in that encoding.
 */
export interface IntCodec {
  readonly name: string;
  read(b: Uint8Array, pos: number): { value: bigint; len: number } | null;
  /** A fresh number in this encoding (for insertion). */
  write(v: bigint): Uint8Array;
  /** Replacement bytes for the number read at `pos`, keeping whatever that number was (kind, form). */
  rewrite?(b: Uint8Array, pos: number, v: bigint): Uint8Array | null;
}

const U64 = (1n << 64n) - 1n;
const clampU64 = (v: bigint): bigint => (v < 0n ? 0n : v > U64 ? U64 : v);

function beBytes(v: bigint, n: number): Uint8Array {
  const out = new Uint8Array(n);
  for (let i = n - 1; i >= 0; i--) {
    out[i] = Number(v & 0xffn);
    v >>= 8n;
  }
  return out;
}

function readBe(b: Uint8Array, pos: number, n: number): bigint | null {
  if (pos + n > b.length) return null;
  let v = 0n;
  for (let i = 0; i < n; i++) v = (v << 8n) | BigInt(b[pos + i]!);
  return v;
}

/** gob's unsigned integer: below 128 one byte, else the negated byte count then big-endian bytes. */
export const gobUint: IntCodec = {
  name: 'gob-uint',
  read(b, pos) {
    if (pos >= b.length) return null;
    const c = b[pos]!;
    if (c < 0x80) return { value: BigInt(c), len: 1 };
    const n = 256 - c;
    if (n > 8) return null;
    const v = readBe(b, pos + 1, n);
    return v === null ? null : { value: v, len: n + 1 };
  },
  write(v) {
    v = clampU64(v);
    if (v < 128n) return Uint8Array.of(Number(v));
    let n = 0;
    for (let x = v; x > 0n; x >>= 8n) n++;
    const out = new Uint8Array(n + 1);
    out[0] = 256 - n;
    out.set(beBytes(v, n), 1);
    return out;
  },
};

/** Protobuf's base-128 varint (little-endian groups of 7 bits, high bit = more). */
export const leb128: IntCodec = {
  name: 'leb128',
  read(b, pos) {
    let v = 0n;
    for (let i = 0; i < 10; i++) {
      if (pos + i >= b.length) return null;
      const c = b[pos + i]!;
      v |= BigInt(c & 0x7f) << BigInt(7 * i);
      if (c < 0x80) return { value: v, len: i + 1 };
    }
    return null;
  },
  write(v) {
    v = clampU64(v);
    const out: number[] = [];
    do {
      let c = Number(v & 0x7fn);
      v >>= 7n;
      if (v > 0n) c |= 0x80;
      out.push(c);
    } while (v > 0n);
    return Uint8Array.from(out);
  },
};

/** A big-endian uint32 (transcript record lengths, yamux frame lengths). */
export const be32: IntCodec = {
  name: 'be32',
  read(b, pos) {
    const v = readBe(b, pos, 4);
    return v === null ? null : { value: v, len: 4 };
  },
  write(v) {
    return beBytes(v < 0n ? 0n : v > 0xffffffffn ? 0xffffffffn : v, 4);
  },
};

type MsgpackKind = 'uint' | 'array' | 'map' | 'str' | 'bin';

/** Header byte -> (kind, width of the count that follows; 0 = packed into the header). */
function msgpackHeader(c: number): { kind: MsgpackKind; width: number; packed?: number } | null {
  if (c <= 0x7f) return { kind: 'uint', width: 0, packed: c };
  if (c >= 0x80 && c <= 0x8f) return { kind: 'map', width: 0, packed: c & 0x0f };
  if (c >= 0x90 && c <= 0x9f) return { kind: 'array', width: 0, packed: c & 0x0f };
  if (c >= 0xa0 && c <= 0xbf) return { kind: 'str', width: 0, packed: c & 0x1f };
  switch (c) {
    case 0xcc:
      return { kind: 'uint', width: 1 };
    case 0xcd:
      return { kind: 'uint', width: 2 };
    case 0xce:
      return { kind: 'uint', width: 4 };
    case 0xcf:
      return { kind: 'uint', width: 8 };
    case 0xc4:
      return { kind: 'bin', width: 1 };
    case 0xc5:
      return { kind: 'bin', width: 2 };
    case 0xc6:
      return { kind: 'bin', width: 4 };
    case 0xd9:
      return { kind: 'str', width: 1 };
    case 0xda:
      return { kind: 'str', width: 2 };
    case 0xdb:
      return { kind: 'str', width: 4 };
    case 0xdc:
      return { kind: 'array', width: 2 };
    case 0xdd:
      return { kind: 'array', width: 4 };
    case 0xde:
      return { kind: 'map', width: 2 };
    case 0xdf:
      return { kind: 'map', width: 4 };
    default:
      return null;
  }
}

function msgpackWrite(kind: MsgpackKind, v: bigint): Uint8Array {
  v = clampU64(v);
  const fix: Record<MsgpackKind, [number, number] | null> = { uint: [0x00, 0x7f], map: [0x80, 0x0f], array: [0x90, 0x0f], str: [0xa0, 0x1f], bin: null };
  const f = fix[kind];
  if (f && v <= BigInt(f[1])) return Uint8Array.of(f[0] | Number(v));
  const forms: Record<MsgpackKind, [number, number][]> = {
    uint: [
      [0xcc, 1],
      [0xcd, 2],
      [0xce, 4],
      [0xcf, 8],
    ],
    bin: [
      [0xc4, 1],
      [0xc5, 2],
      [0xc6, 4],
    ],
    str: [
      [0xd9, 1],
      [0xda, 2],
      [0xdb, 4],
    ],
    array: [
      [0xdc, 2],
      [0xdd, 4],
    ],
    map: [
      [0xde, 2],
      [0xdf, 4],
    ],
  };
  const fs = forms[kind];
  const [h, w] = fs.find(([, w]) => v < 1n << BigInt(8 * w)) ?? fs.at(-1)!;
  const max = (1n << BigInt(8 * w)) - 1n;
  const out = new Uint8Array(1 + w);
  out[0] = h;
  out.set(beBytes(v > max ? max : v, w), 1);
  return out;
}

function msgpackRead(b: Uint8Array, pos: number): { value: bigint; len: number; kind: MsgpackKind } | null {
  if (pos >= b.length) return null;
  const h = msgpackHeader(b[pos]!);
  if (!h) return null;
  if (h.width === 0) return { value: BigInt(h.packed!), len: 1, kind: h.kind };
  const v = readBe(b, pos + 1, h.width);
  return v === null ? null : { value: v, len: 1 + h.width, kind: h.kind };
}

/**
 * A msgpack header that carries a number: an unsigned integer, or the count of an array, map,
 * string or byte string. Rewriting keeps the kind and picks the narrowest form that holds the
 * value, so a fixarray of 1 can become an array32 of 2^32-1.
 */
export const msgpackCount: IntCodec = {
  name: 'msgpack',
  read: msgpackRead,
  write: (v) => msgpackWrite('uint', v),
  rewrite(b, pos, v) {
    const r = msgpackRead(b, pos);
    return r ? msgpackWrite(r.kind, v) : null;
  },
};

/** An unsigned decimal number in text (JSON). */
export const decimalText: IntCodec = {
  name: 'decimal',
  read(b, pos) {
    let n = 0;
    while (pos + n < b.length && n < 40 && b[pos + n]! >= 0x30 && b[pos + n]! <= 0x39) n++;
    if (n === 0 || (pos > 0 && b[pos - 1]! >= 0x30 && b[pos - 1]! <= 0x39)) return null;
    return { value: BigInt(new TextDecoder().decode(b.subarray(pos, pos + n))), len: n };
  },
  write(v) {
    return new TextEncoder().encode((v < 0n ? 0n : v).toString());
  },
};

/** Numbers worth trying where a length, count, id or depth is expected. */
export const INTERESTING: readonly bigint[] = [
  0n,
  1n,
  2n,
  7n,
  8n,
  15n,
  16n,
  31n,
  32n,
  63n,
  64n,
  65n,
  127n,
  128n,
  255n,
  256n,
  999n,
  1000n,
  1001n,
  0x7fffn,
  0x8000n,
  0xffffn,
  0x10000n,
  0x7fffffffn,
  0x80000000n,
  0xffffffffn,
  0x100000000n,
  (1n << 53n) - 1n,
  1n << 53n,
  (1n << 63n) - 1n,
  1n << 63n,
  U64,
  1n << 30n,
  (1n << 30n) + 1n,
];
