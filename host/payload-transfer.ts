/**
 * Moving decoded payloads (cty values, ObjectSpecs) between threads. Structured clone keeps
 * arrays, Maps, Sets and bigints but not classes or identities, so `packPayload` marks what it
 * would lose (CtyNumber, Unknown, the nil tuple element list) and `revivePayload` restores it,
 * primitive types and DynamicPseudoType included (they are compared with `===`). Both are one
 * linear walk; nothing is decoded again.
 */
import { CtyNumber } from '../codecs/cty/number.js';
import { NIL_TYPE_LIST, T } from '../codecs/cty/types.js';
import { Unknown } from '../codecs/cty/values.js';
import { MAX_DEPTH } from '../codecs/wire/index.js';

const SINGLETONS: Readonly<Record<string, unknown>> = { string: T.String, number: T.Number, bool: T.Bool, dynamic: T.DynamicPseudoType };

/** A copy of `x` that survives structured clone (postMessage) and `revivePayload` restores. */
export function packPayload(x: unknown, depth = 0): unknown {
  if (depth > MAX_DEPTH + 8) throw new RangeError('payload nested too deeply to transfer');
  if (x === null || typeof x !== 'object') return x;
  if (x === NIL_TYPE_LIST) return { $nil: 1 };
  if (x instanceof CtyNumber) return { $num: [x.form, x.neg, x.mant, x.exp, x.prec, x.mode, x.acc] };
  if (x instanceof Unknown) return { $unknown: x.refinements === undefined ? null : packPayload(x.refinements, depth + 1) };
  if (Array.isArray(x)) return x.map((v) => packPayload(v, depth + 1));
  if (x instanceof Map) {
    const m = new Map<unknown, unknown>();
    for (const [k, v] of x) m.set(k, packPayload(v, depth + 1));
    return m;
  }
  if (x instanceof Set || x instanceof Uint8Array) return x;
  const o: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(x)) o[k] = packPayload(v, depth + 1);
  return o;
}

/** The inverse of packPayload, on the receiving thread. */
export function revivePayload(x: unknown, depth = 0): unknown {
  if (depth > MAX_DEPTH + 8) throw new RangeError('payload nested too deeply to transfer');
  if (x === null || typeof x !== 'object') return x;
  if (Array.isArray(x)) return x.map((v) => revivePayload(v, depth + 1));
  if (x instanceof Map) {
    const m = new Map<unknown, unknown>();
    for (const [k, v] of x) m.set(k, revivePayload(v, depth + 1));
    return m;
  }
  if (x instanceof Set || x instanceof Uint8Array) return x;
  const o = x as Record<string, unknown>;
  if ('$nil' in o) return NIL_TYPE_LIST;
  if ('$num' in o) {
    const [form, neg, mant, exp, prec, mode, acc] = o['$num'] as ConstructorParameters<typeof CtyNumber>;
    return new CtyNumber(form, neg, mant, exp, prec, mode, acc);
  }
  if ('$unknown' in o) {
    const r = o['$unknown'];
    return r === null ? Unknown.plain : new Unknown(revivePayload(r, depth + 1) as ConstructorParameters<typeof Unknown>[0]);
  }
  const keys = Object.keys(o);
  if (keys.length === 1 && keys[0] === 'kind' && typeof o['kind'] === 'string' && o['kind'] in SINGLETONS) return SINGLETONS[o['kind']];
  const out: Record<string, unknown> = {};
  for (const k of keys) out[k] = revivePayload(o[k], depth + 1);
  return out;
}
