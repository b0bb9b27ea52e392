/**
 * Canonical JSON of the dynamic model (GobValue nodes, vectors/README.md, family gob-generic),
 * and back.
 *
 * Canonical JSON keeps what the wire means, not its type table: going back, the wire types are
 * inferred from the values (struct types by wire name, with the union of the fields seen;
 * containers with no elements get interface elements) and numbered as Go numbers them (structs
 * before their fields, containers after their elements). The result encodes to a stream that
 * decodes to the same canonical JSON; when `gobTypeIds` lists as many definitions as the stream
 * needs, they are used, in order.
 */
import { WireError } from '../wire/errors.js';
import { escapeKey, unescapeKey, type Json } from '../cty/canonical.js';
import type { GobStream, GobValue, GobTopValue } from './dynamic.js';
import { decodeGobStream } from './dynamic.js';
import { encodeGobStream } from './dynamic-encode.js';
import { formatFloatBits, parseGoFloatBits } from './gofloat.js';
import { T_BOOL, T_BYTES, T_COMPLEX, T_FLOAT, T_INT, T_INTERFACE, T_STRING, T_UINT, FIRST_USER_ID, type TypeId, type WireType } from './types.js';
import { base64Decode, base64Encode } from '../wire/base64.js';

const bad = (reason: string): never => {
  throw new WireError('canonical', 0, reason);
};

const b64 = base64Encode;
const unb64 = (s: unknown): Uint8Array => {
  return (typeof s === 'string' ? base64Decode(s) : undefined) ?? bad('bad base64');
};

// ---- model -> canonical ----

export function streamToCanonical(st: GobStream): Json {
  const node = (id: TypeId, v: GobValue): Json => {
    switch (v.kind) {
      case 'bool':
        return { $bool: v.value };
      case 'int':
        return { $int: v.value.toString() };
      case 'uint':
        return { $uint: v.value.toString() };
      case 'float':
        return { $float: formatFloatBits(v.bits) };
      case 'complex':
        return { $complex: [formatFloatBits(v.re), formatFloatBits(v.im)] };
      case 'string':
        return typeof v.value === 'string' ? { $string: v.value } : { $stringBytes: b64(v.value) };
      case 'bytes':
        return { $bytes: b64(v.value) };
      case 'interface':
        return { $interface: v.concrete === null ? null : { name: v.concrete.name, value: node(v.concrete.type, v.concrete.value) } };
    }
    const wt = st.types.get(id);
    if (!wt) return bad(`type id ${id} has no definition`);
    switch (v.kind) {
      case 'array':
      case 'slice': {
        const elem = (wt as { elem: TypeId }).elem;
        // loops, not map(): one stack frame a level (MAX_DEPTH must fit a small stack)
        const out: Json[] = new Array(v.elems.length);
        for (let i = 0; i < v.elems.length; i++) out[i] = node(elem, v.elems[i]!);
        return { [`$${v.kind}`]: out };
      }
      case 'map': {
        const m = wt as WireType & { kind: 'map' };
        const out: Json[] = new Array(v.entries.length);
        for (let i = 0; i < v.entries.length; i++) out[i] = [node(m.key, v.entries[i]![0]), node(m.elem, v.entries[i]![1])];
        return { $map: out };
      }
      case 'struct': {
        const s = wt as WireType & { kind: 'struct' };
        const fields: { [k: string]: Json } = {};
        for (const f of v.fields) {
          const wf = s.fields[f.index];
          if (!wf) return bad(`field ${f.index} beyond struct type ${id}`);
          fields[escapeKey(wf.name)] = node(wf.id, f.value);
        }
        return { $struct: { name: s.name, fields } };
      }
      case 'encoded':
        return { $encoded: { kind: wt.kind, name: wt.name, bytes: b64(v.bytes) } };
    }
  };
  return { values: st.values.map((t) => node(t.type, t.value)) };
}

// ---- canonical -> model ----

type Shape =
  | { readonly k: 'basic'; readonly id: TypeId }
  | { readonly k: 'unknown' }
  | { readonly k: 'array'; readonly len: number; readonly elem: Shape }
  | { readonly k: 'slice'; readonly elem: Shape }
  | { readonly k: 'map'; readonly key: Shape; readonly elem: Shape }
  | { readonly k: 'struct'; readonly name: string }
  | { readonly k: 'encoded'; readonly kind: 'gob' | 'binary' | 'text'; readonly name: string };

type Obj = { [k: string]: unknown };
const isObj = (j: unknown): j is Obj => typeof j === 'object' && j !== null && !Array.isArray(j);
const UNKNOWN: Shape = { k: 'unknown' };

/** The one tag of a canonical node and its body. */
function tagOf(j: unknown): [string, unknown] {
  if (!isObj(j)) return bad('GobValue must be a single-key object');
  const keys = Object.keys(j);
  if (keys.length !== 1) return bad('GobValue must be a single-key object');
  return [keys[0]!, j[keys[0]!]];
}

class Inference {
  /** Struct fields by wire name, in the order first seen. */
  readonly structs = new Map<string, Map<string, Shape>>();
  private depth = 0;

  shapeOf(j: unknown): Shape {
    if (++this.depth > 1000) bad('canonical value nests too deep');
    try {
      const [tag, body] = tagOf(j);
      switch (tag) {
        case '$bool':
          return { k: 'basic', id: T_BOOL };
        case '$int':
          return { k: 'basic', id: T_INT };
        case '$uint':
          return { k: 'basic', id: T_UINT };
        case '$float':
          return { k: 'basic', id: T_FLOAT };
        case '$complex':
          return { k: 'basic', id: T_COMPLEX };
        case '$string':
        case '$stringBytes':
          return { k: 'basic', id: T_STRING };
        case '$bytes':
          return { k: 'basic', id: T_BYTES };
        case '$interface':
          if (isObj(body)) this.shapeOf(body['value']);
          return { k: 'basic', id: T_INTERFACE };
        case '$array':
        case '$slice': {
          if (!Array.isArray(body)) return bad(`${tag} must hold a list`);
          let elem: Shape = UNKNOWN;
          for (const e of body) elem = this.unify(elem, this.shapeOf(e));
          return tag === '$array' ? { k: 'array', len: body.length, elem } : { k: 'slice', elem };
        }
        case '$map': {
          if (!Array.isArray(body)) return bad('$map must hold a list of pairs');
          let key: Shape = UNKNOWN;
          let elem: Shape = UNKNOWN;
          for (const p of body) {
            if (!Array.isArray(p) || p.length !== 2) return bad('$map entries must be [key, value] pairs');
            key = this.unify(key, this.shapeOf(p[0]));
            elem = this.unify(elem, this.shapeOf(p[1]));
          }
          return { k: 'map', key, elem };
        }
        case '$struct': {
          if (!isObj(body) || typeof body['name'] !== 'string' || !isObj(body['fields'])) return bad('$struct must hold {name, fields}');
          const name = body['name'];
          let fields = this.structs.get(name);
          if (!fields) this.structs.set(name, (fields = new Map()));
          for (const [k, v] of Object.entries(body['fields'])) {
            const fname = unescapeKey(k);
            fields.set(fname, this.unify(fields.get(fname) ?? UNKNOWN, this.shapeOf(v)));
          }
          return { k: 'struct', name };
        }
        case '$encoded': {
          if (!isObj(body) || typeof body['name'] !== 'string' || !['gob', 'binary', 'text'].includes(body['kind'] as string))
            return bad('$encoded must hold {kind, name, bytes}');
          return { k: 'encoded', kind: body['kind'] as 'gob', name: body['name'] };
        }
      }
      return bad(`unknown GobValue tag ${JSON.stringify(tag)}`);
    } finally {
      this.depth--;
    }
  }

  unify(a: Shape, b: Shape): Shape {
    if (a.k === 'unknown') return b;
    if (b.k === 'unknown') return a;
    const clash = (): never => bad(`values of one Go type disagree: ${a.k} vs ${b.k}`);
    switch (a.k) {
      case 'basic':
        return b.k === 'basic' && b.id === a.id ? a : clash();
      case 'struct':
        return b.k === 'struct' && b.name === a.name ? a : clash();
      case 'encoded':
        return b.k === 'encoded' && b.kind === a.kind && b.name === a.name ? a : clash();
      case 'array':
        return b.k === 'array' && b.len === a.len ? { k: 'array', len: a.len, elem: this.unify(a.elem, b.elem) } : clash();
      case 'slice':
        return b.k === 'slice' ? { k: 'slice', elem: this.unify(a.elem, b.elem) } : clash();
      case 'map':
        return b.k === 'map' ? { k: 'map', key: this.unify(a.key, b.key), elem: this.unify(a.elem, b.elem) } : clash();
    }
  }
}

class Numbering {
  readonly ids = new Map<string, TypeId>();
  readonly types = new Map<TypeId, WireType>();
  private next = FIRST_USER_ID;
  constructor(private readonly inf: Inference) {}

  /** The id of a shape, defining it (and what it contains) on first use. */
  idOf(s: Shape): TypeId {
    switch (s.k) {
      case 'basic':
        return s.id;
      case 'unknown':
        return T_INTERFACE;
      case 'struct': {
        const key = `s:${s.name}`;
        const have = this.ids.get(key);
        if (have !== undefined) return have;
        const id = this.next++;
        this.ids.set(key, id);
        const fields: { name: string; id: TypeId }[] = [];
        const def = { kind: 'struct' as const, name: s.name, id, fields };
        this.types.set(id, def);
        for (const [name, fs] of this.inf.structs.get(s.name) ?? []) fields.push({ name, id: this.idOf(fs) });
        return id;
      }
      case 'encoded': {
        const key = `e:${s.kind}:${s.name}`;
        const have = this.ids.get(key);
        if (have !== undefined) return have;
        const id = this.next++;
        this.ids.set(key, id);
        this.types.set(id, { kind: s.kind, name: s.name, id });
        return id;
      }
      case 'array':
      case 'slice': {
        const elem = this.idOf(s.elem);
        const key = s.k === 'array' ? `a:${s.len}:${elem}` : `l:${elem}`;
        const have = this.ids.get(key);
        if (have !== undefined) return have;
        const id = this.next++;
        this.ids.set(key, id);
        this.types.set(id, s.k === 'array' ? { kind: 'array', name: '', id, elem, len: s.len } : { kind: 'slice', name: '', id, elem });
        return id;
      }
      case 'map': {
        const key = this.idOf(s.key);
        const elem = this.idOf(s.elem);
        const k = `m:${key}:${elem}`;
        const have = this.ids.get(k);
        if (have !== undefined) return have;
        const id = this.next++;
        this.ids.set(k, id);
        this.types.set(id, { kind: 'map', name: '', id, key, elem });
        return id;
      }
    }
  }
}

function valueFromCanonical(j: unknown, inf: Inference, num: Numbering): GobValue {
  const [tag, body] = tagOf(j);
  const str = (what: string): string => (typeof body === 'string' ? body : bad(`${what} must hold a string`));
  switch (tag) {
    case '$bool':
      return typeof body === 'boolean' ? { kind: 'bool', value: body } : bad('$bool must hold a boolean');
    case '$int': {
      const s = str('$int');
      if (!/^-?\d+$/.test(s)) bad(`bad $int ${JSON.stringify(s)}`);
      const v = BigInt(s);
      if (v < -(1n << 63n) || v >= 1n << 63n) bad(`$int ${s} out of range`);
      return { kind: 'int', value: v };
    }
    case '$uint': {
      const s = str('$uint');
      if (!/^\d+$/.test(s)) bad(`bad $uint ${JSON.stringify(s)}`);
      const v = BigInt(s);
      if (v >= 1n << 64n) bad(`$uint ${s} out of range`);
      return { kind: 'uint', value: v };
    }
    case '$float':
      return { kind: 'float', bits: parseGoFloatBits(str('$float')) };
    case '$complex':
      if (!Array.isArray(body) || body.length !== 2 || typeof body[0] !== 'string' || typeof body[1] !== 'string') return bad('$complex must hold [re, im]');
      return { kind: 'complex', re: parseGoFloatBits(body[0]), im: parseGoFloatBits(body[1]) };
    case '$string':
      return { kind: 'string', value: str('$string') };
    case '$stringBytes':
      return { kind: 'string', value: unb64(body) };
    case '$bytes':
      return { kind: 'bytes', value: unb64(body) };
    case '$interface': {
      if (body === null) return { kind: 'interface', concrete: null };
      if (!isObj(body) || typeof body['name'] !== 'string' || body['name'] === '') return bad('$interface must hold null or {name, value}');
      const type = num.idOf(inf.shapeOf(body['value']));
      if (type === T_INTERFACE) bad('an interface value cannot hold an interface');
      return { kind: 'interface', concrete: { name: body['name'], type, value: valueFromCanonical(body['value'], inf, num) } };
    }
    case '$array':
    case '$slice': {
      const b = body as unknown[];
      const elems: GobValue[] = new Array(b.length);
      for (let i = 0; i < b.length; i++) elems[i] = valueFromCanonical(b[i], inf, num);
      return { kind: tag === '$array' ? 'array' : 'slice', elems };
    }
    case '$map': {
      const b = body as unknown[][];
      const entries: (readonly [GobValue, GobValue])[] = new Array(b.length);
      for (let i = 0; i < b.length; i++) entries[i] = [valueFromCanonical(b[i]![0], inf, num), valueFromCanonical(b[i]![1], inf, num)] as const;
      return { kind: 'map', entries };
    }
    case '$struct': {
      const b = body as { name: string; fields: Obj };
      const order = [...(inf.structs.get(b.name)?.keys() ?? [])];
      const fields = Object.entries(b.fields)
        .map(([k, v]) => ({ index: order.indexOf(unescapeKey(k)), value: valueFromCanonical(v, inf, num) }))
        .sort((x, y) => x.index - y.index);
      return { kind: 'struct', fields };
    }
    case '$encoded':
      return { kind: 'encoded', bytes: unb64((body as Obj)['bytes']) };
  }
  return bad(`unknown GobValue tag ${JSON.stringify(tag)}`);
}

/** Renumbers a stream's type ids (every definition, reference and value). */
function renumber(st: GobStream, map: ReadonlyMap<TypeId, TypeId>): GobStream {
  const m = (id: TypeId): TypeId => map.get(id) ?? id;
  const types = new Map<TypeId, WireType>();
  for (const [id, wt] of st.types) {
    const nid = m(id);
    switch (wt.kind) {
      case 'array':
      case 'slice':
        types.set(nid, { ...wt, id: m(wt.id), elem: m(wt.elem) });
        break;
      case 'map':
        types.set(nid, { ...wt, id: m(wt.id), key: m(wt.key), elem: m(wt.elem) });
        break;
      case 'struct':
        types.set(nid, { ...wt, id: m(wt.id), fields: wt.fields.map((f) => ({ name: f.name, id: m(f.id) })) });
        break;
      default:
        types.set(nid, { ...wt, id: m(wt.id) });
    }
  }
  const v = (x: GobValue): GobValue => {
    switch (x.kind) {
      case 'array':
      case 'slice': {
        const elems: GobValue[] = new Array(x.elems.length);
        for (let i = 0; i < x.elems.length; i++) elems[i] = v(x.elems[i]!);
        return { kind: x.kind, elems };
      }
      case 'map': {
        const entries: (readonly [GobValue, GobValue])[] = new Array(x.entries.length);
        for (let i = 0; i < x.entries.length; i++) entries[i] = [v(x.entries[i]![0]), v(x.entries[i]![1])] as const;
        return { kind: 'map', entries };
      }
      case 'struct':
        return { kind: 'struct', fields: x.fields.map((f) => ({ index: f.index, value: v(f.value) })) };
      case 'interface':
        return x.concrete === null ? x : { kind: 'interface', concrete: { name: x.concrete.name, type: m(x.concrete.type), value: v(x.concrete.value) } };
      default:
        return x;
    }
  };
  return { types, typeIds: st.typeIds.map(m), values: st.values.map((t) => ({ type: m(t.type), value: v(t.value) })) };
}

export function streamFromCanonical(j: unknown, gobTypeIds?: readonly number[]): GobStream {
  if (!isObj(j) || !Array.isArray(j['values'])) return bad('gob-generic canonical must be {"values": [...]}');
  const inf = new Inference();
  const shapes = j['values'].map((v) => inf.shapeOf(v));
  const num = new Numbering(inf);
  const values: GobTopValue[] = j['values'].map((v, i) => ({ type: num.idOf(shapes[i]!), value: valueFromCanonical(v, inf, num) }));
  let st: GobStream = { types: num.types, typeIds: [], values };
  // Definition order as an Encoder sends them; then Go's ids where the context gives them.
  const sent = decodeGobStream(encodeGobStream(st)).typeIds;
  st = { ...st, typeIds: sent };
  if (gobTypeIds && gobTypeIds.length === sent.length && new Set(gobTypeIds).size === gobTypeIds.length) {
    st = renumber(st, new Map(sent.map((id, i) => [id, gobTypeIds[i]!])));
  }
  return st;
}
