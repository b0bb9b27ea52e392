/**
 * Mutations of one input into another. Each mutator is small and named; `havoc` stacks a few.
 * Sizes never exceed `maxLen`.
 */
import type { Format } from './formats.js';
import { INTERESTING, type IntCodec } from './ints.js';
import type { Rng } from './rng.js';

export interface MutationEnv {
  readonly rng: Rng;
  readonly format: Format;
  readonly maxLen: number;
  /** another corpus input, for splicing */
  other(): Uint8Array;
}

export type Mutator = (b: Uint8Array, env: MutationEnv) => Uint8Array | null;

const INTERESTING_BYTES = [0x00, 0x01, 0x7f, 0x80, 0x81, 0xfe, 0xff, 0x10, 0x20, 0x40, 0xc0, 0xf8];

function splice(b: Uint8Array, at: number, removeCount: number, insert: Uint8Array): Uint8Array {
  const out = new Uint8Array(b.length - removeCount + insert.length);
  out.set(b.subarray(0, at), 0);
  out.set(insert, at);
  out.set(b.subarray(at + removeCount), at + insert.length);
  return out;
}

export const flipBits: Mutator = (b, { rng }) => {
  if (b.length === 0) return null;
  const out = b.slice();
  for (let n = rng.small(4); n > 0; n--) out[rng.below(out.length)]! ^= 1 << rng.below(8);
  return out;
};

export const setInterestingByte: Mutator = (b, { rng }) => {
  if (b.length === 0) return null;
  const out = b.slice();
  out[rng.below(out.length)] = rng.chance(0.7) ? rng.pick(INTERESTING_BYTES) : rng.below(256);
  return out;
};

export const insertRandomBytes: Mutator = (b, { rng }) => splice(b, rng.below(b.length + 1), 0, rng.fill(new Uint8Array(rng.small(8))));

export const deleteRange: Mutator = (b, { rng }) => {
  if (b.length === 0) return null;
  const at = rng.below(b.length);
  const n = Math.min(b.length - at, rng.chance(0.8) ? rng.small(16) : rng.between(1, Math.max(1, b.length >> 2)));
  return splice(b, at, n, new Uint8Array(0));
};

/** Copies a chunk of the input over or into another place of it. */
export const copyRange: Mutator = (b, { rng }) => {
  if (b.length < 2) return null;
  const from = rng.below(b.length);
  const n = Math.min(b.length - from, rng.small(32));
  const chunk = b.slice(from, from + n);
  const to = rng.below(b.length);
  if (rng.chance(0.5)) return splice(b, to, 0, chunk);
  return splice(b, to, Math.min(n, b.length - to), chunk);
};

/** Repeats a chunk many times in place: grows nesting in prefix-framed formats. */
export const repeatRange: Mutator = (b, { rng, maxLen }) => {
  if (b.length === 0) return null;
  const from = rng.below(b.length);
  const n = Math.min(b.length - from, rng.small(12));
  const times = rng.chance(0.8) ? rng.between(2, 32) : rng.between(500, 5000);
  const total = Math.min(n * times, maxLen - b.length);
  if (total <= 0) return null;
  const rep = new Uint8Array(total);
  for (let i = 0; i < total; i++) rep[i] = b[from + (i % n)]!;
  return splice(b, from, 0, rep);
};

function pickInteresting(rng: Rng, current: bigint, remaining: number): bigint {
  switch (rng.below(4)) {
    case 0:
      return rng.pick(INTERESTING);
    case 1:
      return BigInt(remaining + rng.between(-2, 2));
    case 2:
      return current + BigInt(rng.between(-3, 3));
    default:
      return current * 2n + 1n;
  }
}

/** Finds a number at a random position and replaces it with an interesting one, same encoding. */
function findInt(
  b: Uint8Array,
  env: MutationEnv,
  accept: (v: bigint, pos: number, len: number) => boolean,
): { codec: IntCodec; pos: number; value: bigint; len: number } | null {
  const { rng, format } = env;
  for (let tries = 0; tries < 24 && b.length > 0; tries++) {
    const codec = rng.pick(format.ints);
    const pos = rng.below(b.length);
    const r = codec.read(b, pos);
    if (r && accept(r.value, pos, r.len)) return { codec, pos, ...r };
  }
  return null;
}

function replaceInt(b: Uint8Array, hit: { codec: IntCodec; pos: number; len: number }, v: bigint): Uint8Array | null {
  const rep = hit.codec.rewrite ? hit.codec.rewrite(b, hit.pos, v) : hit.codec.write(v);
  return rep ? splice(b, hit.pos, hit.len, rep) : null;
}

export const overwriteInt: Mutator = (b, env) => {
  const hit = findInt(b, env, () => true);
  if (!hit) return null;
  return replaceInt(b, hit, pickInteresting(env.rng, hit.value, b.length - hit.pos - hit.len));
};

/** Finds a number that could be a length or count of what follows it and makes it larger. */
export const inflateLength: Mutator = (b, env) => {
  const hit = findInt(b, env, (v, pos, len) => v > 0n && v <= BigInt(b.length - pos - len));
  if (!hit) return null;
  const { rng } = env;
  const bigger = rng.pick([hit.value + 1n, hit.value + 2n, hit.value * 2n, hit.value + 1000n, 0x7fffffffn, 0xffffffffn, (1n << 63n) - 1n, (1n << 64n) - 1n]);
  return replaceInt(b, hit, bigger);
};

export const insertInt: Mutator = (b, env) => {
  const codec = env.rng.pick(env.format.ints);
  return splice(b, env.rng.below(b.length + 1), 0, codec.write(env.rng.pick(INTERESTING)));
};

export const insertToken: Mutator = (b, { rng, format }) => {
  if (format.dict.length === 0) return null;
  return splice(b, rng.below(b.length + 1), 0, rng.pick(format.dict));
};

export const truncate: Mutator = (b, { rng }) => (b.length < 2 ? null : b.slice(0, rng.below(b.length)));

/** Joins the front of this input with the back of another, or inserts a chunk of another. */
export const spliceOther: Mutator = (b, env) => {
  const o = env.other();
  if (o.length === 0) return null;
  const { rng } = env;
  if (rng.chance(0.5)) {
    const a = rng.below(b.length + 1);
    const c = rng.below(o.length);
    const out = new Uint8Array(a + o.length - c);
    out.set(b.subarray(0, a), 0);
    out.set(o.subarray(c), a);
    return out;
  }
  const from = rng.below(o.length);
  return splice(b, rng.below(b.length + 1), 0, o.slice(from, from + rng.small(64)));
};

const MUTATORS: readonly [Mutator, number][] = [
  [flipBits, 10],
  [setInterestingByte, 10],
  [insertRandomBytes, 5],
  [deleteRange, 8],
  [copyRange, 6],
  [repeatRange, 3],
  [overwriteInt, 12],
  [inflateLength, 10],
  [insertInt, 4],
  [insertToken, 6],
  [truncate, 5],
  [spliceOther, 6],
];
const TOTAL = MUTATORS.reduce((s, [, w]) => s + w, 0);

function pickMutator(rng: Rng): Mutator {
  let r = rng.below(TOTAL);
  for (const [m, w] of MUTATORS) {
    if (r < w) return m;
    r -= w;
  }
  return MUTATORS[0]![0];
}

/** One to a few stacked mutations; never longer than maxLen. */
export function havoc(b: Uint8Array, env: MutationEnv): Uint8Array {
  let out = b;
  for (let n = env.rng.small(5); n > 0; n--) {
    const next = pickMutator(env.rng)(out, env);
    if (next) out = next;
  }
  if (out === b) out = flipBits(b, env) ?? insertRandomBytes(b, env)!;
  return out.length > env.maxLen ? out.subarray(0, env.maxLen) : out;
}
