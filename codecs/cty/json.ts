/**
 * go-cty's JSON value encoding (`cty/json`): `Marshal(value, type)` / `Unmarshal(bytes, type)`.
 *
 * The marshal type may hold DynamicPseudoType at any position; a value at such a position is
 * written as `{"value":…,"type":…}` with its own type. Unknown values cannot be written (an error,
 * as in Go). Decoding follows go-cty's rules: `null` is a null of the expected type; strings are
 * NFC-normalised; a number may arrive as a JSON number or a string; a bool may arrive as
 * "true"/"1"/"false"/"0"; a string may arrive as a number (its literal text) or a bool; missing
 * object attributes become nulls; collections take their element type from their elements.
 */
import { MAX_DEPTH, WireError } from '../wire/errors.js';
import { ByteWriter } from '../wire/writer.js';
import { NIL_TYPE_LIST, T, compareGoStrings, objectType, typeGoString, type CtyType } from './types.js';
import { Unknown, type CtyValue, type Raw } from './values.js';
import { CtyNumber } from './number.js';
import { formatNumberText } from './numtext.js';
import { parseNumberLimited } from './number-limits.js';
import { budgetFor, type DecodeBudget, type DecodeOptions } from '../wire/limits.js';
import { ctyNormalize } from './gostring.js';
import { writeGoJsonString } from '../golang/json.js';
import { JsonCursor, writeAscii } from './json-text.js';
import { parseTypeJSON, writeTypeJSON } from './type-json.js';
import { commonType, conformsTo, setRaw } from './value-build.js';

// ---------------------------------------------------------------------------------------------
// Unmarshal

/**
 * The type of the value read last (see msgpack.ts: raw content is read in place, and a container
 * builds a type of its own only when an element's type differs from the one asked for).
 */
interface ReadState {
  vt: CtyType;
}

/** go-cty `json.Unmarshal(bytes, type)`. Throws WireError (codec 'cty-json') on bad input. */
export function unmarshalCtyJSON(bytes: Uint8Array, type: CtyType, base = 0, limits?: DecodeOptions | DecodeBudget): CtyValue {
  const c = new JsonCursor(bytes, 0, bytes.length, base);
  c.budget = budgetFor(limits, bytes.length);
  const s: ReadState = { vt: type };
  const raw = readValue(s, c, type, 0);
  c.end_();
  return { type: s.vt, raw };
}

const EMPTY_TUPLE = T.tuple([]);

/** Reads a value of type t; leaves its type in s.vt. */
function readValue(s: ReadState, c: JsonCursor, t: CtyType, depth: number): Raw {
  if (depth > MAX_DEPTH) c.fail(`value nested deeper than ${MAX_DEPTH}`);
  const k = c.peek();
  const at = c.pos;
  c.budget.addValues(1, 'cty-json', c.base + at);
  s.vt = t;
  if (k === 'null') {
    c.literal('null');
    return null;
  }
  switch (t.kind) {
    case 'dynamic':
      return readDynamic(s, c, depth);
    case 'string':
      if (k === 'string') return ctyNormalize(c.string());
      if (k === 'number') return c.number();
      if (k === 'true' || k === 'false') {
        c.literal(k);
        return k;
      }
      return c.fail('string is required', at);
    case 'number': {
      let text: string;
      if (k === 'number') text = c.number();
      else if (k === 'string') text = c.string();
      else return c.fail('number is required', at);
      const n = parseNumberLimited(c.budget, text, 'cty-json', c.base + at);
      if (typeof n === 'string') return c.fail(`a number is required: ${n}`, at);
      return n;
    }
    case 'bool':
      if (k === 'true' || k === 'false') {
        c.literal(k);
        return k === 'true';
      }
      if (k === 'string') {
        const str = c.string();
        if (str === 'true' || str === '1') return true;
        if (str === 'false' || str === '0') return false;
        return c.fail('a bool is required', at);
      }
      return c.fail('bool is required', at);
    case 'list':
    case 'set': {
      if (k !== '[') c.fail(`a ${t.kind} is required (missing expected [)`, at);
      c.pos++;
      const et = t.elem;
      const vals: Raw[] = [];
      let types: CtyType[] | undefined;
      for (let first = true; c.more(first, 0x5d); first = false) {
        vals.push(readValue(s, c, et, depth + 1));
        if (s.vt !== et && types === undefined) types = new Array<CtyType>(vals.length - 1).fill(et);
        if (types !== undefined) types.push(s.vt);
      }
      s.vt = t;
      if (vals.length === 0) return vals;
      let vet = et;
      if (types !== undefined) {
        const ct = commonType(types);
        if (!ct) return c.fail(`inconsistent ${t.kind} element types`, at);
        vet = ct;
        s.vt = t.kind === 'list' ? T.list(vet) : T.set(vet);
      }
      if (t.kind === 'list') return vals;
      c.budget.addSetElements(vals.length, 'cty-json', c.base + at);
      return setRaw(vet, vals);
    }
    case 'map': {
      if (k !== '{') c.fail('a map is required (missing expected {)', at);
      c.pos++;
      const et = t.elem;
      const vals = new Map<string, Raw>();
      // element types by key, once one differs from et (a repeated key keeps its last value and type)
      let types: Map<string, CtyType> | undefined;
      for (let first = true; c.more(first, 0x7d); first = false) {
        if (c.peek() !== 'string') c.fail('failed to read map key: missing expected object key');
        c.budget.addValues(1, 'cty-json', c.base + c.pos); // the key: a map entry keeps it and a slot
        const key = ctyNormalize(c.string());
        c.expect(0x3a, "':' after object key");
        vals.set(key, readValue(s, c, et, depth + 1));
        if (s.vt !== et && types === undefined) {
          types = new Map();
          for (const key of vals.keys()) types.set(key, et);
        }
        if (types !== undefined) types.set(key, s.vt);
      }
      s.vt = t;
      if (types !== undefined) {
        const ct = commonType(types.values());
        if (!ct) return c.fail('inconsistent map element types', at);
        s.vt = T.map(ct);
      }
      return vals;
    }
    case 'tuple': {
      if (k !== '[') c.fail('a tuple is required (missing expected [)', at);
      c.pos++;
      const ets = t.elems;
      const vals: Raw[] = [];
      let types: CtyType[] | undefined;
      for (let first = true; c.more(first, 0x5d); first = false) {
        const i = vals.length;
        if (i >= ets.length) c.fail(`too many tuple elements (need ${ets.length})`);
        vals.push(readValue(s, c, ets[i]!, depth + 1));
        if (s.vt !== ets[i] && types === undefined) types = ets.slice(0, i);
        if (types !== undefined) types.push(s.vt);
      }
      if (vals.length !== ets.length) c.fail(`not enough tuple elements (need ${ets.length})`, at);
      // go-cty's EmptyTupleVal for no elements, whatever the type asked for
      s.vt = vals.length === 0 ? (ets === NIL_TYPE_LIST ? EMPTY_TUPLE : t) : types === undefined ? t : T.tuple(types);
      return vals;
    }
    case 'object': {
      if (k !== '{') c.fail('an object is required (missing expected {)', at);
      c.pos++;
      const vals = new Map<string, Raw>();
      // attribute types that differ from the object type's, by name
      let differ: Map<string, CtyType> | undefined;
      for (let first = true; c.more(first, 0x7d); first = false) {
        if (c.peek() !== 'string') c.fail('failed to read object key: missing expected object key');
        const keyAt = c.pos;
        const key = c.string();
        const aty = t.attrs.get(key);
        if (!aty) return c.fail(`unsupported attribute ${JSON.stringify(key)}`, keyAt);
        c.expect(0x3a, "':' after object key");
        vals.set(key, readValue(s, c, aty, depth + 1));
        if (s.vt !== aty) (differ ??= new Map()).set(key, s.vt);
        else if (differ !== undefined) differ.delete(key);
      }
      // missing attributes are nulls of their types
      if (vals.size !== t.attrs.size) for (const name of t.attrs.keys()) if (!vals.has(name)) vals.set(name, null);
      if (differ === undefined && t.optional.size === 0) s.vt = t;
      else {
        // go-cty's ObjectVal: the type of the attributes read (no optional markers)
        const attrs = new Map<string, CtyType>();
        for (const key of vals.keys()) attrs.set(key, differ?.get(key) ?? t.attrs.get(key)!);
        s.vt = objectType(attrs);
      }
      return vals;
    }
  }
}

/** `{"value": …, "type": …}` in either order; the value is decoded once the type is known. */
function readDynamic(s: ReadState, c: JsonCursor, depth: number): Raw {
  const at = c.pos;
  if (c.peek() !== '{') c.fail('a dynamically-typed value must be an object {"value", "type"}', at);
  c.pos++;
  let type: CtyType | undefined;
  let valueStart = -1;
  let valueEnd = -1;
  for (let first = true; c.more(first, 0x7d); first = false) {
    if (c.peek() !== 'string') c.fail('failed to read dynamic type descriptor key');
    const keyAt = c.pos;
    const key = c.string();
    c.expect(0x3a, "':' after object key");
    if (key === 'type') {
      const typeAt0 = c.pos;
      type = typeAt(c, depth);
      c.budget.addTypeText(c.pos - typeAt0, 'cty-json', c.base + typeAt0);
    } else if (key === 'value') {
      valueStart = c.skipValue(depth + 1, MAX_DEPTH);
      valueEnd = c.pos;
    } else c.fail(`invalid key ${JSON.stringify(key)} in dynamically-typed value`, keyAt);
  }
  if (!type) return c.fail('missing type in dynamically-typed value', at);
  if (valueStart < 0) return c.fail('missing value in dynamically-typed value', at);
  const inner = new JsonCursor(c.buf, valueStart, valueEnd, c.base);
  inner.budget = c.budget;
  return readValue(s, inner, type, depth + 1);
}

/** The type at the cursor (parsed every time: see typeOfWrapper in msgpack.ts). */
function typeAt(c: JsonCursor, depth: number): CtyType {
  c.skipWs();
  const start = c.pos;
  c.skipValue(depth + 1, MAX_DEPTH);
  return parseTypeJSON(c.buf.subarray(start, c.pos), c.base + start, depth + 1);
}

// ---------------------------------------------------------------------------------------------
// Marshal

const shared = new ByteWriter(1024);
let sharedBusy = false;

/**
 * go-cty `json.Marshal(value, type)`: `type` is the marshal type (DynamicPseudoType positions get
 * the `{"value","type"}` wrapper). The value's own type must conform to it.
 */
export function marshalCtyJSON(value: CtyValue, type: CtyType): Uint8Array {
  if (!conformsTo(value.type, type)) {
    throw new WireError('cty-json', 0, `value of type ${typeGoString(value.type)} does not conform to ${typeGoString(type)}`);
  }
  const w = sharedBusy ? new ByteWriter(256) : shared.reset();
  sharedBusy = true;
  try {
    writeValue(w, type, value.type, value.raw, 0);
    return w.finish();
  } finally {
    if (w === shared) sharedBusy = false;
  }
}

function bad(w: ByteWriter, reason: string): never {
  throw new WireError('cty-json', w.pos, reason);
}

function writeValue(w: ByteWriter, ty: CtyType, vt: CtyType, raw: Raw, depth: number): void {
  if (depth > MAX_DEPTH) bad(w, `value nested deeper than ${MAX_DEPTH}`);
  if (ty.kind === 'dynamic' && vt.kind !== 'dynamic') {
    writeAscii(w, '{"value":');
    writeValue(w, vt, vt, raw, depth + 1);
    writeAscii(w, ',"type":');
    writeTypeJSON(w, vt);
    w.writeByte(0x7d);
    return;
  }
  if (raw === null) return writeAscii(w, 'null');
  if (raw instanceof Unknown) return bad(w, 'value is not known');
  switch (ty.kind) {
    case 'string':
      if (typeof raw !== 'string') break;
      return writeGoJsonString(w, ctyNormalize(raw));
    case 'number':
      if (!(raw instanceof CtyNumber)) break;
      if (raw.form === 'inf') return bad(w, 'cannot serialize infinity as JSON');
      return writeAscii(w, formatNumberText(raw));
    case 'bool':
      if (typeof raw !== 'boolean') break;
      return writeAscii(w, raw ? 'true' : 'false');
    case 'list':
    case 'set': {
      if (!Array.isArray(raw)) break;
      const et = (vt as typeof ty).elem;
      w.writeByte(0x5b);
      for (let i = 0; i < raw.length; i++) {
        if (i > 0) w.writeByte(0x2c);
        writeValue(w, ty.elem, et, raw[i]!, depth + 1);
      }
      return w.writeByte(0x5d);
    }
    case 'tuple': {
      const ets = (vt as typeof ty).elems;
      if (!Array.isArray(raw) || raw.length !== ty.elems.length) break;
      w.writeByte(0x5b);
      for (let i = 0; i < raw.length; i++) {
        if (i > 0) w.writeByte(0x2c);
        writeValue(w, ty.elems[i]!, ets[i]!, raw[i]!, depth + 1);
      }
      return w.writeByte(0x5d);
    }
    case 'map': {
      if (!(raw instanceof Map)) break;
      const et = (vt as typeof ty).elem;
      w.writeByte(0x7b);
      [...raw.keys()].sort(compareGoStrings).forEach((k, i) => {
        if (i > 0) w.writeByte(0x2c);
        writeGoJsonString(w, ctyNormalize(k));
        w.writeByte(0x3a);
        writeValue(w, ty.elem, et, raw.get(k)!, depth + 1);
      });
      return w.writeByte(0x7d);
    }
    case 'object': {
      if (!(raw instanceof Map)) break;
      const vattrs = (vt as typeof ty).attrs;
      w.writeByte(0x7b);
      [...ty.attrs.keys()].sort(compareGoStrings).forEach((k, i) => {
        if (!raw.has(k)) bad(w, `object value lacks attribute ${JSON.stringify(k)}`);
        if (i > 0) w.writeByte(0x2c);
        writeGoJsonString(w, ctyNormalize(k));
        w.writeByte(0x3a);
        writeValue(w, ty.attrs.get(k)!, vattrs.get(k)!, raw.get(k)!, depth + 1);
      });
      return w.writeByte(0x7d);
    }
    case 'dynamic':
      break; // a dynamic-typed value is only ever null or unknown
  }
  return bad(w, `raw value does not fit type ${typeGoString(vt)}`);
}
