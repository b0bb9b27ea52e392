/**
 * Compiles a GoType description (gotype.ts) into ugorji msgpack encode/decode functions and
 * canonical JSON converters. Each description is compiled once and cached; struct field names
 * are pre-encoded at compile time.
 */
import type { ByteReader } from '../wire/reader.js';
import { ByteWriter } from '../wire/writer.js';
import { WireError, MAX_DEPTH } from '../wire/errors.js';
import type { GoType } from './gotype.js';
import { GoTime } from './values.js';
import * as U from './ugorji.js';
import { decodeAny, encodeAny, anyToCanonical, anyFromCanonical, type Json } from './any.js';
import { formatGoFloat, parseGoFloat } from '../golang/strconv.js';
import { formatRFC3339Nano, parseRFC3339Nano } from './text.js';
import { escapeKey, unescapeKey, badCanonical, isObject, tagOf, b64encode, b64decode } from './canon-util.js';
import { bytesAt, putBytes, strBytes } from '../msgpack/str.js';

export interface CompiledType {
  readonly type: GoType;
  /** Writes v (a model value of this type) in ugorji's bytes. */
  enc(w: ByteWriter, v: unknown): void;
  /** Reads one value of this type. `depth` counts enclosing containers. */
  dec(r: ByteReader, depth: number): unknown;
  /** Model value -> canonical RpcValue. */
  toJ(v: unknown): Json;
  /** Canonical RpcValue -> model value; `path` names the position for errors. */
  fromJ(j: unknown, path: string): unknown;
  /** Go's zero value of the type. */
  zero(): unknown;
}

const cache = new WeakMap<GoType, CompiledType>();

export function compile(t: GoType): CompiledType {
  let c = cache.get(t);
  if (!c) {
    c = build(t);
    cache.set(t, c);
  }
  return c;
}

const badValue = (w: ByteWriter, t: GoType, v: unknown): never => {
  throw new WireError('rpc', w.pos, `cannot encode ${describeJs(v)} as Go ${t.name}`);
};

export function describeJs(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'object') return (v as object).constructor?.name ?? 'object';
  return typeof v;
}

export function checkDepth(r: ByteReader, depth: number): void {
  if (depth > MAX_DEPTH) r.fail(`nesting deeper than ${MAX_DEPTH}`);
}

function peekNil(r: ByteReader): boolean {
  if (r.peekByte() === U.M.Nil) {
    r.pos++;
    return true;
  }
  return false;
}

function build(t: GoType): CompiledType {
  switch (t.kind) {
    case 'bool':
      return {
        type: t,
        enc(w, v) {
          if (typeof v !== 'boolean') badValue(w, t, v);
          U.writeBool(w, v as boolean);
        },
        dec(r) {
          const at = r.pos;
          const b = r.readByte();
          if (b === U.M.True) return true;
          if (b === U.M.False) return false;
          return U.wrongMarker(r, at, b, 'bool');
        },
        toJ: (v) => v as boolean,
        fromJ(j, path) {
          if (typeof j !== 'boolean') badCanonical(path, 'expected true or false');
          return j;
        },
        zero: () => false,
      };
    case 'int':
    case 'uint':
      return t.bits === 64 ? buildInt64(t) : buildSmallInt(t);
    case 'float':
      return buildFloat(t);
    case 'string':
      return {
        type: t,
        enc(w, v) {
          if (typeof v !== 'string') badValue(w, t, v);
          U.writeStr(w, v as string);
        },
        dec: (r) => U.readStr(r, t.name),
        toJ: (v) => v as string,
        fromJ(j, path) {
          if (typeof j !== 'string') badCanonical(path, 'expected a string');
          return j;
        },
        zero: () => '',
      };
    case 'bytes':
      return {
        type: t,
        enc(w, v) {
          if (v === null) U.writeNil(w);
          else if (v instanceof Uint8Array) U.writeBin(w, v);
          else badValue(w, t, v);
        },
        dec(r) {
          const at = r.pos;
          const b = r.readByte();
          if (b === U.M.Nil) return null;
          const n = U.binLen(r, b);
          if (n < 0) U.wrongMarker(r, at, b, '[]byte (bin or nil)');
          return r.bytesOut(r.readBytes(n, 'bin'));
        },
        toJ: (v) => (v === null ? null : { $bytes: b64encode(v as Uint8Array) }),
        fromJ(j, path) {
          if (j === null) return null;
          const s = tagOf(j, '$bytes');
          if (typeof s !== 'string') return badCanonical(path, 'expected null or {"$bytes": base64}');
          return b64decode(s, path);
        },
        zero: () => null,
      };
    case 'time':
      return {
        type: t,
        enc(w, v) {
          if (!(v instanceof GoTime)) badValue(w, t, v);
          U.writeTime(w, v as GoTime);
        },
        dec: (r) => U.readTime(r),
        toJ: (v) => ((v as GoTime).isZero() ? null : { $time: formatRFC3339Nano(v as GoTime) }),
        fromJ(j, path) {
          if (j === null) return GoTime.ZERO;
          const s = tagOf(j, '$time');
          const tm = typeof s === 'string' ? parseRFC3339Nano(s) : undefined;
          return tm ?? badCanonical(path, 'expected null or {"$time": RFC3339Nano in UTC}');
        },
        zero: () => GoTime.ZERO,
      };
    case 'slice':
      return buildSlice(t);
    case 'map':
      return buildMap(t);
    case 'ptr': {
      const e = compile(t.elem);
      return {
        type: t,
        enc(w, v) {
          if (v === null || v === undefined) U.writeNil(w);
          else e.enc(w, v);
        },
        dec: (r, depth) => (peekNil(r) ? null : e.dec(r, depth)),
        toJ: (v) => (v === null ? null : e.toJ(v)),
        fromJ: (j, path) => (j === null ? null : e.fromJ(j, path)),
        zero: () => null,
      };
    }
    case 'struct':
      return buildStruct(t);
    case 'any':
      return {
        type: t,
        enc: (w, v) => encodeAny(w, v, t.cty, 0),
        dec: (r, depth) => decodeAny(r, depth, t.cty),
        toJ: (v) => anyToCanonical(v, 0),
        fromJ: (j, path) => anyFromCanonical(j, path, t.cty, 0),
        zero: () => null,
      };
  }
}

function buildSmallInt(t: Extract<GoType, { kind: 'int' | 'uint' }>): CompiledType {
  const signed = t.kind === 'int';
  const min = signed ? -(2 ** (t.bits - 1)) : 0;
  const max = signed ? 2 ** (t.bits - 1) - 1 : 2 ** t.bits - 1;
  const tag = signed ? '$int' : '$uint';
  return {
    type: t,
    enc(w, v) {
      if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) badValue(w, t, v);
      if (signed) U.writeInt(w, v as number);
      else U.writeUint(w, v as number);
    },
    dec: (r) => U.readSmallInt(r, min, max, t.name),
    toJ: (v) => ({ [tag]: String(v) }),
    fromJ(j, path) {
      const s = tagOf(j, tag);
      const n = typeof s === 'string' && /^-?\d+$/.test(s) ? Number(s) : NaN;
      if (!(n >= min && n <= max)) badCanonical(path, `expected {"${tag}": decimal} within ${t.name}`);
      return n;
    },
    zero: () => 0,
  };
}

function buildInt64(t: Extract<GoType, { kind: 'int' | 'uint' }>): CompiledType {
  const signed = t.kind === 'int';
  const min = signed ? -(1n << 63n) : 0n;
  const max = signed ? (1n << 63n) - 1n : (1n << 64n) - 1n;
  const tag = signed ? '$int' : '$uint';
  return {
    type: t,
    enc(w, v) {
      if (typeof v !== 'bigint' || v < min || v > max) badValue(w, t, v);
      if (signed) U.writeInt64(w, v as bigint);
      else U.writeUint64(w, v as bigint);
    },
    dec: (r) => U.readBigInt(r, min, max, t.name),
    toJ: (v) => ({ [tag]: String(v) }),
    fromJ(j, path) {
      const s = tagOf(j, tag);
      const n = typeof s === 'string' && /^-?\d+$/.test(s) ? BigInt(s) : undefined;
      if (n === undefined || n < min || n > max) badCanonical(path, `expected {"${tag}": decimal} within ${t.name}`);
      return n;
    },
    zero: () => 0n,
  };
}

function buildFloat(t: Extract<GoType, { kind: 'float' }>): CompiledType {
  const is32 = t.bits === 32;
  const marker = is32 ? U.M.Float : U.M.Double;
  const tag = is32 ? '$float32' : '$float64';
  return {
    type: t,
    enc(w, v) {
      if (typeof v !== 'number') badValue(w, t, v);
      if (is32) U.writeFloat32(w, v as number);
      else U.writeFloat64(w, v as number);
    },
    dec(r) {
      const at = r.pos;
      const b = r.readByte();
      if (b !== marker) U.wrongMarker(r, at, b, t.name);
      return is32 ? r.readFloat32BE() : r.readFloat64BE();
    },
    toJ: (v) => ({ [tag]: formatGoFloat(v as number) }),
    fromJ(j, path) {
      const s = tagOf(j, tag);
      const f = typeof s === 'string' ? parseGoFloat(s, { bareInf: true }) : undefined;
      if (f === undefined) return badCanonical(path, `expected {"${tag}": text}`);
      return is32 ? Math.fround(f) : f;
    },
    zero: () => 0,
  };
}

function buildSlice(t: Extract<GoType, { kind: 'slice' }>): CompiledType {
  const e = compile(t.elem);
  return {
    type: t,
    enc(w, v) {
      if (v === null) return U.writeNil(w);
      if (!Array.isArray(v)) return badValue(w, t, v);
      U.writeArrayLen(w, v.length);
      for (const x of v) e.enc(w, x);
    },
    dec(r, depth) {
      const at = r.pos;
      const b = r.readByte();
      if (b === U.M.Nil) return null;
      const n = U.arrayLen(r, b, at);
      if (n < 0) U.wrongMarker(r, at, b, `${t.name} (array or nil)`);
      checkDepth(r, depth + 1);
      const out = new Array<unknown>(n);
      for (let i = 0; i < n; i++) out[i] = e.dec(r, depth + 1);
      return out;
    },
    toJ: (v) => (v === null ? null : (v as unknown[]).map((x) => e.toJ(x))),
    fromJ(j, path) {
      if (j === null) return null;
      if (!Array.isArray(j)) return badCanonical(path, 'expected null or an array');
      return j.map((x, i) => e.fromJ(x, `${path}[${i}]`));
    },
    zero: () => null,
  };
}

function buildMap(t: Extract<GoType, { kind: 'map' }>): CompiledType {
  const k = compile(t.key);
  const e = compile(t.elem);
  const stringKeys = t.key.kind === 'string';
  return {
    type: t,
    enc(w, v) {
      if (v === null) return U.writeNil(w);
      if (!(v instanceof Map)) return badValue(w, t, v);
      U.writeMapLen(w, v.size);
      for (const [mk, mv] of v) {
        k.enc(w, mk);
        e.enc(w, mv);
      }
    },
    dec(r, depth) {
      const at = r.pos;
      const b = r.readByte();
      if (b === U.M.Nil) return null;
      const n = U.mapLen(r, b, at);
      if (n < 0) U.wrongMarker(r, at, b, `${t.name} (map or nil)`);
      checkDepth(r, depth + 1);
      const out = new Map<unknown, unknown>();
      for (let i = 0; i < n; i++) {
        const kat = r.pos;
        const key = k.dec(r, depth + 1);
        if (out.has(key)) r.fail(`duplicate map key ${JSON.stringify(String(key))}`, kat);
        out.set(key, e.dec(r, depth + 1));
      }
      return out;
    },
    toJ(v) {
      if (v === null) return null;
      const m = v as Map<unknown, unknown>;
      if (stringKeys) {
        // No prototype: a Go key "__proto__" is just a key.
        const o = Object.create(null) as { [k: string]: Json };
        for (const [mk, mv] of m) o[escapeKey(mk as string)] = e.toJ(mv);
        return o;
      }
      return { $map: [...m].map(([mk, mv]) => [k.toJ(mk), e.toJ(mv)]) };
    },
    fromJ(j, path) {
      if (j === null) return null;
      const out = new Map<unknown, unknown>();
      if (stringKeys) {
        if (!isObject(j)) return badCanonical(path, 'expected null or an object');
        for (const [jk, jv] of Object.entries(j)) out.set(unescapeKey(jk, path), e.fromJ(jv, `${path}.${jk}`));
        return out;
      }
      const pairs = tagOf(j, '$map');
      if (!Array.isArray(pairs)) return badCanonical(path, 'expected null or {"$map": [[k, v], …]}');
      pairs.forEach((p, i) => {
        if (!Array.isArray(p) || p.length !== 2) badCanonical(`${path}.$map[${i}]`, 'expected a [key, value] pair');
        out.set(k.fromJ(p[0], `${path}.$map[${i}][0]`), e.fromJ(p[1], `${path}.$map[${i}][1]`));
      });
      return out;
    },
    zero: () => null,
  };
}

/** Zero values that are shared immutable values (a struct's zero is a fresh object each time). */
const sharedZero = (c: CompiledType): boolean => c.type.kind !== 'struct';

function buildStruct(t: Extract<GoType, { kind: 'struct' }>): CompiledType {
  const names = t.fields.map(([n]) => n);
  const codecs = t.fields.map(([, ft]) => compile(ft));
  const index = new Map(names.map((n, i) => [n, i]));
  // Each field name as ugorji writes it (a str), encoded once; decoding matches keys against
  // these bytes, so a field name on the wire never becomes a JS string.
  const keyBytes = names.map(strBytes);
  const header = (() => {
    const w = new ByteWriter(5);
    U.writeMapLen(w, names.length);
    return w.finish();
  })();
  const nf = names.length;
  const what = `${t.name} (map)`;
  // Decoded structs start as a copy of this (every field at its zero value, in declaration
  // order), so all of them share one shape; fields whose zero is an object get a fresh one.
  const template: Record<string, unknown> = {};
  const freshZero: number[] = [];
  for (let i = 0; i < nf; i++) {
    template[names[i]!] = sharedZero(codecs[i]!) ? codecs[i]!.zero() : null;
    if (!sharedZero(codecs[i]!)) freshZero.push(i);
  }

  /** Index of the field whose key starts at r.pos (trying `hint` first), or -1. Advances past the key. */
  const matchKey = (r: ByteReader, hint: number): number => {
    const buf = r.buf;
    const p = r.pos;
    if (hint < nf && bytesAt(buf, p, r.end, keyBytes[hint]!)) {
      r.pos = p + keyBytes[hint]!.length;
      return hint;
    }
    for (let i = 0; i < nf; i++) {
      if (i !== hint && bytesAt(buf, p, r.end, keyBytes[i]!)) {
        r.pos = p + keyBytes[i]!.length;
        return i;
      }
    }
    return -1;
  };

  return {
    type: t,
    enc(w, v) {
      if (typeof v !== 'object' || v === null || Array.isArray(v)) return badValue(w, t, v);
      const o = v as Record<string, unknown>;
      putBytes(w, header);
      for (let i = 0; i < nf; i++) {
        putBytes(w, keyBytes[i]!);
        codecs[i]!.enc(w, o[names[i]!]);
      }
    },
    dec(r, depth) {
      const at = r.pos;
      const b = r.readByte();
      const n = U.mapLen(r, b, at);
      if (n < 0) U.wrongMarker(r, at, b, what);
      checkDepth(r, depth + 1);
      const o: Record<string, unknown> = { ...template };
      // Fields seen so far: a bit mask for up to 31 fields, else an array.
      let seenBits = 0;
      const seen = nf > 31 ? new Array<boolean>(nf).fill(false) : undefined;
      let next = 0;
      for (let i = 0; i < n; i++) {
        const kat = r.pos;
        let fi = matchKey(r, next);
        if (fi < 0) {
          // Not a key in the form ugorji writes: read it as a string (any str form, or the error).
          const key = U.readStr(r, 'struct field name');
          fi = index.get(key) ?? r.fail(`unknown field ${JSON.stringify(key)} in ${t.name}`, kat);
        }
        if (seen ? seen[fi] : seenBits & (1 << fi)) r.fail(`duplicate field ${JSON.stringify(names[fi])} in ${t.name}`, kat);
        if (seen) seen[fi] = true;
        else seenBits |= 1 << fi;
        o[names[fi]!] = codecs[fi]!.dec(r, depth + 1);
        next = fi + 1;
      }
      // Fields the map leaves out keep Go's zero value, as ugorji leaves them.
      for (const i of freshZero) if (!(seen ? seen[i] : seenBits & (1 << i))) o[names[i]!] = codecs[i]!.zero();
      return o;
    },
    toJ(v) {
      const o = v as Record<string, unknown>;
      const out: { [k: string]: Json } = {};
      for (let i = 0; i < nf; i++) out[escapeKey(names[i]!)] = codecs[i]!.toJ(o[names[i]!]);
      return out;
    },
    fromJ(j, path) {
      if (!isObject(j)) return badCanonical(path, `expected an object for ${t.name}`);
      const o: Record<string, unknown> = {};
      for (const jk of Object.keys(j)) {
        if (!index.has(unescapeKey(jk, path))) badCanonical(path, `unknown field ${JSON.stringify(jk)} in ${t.name}`);
      }
      for (let i = 0; i < nf; i++) {
        const jk = escapeKey(names[i]!);
        if (!(jk in j)) badCanonical(path, `missing field ${names[i]} of ${t.name}`);
        o[names[i]!] = codecs[i]!.fromJ(j[jk], `${path}.${names[i]}`);
      }
      return o;
    },
    zero() {
      const o: Record<string, unknown> = {};
      for (let i = 0; i < nf; i++) o[names[i]!] = codecs[i]!.zero();
      return o;
    },
  };
}
