/**
 * Mutations of a decoded value rather than of bytes: decode a corpus entry, take its canonical
 * JSON (vectors/README.md), change one node (a number to an extreme one, a string to a long or
 * odd one, a list grown, a subtree moved), and let the codec write it back. The bytes are then
 * well-framed, so they reach the checks behind the framing (numbers, names, types) that byte
 * mutations mostly stop short of.
 */
import type { Rng } from './rng.js';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

const NUMBERS = [
  '0',
  '-0',
  '1e400',
  '-1e-400',
  '1e9999',
  '1e-9999',
  '9'.repeat(400),
  `0.${'0'.repeat(300)}1`,
  '+Inf',
  '-Inf',
  '4.9e-324',
  '1.7976931348623157e308',
  '123456789.987654321',
];
const INTS = [
  '0',
  '-1',
  '9223372036854775807',
  '-9223372036854775808',
  '18446744073709551615',
  '18446744073709551616',
  '-18446744073709551617',
  '99999999999999999999999999',
];
const STRINGS = ['', '\u0000', '\ud800', 'é', 'e\u0301', '\uffff', '$', '$$x', 'a'.repeat(70_000), '\u{10ffff}'];

/** A mutation adds at most this many JSON nodes. */
const MAX_ADDED_NODES = 20_000;

/** Every node with the way to replace it. */
function nodes(root: Json): { node: Json; set: (v: Json) => void }[] {
  const out: { node: Json; set: (v: Json) => void }[] = [];
  const stack: { node: Json; set: (v: Json) => void }[] = [{ node: root, set: () => undefined }];
  while (stack.length && out.length < 50_000) {
    const e = stack.pop()!;
    out.push(e);
    const n = e.node;
    if (Array.isArray(n)) n.forEach((c, i) => stack.push({ node: c, set: (v) => (n[i] = v) }));
    else if (n && typeof n === 'object') for (const k of Object.keys(n)) stack.push({ node: n[k]!, set: (v) => (n[k] = v) });
  }
  return out;
}

/** One change to a copy of `root`; the parent's key tells what a string is (a number, an int, text). */
export function mutateCanonical(root: unknown, rng: Rng): unknown {
  const copy = structuredClone(root) as Json;
  const all = nodes(copy);
  if (all.length <= 1) return copy;
  const { node, set } = all[1 + rng.below(all.length - 1)]!;
  if (node && typeof node === 'object' && !Array.isArray(node)) {
    const keys = Object.keys(node);
    const k = keys.length ? rng.pick(keys) : undefined;
    if (k === '$number' || k === '$float' || k === '$float64' || k === '$float32') node[k] = rng.pick(NUMBERS);
    else if (k === '$int' || k === '$uint') node[k] = rng.pick(INTS);
    else if (k === 'prec') node[k] = rng.pick([0, 1, 53, 512, 4096, 1 << 20, 2 ** 32 - 1]);
    else if (k !== undefined && rng.chance(0.3)) delete node[k];
    else if (k !== undefined) node[rng.pick(STRINGS)] = node[k]!;
    return copy;
  }
  if (Array.isArray(node)) {
    if (node.length && rng.chance(0.6)) {
      const item = node[rng.below(node.length)]!;
      // Keep the value's size near the input's: a copied subtree may itself be large.
      const times = Math.min(rng.chance(0.8) ? rng.between(2, 8) : rng.between(100, 2000), Math.floor(MAX_ADDED_NODES / nodes(item).length));
      for (let i = 0; i < times; i++) node.push(structuredClone(item));
    } else node.splice(rng.below(node.length + 1), 1);
    return copy;
  }
  if (typeof node === 'string') set(rng.chance(0.5) ? rng.pick(STRINGS) : /^-?\d+$/.test(node) ? rng.pick(INTS) : node + node);
  else if (typeof node === 'number') set(rng.pick([0, -1, 1e21, 2 ** 53, -(2 ** 31), 1.5, 1e308]));
  else if (typeof node === 'boolean') set(!node);
  else set(structuredClone(all[rng.below(all.length)]!.node));
  return copy;
}
