/**
 * The id space of one Go process.
 *
 * Go numbers gob types from a process-wide counter, the first time each type is needed, and
 * every Encoder in the process (including the nested ones inside GobEncode methods, such as
 * cty.Type's) shares those numbers. Names inside type definitions are also fixed by the first
 * path that reached the type (a struct field names it after the field's type, an interface value
 * by reflect's Name()). An IdSpace reproduces that state:
 *
 * - `getTypeInfo` follows encoding/gob's allocation order (type.go newTypeObject/buildTypeInfo:
 *   structs take their id before their fields, arrays/maps/slices after their elements, a
 *   GobEncoder reached through a pointer takes one id for the base type and one for the pointer);
 * - `observe` records what a decoded stream showed for a Go type (its id and definition), so that
 *   re-encoding a decoded value reuses Go's ids and names exactly.
 */
import { WireError } from '../wire/errors.js';
import { isByteSlice, userType, type GoType, type UserTypeInfo } from './gotype.js';
import { FIRST_USER_ID, T_BOOL, T_BYTES, T_COMPLEX, T_FLOAT, T_INT, T_INTERFACE, T_STRING, T_UINT, type TypeId, type WireType } from './types.js';

// Completes gotype.ts's ExternalContext (declared there without it, to keep imports one-way).
declare module './gotype.js' {
  interface ExternalContext {
    /** The id space of the enclosing stream. */
    readonly ids: IdSpace;
  }
}

/** Go's gobType: one allocated type object (id 0 until assigned). */
interface Entry {
  id: TypeId;
  name: string;
  kind: 'builtin' | 'array' | 'slice' | 'map' | 'struct' | 'gob';
  elem: TypeId;
  key: TypeId;
  len: number;
  fields: { name: string; id: TypeId }[];
}

/** Go's typeInfo: the id a type is sent under and the definition sent. */
export interface TypeInfo {
  readonly id: TypeId;
  /** null for predefined types, which are never defined on a stream. */
  readonly wire: WireType | null;
}

const builtin = (id: TypeId, name: string): Entry => ({ id, name, kind: 'builtin', elem: 0, key: 0, len: 0, fields: [] });
const BUILTIN: Record<string, Entry> = {
  bool: builtin(T_BOOL, 'bool'),
  int: builtin(T_INT, 'int'),
  uint: builtin(T_UINT, 'uint'),
  float: builtin(T_FLOAT, 'float'),
  bytes: builtin(T_BYTES, 'bytes'),
  string: builtin(T_STRING, 'string'),
  complex: builtin(T_COMPLEX, 'complex'),
  interface: builtin(T_INTERFACE, 'interface'),
};

function builtinFor(t: GoType): Entry | undefined {
  switch (t.kind) {
    case 'bool':
      return BUILTIN['bool'];
    case 'int':
    case 'int8':
    case 'int16':
    case 'int32':
    case 'int64':
      return BUILTIN['int'];
    case 'uint':
    case 'uint8':
    case 'uint16':
    case 'uint32':
    case 'uint64':
    case 'uintptr':
      return BUILTIN['uint'];
    case 'float32':
    case 'float64':
      return BUILTIN['float'];
    case 'complex64':
    case 'complex128':
      return BUILTIN['complex'];
    case 'string':
      return BUILTIN['string'];
    case 'interface':
      return BUILTIN['interface'];
    default:
      return isByteSlice(t) ? BUILTIN['bytes'] : undefined;
  }
}

function entryWire(e: Entry, kindOverride?: 'gob' | 'binary'): WireType | null {
  switch (e.kind) {
    case 'builtin':
      return null;
    case 'array':
      return { kind: 'array', name: e.name, id: e.id, elem: e.elem, len: e.len };
    case 'slice':
      return { kind: 'slice', name: e.name, id: e.id, elem: e.elem };
    case 'map':
      return { kind: 'map', name: e.name, id: e.id, key: e.key, elem: e.elem };
    case 'struct':
      return { kind: 'struct', name: e.name, id: e.id, fields: e.fields.map((f) => ({ ...f })) };
    case 'gob':
      return { kind: kindOverride ?? 'gob', name: e.name, id: e.id };
  }
}

/** One `observe` call, as a journal records it. */
export interface Observation {
  readonly t: GoType;
  readonly id: TypeId;
  readonly wire: WireType | null;
}

/**
 * The observations of a journal that can change a space, in order: `observe` keeps the first
 * observation of each Go type and ignores definitions of predefined ids, so the rest are no-ops.
 */
export function effectiveObservations(obs: readonly Observation[]): Observation[] {
  const out: Observation[] = [];
  const seen = new Set<GoType>();
  for (const o of obs) {
    if (o.wire === null) continue;
    const ut = userType(o.t);
    const rt = ut.externalEnc !== 0 ? ut.user : ut.base;
    if (seen.has(rt)) continue;
    seen.add(rt);
    out.push(o);
  }
  return out;
}

let spaces = 0;

const sameEntry = (a: Entry, b: Entry): boolean =>
  a.id === b.id &&
  a.name === b.name &&
  a.kind === b.kind &&
  a.elem === b.elem &&
  a.key === b.key &&
  a.len === b.len &&
  a.fields.length === b.fields.length &&
  a.fields.every((f, i) => f.name === b.fields[i]!.name && f.id === b.fields[i]!.id);

/** A number per object (Go types, definitions), for state hashes. */
const objectNumbers = new WeakMap<object, number>();
let nextObjectNumber = 1;
function objectNumber(o: object): number {
  let n = objectNumbers.get(o);
  if (n === undefined) objectNumbers.set(o, (n = nextObjectNumber++));
  return n;
}

export class IdSpace {
  /** A number no other IdSpace of this program has (caches remember spaces by it, not by reference). */
  readonly uid = ++spaces;
  /**
   * When set, every `observe` call is appended here: what decoding some bytes taught this space,
   * so that a cached result for the same bytes can teach it again (`replay`).
   */
  journal: Observation[] | undefined = undefined;
  /**
   * When set, every `getTypeInfo` answer is appended here (the Go type, then its TypeInfo): what
   * encoding some value depended on, so that cached bytes can be reused when `holds` them all.
   */
  infoJournal: (GoType | TypeInfo)[] | undefined = undefined;
  private nextId: TypeId;
  private readonly types = new Map<GoType, Entry>();
  private readonly infos = new Map<GoType, TypeInfo>();
  /** stateList's cache (set on spaces that are shared, which never change). */
  private flat: unknown[] | undefined = undefined;

  constructor(firstId: TypeId = FIRST_USER_ID) {
    this.nextId = firstId;
  }

  /** The id the next new type would get. */
  get next(): TypeId {
    return this.nextId;
  }

  /** An independent copy (for encoding without disturbing a decoded value's id space). */
  clone(): IdSpace {
    const c = new IdSpace(this.nextId);
    for (const [k, e] of this.types) (c.types as Map<GoType, Entry>).set(k, { ...e, fields: e.fields.map((f) => ({ ...f })) });
    for (const [k, i] of this.infos) (c.infos as Map<GoType, TypeInfo>).set(k, i);
    return c;
  }

  private setTypeId(e: Entry): void {
    if (e.id !== 0) return;
    if (this.nextId > 0x7fffffff) throw new WireError('gob', 0, 'type id space exhausted');
    e.id = this.nextId++;
  }

  /** type.go getTypeInfo: the id and definition of `ut` as an Encoder sends it. */
  getTypeInfo(ut: UserTypeInfo): TypeInfo {
    const rt = ut.externalEnc !== 0 ? ut.user : ut.base;
    const known = this.infos.get(rt);
    if (known) {
      if (this.infoJournal !== undefined) this.infoJournal.push(rt, known);
      return known;
    }
    const gt = this.getBaseType(rt.name, rt);
    let wire: WireType | null;
    if (ut.externalEnc !== 0) {
      const u = this.getType(rt.name, ut, rt);
      wire = entryWire(u, ut.externalEnc === 1 ? 'gob' : 'binary');
    } else {
      wire = entryWire(gt);
    }
    const info: TypeInfo = { id: gt.id, wire };
    this.infos.set(rt, info);
    if (this.infoJournal !== undefined) this.infoJournal.push(rt, info);
    return info;
  }

  /**
   * True when this space answers getTypeInfo for every type of an info journal with the TypeInfo
   * recorded: the same id and the very same definition object (then encoding asks nothing new of
   * it, and every answer writes what it wrote before). Definitions a stream showed are interned
   * (stream.ts), so spaces that decoded the same definitions hold each other's journals.
   */
  holds(pairs: readonly (GoType | TypeInfo)[]): boolean {
    for (let i = 0; i < pairs.length; i += 2) {
      const have = this.infos.get(pairs[i] as GoType);
      const want = pairs[i + 1] as TypeInfo;
      if (have !== want && (have === undefined || have.id !== want.id || have.wire !== want.wire)) return false;
    }
    return true;
  }

  private getBaseType(name: string, t: GoType): Entry {
    const ut = userType(t);
    return this.getType(name, ut, ut.base);
  }

  private getType(name: string, ut: UserTypeInfo, rt: GoType): Entry {
    const e = this.types.get(rt);
    if (e) return e;
    const n = this.newTypeObject(name, ut, rt);
    this.types.set(rt, n);
    return n;
  }

  private newTypeObject(name: string, ut: UserTypeInfo, rt: GoType): Entry {
    if (ut.externalEnc !== 0) {
      const g: Entry = { id: 0, name, kind: 'gob', elem: 0, key: 0, len: 0, fields: [] };
      this.setTypeId(g);
      return g;
    }
    const b = builtinFor(rt);
    if (b) return b;
    switch (rt.kind) {
      case 'array': {
        const a: Entry = { id: 0, name, kind: 'array', elem: 0, key: 0, len: rt.len, fields: [] };
        this.types.set(rt, a);
        const e = this.getBaseType('', rt.elem);
        this.setTypeId(a);
        a.elem = e.id;
        return a;
      }
      case 'map': {
        const m: Entry = { id: 0, name, kind: 'map', elem: 0, key: 0, len: 0, fields: [] };
        this.types.set(rt, m);
        const k = this.getBaseType('', rt.key);
        const e = this.getBaseType('', rt.elem);
        this.setTypeId(m);
        m.key = k.id;
        m.elem = e.id;
        return m;
      }
      case 'slice': {
        const s: Entry = { id: 0, name, kind: 'slice', elem: 0, key: 0, len: 0, fields: [] };
        this.types.set(rt, s);
        const e = this.getBaseType(rt.elem.name, rt.elem);
        this.setTypeId(s);
        this.setTypeId(e);
        s.elem = e.id;
        return s;
      }
      case 'struct': {
        const s: Entry = { id: 0, name, kind: 'struct', elem: 0, key: 0, len: 0, fields: [] };
        this.setTypeId(s);
        this.types.set(rt, s);
        for (const f of rt.fields) {
          const fb = userType(f.type).base;
          const tname = fb.name !== '' ? fb.name : fb.str;
          const gt = this.getBaseType(tname, f.type);
          this.setTypeId(gt);
          s.fields.push({ name: f.name, id: gt.id });
        }
        return s;
      }
      default:
        throw new WireError('gob', 0, `gob can't handle type ${rt.str}`);
    }
  }

  /**
   * Records that a stream sent Go type `t` (a type as handed to gob: for a self-marshalling type
   * the user type, pointer included; otherwise any type with that base) as `id` with definition
   * `wire` (null for predefined ids). First observation wins; returns false when it disagrees
   * with what this space already holds for `t`.
   */
  observe(t: GoType, id: TypeId, wire: WireType | null): boolean {
    if (this.journal !== undefined) this.journal.push({ t, id, wire });
    const ut = userType(t);
    const rt = ut.externalEnc !== 0 ? ut.user : ut.base;
    if (wire === null) return true;
    const have = this.infos.get(rt);
    if (have) return have.id === id;
    this.infos.set(rt, { id, wire });
    const entry = (eid: TypeId, name: string): Entry => {
      switch (wire.kind) {
        case 'array':
          return { id: eid, name, kind: 'array', elem: wire.elem, key: 0, len: wire.len, fields: [] };
        case 'slice':
          return { id: eid, name, kind: 'slice', elem: wire.elem, key: 0, len: 0, fields: [] };
        case 'map':
          return { id: eid, name, kind: 'map', elem: wire.elem, key: wire.key, len: 0, fields: [] };
        case 'struct':
          return { id: eid, name, kind: 'struct', elem: 0, key: 0, len: 0, fields: wire.fields.map((f) => ({ ...f })) };
        default:
          return { id: eid, name, kind: 'gob', elem: 0, key: 0, len: 0, fields: [] };
      }
    };
    if (ut.externalEnc !== 0) {
      if (!this.types.has(ut.user)) this.types.set(ut.user, entry(wire.id, wire.name));
      if (ut.base !== ut.user && !this.types.has(ut.base)) this.types.set(ut.base, entry(id, ''));
    } else if (!this.types.has(ut.base)) {
      this.types.set(ut.base, entry(id, wire.name));
    }
    this.bump(id);
    this.bump(wire.id);
    return true;
  }

  /** Repeats observations a journal recorded (on this space or another). */
  replay(obs: readonly Observation[]): void {
    for (let i = 0; i < obs.length; i++) {
      const o = obs[i]!;
      this.observe(o.t, o.id, o.wire);
    }
  }

  private bump(id: TypeId): void {
    if (id >= this.nextId) this.nextId = id + 1;
  }

  /**
   * A hash of this space's state (its Go types with their ids and definitions, and its next id),
   * equal for spaces that `sameState` calls equal.
   */
  stateHash(): number {
    let h = Math.imul(this.nextId ^ 0x9e3779b9, 0x85ebca6b);
    for (const [t, i] of this.infos) {
      h = Math.imul(h ^ objectNumber(t), 0xcc9e2d51);
      h = Math.imul(h ^ i.id, 0x1b873593);
      h = Math.imul(h ^ (i.wire === null ? 0 : objectNumber(i.wire)), 0xcc9e2d51);
    }
    for (const [t, e] of this.types) {
      h = Math.imul(h ^ objectNumber(t), 0x1b873593);
      h = Math.imul(h ^ e.id, 0xcc9e2d51);
    }
    return (h ^ (h >>> 16)) >>> 0;
  }

  /**
   * True when `o` holds the same state: the same Go types in the same order with the same ids,
   * names and definitions (definition objects compared by identity: equal definitions a stream
   * showed are one interned object), and the same next id.
   */
  sameState(o: IdSpace): boolean {
    if (o.nextId !== this.nextId || o.infos.size !== this.infos.size || o.types.size !== this.types.size) return false;
    const mine = this.stateList();
    let k = 0;
    let same = true;
    o.infos.forEach((j, u) => {
      const i = mine[k++] as TypeInfo;
      if (mine[k++] !== u || (i !== j && (i.id !== j.id || i.wire !== j.wire))) same = false;
    });
    if (!same) return false;
    o.types.forEach((f, u) => {
      const e = mine[k++] as Entry;
      if (mine[k++] !== u || (e !== f && !sameEntry(e, f))) same = false;
    });
    return same;
  }

  /**
   * This space's maps as one flat list (value, key, ...), kept while the space is unchanged (every
   * change adds a type or an info, so the sizes tell): the shared spaces compared against never change.
   */
  private stateList(): readonly unknown[] {
    if (this.flat === undefined || this.flat.length !== 2 * (this.infos.size + this.types.size)) {
      const l: unknown[] = [];
      this.infos.forEach((i, t) => l.push(i, t));
      this.types.forEach((e, t) => l.push(e, t));
      this.flat = l;
    }
    return this.flat;
  }

  /** Every id this space has assigned or observed, with the Go type (String()) it belongs to. */
  entries(): { type: string; id: TypeId }[] {
    return [...this.infos].map(([t, i]) => ({ type: t.str, id: i.id })).sort((a, b) => a.id - b.id);
  }
}
