/**
 * `interface{}` positions: what ugorji's DecodeNaked makes of each marker (with the SDK's handle:
 * WriteExt true, no MapType/SliceType, RawToString false), and how ugorji writes the values back.
 *
 * | wire                         | Go value after decoding           | model          |
 * |------------------------------|-----------------------------------|----------------|
 * | nil                          | nil                               | null           |
 * | bool                         | bool                              | boolean        |
 * | fixint, int8..int64          | int64                             | GoInt          |
 * | uint8..uint64                | uint64                            | GoUint         |
 * | float32 / float64            | float64                           | GoFloat (keeps the wire width) |
 * | str                          | string                            | string         |
 * | bin                          | []byte                            | Uint8Array     |
 * | array                        | []interface{}                     | AnyValue[]     |
 * | map                          | map[interface{}]interface{}       | GoMap          |
 *
 * In canonical JSON a GoMap is always `{"$map": [[k, v], …]}` (its Go key type is interface{});
 * a plain JSON object given for an interface{} position is read as a GoMap with string keys.
 * | ext -1 (4/8/12 bytes)        | time.Time                         | GoTime         |
 * | other ext                    | codec.RawExt                      | GoRawExt       |
 * | bin in an element of Configs | cty.Value (SDK decodeCTYValues)   | CtyConfig      |
 *
 * Map keys that are []byte become strings (as ugorji does); array, map and ext keys are refused
 * (Go cannot hash them), and so are duplicate keys (Go would keep only the last).
 */
import { DecodeLimitError } from '../wire/limits.js';
import type { ByteReader } from '../wire/reader.js';
import type { ByteWriter } from '../wire/writer.js';
import { WireError, MAX_DEPTH } from '../wire/errors.js';
import { valueFromCanonical, valueToCanonical, type Json } from '../cty/canonical.js';
import { type AnyValue, CtyConfig, GoFloat, GoInt, GoMap, GoRawExt, GoTime, GoUint } from './values.js';
import * as U from './ugorji.js';
import { ctyConfigJson } from './cty-bridge.js';
import { formatGoFloat, parseGoFloat } from '../golang/strconv.js';
import { formatRFC3339Nano, parseRFC3339Nano } from './text.js';
import { b64decode, b64encode, badCanonical, soleTag, unescapeKey } from './canon-util.js';

export type { Json };

const INT64_MIN = -(1n << 63n);
const INT64_MAX = (1n << 63n) - 1n;
const UINT64_MAX = (1n << 64n) - 1n;
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function nanBitsAt(r: ByteReader, start: number, n: 4 | 8): bigint {
  const dv = new DataView(r.buf.buffer, r.buf.byteOffset + start, n);
  return n === 4 ? BigInt(dv.getUint32(0)) : dv.getBigUint64(0);
}

// ---------------------------------------------------------------------------------------------
// decoding

export function decodeAny(r: ByteReader, depth: number, cty: boolean): AnyValue {
  const at = r.pos;
  const b = r.readByte();
  if (b <= 0x7f) return new GoInt(BigInt(b));
  if (b >= 0xe0) return new GoInt(BigInt(b - 256));
  let n = U.strLen(r, b);
  if (n >= 0) return U.readUtf8Payload(r, n, 'string');
  n = U.arrayLen(r, b, at);
  if (n >= 0) {
    if (depth + 1 > MAX_DEPTH) r.fail(`nesting deeper than ${MAX_DEPTH}`, at);
    const out = new Array<AnyValue>(n);
    for (let i = 0; i < n; i++) out[i] = decodeAny(r, depth + 1, false);
    return out;
  }
  n = U.mapLen(r, b, at);
  if (n >= 0) return decodeAnyMap(r, n, depth + 1, at);
  n = U.binLen(r, b);
  if (n >= 0) {
    const bytes = r.readBytes(n, 'bin');
    if (!cty) return r.bytesOut(bytes);
    const c = ctyConfigJson;
    try {
      return new CtyConfig(c.unmarshal(bytes, r.budget));
    } catch (e) {
      // The serving SDK would refuse such a config in Prepare/Configure; the message itself is
      // fine, so the element stays the bytes it is. A config over the decode limits is refused.
      if (e instanceof WireError && !(e instanceof DecodeLimitError)) return r.bytesOut(bytes);
      throw e;
    }
  }
  switch (b) {
    case U.M.Nil:
      return null;
    case U.M.False:
      return false;
    case U.M.True:
      return true;
    case U.M.Float: {
      const f = r.readFloat32BE();
      return !Number.isNaN(f) ? new GoFloat(f, 32) : new GoFloat(f, 32, nanBitsAt(r, r.pos - 4, 4));
    }
    case U.M.Double: {
      const f = r.readFloat64BE();
      return !Number.isNaN(f) ? new GoFloat(f, 64) : new GoFloat(f, 64, nanBitsAt(r, r.pos - 8, 8));
    }
    case U.M.Uint8:
      return new GoUint(BigInt(r.readByte()));
    case U.M.Uint16:
      return new GoUint(BigInt(r.readUint16BE()));
    case U.M.Uint32:
      return new GoUint(BigInt(r.readUint32BE()));
    case U.M.Uint64:
      return new GoUint(r.readBigUint64BE());
    case U.M.Int8:
      return new GoInt(BigInt((r.readByte() << 24) >> 24));
    case U.M.Int16:
      return new GoInt(BigInt((r.readUint16BE() << 16) >> 16));
    case U.M.Int32:
      return new GoInt(BigInt(r.readUint32BE() | 0));
    case U.M.Int64:
      return new GoInt(BigInt.asIntN(64, r.readBigUint64BE()));
    case U.M.Never:
      return r.fail('reserved marker 0xc1', at);
  }
  // Only ext markers are left.
  const len = U.extLen(r, b);
  const tag = r.readByte();
  if (tag === U.TIME_EXT_TAG) return U.readTimeData(r, len, at);
  return new GoRawExt(tag, r.bytesOut(r.readBytes(len, 'ext data')));
}

function decodeAnyMap(r: ByteReader, n: number, depth: number, at: number): GoMap {
  if (depth > MAX_DEPTH) r.fail(`nesting deeper than ${MAX_DEPTH}`, at);
  const entries = new Array<readonly [AnyValue, AnyValue]>(n);
  const seen = new Set<string>();
  for (let i = 0; i < n; i++) {
    const kat = r.pos;
    let k = decodeAny(r, depth, false);
    if (k instanceof Uint8Array) {
      // ugorji turns a []byte key of an interface{}-keyed map into a string.
      try {
        k = utf8.decode(k);
      } catch {
        r.fail('invalid UTF-8 in map key', kat);
      }
    }
    const id = keyId(k);
    if (id === null) r.fail(`map key of type ${keyKind(k)} cannot be a Go map key`, kat);
    if (id !== undefined) {
      if (seen.has(id)) r.fail('duplicate map key', kat);
      seen.add(id);
    }
    entries[i] = [k, decodeAny(r, depth, false)];
  }
  return new GoMap(entries);
}

const keyKind = (k: AnyValue): string => (Array.isArray(k) ? 'array' : k instanceof GoMap ? 'map' : 'ext');

/** Identity of a map key as Go compares keys; null: not hashable; undefined: never equal (NaN). */
function keyId(k: AnyValue): string | null | undefined {
  if (k === null) return 'n';
  switch (typeof k) {
    case 'boolean':
      return k ? 'T' : 'F';
    case 'string':
      return 's' + k;
  }
  if (k instanceof GoInt) return 'i' + k.value;
  if (k instanceof GoUint) return 'u' + k.value;
  if (k instanceof GoFloat) return Number.isNaN(k.value) ? undefined : 'f' + (k.value === 0 ? 0 : k.value);
  if (k instanceof GoTime) return `t${k.sec}:${k.nsec}`;
  return null;
}

// ---------------------------------------------------------------------------------------------
// encoding

const bad = (w: ByteWriter, reason: string): never => {
  throw new WireError('rpc', w.pos, reason);
};

export function encodeAny(w: ByteWriter, v: unknown, cty: boolean, depth: number): void {
  if (v === null || v === undefined) return U.writeNil(w);
  switch (typeof v) {
    case 'boolean':
      return U.writeBool(w, v);
    case 'string':
      return U.writeStr(w, v);
    case 'number':
    case 'bigint':
      return bad(w, `bare ${typeof v} in an interface{} position: use GoInt, GoUint or GoFloat to say which Go type it is`);
  }
  if (v instanceof Uint8Array) return U.writeBin(w, v);
  if (v instanceof GoInt) {
    if (v.value < INT64_MIN || v.value > INT64_MAX) bad(w, `GoInt ${v.value} overflows int64`);
    return U.writeInt64(w, v.value);
  }
  if (v instanceof GoUint) {
    if (v.value < 0n || v.value > UINT64_MAX) bad(w, `GoUint ${v.value} overflows uint64`);
    return U.writeUint64(w, v.value);
  }
  if (v instanceof GoFloat) {
    if (v.nanBits !== undefined && Number.isNaN(v.value)) {
      w.writeByte(v.bits === 32 ? U.M.Float : U.M.Double);
      if (v.bits === 32) w.writeUint32BE(Number(v.nanBits & 0xffffffffn));
      else w.writeBigUint64BE(BigInt.asUintN(64, v.nanBits));
      return;
    }
    return v.bits === 32 ? U.writeFloat32(w, v.value) : U.writeFloat64(w, v.value);
  }
  if (v instanceof GoTime) return U.writeTime(w, v);
  if (depth >= MAX_DEPTH) bad(w, `nesting deeper than ${MAX_DEPTH}`);
  if (Array.isArray(v)) {
    U.writeArrayLen(w, v.length);
    for (const x of v) encodeAny(w, x, false, depth + 1);
    return;
  }
  if (v instanceof GoMap) {
    U.writeMapLen(w, v.entries.length);
    for (const [k, x] of v.entries) {
      encodeAny(w, k, false, depth + 1);
      encodeAny(w, x, false, depth + 1);
    }
    return;
  }
  if (v instanceof GoRawExt) {
    if (!Number.isInteger(v.tag) || v.tag < 0 || v.tag > 255) bad(w, `ext tag ${v.tag} is not a byte`);
    U.writeExtHeader(w, v.tag, v.data.length);
    w.writeBytes(v.data);
    return;
  }
  if (v instanceof CtyConfig) {
    if (!cty) bad(w, 'a CtyConfig can only stand as an element of Configs');
    return U.writeBin(w, ctyConfigJson.marshal(v.value));
  }
  return bad(w, `cannot encode ${(v as object).constructor?.name ?? typeof v} as a Go interface{} value`);
}

// ---------------------------------------------------------------------------------------------
// canonical JSON

export function anyToCanonical(v: unknown, depth: number): Json {
  if (v === null || v === undefined) return null;
  switch (typeof v) {
    case 'boolean':
    case 'string':
      return v;
  }
  if (v instanceof Uint8Array) return { $bytes: b64encode(v) };
  if (v instanceof GoInt) return { $int: String(v.value) };
  if (v instanceof GoUint) return { $uint: String(v.value) };
  // ugorji decodes both float widths into a float64 in an interface{}.
  if (v instanceof GoFloat) return { $float64: formatGoFloat(v.value) };
  if (v instanceof GoTime) return v.isZero() ? null : { $time: formatRFC3339Nano(v) };
  if (depth >= MAX_DEPTH) throw new WireError('canonical', 0, `nesting deeper than ${MAX_DEPTH}`);
  if (Array.isArray(v)) {
    // loops, not map(): one stack frame a level (MAX_DEPTH must fit a small stack)
    const out: Json[] = new Array(v.length);
    for (let i = 0; i < v.length; i++) out[i] = anyToCanonical(v[i]!, depth + 1);
    return out;
  }
  // ugorji decodes every map in an interface{} as map[interface{}]interface{}: never string-keyed.
  if (v instanceof GoMap) {
    const out: Json[] = new Array(v.entries.length);
    for (let i = 0; i < v.entries.length; i++) out[i] = [anyToCanonical(v.entries[i]![0], depth + 1), anyToCanonical(v.entries[i]![1], depth + 1)];
    return { $map: out };
  }
  if (v instanceof GoRawExt) return { Tag: { $uint: String(v.tag) }, Data: { $bytes: b64encode(v.data) }, Value: null };
  if (v instanceof CtyConfig) return { $cty: valueToCanonical(v.value) };
  throw new WireError('canonical', 0, `not an interface{} model value: ${(v as object).constructor?.name ?? typeof v}`);
}

function bigFromTag(s: unknown, path: string, min: bigint, max: bigint, tag: string): bigint {
  if (typeof s !== 'string' || !/^-?\d+$/.test(s)) return badCanonical(path, `${tag} needs a decimal string`);
  const n = BigInt(s);
  if (n < min || n > max) badCanonical(path, `${tag} ${s} out of range`);
  return n;
}

export function anyFromCanonical(j: unknown, path: string, cty: boolean, depth: number): AnyValue {
  if (j === null) return null;
  switch (typeof j) {
    case 'boolean':
    case 'string':
      return j;
    case 'object':
      break;
    default:
      return badCanonical(path, `unexpected ${typeof j} (integers and floats are tagged)`);
  }
  if (depth >= MAX_DEPTH) badCanonical(path, `nesting deeper than ${MAX_DEPTH}`);
  if (Array.isArray(j)) {
    const out: AnyValue[] = new Array(j.length);
    for (let i = 0; i < j.length; i++) out[i] = anyFromCanonical(j[i], `${path}[${i}]`, false, depth + 1);
    return out;
  }
  const o = j as Record<string, unknown>;
  const tag = soleTag(o);
  if (tag === undefined) {
    const entries: Array<readonly [AnyValue, AnyValue]> = [];
    for (const [k, x] of Object.entries(o)) entries.push([unescapeKey(k, path), anyFromCanonical(x, `${path}.${k}`, false, depth + 1)]);
    return new GoMap(entries);
  }
  const x = o[tag];
  switch (tag) {
    case '$int':
      return new GoInt(bigFromTag(x, path, INT64_MIN, INT64_MAX, tag));
    case '$uint':
      return new GoUint(bigFromTag(x, path, 0n, UINT64_MAX, tag));
    case '$float64':
    case '$float32': {
      const f = typeof x === 'string' ? parseGoFloat(x, { bareInf: true }) : undefined;
      if (f === undefined) return badCanonical(path, `${tag} needs float text`);
      return tag === '$float32' ? new GoFloat(Math.fround(f), 32) : new GoFloat(f, 64);
    }
    case '$bytes':
      if (typeof x !== 'string') return badCanonical(path, '$bytes needs a base64 string');
      return b64decode(x, path);
    case '$time': {
      const t = typeof x === 'string' ? parseRFC3339Nano(x) : undefined;
      return t ?? badCanonical(path, '$time needs RFC3339Nano text in UTC');
    }
    case '$map': {
      if (!Array.isArray(x)) return badCanonical(path, '$map needs a list of [key, value] pairs');
      const entries: Array<readonly [AnyValue, AnyValue]> = new Array(x.length);
      for (let i = 0; i < x.length; i++) {
        const p: unknown = x[i];
        if (!Array.isArray(p) || p.length !== 2) return badCanonical(`${path}.$map[${i}]`, 'expected a [key, value] pair');
        entries[i] = [
          anyFromCanonical(p[0], `${path}.$map[${i}][0]`, false, depth + 1),
          anyFromCanonical(p[1], `${path}.$map[${i}][1]`, false, depth + 1),
        ] as const;
      }
      return new GoMap(entries);
    }
    case '$cty':
      if (!cty) return badCanonical(path, '$cty only stands as an element of Configs');
      try {
        return new CtyConfig(valueFromCanonical(x));
      } catch (e) {
        return badCanonical(path, e instanceof WireError ? e.reason : String(e));
      }
  }
  return badCanonical(path, `unknown tag ${JSON.stringify(tag)}`);
}
