/**
 * gob type ids and wire types (the `wireType` struct a stream sends to define a type).
 *
 * Predefined ids (encoding/gob type.go, checked there by checkId): bool 1, int 2, uint 3,
 * float 4, []byte 5, string 6, complex 7, interface 8; 9-15 reserved; wireType 16, arrayType 17,
 * CommonType 18, sliceType 19, structType 20, fieldType 21, []fieldType 22, mapType 23.
 * Go 1.26 hands out user ids from 64 (doc.go's worked example still shows 65, from older Go).
 */
import type { ByteReader } from '../wire/reader.js';
import type { ByteWriter } from '../wire/writer.js';
import { readGobInt, readGobString, readGobUint, writeGobInt, writeGobString, writeGobUint } from './wire.js';

export type TypeId = number;

export const T_BOOL = 1;
export const T_INT = 2;
export const T_UINT = 3;
export const T_FLOAT = 4;
export const T_BYTES = 5;
export const T_STRING = 6;
export const T_COMPLEX = 7;
export const T_INTERFACE = 8;
/** The first id Go 1.26's encoder assigns to a user type. */
export const FIRST_USER_ID = 64;

export const isBasicId = (id: TypeId): boolean => id >= T_BOOL && id <= T_INTERFACE;

/** Which field of Go's wireType carries the definition. */
export type WireKind = 'array' | 'slice' | 'struct' | 'map' | 'gob' | 'binary' | 'text';
export const WIRE_KINDS: readonly WireKind[] = ['array', 'slice', 'struct', 'map', 'gob', 'binary', 'text'];

export interface WireField {
  readonly name: string;
  readonly id: TypeId;
}

/**
 * One type definition. `name`/`id` are the CommonType inside it. `id` normally equals the id the
 * definition was sent under, but not always: a GobEncoder reached through a pointer is sent under
 * its base type's id while its CommonType carries the pointer type's id (math/big.Float in cty).
 */
export type WireType =
  | { readonly kind: 'array'; readonly name: string; readonly id: TypeId; readonly elem: TypeId; readonly len: number }
  | { readonly kind: 'slice'; readonly name: string; readonly id: TypeId; readonly elem: TypeId }
  | { readonly kind: 'struct'; readonly name: string; readonly id: TypeId; readonly fields: readonly WireField[] }
  | { readonly kind: 'map'; readonly name: string; readonly id: TypeId; readonly key: TypeId; readonly elem: TypeId }
  | { readonly kind: 'gob' | 'binary' | 'text'; readonly name: string; readonly id: TypeId };

/** True when two definitions say the same thing. */
export function wireTypeEquals(a: WireType, b: WireType): boolean {
  if (a.kind !== b.kind || a.name !== b.name || a.id !== b.id) return false;
  switch (a.kind) {
    case 'array': {
      const o = b as typeof a;
      return a.elem === o.elem && a.len === o.len;
    }
    case 'slice':
      return a.elem === (b as typeof a).elem;
    case 'map': {
      const o = b as typeof a;
      return a.key === o.key && a.elem === o.elem;
    }
    case 'struct': {
      const o = b as typeof a;
      if (a.fields.length !== o.fields.length) return false;
      return a.fields.every((f, i) => f.name === o.fields[i]!.name && f.id === o.fields[i]!.id);
    }
    default:
      return true;
  }
}

// ---- encoding a wireType value (Go's struct rules: zero fields left out, delta-numbered) ----

function writeCommonType(w: ByteWriter, name: string, id: TypeId): void {
  let last = -1;
  if (name !== '') {
    writeGobUint(w, 0 - last);
    last = 0;
    writeGobString(w, name);
  }
  if (id !== 0) {
    writeGobUint(w, 1 - last);
    writeGobInt(w, id);
  }
  w.writeByte(0);
}

/** Writes one typeId-valued field (omitted when 0) and returns the new last field number. */
function idField(w: ByteWriter, field: number, last: number, id: TypeId): number {
  if (id === 0) return last;
  writeGobUint(w, field - last);
  writeGobInt(w, id);
  return field;
}

/** Encodes `wt` as the value of Go's wireType struct (no type id, no framing). */
export function writeWireType(w: ByteWriter, wt: WireType): void {
  writeGobUint(w, WIRE_KINDS.indexOf(wt.kind) + 1);
  // The inner struct starts with its CommonType, always sent (a struct-valued field).
  w.writeByte(1);
  writeCommonType(w, wt.name, wt.id);
  let last = 0;
  switch (wt.kind) {
    case 'array':
      last = idField(w, 1, last, wt.elem);
      if (wt.len !== 0) {
        writeGobUint(w, 2 - last);
        writeGobInt(w, wt.len);
      }
      break;
    case 'slice':
      idField(w, 1, last, wt.elem);
      break;
    case 'map':
      last = idField(w, 1, last, wt.key);
      idField(w, 2, last, wt.elem);
      break;
    case 'struct':
      if (wt.fields.length > 0) {
        writeGobUint(w, 1);
        writeGobUint(w, wt.fields.length);
        for (const f of wt.fields) {
          let fl = -1;
          if (f.name !== '') {
            w.writeByte(1);
            fl = 0;
            writeGobString(w, f.name);
          }
          idField(w, 1, fl, f.id);
          w.writeByte(0);
        }
      }
      break;
    default:
      break;
  }
  w.writeByte(0); // end of the inner struct
  w.writeByte(0); // end of wireType
}

// ---- decoding ----

/**
 * One field delta of Go's struct framing (field numbers start at -1): returns the next field
 * number, or -1 at the zero delta that ends the struct. A delta running past `count` fields is a
 * WireError; `what` names the struct in errors (messages are built only on failure).
 */
export function nextField(r: ByteReader, count: number, n: number, what: string): number {
  const at = r.pos;
  let d: number;
  if (r.pos < r.end && r.buf[r.pos]! < 0x80) d = r.buf[r.pos++]!;
  else d = readGobUint(r, `${what} field delta`);
  if (d === 0) return -1;
  if (d > count - 1 - n) r.fail(`${what}: field delta ${d} after field ${n} runs past the last field (${count} fields)`, at);
  return n + d;
}

function readId(r: ByteReader, what: string): TypeId {
  const at = r.pos;
  const id = readGobInt(r, what);
  if (id < 0 || id > 0x7fffffff) r.fail(`${what} ${id} out of range`, at);
  return id;
}

/** Fields of each kind's xxxType struct (CommonType first), and its name in errors. */
const KIND_FIELDS: readonly number[] = [3, 2, 2, 3, 1, 1, 1];
const KIND_WHAT: readonly string[] = WIRE_KINDS.map((k) => `${k}Type`);

/** Reads one wireType value. Validates its shape; referenced ids are checked when used. */
export function readWireType(r: ByteReader): WireType {
  const start = r.pos;
  let kind: WireKind | undefined;
  let name = '';
  let id = 0;
  let elem = 0;
  let key = 0;
  let len = 0;
  let fields: WireField[] = [];
  for (let k = nextField(r, WIRE_KINDS.length, -1, 'wireType'); k >= 0; k = nextField(r, WIRE_KINDS.length, k, 'wireType')) {
    if (kind !== undefined) r.fail('wireType sets more than one kind', start);
    const kk = WIRE_KINDS[k]!;
    kind = kk;
    const nFields = KIND_FIELDS[k]!;
    const what = KIND_WHAT[k]!;
    for (let f = nextField(r, nFields, -1, what); f >= 0; f = nextField(r, nFields, f, what)) {
      if (f === 0) {
        for (let c = nextField(r, 2, -1, 'CommonType'); c >= 0; c = nextField(r, 2, c, 'CommonType')) {
          if (c === 0) name = readGobString(r, 'type name');
          else id = readId(r, 'type id');
        }
      } else if (kk === 'array') {
        if (f === 1) elem = readId(r, 'array element type id');
        else {
          const at = r.pos;
          len = readGobInt(r, 'array length');
          if (len < 0) r.fail(`negative array length ${len}`, at);
        }
      } else if (kk === 'slice') elem = readId(r, 'slice element type id');
      else if (kk === 'map') {
        if (f === 1) key = readId(r, 'map key type id');
        else elem = readId(r, 'map element type id');
      } else if (kk === 'struct') {
        const at = r.pos;
        const n = readGobUint(r, 'struct field count');
        // Each fieldType takes at least one byte (its terminator).
        if (n > r.remaining) r.fail(`struct field count ${n} exceeds the ${r.remaining} bytes left`, at);
        fields = [];
        for (let i = 0; i < n; i++) {
          let fname = '';
          let fid = 0;
          for (let g = nextField(r, 2, -1, 'fieldType'); g >= 0; g = nextField(r, 2, g, 'fieldType')) {
            if (g === 0) fname = readGobString(r, 'field name');
            else fid = readId(r, 'field type id');
          }
          fields.push({ name: fname, id: fid });
        }
      }
    }
  }
  if (kind === undefined) return r.fail('wireType sets no kind', start);
  switch (kind) {
    case 'array':
      return { kind, name, id, elem, len };
    case 'slice':
      return { kind, name, id, elem };
    case 'map':
      return { kind, name, id, key, elem };
    case 'struct':
      return { kind, name, id, fields };
    default:
      return { kind, name, id };
  }
}
