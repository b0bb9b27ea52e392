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
export const T_WIRETYPE = 16;
/** The first id Go 1.26's encoder assigns to a user type. */
export const FIRST_USER_ID = 64;

export const BUILTIN_NAMES: Readonly<Record<number, string>> = {
  1: 'bool',
  2: 'int',
  3: 'uint',
  4: 'float',
  5: 'bytes',
  6: 'string',
  7: 'complex',
  8: 'interface',
};

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
 * Reads Go's struct framing: calls `field(n)` for each (delta, value) pair until the zero delta.
 * A delta running past `count` fields is a WireError.
 */
export function readStructFields(r: ByteReader, count: number, what: string, field: (n: number) => void): void {
  let n = -1;
  for (;;) {
    const at = r.pos;
    const d = readGobUint(r, `${what} field delta`);
    if (d === 0) return;
    if (d > count - 1 - n) r.fail(`${what}: field delta ${d} after field ${n} runs past the last field (${count} fields)`, at);
    n += d;
    field(n);
  }
}

function readCommonType(r: ByteReader, out: { name: string; id: TypeId }): void {
  readStructFields(r, 2, 'CommonType', (f) => {
    if (f === 0) out.name = readGobString(r, 'type name');
    else out.id = readId(r, 'type id');
  });
}

function readId(r: ByteReader, what: string): TypeId {
  const at = r.pos;
  const id = readGobInt(r, what);
  if (id < 0 || id > 0x7fffffff) r.fail(`${what} ${id} out of range`, at);
  return id;
}

/** Reads one wireType value. Validates its shape; referenced ids are checked when used. */
export function readWireType(r: ByteReader): WireType {
  const start = r.pos;
  let kind: WireKind | undefined;
  const ct = { name: '', id: 0 };
  let elem = 0;
  let key = 0;
  let len = 0;
  let fields: WireField[] = [];
  readStructFields(r, WIRE_KINDS.length, 'wireType', (k) => {
    if (kind !== undefined) r.fail('wireType sets more than one kind', start);
    kind = WIRE_KINDS[k]!;
    const kk = kind;
    const nFields = kk === 'array' || kk === 'map' ? 3 : kk === 'slice' || kk === 'struct' ? 2 : 1;
    readStructFields(r, nFields, `${kk}Type`, (f) => {
      if (f === 0) return readCommonType(r, ct);
      if (kk === 'array') {
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
          const fld = { name: '', id: 0 };
          readStructFields(r, 2, 'fieldType', (g) => {
            if (g === 0) fld.name = readGobString(r, 'field name');
            else fld.id = readId(r, 'field type id');
          });
          fields.push(fld);
        }
      }
    });
  });
  if (kind === undefined) return r.fail('wireType sets no kind', start);
  const k: WireKind = kind;
  switch (k) {
    case 'array':
      return { kind: k, name: ct.name, id: ct.id, elem, len };
    case 'slice':
      return { kind: k, name: ct.name, id: ct.id, elem };
    case 'map':
      return { kind: k, name: ct.name, id: ct.id, key, elem };
    case 'struct':
      return { kind: k, name: ct.name, id: ct.id, fields };
    default:
      return { kind: k, name: ct.name, id: ct.id };
  }
}
