/** Byte-building helpers for the hostile shapes (fuzz/shapes/*.ts). */

export type Part = Uint8Array | number | readonly Part[];

/** Concatenates bytes, single byte values and nested lists of them. */
export function bytes(...parts: Part[]): Uint8Array {
  const flat: (Uint8Array | number)[] = [];
  const walk = (p: Part): void => {
    if (typeof p === 'number' || p instanceof Uint8Array) flat.push(p);
    else for (const q of p) walk(q);
  };
  parts.forEach(walk);
  let n = 0;
  for (const p of flat) n += typeof p === 'number' ? 1 : p.length;
  const out = new Uint8Array(n);
  let at = 0;
  for (const p of flat) {
    if (typeof p === 'number') out[at++] = p & 0xff;
    else {
      out.set(p, at);
      at += p.length;
    }
  }
  return out;
}

export const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

export function repeat(b: Uint8Array | number, times: number): Uint8Array {
  const unit = typeof b === 'number' ? Uint8Array.of(b) : b;
  const out = new Uint8Array(unit.length * times);
  for (let i = 0; i < times; i++) out.set(unit, i * unit.length);
  return out;
}

/**
 * `depth` levels wrapped around `leaf`, where each level's bytes before and after its content may
 * depend on the content's length (length-prefixed formats). Built inside out in sizes, then
 * written outside in, so the cost is linear in the output.
 */
export function nest(depth: number, leaf: Uint8Array, level: (innerLength: number, index: number) => [Uint8Array, Uint8Array]): Uint8Array {
  const heads: Uint8Array[] = new Array(depth);
  const tails: Uint8Array[] = new Array(depth);
  let inner = leaf.length;
  for (let i = depth - 1; i >= 0; i--) {
    const [h, t] = level(inner, i);
    heads[i] = h;
    tails[i] = t;
    inner += h.length + t.length;
  }
  const out = new Uint8Array(inner);
  let at = 0;
  for (let i = 0; i < depth; i++) {
    out.set(heads[i]!, at);
    at += heads[i]!.length;
  }
  out.set(leaf, at);
  at += leaf.length;
  for (let i = depth - 1; i >= 0; i--) {
    out.set(tails[i]!, at);
    at += tails[i]!.length;
  }
  return out;
}

const EMPTY = new Uint8Array(0);
export { EMPTY };
