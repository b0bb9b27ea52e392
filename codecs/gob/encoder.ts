/**
 * The typed Encoder: Go values described by GoType descriptors, written exactly as
 * encoding/gob's Encoder writes them (encoder.go, encode.go).
 *
 * One Encoder is one stream: it remembers which types it has defined. Its ids come from an
 * IdSpace (one Go process); several Encoders may share one. Per-type encoding ops are compiled
 * once per GoType and cached for the life of the program.
 */
import { MAX_DEPTH, WireError } from '../wire/errors.js';
import type { ByteWriter } from '../wire/writer.js';
import { flushMessage, messagePool, update, type EncState } from './frame.js';
import {
  isByteSlice,
  userType,
  type DepthMark,
  type ExternalContext,
  type GobExternalType,
  type GobInterfaceType,
  type GoType,
  type UserTypeInfo,
} from './gotype.js';
import { IdSpace } from './idspace.js';
import { GobRegistry } from './registry.js';
import type { TypeId, WireType } from './types.js';
import { writeWireType } from './types.js';
import { writeGobBytes, writeGobFloat, writeGobInt, writeGobInt64, writeGobString, writeGobUint, writeGobUint64 } from './wire.js';

/** A concrete value inside an interface: its Go type and its value. */
export interface GoIface {
  readonly type: GoType;
  readonly value: unknown;
}

type EncOp = (e: GobEncoder, st: EncState, field: number, v: unknown) => void;

/** Kinds whose zero value is nil (so a null value need not mean a nil pointer above them). */
const hasNil = (t: GoType): boolean => t.kind === 'interface' || t.kind === 'map' || t.kind === 'slice';

const fail = (reason: string): never => {
  throw new WireError('gob', 0, reason);
};

export interface GobEncoderOptions {
  /** The process id space; a fresh one (ids from 64) when omitted. */
  ids?: IdSpace;
  /** Names of types allowed inside interfaces. */
  registry?: GobRegistry;
  /** Nesting depth already used by enclosing streams (for nested GobEncode streams). */
  depth?: number;
  /** Raised to the deepest nesting this encoder reaches (a nested stream passes its context's). */
  depthMark?: DepthMark;
}

export class GobEncoder {
  readonly ids: IdSpace;
  readonly registry: GobRegistry;
  private readonly writers: ByteWriter[] = [];
  private readonly sent = new Map<GoType, TypeId>();
  depth: number;
  private readonly depthMark: DepthMark | undefined;

  constructor(opts: GobEncoderOptions = {}) {
    this.ids = opts.ids ?? new IdSpace();
    this.registry = opts.registry ?? new GobRegistry();
    this.depth = opts.depth ?? 0;
    this.depthMark = opts.depthMark;
  }

  /** Encoder.Encode: the bytes of one value (and any type definitions it needs) on this stream. */
  encode(type: GoType, value: unknown): Uint8Array {
    const out = messagePool.get();
    out.pos = 0;
    try {
      this.encodeStream(out, type, value);
      return out.finish();
    } finally {
      messagePool.put(out);
    }
  }

  /**
   * Writes what `encode` returns into `w` as a gob byte string (count, then the bytes), without
   * allocating the intermediate result: how a nested GobEncode stream lands in its parent.
   */
  encodeTo(w: ByteWriter, type: GoType, value: unknown): void {
    const out = messagePool.get();
    out.pos = 0;
    try {
      this.encodeStream(out, type, value);
      writeGobBytes(w, out.bytes());
    } finally {
      messagePool.put(out);
    }
  }

  private encodeStream(out: ByteWriter, type: GoType, value: unknown): void {
    const ut = userType(type);
    // Pointers are flattened: null is a nil pointer, except above a type that has a nil of its own.
    if (ut.indir > 0 && value == null && !hasNil(ut.base)) fail(`gob: cannot encode nil pointer of type ${type.str}`);
    const top = messagePool.get();
    try {
      this.writers.length = 0;
      this.writers.push(out);
      this.sendTypeDescriptor(out, top, ut);
      writeGobInt(top, this.sent.get(ut.base)!);
      this.encodeValue(top, value, ut);
      flushMessage(out, top);
    } finally {
      messagePool.put(top);
    }
  }

  /** The innermost writer: the stream, or the enclosing message while inside an interface. */
  private writer(): ByteWriter {
    return this.writers[this.writers.length - 1]!;
  }

  /** encoder.go sendTypeDescriptor. */
  private sendTypeDescriptor(w: ByteWriter, b: ByteWriter, ut: UserTypeInfo): void {
    const rt = ut.externalEnc !== 0 ? ut.user : ut.base;
    if (this.sent.has(rt)) return;
    if (!this.sendType(w, b, rt)) this.sent.set(rt, this.ids.getTypeInfo(ut).id);
  }

  /** encoder.go sendType: defines `t` (and then its element/field types) unless predefined. */
  private sendType(w: ByteWriter, b: ByteWriter, t: GoType): boolean {
    const ut = userType(t);
    if (ut.externalEnc !== 0) return this.sendActualType(w, b, ut, ut.base);
    const base = ut.base;
    switch (base.kind) {
      case 'slice':
        if (isByteSlice(base)) return false;
        return this.sendActualType(w, b, ut, base);
      case 'array':
      case 'map':
      case 'struct':
        return this.sendActualType(w, b, ut, base);
      default:
        return false;
    }
  }

  private sendActualType(w: ByteWriter, b: ByteWriter, ut: UserTypeInfo, actual: GoType): boolean {
    if (this.sent.has(actual)) return false;
    const info = this.ids.getTypeInfo(ut);
    if (info.wire === null) return false;
    writeGobInt(b, -info.id);
    b.writeBytes(wireBytes(info.wire));
    flushMessage(w, b);
    this.sent.set(ut.base, info.id);
    if (ut.user !== ut.base) this.sent.set(ut.user, info.id);
    this.enter();
    this.sendInnerTypes(w, b, actual);
    this.leave();
    return true;
  }

  /** The element / key / field types of a type just defined, in encoder.go's order. */
  private sendInnerTypes(w: ByteWriter, b: ByteWriter, actual: GoType): void {
    switch (actual.kind) {
      case 'struct':
        for (const f of actual.fields) this.sendType(w, b, f.type);
        break;
      case 'array':
      case 'slice':
        this.sendType(w, b, actual.elem);
        break;
      case 'map':
        this.sendType(w, b, actual.key);
        this.sendType(w, b, actual.elem);
        break;
      case 'external':
        for (const f of actual.fields ?? []) this.sendType(w, b, f.type);
        break;
      default:
        break;
    }
  }

  /** encode.go Encoder.encode: a struct directly, anything else as a singleton (field 0). */
  private encodeValue(b: ByteWriter, v: unknown, ut: UserTypeInfo): void {
    if (ut.externalEnc === 0 && ut.base.kind === 'struct') {
      if (v == null) fail(`gob: cannot encode nil pointer of type ${ut.user.str}`);
      encodeStruct(this, b, ut.base.fields, structOps(ut.base), v);
      return;
    }
    const rt = ut.externalEnc !== 0 ? ut.user : ut.base;
    if (v == null && ut.externalEnc === 0 && ut.indir > 0 && !hasNil(ut.base)) fail(`gob: cannot encode nil pointer of type ${ut.user.str}`);
    const st: EncState = { b, sendZero: true, fieldnum: 0 };
    encOpFor(rt)(this, st, 0, v);
  }

  /** encode.go encodeInterface. */
  encodeInterface(b: ByteWriter, iface: GobInterfaceType, v: unknown): void {
    if (v == null) {
      writeGobUint(b, 0);
      return;
    }
    const iv = v as GoIface;
    if (typeof iv !== 'object' || !('type' in iv)) fail(`interface value for ${iface.str} must be {type, value}`);
    const ut = userType(iv.type);
    if (ut.indir > 0 && iv.value == null) fail(`gob: cannot encode nil pointer of type ${iv.type.str} inside interface`);
    if (iface.accepts && !iface.accepts(iv.type)) fail(`${iv.type.str} does not implement ${iface.str}`);
    const name = this.registry.nameOf(iv.type);
    if (name === undefined) fail(`type not registered for interface: ${ut.base.str}`);
    writeGobString(b, name!);
    this.sendTypeDescriptor(this.writer(), b, ut);
    writeGobInt(b, this.sent.get(ut.base)!);
    this.writers.push(b);
    const data = messagePool.get();
    try {
      this.encodeValue(data, iv.value, ut);
      this.writers.pop();
      flushMessage(b, data);
    } finally {
      messagePool.put(data);
    }
  }

  enter(): void {
    if (++this.depth > MAX_DEPTH) fail(`value nests deeper than ${MAX_DEPTH} levels`);
    if (this.depthMark !== undefined && this.depth > this.depthMark.max) this.depthMark.max = this.depth;
  }

  leave(): void {
    this.depth--;
  }

  externalContext(): ExternalContext {
    return { ids: this.ids, registry: this.registry, depth: this.depth, offset: 0, ...(this.depthMark ? { depthMark: this.depthMark } : {}) };
  }
}

/**
 * The encoding of each definition, by definition object: definitions are immutable and shared
 * (interned by the streams that showed them, kept by the id spaces that assigned them), and the
 * same few are sent at the head of every nested cty stream.
 */
const wireBytesCache = new WeakMap<WireType, Uint8Array>();

function wireBytes(wt: WireType): Uint8Array {
  let b = wireBytesCache.get(wt);
  if (b === undefined) {
    const w = messagePool.get();
    try {
      w.pos = 0;
      writeWireType(w, wt);
      b = w.finish();
    } finally {
      messagePool.put(w);
    }
    wireBytesCache.set(wt, b);
  }
  return b;
}

// ---- compiled ops (cached per GoType for the life of the program) ----

const opCache = new WeakMap<GoType, EncOp>();
const structOpCache = new WeakMap<GoType, EncOp[]>();

function structOps(t: GoType & { kind: 'struct' }): EncOp[] {
  let ops = structOpCache.get(t);
  if (!ops) {
    ops = [];
    structOpCache.set(t, ops);
    for (const f of t.fields) ops.push(encOpFor(f.type));
  }
  return ops;
}

/** The op for a type as it appears in a field, element or singleton (encode.go encOpFor). */
export function encOpFor(t: GoType): EncOp {
  const c = opCache.get(t);
  if (c) return c;
  let built: EncOp | undefined;
  // Recursive types: refer to the op being built through a trampoline.
  opCache.set(t, (e, st, f, v) => built!(e, st, f, v));
  built = buildOp(t);
  opCache.set(t, built);
  return built;
}

function buildOp(t: GoType): EncOp {
  const ut = userType(t);
  if (ut.externalEnc !== 0) return externalOp(ut);
  const base = baseOp(ut.base);
  if (ut.indir === 0) return base;
  // A pointer: nil fields are left out; nil elements cannot be sent.
  return (e, st, f, v) => {
    if (v == null) {
      if (f >= 0 && !st.sendZero) return;
      fail(`gob: cannot encode nil pointer element of type ${t.str}`);
    }
    base(e, st, f, v);
  };
}

function externalOp(ut: UserTypeInfo): EncOp {
  const x = ut.base as GobExternalType;
  return (e, st, f, v) => {
    if (!st.sendZero) {
      if (ut.user.kind === 'ptr') {
        if (v == null) return;
      } else if (ut.encIndir !== -1 && x.isZero(v)) return;
    }
    update(st, f);
    e.enter();
    const ctx = e.externalContext();
    if (x.encodeTo !== undefined) x.encodeTo(st.b, v, ctx);
    else writeGobBytes(st.b, x.encodeShared !== undefined ? x.encodeShared(v, ctx) : x.encode(v, ctx));
    e.leave();
  };
}

const INT_RANGE: Record<string, [bigint, bigint]> = {
  int8: [-128n, 127n],
  int16: [-32768n, 32767n],
  int32: [-2147483648n, 2147483647n],
  int: [-(1n << 63n), (1n << 63n) - 1n],
  int64: [-(1n << 63n), (1n << 63n) - 1n],
  uint8: [0n, 255n],
  uint16: [0n, 65535n],
  uint32: [0n, 4294967295n],
  uint: [0n, (1n << 64n) - 1n],
  uint64: [0n, (1n << 64n) - 1n],
  uintptr: [0n, (1n << 64n) - 1n],
};

function intValue(kind: string, v: unknown): bigint | number {
  if (v === undefined) return 0;
  if (typeof v === 'number') {
    if (!Number.isSafeInteger(v)) fail(`${kind} value ${v} is not an integer`);
  } else if (typeof v !== 'bigint') fail(`${kind} value must be a number or bigint, got ${typeof v}`);
  const [lo, hi] = INT_RANGE[kind]!;
  const b = BigInt(v as number | bigint);
  if (b < lo || b > hi) fail(`${kind} value ${b} out of range`);
  return v as number | bigint;
}

function baseOp(t: GoType): EncOp {
  switch (t.kind) {
    case 'bool':
      return (_e, st, f, v) => {
        if (v !== undefined && typeof v !== 'boolean') fail(`bool value must be a boolean, got ${typeof v}`);
        if (v || st.sendZero) {
          update(st, f);
          st.b.writeByte(v ? 1 : 0);
        }
      };
    case 'int':
    case 'int8':
    case 'int16':
    case 'int32':
    case 'int64': {
      const kind = t.kind;
      return (_e, st, f, v) => {
        const x = intValue(kind, v);
        if ((x !== 0 && x !== 0n) || st.sendZero) {
          update(st, f);
          if (typeof x === 'number') writeGobInt(st.b, x);
          else writeGobInt64(st.b, x);
        }
      };
    }
    case 'uint':
    case 'uint8':
    case 'uint16':
    case 'uint32':
    case 'uint64':
    case 'uintptr': {
      const kind = t.kind;
      return (_e, st, f, v) => {
        const x = intValue(kind, v);
        if ((x !== 0 && x !== 0n) || st.sendZero) {
          update(st, f);
          if (typeof x === 'number') writeGobUint(st.b, x);
          else writeGobUint64(st.b, x);
        }
      };
    }
    case 'float32':
    case 'float64': {
      const f32 = t.kind === 'float32';
      return (_e, st, f, v) => {
        const x = v === undefined ? 0 : v;
        if (typeof x !== 'number') return fail(`${t.kind} value must be a number`);
        if (f32 && Math.fround(x) !== x && !Number.isNaN(x)) fail(`value ${x} is not representable as float32`);
        if (x !== 0 || Number.isNaN(x) || st.sendZero) {
          update(st, f);
          writeGobFloat(st.b, x);
        }
      };
    }
    case 'complex64':
    case 'complex128':
      return (_e, st, f, v) => {
        const c = (v ?? { re: 0, im: 0 }) as { re: number; im: number };
        if (typeof c.re !== 'number' || typeof c.im !== 'number') fail('complex value must be {re, im}');
        if (c.re !== 0 || c.im !== 0 || Number.isNaN(c.re) || Number.isNaN(c.im) || st.sendZero) {
          update(st, f);
          writeGobFloat(st.b, c.re);
          writeGobFloat(st.b, c.im);
        }
      };
    case 'string':
      return (_e, st, f, v) => {
        const s = v === undefined ? '' : v;
        if (s instanceof Uint8Array) {
          // A Go string that is not UTF-8, kept as bytes.
          if (s.length > 0 || st.sendZero) {
            update(st, f);
            writeGobBytes(st.b, s);
          }
          return;
        }
        if (typeof s !== 'string') return fail(`string value must be a string or Uint8Array, got ${typeof s}`);
        if (s.length > 0 || st.sendZero) {
          update(st, f);
          writeGobString(st.b, s);
        }
      };
    case 'slice': {
      if (isByteSlice(t)) {
        return (_e, st, f, v) => {
          const b = v == null ? EMPTY : v;
          if (!(b instanceof Uint8Array)) return fail('[]byte value must be a Uint8Array');
          if (b.length > 0 || st.sendZero) {
            update(st, f);
            writeGobBytes(st.b, b);
          }
        };
      }
      const elem = encOpFor(t.elem);
      return (e, st, f, v) => {
        const a = v == null ? NONE : v;
        if (!Array.isArray(a)) return fail(`${t.str} value must be an array`);
        if (!st.sendZero && a.length === 0) return;
        update(st, f);
        encodeArray(e, st.b, a, elem);
      };
    }
    case 'array': {
      const elem = encOpFor(t.elem);
      return (e, st, f, v) => {
        if (!Array.isArray(v) || v.length !== t.len) return fail(`${t.str} value must be an array of ${t.len} elements`);
        update(st, f);
        encodeArray(e, st.b, v, elem);
      };
    }
    case 'map': {
      const key = encOpFor(t.key);
      const elem = encOpFor(t.elem);
      return (e, st, f, v) => {
        if (v == null) {
          if (!st.sendZero) return;
          v = EMPTY_MAP;
        }
        if (!(v instanceof Map)) return fail(`${t.str} value must be a Map`);
        update(st, f);
        e.enter();
        const st2: EncState = { b: st.b, sendZero: true, fieldnum: -1 };
        writeGobUint(st.b, v.size);
        for (const [k, x] of v) {
          key(e, st2, -1, k);
          elem(e, st2, -1, x);
        }
        e.leave();
      };
    }
    case 'struct':
      return (e, st, f, v) => {
        if (v == null || typeof v !== 'object') return fail(`${t.str} value must be an object`);
        update(st, f);
        encodeStruct(e, st.b, t.fields, structOps(t), v);
      };
    case 'interface':
      return (e, st, f, v) => {
        if (!st.sendZero && v == null) return;
        update(st, f);
        e.enter();
        e.encodeInterface(st.b, t, v);
        e.leave();
      };
    default:
      return fail(`gob: can't encode type ${t.str}`);
  }
}

const EMPTY = new Uint8Array(0);
const NONE: readonly unknown[] = Object.freeze([]);
const EMPTY_MAP: ReadonlyMap<unknown, unknown> = new Map();

function encodeArray(e: GobEncoder, b: ByteWriter, a: readonly unknown[], elem: EncOp): void {
  e.enter();
  const st: EncState = { b, sendZero: true, fieldnum: -1 };
  writeGobUint(b, a.length);
  for (let i = 0; i < a.length; i++) elem(e, st, -1, a[i]);
  e.leave();
}

function encodeStruct(e: GobEncoder, b: ByteWriter, fields: readonly { name: string }[], ops: EncOp[], v: unknown): void {
  e.enter();
  const o = v as Record<string, unknown>;
  const st: EncState = { b, sendZero: false, fieldnum: -1 };
  for (let i = 0; i < ops.length; i++) ops[i]!(e, st, i, o[fields[i]!.name]);
  b.writeByte(0);
  e.leave();
}

/** Encodes one value as a whole stream (Encoder.Encode on a new Encoder). */
export function encodeGob(type: GoType, value: unknown, opts: GobEncoderOptions = {}): Uint8Array {
  return new GobEncoder(opts).encode(type, value);
}
