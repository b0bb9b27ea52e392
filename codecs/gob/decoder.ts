/**
 * The typed Decoder: reads values into the shapes GoType descriptors describe, matching the
 * sender's wire types the way encoding/gob does (decode.go): struct fields by name (unknown
 * ones skipped, a field of incompatible type an error), ints into any int width that holds the
 * value, interfaces by registered name.
 *
 * Decoding ops are compiled once per (local type, remote definitions) for the whole program
 * (compiled.ts), and each stream remembers the op for each (type id, local type) it has used, so
 * a value costs no schema work after the first of its kind. What the stream shows about each Go
 * type's id and definition is recorded in the IdSpace, so that re-encoding with it reproduces
 * Go's ids and names.
 */
import { WireError } from '../wire/errors.js';
import type { ByteReader } from '../wire/reader.js';
import { BytesCache } from './bytes-cache.js';
import { onClearCaches } from './caches.js';
import { begin, end, lookup, newTable } from './compiled.js';
import { DynamicReader, presized, type GobTopValue } from './dynamic.js';
import type { GoIface } from './encoder.js';
import {
  isByteSlice,
  isIntKind,
  isUintKind,
  userType,
  X_BINARY,
  X_GOB,
  type ExternalContext,
  type GobExternalType,
  type GobInterfaceType,
  type GobStructType,
  type GoType,
} from './gotype.js';
import { IdSpace } from './idspace.js';
import { GobRegistry } from './registry.js';
import { END, GobStreamReader, NEED_MORE, type StreamOptions } from './stream.js';
import { nextField, T_BOOL, T_BYTES, T_COMPLEX, T_FLOAT, T_INT, T_INTERFACE, T_STRING, T_UINT, type TypeId, type WireType } from './types.js';
import { firstInvalidUtf8, readGobBytes, readGobFloat64, readGobInt64, readGobLength, readGobUint, readGobUint64, utf8OrUndefined } from './wire.js';
import { structMaker, zeroValue } from './zero.js';

export { NEED_MORE, END, zeroValue };

type DecOp = (d: GobDecoder) => unknown;

export interface GobDecoderOptions extends StreamOptions {
  /** The process id space to record ids into (a fresh one when omitted). */
  ids?: IdSpace;
  /** Names accepted inside interfaces. */
  registry?: GobRegistry;
  /**
   * Told where each Go string that is not UTF-8 sits: the bytes returned for it and the input
   * offset of its first invalid byte (so a caller refusing it can say where).
   */
  badString?: (bytes: Uint8Array, at: number) => void;
}

const INT_LIMITS: Record<string, [bigint, bigint]> = {
  int8: [-128n, 127n],
  int16: [-32768n, 32767n],
  int32: [-2147483648n, 2147483647n],
  uint8: [0n, 255n],
  uint16: [0n, 65535n],
  uint32: [0n, 4294967295n],
};

const MAX_FLOAT32 = 3.4028234663852886e38;

interface StructEngine {
  /** Per wire field: the local field name and op, or null to skip the value. */
  readonly fields: readonly ({ name: string; op: DecOp } | null)[];
  readonly wire: WireType & { kind: 'struct' };
  readonly matched: number;
  /** The struct's name in errors. */
  readonly what: string;
  /** A new value with every field at Go's zero value. */
  readonly make: () => Record<string, unknown>;
}

const ops = newTable<DecOp>();
const engines = newTable<StructEngine>();

/** Registered types by the bytes of their names (only names found registered: a registry only grows). */
let namesByRegistry = new WeakMap<GobRegistry, BytesCache<GoType>>();
onClearCaches(() => (namesByRegistry = new WeakMap()));

/** About the heap a struct's wire definition holds (names at 2 bytes a character, a field object each). */
function wireStructBytes(w: WireType & { kind: 'struct' }): number {
  let n = 64 + 2 * w.name.length;
  for (const f of w.fields) n += 64 + 2 * f.name.length;
  return n;
}

/** The op a stream uses for values of one type id into one local type. */
interface TopOp {
  readonly t: GoType;
  readonly op: DecOp;
  readonly next: TopOp | undefined;
}

const SMALL_IDS: readonly string[] = Array.from({ length: 64 }, (_, i) => String(i));

export class GobDecoder {
  readonly ids: IdSpace;
  readonly registry: GobRegistry;
  private readonly s: GobStreamReader;
  private readonly dyn: DynamicReader;
  private readonly names: BytesCache<GoType>;
  /** Fingerprint of each type id on this stream: its definition and everything it reaches. */
  private readonly prints = new Map<TypeId, string>();
  /** The op for each (type id, local type) this stream has decoded. */
  private readonly tops = new Map<TypeId, TopOp>();
  private readonly badString: ((bytes: Uint8Array, at: number) => void) | undefined;

  /** A streaming decoder (feed it with `push`, then `end`); pass `whole` to decode a complete buffer. */
  constructor(opts: GobDecoderOptions = {}, whole?: Uint8Array) {
    this.ids = opts.ids ?? new IdSpace();
    this.registry = opts.registry ?? new GobRegistry();
    this.s = new GobStreamReader(opts, whole);
    this.badString = opts.badString;
    this.dyn = new DynamicReader(this.s);
    this.s.onRollback = () => {
      this.prints.clear();
      this.tops.clear();
      this.dyn.reset();
    };
    let names = namesByRegistry.get(this.registry);
    if (names === undefined) namesByRegistry.set(this.registry, (names = new BytesCache(256, 1024)));
    this.names = names;
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
    this.wanted = type;
    return this.s.attempt(GobDecoder.readNext, this) as T | typeof NEED_MORE | typeof END;
  }

  /** The Go type `next` reads into (set before each attempt, so no closure is made per value). */
  private wanted: GoType | undefined;

  private static readNext(d: GobDecoder): unknown {
    const id = d.s.typeSequence(false);
    if (id < 0) return END;
    return d.decodeValue(d.wanted!, id);
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
    let e = this.tops.get(id);
    while (e !== undefined && e.t !== t) e = e.next;
    return (e !== undefined ? e.op : this.topOp(t, id))(this);
  }

  /** The op decodeValue runs for (t, id) on this stream, checked and compiled once. */
  private topOp(t: GoType, id: TypeId): DecOp {
    const ut = userType(t);
    const at = this.s.r.pos;
    let op: DecOp;
    if (ut.externalEnc === 0 && ut.base.kind === 'struct') {
      const eng = this.structEngine(ut.base, id, at);
      if (eng.matched === 0 && ut.base.fields.length > 0 && eng.wire.fields.length > 0) {
        this.fail(`type mismatch: no fields matched compiling decoder for ${ut.base.name || ut.base.str}`, at);
      }
      op = (d) => d.decodeStruct(eng);
    } else {
      const rt = ut.externalEnc !== 0 ? ut.user : ut.base;
      if (!this.compatible(rt, id, new Map())) {
        if (ut.base.kind === 'interface' && id !== T_INTERFACE) {
          this.fail(`local interface type ${t.str} can only be decoded from remote interface type; received concrete type ${this.typeString(id)}`, at);
        }
        this.fail(`decoding into local type ${t.str}, received remote type ${this.typeString(id)}`, at);
      }
      const inner = this.opFor(id, t);
      op = (d) => {
        const r = d.s.r;
        const at = r.pos;
        const delta = r.pos < r.end && r.buf[r.pos]! < 0x80 ? r.buf[r.pos++]! : readGobUint(r, 'singleton delta');
        if (delta !== 0) d.fail(`non-zero delta ${delta} before a non-struct value`, at);
        return inner(d);
      };
    }
    this.tops.set(id, { t, op, next: this.tops.get(id) });
    return op;
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

  /**
   * A key for the definitions a value of type `id` can read on this stream: the serials of every
   * definition it reaches (a serial stands for the definition's exact bytes, its id included).
   */
  private fingerprint(id: TypeId): string {
    if (id < 64) return SMALL_IDS[id] ?? String(id);
    const have = this.prints.get(id);
    if (have !== undefined) return have;
    const s = this.s;
    let key = '';
    let complete = true;
    const seen = new Set<TypeId>();
    const stack = [id];
    while (stack.length > 0) {
      const x = stack.pop()!;
      if (x < 64 || seen.has(x)) continue;
      seen.add(x);
      const wt = s.types.get(x);
      if (!wt) {
        key += `${x}?,`;
        complete = false;
        continue;
      }
      key += `${s.serials.get(x)!},`;
      switch (wt.kind) {
        case 'array':
        case 'slice':
          stack.push(wt.elem);
          break;
        case 'map':
          stack.push(wt.key, wt.elem);
          break;
        case 'struct':
          for (const fl of wt.fields) stack.push(fl.id);
          break;
        default:
          break;
      }
    }
    // Only complete fingerprints are kept: a missing definition may still arrive.
    if (complete) this.prints.set(id, key);
    return key;
  }

  private structEngine(t: GobStructType, id: TypeId, at: number): StructEngine {
    const wire = id >= 64 ? this.s.types.get(id) : undefined;
    if (!wire) return this.fail(id >= 64 ? `unknown type id ${id}` : `type mismatch in decoder: want struct type ${t.str}; got non-struct`, at);
    if (wire.kind !== 'struct') return this.fail(`type mismatch in decoder: want struct type ${t.str}; got non-struct`, at);
    const key = this.fingerprint(id);
    const have = lookup(engines, t, key, this.ids);
    if (have !== undefined) return have.value;
    // Registered before its fields are compiled, for recursive types.
    const fields: ({ name: string; op: DecOp } | null)[] = [];
    const eng = { fields, wire, matched: 0, what: `struct ${wire.name}`, make: structMaker(t) };
    const { c, outer } = begin(engines, t, key, this.ids, eng as StructEngine, wireStructBytes(wire));
    let ok = false;
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
      ok = true;
    } finally {
      end(c, outer, this.ids, ok);
    }
    return eng;
  }

  private decodeStruct(eng: StructEngine): Record<string, unknown> {
    const s = this.s;
    s.enter();
    const o = eng.make();
    const r = s.r;
    const fields = eng.fields;
    const count = fields.length;
    const what = eng.what;
    for (let n = nextField(r, count, -1, what); n >= 0; n = nextField(r, count, n, what)) {
      const ins = fields[n]!;
      if (ins !== null) o[ins.name] = ins.op(this);
      else this.dyn.value(eng.wire.fields[n]!.id);
    }
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
    const key = this.fingerprint(id);
    const have = lookup(ops, rt, key, this.ids);
    if (have !== undefined) return have.value;
    let built: DecOp | undefined;
    const { c, outer } = begin<DecOp>(ops, rt, key, this.ids, (d) => built!(d));
    let ok = false;
    try {
      this.observe(t, id);
      built = this.buildOp(id, rt, ut.externalEnc !== 0);
      ok = true;
    } finally {
      end(c, outer, this.ids, ok);
    }
    c.value = built;
    return built;
  }

  private buildOp(id: TypeId, t: GoType, external: boolean): DecOp {
    if (external) {
      const x = userType(t).base as GobExternalType;
      const what = `${x.str} encoded value`;
      return (d) => d.decodeExternal(x, what);
    }
    switch (t.kind) {
      case 'bool':
        return (d) => {
          const r = d.s.r;
          const at = r.pos;
          const u = readGobUint(r, 'bool');
          if (u > 1) d.fail(`bool value ${u} is neither 0 nor 1`, at);
          return u === 1;
        };
      case 'int':
      case 'int64': {
        const what = t.kind;
        return (d) => readGobInt64(d.s.r, what);
      }
      case 'uint':
      case 'uint64':
      case 'uintptr': {
        const what = t.kind;
        return (d) => readGobUint64(d.s.r, what);
      }
      case 'int8':
      case 'int16':
      case 'int32':
      case 'uint8':
      case 'uint16':
      case 'uint32': {
        const [lo, hi] = INT_LIMITS[t.kind]!;
        const signed = isIntKind(t.kind);
        const what = t.kind;
        const str = t.str;
        return (d) => {
          const r = d.s.r;
          const at = r.pos;
          const v = signed ? readGobInt64(r, what) : readGobUint64(r, what);
          if (v < lo || v > hi) d.fail(`value ${v} out of range for ${str}`, at);
          return Number(v);
        };
      }
      case 'float64':
        return (d) => readGobFloat64(d.s.r);
      case 'float32':
        return (d) => d.float32(readGobFloat64(d.s.r), t.str);
      case 'complex64':
      case 'complex128': {
        const f32 = t.kind === 'complex64';
        return (d) => {
          const re = readGobFloat64(d.s.r, 'complex real part');
          const im = readGobFloat64(d.s.r, 'complex imaginary part');
          return f32 ? { re: d.float32(re, t.str), im: d.float32(im, t.str) } : { re, im };
        };
      }
      case 'string':
        return (d) => d.readString();
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
        return (d) => d.readMap(key, elem, keyId, elemId);
      }
      case 'struct': {
        const eng = this.structEngine(t, id, this.s.r.pos);
        return (d) => d.decodeStruct(eng);
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
    const r = s.r;
    const at = r.pos;
    const n = readGobUint(r, want === undefined ? 'slice length' : 'array length');
    if (want !== undefined && n !== want) this.fail(`length mismatch in decodeArray: ${n} elements, type has ${want}`, at);
    this.dyn.checkCount(n, elemId, at, 'element');
    s.enter();
    const out: unknown[] = presized(n, elemId, r.end - r.pos);
    for (let i = 0; i < n; i++) {
      if (r.pos >= r.end) this.fail(`decoding array or slice: length ${n} exceeds input size`, at);
      out[i] = elem(this);
    }
    s.leave();
    return out;
  }

  private readMap(key: DecOp, elem: DecOp, keyId: TypeId, elemId: TypeId): Map<unknown, unknown> {
    const s = this.s;
    const r = s.r;
    const at = r.pos;
    const n = readGobUint(r, 'map length');
    this.dyn.checkCount(n * 2, keyId, at, 'map entry', elemId);
    s.enter();
    const out = new Map<unknown, unknown>();
    for (let i = 0; i < n; i++) {
      if (r.pos >= r.end) this.fail(`map of ${n} entries runs past the end of the message`);
      const k = key(this);
      out.set(k, elem(this));
    }
    s.leave();
    return out;
  }

  private float32(v: number, what: string): number {
    const av = Math.abs(v);
    if (av > MAX_FLOAT32 && av !== Infinity) this.fail(`value for "${what}" out of range`);
    return Math.fround(v);
  }

  /** decode.go decodeInterface. */
  private decodeInterface(it: GobInterfaceType): GoIface | null {
    const s = this.s;
    const r = s.r;
    const at = r.pos;
    const n = readGobLength(r, 'interface type name');
    if (n === 0) return null;
    const start = r.pos;
    r.pos += n;
    if (n > 1024) this.fail(`interface type name too long (${n} bytes)`, at);
    let typ = this.names.get(r.buf, start, start + n);
    if (typ === undefined) typ = this.registered(r, start, start + n, at);
    s.enter();
    const id = s.typeSequence(true);
    const cAt = r.pos;
    const count = readGobUint(r, 'interface value length');
    if (count > r.end - r.pos) this.fail(`interface value length ${count} exceeds the ${r.end - r.pos} bytes left in the message`, cAt);
    const value = this.decodeValue(typ, id);
    if (it.accepts && !it.accepts(typ)) this.fail(`${typ.str} is not assignable to type ${it.str}`, at);
    s.leave();
    return { type: typ, value };
  }

  /** The registered type of the interface name in r.buf[start, end). */
  private registered(r: ByteReader, start: number, end: number, at: number): GoType {
    const name = utf8OrUndefined(r.buf, start, end);
    if (name === undefined) return this.fail('interface type name is not valid UTF-8', at);
    const typ = this.registry.typeOf(name);
    if (!typ) return this.fail(`name not registered for interface: ${JSON.stringify(name)}`, at);
    this.names.set(r.buf, typ, start, end);
    return typ;
  }

  /** A Go string: a JS string when its bytes are UTF-8, else the bytes themselves. */
  private readString(): string | Uint8Array {
    const r = this.s.r;
    const n = readGobLength(r, 'string');
    const start = r.pos;
    r.pos += n;
    const str = utf8OrUndefined(r.buf, start, start + n);
    if (str !== undefined) return str;
    const bytes = r.buf.slice(start, start + n);
    this.badString?.(bytes, r.base + start + firstInvalidUtf8(bytes));
    return bytes;
  }

  /** A self-marshalling value: its method's bytes, decoded by the type's codec. */
  private decodeExternal(x: GobExternalType, what: string): unknown {
    const s = this.s;
    const r = s.r;
    const n = readGobLength(r, what);
    const start = r.pos;
    r.pos += n;
    const ctx: ExternalContext = {
      ids: this.ids,
      registry: this.registry,
      depth: s.depth + 1,
      offset: r.base + start,
      budget: s.budget,
      ...(s.depthMark ? { depthMark: s.depthMark } : {}),
    };
    s.enter();
    try {
      return x.decodeAt !== undefined ? x.decodeAt(r.buf, start, start + n, ctx) : x.decode(r.buf.subarray(start, start + n), ctx);
    } finally {
      // Only bad bytes become WireErrors (the external decoders throw them); anything else (a
      // RangeError, a TypeError) is a bug and propagates as it is.
      s.leave();
    }
  }
}

/** Decodes a complete buffer holding exactly one value of `type`. */
export function decodeGob<T = unknown>(type: GoType, bytes: Uint8Array, opts: GobDecoderOptions = {}): T {
  const d = new GobDecoder(opts, bytes);
  const v = d.next<T>(type);
  if (v === END || v === NEED_MORE) throw new WireError('gob', opts.offset ?? 0, 'empty gob stream: no value');
  if (!d.done) throw new WireError('gob', opts.offset ?? 0, 'extra data after the value');
  return v;
}
