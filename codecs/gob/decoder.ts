/**
 * The typed Decoder: reads values into the shapes GoType descriptors describe, matching the
 * sender's wire types the way encoding/gob does (decode.go): struct fields by name (unknown
 * ones skipped, a field of incompatible type an error), ints into any int width that holds the
 * value, interfaces by registered name.
 *
 * Decoding ops are compiled once per (local type, remote type id) pair on a stream. What the
 * stream shows about each Go type's id and definition is recorded in the IdSpace, so that
 * re-encoding with it reproduces Go's ids and names.
 */
import { WireError } from '../wire/errors.js';
import { DynamicReader, type GobTopValue } from './dynamic.js';
import { isByteSlice, isIntKind, isUintKind, userType, X_BINARY, X_GOB, type ExternalContext, type GoExternal, type GoInterface, type GoStruct, type GoType } from './gotype.js';
import { IdSpace } from './idspace.js';
import { GobRegistry } from './registry.js';
import { END, GobStreamReader, NEED_MORE, type StreamOptions } from './stream.js';
import { T_BOOL, T_BYTES, T_COMPLEX, T_FLOAT, T_INT, T_INTERFACE, T_STRING, T_UINT, readStructFields, type TypeId, type WireType } from './types.js';
import { float64FromBits, readGobBytes, readGobFloatBits, readGobInt64, readGobUint, readGobUint64 } from './wire.js';
import type { GoIface } from './encoder.js';

export { NEED_MORE, END };

type DecOp = (d: GobDecoder) => unknown;

export interface GobDecoderOptions extends StreamOptions {
  /** The process id space to record ids into (a fresh one when omitted). */
  ids?: IdSpace;
  /** Names accepted inside interfaces. */
  registry?: GobRegistry;
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

const INT_LIMITS: Record<string, [bigint, bigint]> = {
  int8: [-128n, 127n],
  int16: [-32768n, 32767n],
  int32: [-2147483648n, 2147483647n],
  uint8: [0n, 255n],
  uint16: [0n, 65535n],
  uint32: [0n, 4294967295n],
};

const MAX_FLOAT32 = 3.4028234663852886e38;

const zeroFields = new WeakMap<GoType, [string, unknown, boolean][]>();

/** A struct's zero value, from a per-type list of field zeros (fresh objects where mutable). */
function zeroStruct(t: GoType & { kind: 'struct' }): Record<string, unknown> {
  let zs = zeroFields.get(t);
  if (!zs) {
    zs = t.fields.map((f) => {
      const z = zeroValue(f.type);
      return [f.name, z, z !== null && typeof z === 'object'];
    });
    zeroFields.set(t, zs);
  }
  const o: Record<string, unknown> = {};
  for (let i = 0; i < zs.length; i++) {
    const [name, z, fresh] = zs[i]!;
    o[name] = fresh ? zeroValue((t.fields[i] as { type: GoType }).type) : z;
  }
  return o;
}

/** The value of a type that was not on the wire (Go's zero value). */
export function zeroValue(t: GoType): unknown {
  switch (t.kind) {
    case 'bool':
      return false;
    case 'int8':
    case 'int16':
    case 'int32':
    case 'uint8':
    case 'uint16':
    case 'uint32':
    case 'float32':
    case 'float64':
      return 0;
    case 'int':
    case 'int64':
    case 'uint':
    case 'uint64':
    case 'uintptr':
      return 0n;
    case 'complex64':
    case 'complex128':
      return { re: 0, im: 0 };
    case 'string':
      return '';
    case 'slice':
      return isByteSlice(t) ? new Uint8Array(0) : [];
    case 'array':
      return Array.from({ length: t.len }, () => zeroValue(t.elem));
    case 'struct':
      return zeroStruct(t);
    case 'external':
      return t.zero();
    default:
      return null; // map, interface, pointer
  }
}

/**
 * Ops compiled on one stream serve every later stream of the same process whose definitions of
 * the ids involved are the same (the nested streams of cty.Type / cty.Value repeat a handful of
 * definitions hundreds of times in one ConfigSpec). Per id space, because compiling also
 * records ids into it.
 */
interface Compiled {
  readonly ops: Map<GoType, Map<string, DecOp>>;
  readonly engines: Map<GoType, Map<string, StructEngine>>;
}
const compiledBySpace = new WeakMap<IdSpace, Compiled>();

interface StructEngine {
  /** Per wire field: the local field name and op, or null to skip the value. */
  readonly fields: readonly ({ name: string; op: DecOp } | null)[];
  readonly wire: WireType & { kind: 'struct' };
  readonly matched: number;
}

export class GobDecoder {
  readonly ids: IdSpace;
  readonly registry: GobRegistry;
  private readonly s: GobStreamReader;
  private readonly dyn: DynamicReader;
  /** Compiled ops, shared by every stream of one id space (keyed by the definitions they read). */
  private readonly compiled: Compiled;
  /** Fingerprint of each type id on this stream: its definition and everything it reaches. */
  private readonly prints = new Map<TypeId, string>();

  /** A streaming decoder (feed it with `push`, then `end`); pass `whole` to decode a complete buffer. */
  constructor(opts: GobDecoderOptions = {}, whole?: Uint8Array) {
    this.ids = opts.ids ?? new IdSpace();
    this.registry = opts.registry ?? new GobRegistry();
    this.s = new GobStreamReader(opts, whole);
    this.dyn = new DynamicReader(this.s);
    this.s.onRollback = () => {
      this.prints.clear();
      this.dyn.reset();
    };
    let c = compiledBySpace.get(this.ids);
    if (!c) compiledBySpace.set(this.ids, (c = { ops: new Map(), engines: new Map() }));
    this.compiled = c;
  }

  push(chunk: Uint8Array): void {
    this.s.push(chunk);
  }

  end(): void {
    this.s.end();
  }

  /** Ids of the type definitions received so far, in order. */
  get typeIds(): readonly TypeId[] {
    return this.s.typeIds;
  }

  get types(): ReadonlyMap<TypeId, WireType> {
    return this.s.types;
  }

  /** True once end() was called and every byte was consumed. */
  get done(): boolean {
    return this.s.atEnd;
  }

  /** Decoder.Decode into a value of `type`: the value, NEED_MORE, or END. */
  next<T = unknown>(type: GoType): T | typeof NEED_MORE | typeof END {
    return this.s.attempt(() => {
      const id = this.s.typeSequence(false);
      if (id < 0) return END;
      return this.decodeValue(type, id) as T;
    });
  }

  /** The next value in the dynamic model (no Go type needed). */
  nextDynamic(): GobTopValue | typeof NEED_MORE | typeof END {
    return this.dyn.next();
  }

  private fail(reason: string, at?: number): never {
    return this.s.fail(reason, at);
  }

  /** decode.go decodeValue: a value of remote type `id` into local type `t`. */
  private decodeValue(t: GoType, id: TypeId): unknown {
    const ut = userType(t);
    const at = this.s.r.pos;
    if (ut.externalEnc === 0 && ut.base.kind === 'struct') {
      const eng = this.structEngine(ut.base, id, at);
      if (eng.matched === 0 && ut.base.fields.length > 0 && eng.wire.fields.length > 0) {
        this.fail(`type mismatch: no fields matched compiling decoder for ${ut.base.name || ut.base.str}`, at);
      }
      return this.decodeStruct(ut.base, eng);
    }
    const rt = ut.externalEnc !== 0 ? ut.user : ut.base;
    if (!this.compatible(rt, id, new Map())) {
      if (ut.base.kind === 'interface' && id !== T_INTERFACE) {
        this.fail(`local interface type ${t.str} can only be decoded from remote interface type; received concrete type ${this.typeString(id)}`, at);
      }
      this.fail(`decoding into local type ${t.str}, received remote type ${this.typeString(id)}`, at);
    }
    const op = this.opFor(id, t);
    const d = readGobUint(this.s.r, 'singleton delta');
    if (d !== 0) this.fail(`non-zero delta ${d} before a non-struct value`, at);
    return op(this);
  }

  private typeString(id: TypeId): string {
    const names: Record<number, string> = { 1: 'bool', 2: 'int', 3: 'uint', 4: 'float', 5: 'bytes', 6: 'string', 7: 'complex', 8: 'interface' };
    if (names[id]) return names[id]!;
    const wt = this.s.types.get(id);
    return wt ? wt.name || `${wt.kind} type ${id}` : `unknown type id ${id}`;
  }

  /** decode.go compatibleType. Structs are compatible here; their fields are checked later. */
  private compatible(fr: GoType, fw: TypeId, inProgress: Map<GoType, TypeId>): boolean {
    const prev = inProgress.get(fr);
    if (prev !== undefined) return prev === fw;
    inProgress.set(fr, fw);
    const ut = userType(fr);
    const wire = fw >= 64 ? this.s.types.get(fw) : undefined;
    const wk = wire?.kind;
    if ((ut.externalEnc === X_GOB) !== (wk === 'gob') || (ut.externalEnc === X_BINARY) !== (wk === 'binary') || wk === 'text') return false;
    if (ut.externalEnc !== 0) return true;
    const t = ut.base;
    switch (t.kind) {
      case 'bool':
        return fw === T_BOOL;
      case 'float32':
      case 'float64':
        return fw === T_FLOAT;
      case 'complex64':
      case 'complex128':
        return fw === T_COMPLEX;
      case 'string':
        return fw === T_STRING;
      case 'interface':
        return fw === T_INTERFACE;
      case 'array':
        return wire?.kind === 'array' && wire.len === t.len && this.compatible(t.elem, wire.elem, inProgress);
      case 'map':
        return wire?.kind === 'map' && this.compatible(t.key, wire.key, inProgress) && this.compatible(t.elem, wire.elem, inProgress);
      case 'slice':
        if (isByteSlice(t)) return fw === T_BYTES;
        return wire?.kind === 'slice' && this.compatible(userType(t.elem).base, wire.elem, inProgress);
      case 'struct':
        return true;
      default:
        if (isIntKind(t.kind)) return fw === T_INT;
        if (isUintKind(t.kind)) return fw === T_UINT;
        return false;
    }
  }

  /** After a failed compile: ops built meanwhile may refer to the failed one (recursive types). */
  private forgetCompiled(): void {
    this.compiled.ops.clear();
    this.compiled.engines.clear();
  }

  /** A key for the definitions a value of type `id` can read on this stream. */
  private fingerprint(id: TypeId): string {
    if (id < 64) return String(id);
    const have = this.prints.get(id);
    if (have !== undefined) return have;
    const parts: string[] = [];
    const seen = new Set<TypeId>();
    const stack = [id];
    while (stack.length > 0) {
      const x = stack.pop()!;
      if (x < 64 || seen.has(x)) continue;
      seen.add(x);
      const wt = this.s.types.get(x);
      if (!wt) {
        parts.push(`${x}?`);
        continue;
      }
      const nm = `${wt.name.length}.${wt.name}`;
      switch (wt.kind) {
        case 'array':
          parts.push(`${x}a${nm}${wt.len}:${wt.elem}`);
          stack.push(wt.elem);
          break;
        case 'slice':
          parts.push(`${x}s${nm}${wt.elem}`);
          stack.push(wt.elem);
          break;
        case 'map':
          parts.push(`${x}m${nm}${wt.key}:${wt.elem}`);
          stack.push(wt.key, wt.elem);
          break;
        case 'struct': {
          let f = `${x}t${nm}`;
          for (const fl of wt.fields) {
            f += `${fl.name.length}.${fl.name}${fl.id},`;
            stack.push(fl.id);
          }
          parts.push(f);
          break;
        }
        default:
          parts.push(`${x}${wt.kind}${nm}${wt.id}`);
      }
    }
    const key = parts.join(';');
    // Only complete fingerprints are kept: a missing definition may still arrive.
    if (!key.includes('?')) this.prints.set(id, key);
    return key;
  }

  private structEngine(t: GoStruct, id: TypeId, at: number): StructEngine {
    const wire = id >= 64 ? this.s.types.get(id) : undefined;
    if (!wire) return this.fail(id >= 64 ? `unknown type id ${id}` : `type mismatch in decoder: want struct type ${t.str}; got non-struct`, at);
    if (wire.kind !== 'struct') return this.fail(`type mismatch in decoder: want struct type ${t.str}; got non-struct`, at);
    let m = this.compiled.engines.get(t);
    if (!m) this.compiled.engines.set(t, (m = new Map()));
    const key = this.fingerprint(id);
    const have = m.get(key);
    if (have) return have;
    // Register before compiling fields, for recursive types; forget it if compiling fails.
    const fields: ({ name: string; op: DecOp } | null)[] = [];
    const eng = { fields, wire, matched: 0 };
    m.set(key, eng);
    try {
      this.observe(t, id);
      for (const wf of wire.fields) {
        if (wf.name === '') this.fail(`empty name for remote field of type ${wire.name}`, at);
        const local = t.fields.find((f) => f.name === wf.name);
        if (!local) {
          fields.push(null);
          continue;
        }
        if (!this.compatible(local.type, wf.id, new Map())) {
          this.fail(`wrong type (${local.type.str}) for received field ${wire.name}.${wf.name}`, at);
        }
        fields.push({ name: local.name, op: this.opFor(wf.id, local.type) });
        eng.matched++;
      }
    } catch (e) {
      this.forgetCompiled();
      throw e;
    }
    return eng;
  }

  private decodeStruct(t: GoStruct, eng: StructEngine): Record<string, unknown> {
    const s = this.s;
    s.enter();
    const o = zeroValue(t) as Record<string, unknown>;
    const wt = eng.wire;
    readStructFields(s.r, wt.fields.length, `struct ${wt.name}`, (f) => {
      const ins = eng.fields[f];
      if (ins) o[ins.name] = ins.op(this);
      else this.dyn.value(wt.fields[f]!.id);
    });
    s.leave();
    return o;
  }

  private observe(t: GoType, id: TypeId): void {
    if (id < 64) return;
    const wire = this.s.types.get(id);
    if (!wire) return;
    const base = userType(t).base;
    if (base.kind === 'struct' && wire.kind === 'struct') {
      // Only a sender of the same Go type tells us that type's id.
      const same = wire.fields.length === base.fields.length && wire.fields.every((f, i) => f.name === base.fields[i]!.name);
      if (!same) return;
    }
    this.ids.observe(t, id, wire);
  }

  /** decode.go decOpFor: the op reading a value of remote type `id` into local type `t`. */
  private opFor(id: TypeId, t: GoType): DecOp {
    const ut = userType(t);
    const rt = ut.externalEnc !== 0 ? ut.user : ut.base;
    let m = this.compiled.ops.get(rt);
    if (!m) this.compiled.ops.set(rt, (m = new Map()));
    const key = this.fingerprint(id);
    const have = m.get(key);
    if (have) return have;
    let built: DecOp | undefined;
    m.set(key, (d) => built!(d));
    try {
      this.observe(t, id);
      built = this.buildOp(id, rt, ut.externalEnc !== 0);
    } catch (e) {
      this.forgetCompiled();
      throw e;
    }
    m.set(key, built);
    return built;
  }

  private buildOp(id: TypeId, t: GoType, external: boolean): DecOp {
    if (external) {
      const x = userType(t).base as GoExternal;
      return (d) => {
        const s = d.s;
        const at = s.r.pos;
        const b = readGobBytes(s.r, `${x.str} encoded value`);
        const ctx: ExternalContext = { ids: d.ids, registry: d.registry, depth: s.depth + 1, offset: s.r.base + s.r.pos - b.length };
        s.enter();
        try {
          return x.decode(b, ctx);
        } catch (e) {
          if (e instanceof WireError) throw e;
          return d.fail(`${x.str}: ${(e as Error)?.message ?? String(e)}`, at);
        } finally {
          s.leave();
        }
      };
    }
    switch (t.kind) {
      case 'bool':
        return (d) => {
          const at = d.s.r.pos;
          const u = readGobUint(d.s.r, 'bool');
          if (u > 1) d.fail(`bool value ${u} is neither 0 nor 1`, at);
          return u === 1;
        };
      case 'int':
      case 'int64':
        return (d) => readGobInt64(d.s.r, t.kind);
      case 'uint':
      case 'uint64':
      case 'uintptr':
        return (d) => readGobUint64(d.s.r, t.kind);
      case 'int8':
      case 'int16':
      case 'int32':
      case 'uint8':
      case 'uint16':
      case 'uint32': {
        const [lo, hi] = INT_LIMITS[t.kind]!;
        const signed = isIntKind(t.kind);
        return (d) => {
          const at = d.s.r.pos;
          const v = signed ? readGobInt64(d.s.r, t.kind) : readGobUint64(d.s.r, t.kind);
          if (v < lo || v > hi) d.fail(`value ${v} out of range for ${t.str}`, at);
          return Number(v);
        };
      }
      case 'float64':
        return (d) => float64FromBits(readGobFloatBits(d.s.r));
      case 'float32':
        return (d) => d.float32(readGobFloatBits(d.s.r), t.str);
      case 'complex64':
      case 'complex128': {
        const f32 = t.kind === 'complex64';
        return (d) => {
          const re = readGobFloatBits(d.s.r, 'complex real part');
          const im = readGobFloatBits(d.s.r, 'complex imaginary part');
          return f32 ? { re: d.float32(re, t.str), im: d.float32(im, t.str) } : { re: float64FromBits(re), im: float64FromBits(im) };
        };
      }
      case 'string':
        // A Go string is bytes: a JS string when they are UTF-8, else the bytes themselves.
        return (d) => {
          const b = readGobBytes(d.s.r, 'string');
          try {
            return utf8.decode(b);
          } catch {
            return b.slice();
          }
        };
      case 'slice': {
        if (isByteSlice(t)) return (d) => readGobBytes(d.s.r, '[]byte').slice();
        const wire = this.s.types.get(id) as WireType & { kind: 'slice' };
        const elem = this.opFor(wire.elem, t.elem);
        const elemId = wire.elem;
        return (d) => d.readElems(elem, undefined, elemId);
      }
      case 'array': {
        const wire = this.s.types.get(id) as WireType & { kind: 'array' };
        const elem = this.opFor(wire.elem, t.elem);
        const elemId = wire.elem;
        const len = t.len;
        return (d) => d.readElems(elem, len, elemId);
      }
      case 'map': {
        const wire = this.s.types.get(id) as WireType & { kind: 'map' };
        const key = this.opFor(wire.key, t.key);
        const elem = this.opFor(wire.elem, t.elem);
        const keyId = wire.key;
        const elemId = wire.elem;
        return (d) => {
          const s = d.s;
          const at = s.r.pos;
          const n = readGobUint(s.r, 'map length');
          d.dyn.checkCount(n * 2, keyId, at, 'map entry', elemId);
          s.enter();
          const out = new Map<unknown, unknown>();
          for (let i = 0; i < n; i++) {
            if (s.r.pos >= s.r.end) d.fail(`map of ${n} entries runs past the end of the message`);
            const k = key(d);
            out.set(k, elem(d));
          }
          s.leave();
          return out;
        };
      }
      case 'struct': {
        const st = t;
        const eng = this.structEngine(st, id, this.s.r.pos);
        return (d) => d.decodeStruct(st, eng);
      }
      case 'interface': {
        const it = t;
        return (d) => d.decodeInterface(it);
      }
      default:
        return this.fail(`decode can't handle type ${t.str}`);
    }
  }

  private readElems(elem: DecOp, want: number | undefined, elemId: TypeId): unknown[] {
    const s = this.s;
    const at = s.r.pos;
    const n = readGobUint(s.r, want === undefined ? 'slice length' : 'array length');
    if (want !== undefined && n !== want) this.fail(`length mismatch in decodeArray: ${n} elements, type has ${want}`, at);
    this.dyn.checkCount(n, elemId, at, 'element');
    s.enter();
    const out: unknown[] = [];
    for (let i = 0; i < n; i++) {
      if (s.r.pos >= s.r.end) this.fail(`decoding array or slice: length ${n} exceeds input size`, at);
      out.push(elem(this));
    }
    s.leave();
    return out;
  }

  private float32(bits: bigint, what: string): number {
    const v = float64FromBits(bits);
    const av = Math.abs(v);
    if (av > MAX_FLOAT32 && av !== Infinity) this.fail(`value for "${what}" out of range`);
    return Math.fround(v);
  }

  /** decode.go decodeInterface. */
  private decodeInterface(it: GoInterface): GoIface | null {
    const s = this.s;
    const r = s.r;
    const at = r.pos;
    const nameBytes = readGobBytes(r, 'interface type name');
    if (nameBytes.length === 0) return null;
    if (nameBytes.length > 1024) this.fail(`interface type name too long (${nameBytes.length} bytes)`, at);
    let name: string;
    try {
      name = utf8.decode(nameBytes);
    } catch {
      return this.fail('interface type name is not valid UTF-8', at);
    }
    const typ = this.registry.typeOf(name);
    if (!typ) return this.fail(`name not registered for interface: ${JSON.stringify(name)}`, at);
    s.enter();
    const id = s.typeSequence(true);
    const cAt = r.pos;
    const count = readGobUint(r, 'interface value length');
    if (count > r.remaining) this.fail(`interface value length ${count} exceeds the ${r.remaining} bytes left in the message`, cAt);
    const value = this.decodeValue(typ, id);
    if (it.accepts && !it.accepts(typ)) this.fail(`${typ.str} is not assignable to type ${it.str}`, at);
    s.leave();
    return { type: typ, value };
  }
}

/** Decodes a complete buffer holding exactly one value of `type`. */
export function decodeGob<T = unknown>(type: GoType, bytes: Uint8Array, opts: GobDecoderOptions = {}): T {
  const d = new GobDecoder(opts, bytes);
  const v = d.next<T>(type);
  if (v === END || v === NEED_MORE) throw new WireError('gob', opts.offset ?? 0, 'empty gob stream: no value');
  if (!d.done) throw new WireError('gob', (opts.offset ?? 0), 'extra data after the value');
  return v;
}
