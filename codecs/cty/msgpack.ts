/**
 * go-cty's msgpack value encoding (`cty/msgpack`): `Marshal(value, type)` / `Unmarshal(bytes, type)`.
 *
 * - null: nil. Unknown: ext 0 with one zero byte (`d4 00 00`), or, for an unknown with
 *   refinements (go-cty >= 1.13), ext 0x0c holding a map {1: notNull=false, 2: string prefix,
 *   3/4: [number, inclusive] bounds, 5/6: length bounds}.
 * - numbers: the smallest integer marker when the value is an exact int64, a float64 when it is an
 *   exact float64 (and for the infinities), else the decimal text as a str.
 * - strings str; bools; lists, sets, tuples arrays; maps maps in key order; objects maps with
 *   attribute names sorted.
 * - a DynamicPseudoType position: `[bin(type JSON), value]`.
 */
import { MAX_DEPTH, WireError } from '../wire/errors.js';
import { ByteReader } from '../wire/reader.js';
import { ByteWriter } from '../wire/writer.js';
import { NIL_TYPE_LIST, T, compareGoStrings, objectType as objectTypeOf, sortedAttrNames, typeGoString, type CtyType } from './types.js';
import { Unknown, type CtyValue, type Raw, type Refinements } from './values.js';
import { CtyNumber } from './number.js';
import { compareNumbers, exactFloat64, exactInt64, numberFromFloat64, numberFromInt64, numberFromUint64 } from './number-ops.js';
import { formatNumberText } from './numtext.js';
import { checkNumber, parseNumberLimited } from './number-limits.js';
import { budgetFor, type DecodeBudget, type DecodeOptions } from '../wire/limits.js';
import { ctyNormalize } from './gostring.js';
import { ctyNumbersEqual } from './set-order.js';
import { parseTypeJSON, writeTypeJSON } from './type-json.js';
import { commonType, conformsTo, setRaw } from './value-build.js';
import { decodeUtf8 } from '../msgpack/str.js';
import { takeBytes } from '../msgpack/out.js';
import {
  M,
  isExt,
  isFixedNum,
  markerName,
  readArrayLen,
  readExtHeader,
  readInteger,
  readMapLen,
  readStrOrBinLen,
  writeArrayLen,
  writeBool,
  writeExtHeader,
  writeFloat64,
  writeInt,
  writeMapLen,
  writeNil,
  writeStr,
} from '../msgpack/markers.js';

/** Extension type of a refined unknown value. */
const EXT_REFINED_UNKNOWN = 0x0c;
const REFINE_NULLNESS = 1;
const REFINE_STRING_PREFIX = 2;
const REFINE_NUMBER_MIN = 3;
const REFINE_NUMBER_MAX = 4;
const REFINE_LENGTH_MIN = 5;
const REFINE_LENGTH_MAX = 6;
/** go-cty refuses refinement payloads above 1 KiB. */
const MAX_REFINEMENT_BYTES = 1024;
/** A refined unknown list of known length n becomes n unknowns; we refuse absurd n. */
const MAX_REFINED_LIST_LENGTH = 1 << 16;
const INT64_MAX = (1n << 63n) - 1n;
const BOUND_TYPE = T.tuple([T.Number, T.Bool]);

// ---------------------------------------------------------------------------------------------
// Unmarshal
//
// The decoder reads raw content straight into place (no CtyValue per node). The type of what was
// read is, almost always, the type asked for: go-cty's constructors derive a collection's or an
// object's type from its elements, and those are the asked-for types unless a DynamicPseudoType
// position, an optional attribute, an empty object or tuple standing for a non-empty one, or a
// repeated attribute name says otherwise. Each read leaves the value's type in `s.vt` (the very
// type object asked for when nothing differed), and a container builds a new type only when one
// of its elements reported another.

/** Decoding state: the reader and the type of the value read last. */
interface ReadState {
  readonly r: ByteReader;
  vt: CtyType;
}

/** go-cty `msgpack.Unmarshal(bytes, type)`. Throws WireError (codec 'msgpack') on bad input. */
export function unmarshalCtyMsgpack(bytes: Uint8Array, type: CtyType, limits?: DecodeOptions | DecodeBudget): CtyValue {
  const r = new ByteReader(bytes, 'msgpack');
  r.budget = budgetFor(limits, bytes.length);
  r.budget.addValues(1, 'msgpack', 0);
  const s: ReadState = { r, vt: type };
  const raw = readValue(s, type, 0);
  if (!r.atEnd()) r.fail(`${r.remaining} trailing bytes after the value`);
  return { type: s.vt, raw };
}

function readUtf8String(r: ByteReader, what: string): string {
  const n = readStrOrBinLen(r, what);
  return n <= 0 ? '' : readUtf8Payload(r, n, what);
}

/** A str (or bin) as a cty string: NFC, as cty.StringVal makes it (plain ASCII needs no look). */
function readCtyString(r: ByteReader, what: string): string {
  const n = readStrOrBinLen(r, what);
  if (n <= 0) return '';
  const s = readUtf8Payload(r, n, what);
  // Fewer UTF-16 units than bytes means some non-ASCII text.
  return s.length === n ? s : ctyNormalize(s);
}

/** n bytes of UTF-8 at the cursor (checked to be there). */
function readUtf8Payload(r: ByteReader, n: number, what: string): string {
  const start = r.pos;
  const s = decodeUtf8(r.buf, start, n);
  if (s === undefined) return r.fail(`invalid UTF-8 in ${what}`, start);
  r.pos = start + n;
  return s;
}

const EMPTY_OBJECT = T.object({});
const EMPTY_TUPLE = T.tuple([]);

/** Reads a value of type t; leaves its type in s.vt. */
function readValue(s: ReadState, t: CtyType, depth: number): Raw {
  const r = s.r;
  if (depth > MAX_DEPTH) r.fail(`value nested deeper than ${MAX_DEPTH}`);
  const c = r.peekByte();
  if (isExt(c)) {
    const v = readUnknown(r, t, depth);
    s.vt = v.type;
    return v.raw;
  }
  if (t.kind === 'dynamic') return readDynamic(s, depth);
  s.vt = t;
  if (c === M.Nil) {
    r.pos++;
    return null;
  }
  const at = r.pos;
  switch (t.kind) {
    case 'bool':
      r.pos++;
      if (c === M.True) return true;
      if (c === M.False) return false;
      return r.fail(`bool is required, found ${markerName(c)}`, at);
    case 'number':
      return readNumber(r);
    case 'string':
      return readCtyString(r, 'string');
    case 'list':
    case 'set':
      return readSequence(s, t, depth, at);
    case 'map':
      return readMap(s, t, depth, at);
    case 'tuple':
      return readTuple(s, t, depth, at);
    case 'object':
      return readObject(s, t, depth, at);
  }
}

function readSequence(s: ReadState, t: Extract<CtyType, { kind: 'list' | 'set' }>, depth: number, at: number): Raw[] {
  const r = s.r;
  const n = readArrayLen(r, `a ${t.kind} is required`);
  if (n === 0) return [];
  // a container's elements count when its header is read (a flood is refused at once)
  r.budget.addValues(n, 'msgpack', at);
  const et = t.elem;
  const vals: Raw[] = new Array(n);
  let types: CtyType[] | undefined;
  for (let i = 0; i < n; i++) {
    vals[i] = readValue(s, et, depth + 1);
    if (s.vt !== et && types === undefined) types = new Array<CtyType>(i).fill(et);
    if (types !== undefined) types[i] = s.vt;
  }
  let vet = et;
  if (types !== undefined) {
    const ct = commonType(types);
    if (!ct) return r.fail(`inconsistent ${t.kind} element types`, at);
    vet = ct;
  }
  s.vt = vet === et ? t : t.kind === 'list' ? T.list(vet) : T.set(vet);
  if (t.kind === 'list') return vals;
  r.budget.addSetElements(n, 'msgpack', at);
  return setRaw(vet, vals);
}

function readMap(s: ReadState, t: Extract<CtyType, { kind: 'map' }>, depth: number, at: number): Map<string, Raw> {
  const r = s.r;
  const n = readMapLen(r, 'a map is required');
  const vals = new Map<string, Raw>();
  if (n === 0) return vals;
  r.budget.addValues(2 * n, 'msgpack', at);
  const et = t.elem;
  // element types by key, once one differs from et (a repeated key keeps its last value and type)
  let types: Map<string, CtyType> | undefined;
  for (let i = 0; i < n; i++) {
    const key = readCtyString(r, 'map key');
    vals.set(key, readValue(s, et, depth + 1));
    if (s.vt !== et && types === undefined) {
      types = new Map();
      for (const k of vals.keys()) types.set(k, et);
    }
    if (types !== undefined) types.set(key, s.vt);
  }
  let vet = et;
  if (types !== undefined) {
    const ct = commonType(types.values());
    if (!ct) return r.fail('inconsistent map element types', at);
    vet = ct;
  }
  s.vt = vet === et ? t : T.map(vet);
  return vals;
}

function readTuple(s: ReadState, t: Extract<CtyType, { kind: 'tuple' }>, depth: number, at: number): Raw[] {
  const r = s.r;
  const n = readArrayLen(r, 'a tuple is required');
  if (n === 0) {
    // go-cty's EmptyTupleVal, whatever the type asked for
    if (t.elems.length !== 0 || t.elems === NIL_TYPE_LIST) s.vt = EMPTY_TUPLE;
    return [];
  }
  r.budget.addValues(n, 'msgpack', at);
  const ets = t.elems;
  if (n !== ets.length) r.fail(`a tuple of length ${ets.length} is required, found ${n} elements`, at);
  const vals: Raw[] = new Array(n);
  let types: CtyType[] | undefined;
  for (let i = 0; i < n; i++) {
    const et = ets[i]!;
    vals[i] = readValue(s, et, depth + 1);
    if (s.vt !== et && types === undefined) types = ets.slice(0, i);
    if (types !== undefined) types[i] = s.vt;
  }
  s.vt = types === undefined ? t : T.tuple(types);
  return vals;
}

function readObject(s: ReadState, t: Extract<CtyType, { kind: 'object' }>, depth: number, at: number): Map<string, Raw> {
  const r = s.r;
  const n = readMapLen(r, 'an object is required');
  const vals = new Map<string, Raw>();
  if (n === 0) {
    // go-cty's EmptyObjectVal, whatever the type asked for
    if (t.attrs.size !== 0 || t.optional.size !== 0) s.vt = EMPTY_OBJECT;
    return vals;
  }
  r.budget.addValues(2 * n, 'msgpack', at);
  if (n !== t.attrs.size) r.fail(`an object with ${t.attrs.size} attributes is required (${n} given)`, at);
  const attrs = t.attrs;
  const buf = r.buf;
  // attribute types that differ from the object type's, by name
  let differ: Map<string, CtyType> | undefined;
  // Go writes the names sorted: the type's names are expected in the type's own order (Go's, for
  // a type read from Go's type JSON), one per entry, each compared in place.
  for (const [name, nameType] of attrs) {
    const keyAt = r.pos;
    const c = buf[keyAt]!;
    const len = name.length;
    let same = len < 32 && c === (0xa0 | len) && keyAt + 1 + len <= r.end;
    for (let j = 0; same && j < len; j++) {
      const b = buf[keyAt + 1 + j]!;
      same = b < 0x80 && b === name.charCodeAt(j);
    }
    let key = name;
    let aty: CtyType | undefined = nameType;
    if (same) r.pos = keyAt + 1 + len;
    else {
      key = readUtf8String(r, 'object attribute name');
      aty = attrs.get(key);
      if (aty === undefined) return r.fail(`unsupported attribute ${JSON.stringify(key)}`, keyAt);
    }
    vals.set(key, readValue(s, aty, depth + 1));
    if (s.vt !== aty) (differ ??= new Map()).set(key, s.vt);
    else if (differ !== undefined) differ.delete(key);
  }
  if (differ === undefined && vals.size === n && t.optional.size === 0) s.vt = t;
  else {
    // go-cty's ObjectVal: the type of the attributes read (no optional markers)
    const attrs = new Map<string, CtyType>();
    for (const k of vals.keys()) attrs.set(k, differ?.get(k) ?? t.attrs.get(k)!);
    s.vt = objectTypeOf(attrs);
  }
  return vals;
}

function readNumber(r: ByteReader): CtyNumber {
  const at = r.pos;
  const c = r.peekByte();
  if (isFixedNum(c) || (c >= M.Int8 && c <= M.Int64)) {
    r.budget.addNumber('msgpack', at);
    return numberFromInt64(readInteger(r, 'number'));
  }
  if (c >= M.Uint8 && c <= M.Uint64) {
    r.budget.addNumber('msgpack', at);
    return numberFromUint64(readInteger(r, 'number'));
  }
  if (c === M.Float || c === M.Double) {
    r.pos++;
    const x = c === M.Float ? r.readFloat32BE() : r.readFloat64BE();
    if (Number.isNaN(x)) r.fail('number is NaN (go-cty cannot hold it)', at);
    const n = numberFromFloat64(x);
    checkNumber(r.budget, n, 0, 'msgpack', at);
    return n;
  }
  if (c === M.Nil) r.fail('number is required, found nil', at);
  const text = readUtf8String(r, 'number');
  const n = parseNumberLimited(r.budget, text, 'msgpack', at);
  if (typeof n === 'string') return r.fail(`number is required: ${n}`, at);
  return n;
}

function readDynamic(s: ReadState, depth: number): Raw {
  const r = s.r;
  const at = r.pos;
  const n = readArrayLen(r, 'dynamic value');
  s.vt = T.DynamicPseudoType;
  if (n === -1) return null;
  if (n !== 2) r.fail('dynamic value array must have exactly two elements', at);
  const tat = r.pos;
  const len = readStrOrBinLen(r, 'dynamic value type');
  if (len < 0) r.fail('dynamic value type is nil', tat);
  const start = r.pos;
  const typeBytes = r.readBytes(len, 'dynamic value type');
  r.budget.addTypeText(len, 'msgpack', start);
  return readValue(s, typeOfWrapper(typeBytes, start), depth + 1);
}

/**
 * Type JSON of a dynamic wrapper, parsed every time: a host's payloads mostly bring types it has
 * not seen (and go-cty parses them every time too), and the compact reader costs about what
 * keying a cache by the text would.
 */
function typeOfWrapper(bytes: Uint8Array, start: number): CtyType {
  try {
    return parseTypeJSON(bytes, start);
  } catch (e) {
    if (e instanceof WireError) throw new WireError('msgpack', e.offset, `type JSON: ${e.reason}`);
    throw e;
  }
}

/** Refinements as go-cty's RefinementBuilder accumulates them. */
interface RefineState {
  isNull?: boolean;
  prefix: string;
  min?: [CtyNumber, boolean];
  max?: [CtyNumber, boolean];
  minLen: bigint;
  maxLen: bigint;
}

const isCollection = (t: CtyType): boolean => t.kind === 'list' || t.kind === 'set' || t.kind === 'map';

function readUnknown(r: ByteReader, t: CtyType, depth: number): CtyValue {
  const at = r.pos;
  const [extType, len] = readExtHeader(r, 'unknown value');
  const body = r.readBytes(len, 'unknown value extension payload');
  if (len <= 1) return { type: t, raw: Unknown.plain };
  if (extType !== EXT_REFINED_UNKNOWN) r.fail(`unsupported extension type 0x${(extType & 0xff).toString(16).padStart(2, '0')} with len ${len}`, at);
  if (len > MAX_REFINEMENT_BYTES) r.fail('oversize unknown value refinement', at);
  const rr = new ByteReader(body, 'msgpack', 0, body.length, r.base + r.pos - len);
  rr.budget = r.budget;
  // go-cty does not read the values of keys it does not know, so an entry may be a single byte.
  const entries = readMapLen(rr, 'unknown value refinements', 1);
  if (t.kind === 'dynamic') return { type: t, raw: Unknown.plain };
  const st: RefineState = { prefix: '', minLen: 0n, maxLen: INT64_MAX };
  const fail = (reason: string, off = rr.pos): never => rr.fail(`unknown value refinement: ${reason}`, off);
  for (let i = 0; i < entries; i++) {
    const keyAt = rr.pos;
    let key: bigint;
    try {
      key = readInteger(rr, 'refinement key');
    } catch {
      return fail('non-integer key in map', keyAt);
    }
    switch (key) {
      case BigInt(REFINE_NULLNESS): {
        const c = rr.readByte();
        if (c !== M.True && c !== M.False) fail('null refinement is not boolean', rr.pos - 1);
        const isNull = c === M.True;
        if (st.isNull !== undefined && st.isNull !== isNull) fail(isNull ? 'refining non-null value as null' : 'refining null value as non-null');
        st.isNull = isNull;
        break;
      }
      case BigInt(REFINE_STRING_PREFIX): {
        if (t.kind !== 'string') fail('string prefix refinement for non-string type', keyAt);
        const p = ctyNormalize(readUtf8String(rr, 'string prefix refinement'));
        const have = utf8Bytes(st.prefix);
        const next = utf8Bytes(p);
        const n = Math.min(have.length, next.length);
        for (let j = 0; j < n; j++) if (have[j] !== next[j]) fail('refined prefix is inconsistent with previous refined prefix', keyAt);
        if (next.length > have.length) st.prefix = p;
        break;
      }
      case BigInt(REFINE_LENGTH_MIN):
      case BigInt(REFINE_LENGTH_MAX): {
        if (!isCollection(t)) fail('length bound refinement for non-collection type', keyAt);
        let bound: bigint;
        try {
          bound = BigInt.asIntN(64, readInteger(rr, 'length bound'));
        } catch {
          return fail('length bound refinement must be integer');
        }
        if (key === BigInt(REFINE_LENGTH_MIN)) {
          if (st.minLen <= bound) st.minLen = bound;
        } else if (st.maxLen >= bound) st.maxLen = bound;
        if (st.maxLen < st.minLen) fail(`collection length upper bound ${st.maxLen} is less than lower bound ${st.minLen}`, keyAt);
        break;
      }
      case BigInt(REFINE_NUMBER_MIN):
      case BigInt(REFINE_NUMBER_MAX): {
        if (t.kind !== 'number') fail('numeric bound refinement for non-number type', keyAt);
        let parts: Raw;
        try {
          parts = readValue({ r: rr, vt: BOUND_TYPE }, BOUND_TYPE, depth + 1);
        } catch {
          return fail('number bound refinement must be [number, bool] array', keyAt);
        }
        if (!Array.isArray(parts) || !(parts[0] instanceof CtyNumber) || typeof parts[1] !== 'boolean') {
          return fail('number bound refinement must be [number, bool] array', keyAt);
        }
        refineNumberBound(st, key === BigInt(REFINE_NUMBER_MIN), parts[0], parts[1], (m) => fail(m, keyAt));
        break;
      }
      default:
        // go-cty ignores keys it does not know, without reading their values.
        break;
    }
  }
  return refinedValue(t, st, r, at);
}

function refineNumberBound(st: RefineState, lower: boolean, n: CtyNumber, inclusive: boolean, fail: (m: string) => never): void {
  const prev = lower ? st.min : st.max;
  if (prev) {
    const c = compareNumbers(n, prev[0]);
    // go-cty keeps the existing bound when it is more constrained.
    const ok = lower ? (inclusive && !prev[1] ? c > 0 : c >= 0) : inclusive && !prev[1] ? c < 0 : c <= 0;
    if (!ok) return;
  }
  if (lower) st.min = [n, inclusive];
  else st.max = [n, inclusive];
  if (st.min && st.max) {
    const c = compareNumbers(st.min[0], st.max[0]);
    const ok = st.min[1] !== st.max[1] ? c < 0 : c <= 0;
    if (!ok) fail(`number lower bound ${formatNumberText(st.min[0])} is greater than upper bound ${formatNumberText(st.max[0])}`);
  }
}

/** go-cty's RefinementBuilder.NewValue: some refinements pin the value down completely. */
function refinedValue(t: CtyType, st: RefineState, r: ByteReader, at: number): CtyValue {
  if (st.isNull === true) return { type: t, raw: null };
  if (st.isNull === false) {
    if (t.kind === 'number' && st.min && st.max && st.min[1] && st.max[1] && ctyNumbersEqual(st.min[0], st.max[0])) {
      return { type: t, raw: st.min[0] };
    }
    if (isCollection(t) && st.minLen === st.maxLen) {
      const et = (t as { elem: CtyType }).elem;
      const n = st.minLen;
      if (n === 0n) return { type: t, raw: t.kind === 'map' ? new Map() : [] };
      if (t.kind === 'list') {
        if (n > BigInt(MAX_REFINED_LIST_LENGTH)) r.fail(`refined unknown list of known length ${n} is too long to build`, at);
        r.budget.addValues(Number(n), 'msgpack', at);
        return { type: t, raw: Array.from({ length: Number(n) }, () => Unknown.plain) };
      }
      if (t.kind === 'set' && n === 1n) return { type: T.set(et), raw: [Unknown.plain] };
    }
  }
  const ref: Refinements = {};
  if (st.isNull === false) ref.notNull = true;
  if (st.prefix !== '') ref.stringPrefix = st.prefix;
  if (st.min) ref.numberLower = st.min;
  if (st.max) ref.numberUpper = st.max;
  if (st.minLen !== 0n) ref.lengthLower = safeLength(st.minLen, r, at);
  if (st.maxLen !== INT64_MAX) ref.lengthUpper = safeLength(st.maxLen, r, at);
  return { type: t, raw: Object.keys(ref).length === 0 ? Unknown.plain : new Unknown(ref) };
}

function safeLength(n: bigint, r: ByteReader, at: number): number {
  if (n > BigInt(Number.MAX_SAFE_INTEGER) || n < -BigInt(Number.MAX_SAFE_INTEGER)) r.fail(`length bound ${n} is out of range`, at);
  return Number(n);
}

const te = new TextEncoder();
const utf8Bytes = (s: string): Uint8Array => te.encode(s);

// ---------------------------------------------------------------------------------------------
// Marshal

const shared = new ByteWriter(1024);
let sharedBusy = false;

/**
 * go-cty `msgpack.Marshal(value, type)`: `type` is the marshal type (DynamicPseudoType positions
 * get the `[type JSON, value]` wrapper). The value's own type must conform to it. The result's
 * bytes are its own, but up to 128 KiB it is a view of a shared slab (`slice()` it to own a buffer).
 */
export function marshalCtyMsgpack(value: CtyValue, type: CtyType): Uint8Array {
  if (!conformsTo(value.type, type)) {
    throw new WireError('msgpack', 0, `value of type ${typeGoString(value.type)} does not conform to ${typeGoString(type)}`);
  }
  const w = sharedBusy ? new ByteWriter(256) : shared.reset();
  sharedBusy = true;
  try {
    writeValue(w, type, value.type, value.raw, 0);
    return takeBytes(w);
  } finally {
    if (w === shared) sharedBusy = false;
  }
}

function bad(w: ByteWriter, reason: string): never {
  throw new WireError('msgpack', w.pos, reason);
}

/** Plans for encoding, by type. */
/** t's type JSON as a msgpack bin, written in place (a host's models are mostly new, so nothing is cached). */
function writeTypeJSONBin(w: ByteWriter, t: CtyType): void {
  // A bin8 header is reserved; a longer JSON moves right to make room for bin16/bin32's.
  w.ensure(2);
  const at = w.pos;
  w.pos += 2;
  writeTypeJSON(w, t);
  const n = w.pos - at - 2;
  const h = n < 256 ? 2 : n < 65536 ? 3 : 5;
  if (h > 2) {
    w.ensure(h - 2);
    w.buf.copyWithin(at + h, at + 2, w.pos);
    w.pos += h - 2;
  }
  const b = w.buf;
  if (h === 2) (b[at] = M.Bin8), (b[at + 1] = n);
  else if (h === 3) (b[at] = M.Bin16), (b[at + 1] = n >>> 8), (b[at + 2] = n & 0xff);
  else (b[at] = M.Bin32), (b[at + 1] = n >>> 24), (b[at + 2] = (n >>> 16) & 0xff), (b[at + 3] = (n >>> 8) & 0xff), (b[at + 4] = n & 0xff);
}

/** Needs NFC normalisation (has a code unit at or above U+0300; see ctyNormalize). */
const MAY_NEED_NFC = /[\u0300-\uffff]/;

/**
 * A cty string as go-cty writes it (NFC). Written first, normalised only when the bytes show it
 * was not plain ASCII and it holds a character NFC may change.
 */
function writeCtyString(w: ByteWriter, s: string): void {
  const at = w.pos;
  writeStr(w, s);
  const len = s.length;
  // All ASCII exactly when the payload is as long as the string.
  if (w.pos - at === len + (len < 32 ? 1 : len < 256 ? 2 : len < 65536 ? 3 : 5)) return;
  if (!MAY_NEED_NFC.test(s)) return;
  const n = s.normalize('NFC');
  if (n === s) return;
  w.pos = at;
  writeStr(w, n);
}

function writeValue(w: ByteWriter, ty: CtyType, vt: CtyType, raw: Raw, depth: number): void {
  if (depth > MAX_DEPTH) bad(w, `value nested deeper than ${MAX_DEPTH}`);
  if (ty.kind === 'dynamic' && vt.kind !== 'dynamic') {
    writeArrayLen(w, 2);
    writeTypeJSONBin(w, vt);
    return writeValue(w, vt, vt, raw, depth + 1);
  }
  if (raw === null) return writeNil(w);
  if (raw instanceof Unknown) return writeUnknown(w, vt, raw);
  switch (ty.kind) {
    case 'string':
      if (typeof raw !== 'string') break;
      return writeCtyString(w, raw);
    case 'number':
      if (!(raw instanceof CtyNumber)) break;
      return writeNumber(w, raw);
    case 'bool':
      if (typeof raw !== 'boolean') break;
      return writeBool(w, raw);
    case 'list':
    case 'set': {
      if (!Array.isArray(raw)) break;
      const et = (vt as typeof ty).elem;
      const n = raw.length;
      writeArrayLen(w, n);
      for (let i = 0; i < n; i++) writeValue(w, ty.elem, et, raw[i]!, depth + 1);
      return;
    }
    case 'tuple': {
      const ets = (vt as typeof ty).elems;
      if (!Array.isArray(raw) || raw.length !== ty.elems.length) break;
      writeArrayLen(w, raw.length);
      for (let i = 0; i < raw.length; i++) writeValue(w, ty.elems[i]!, ets[i]!, raw[i]!, depth + 1);
      return;
    }
    case 'map': {
      if (!(raw instanceof Map)) break;
      const et = (vt as typeof ty).elem;
      writeMapLen(w, raw.size);
      if (raw.size === 0) return;
      const keys = [...raw.keys()];
      if (keys.length > 1) keys.sort(compareGoStrings);
      for (let i = 0; i < keys.length; i++) {
        const k = keys[i]!;
        writeCtyString(w, k);
        writeValue(w, ty.elem, et, raw.get(k)!, depth + 1);
      }
      return;
    }
    case 'object': {
      if (!(raw instanceof Map)) break;
      const names = sortedAttrNames(ty.attrs);
      const vattrs = vt === ty ? undefined : (vt as typeof ty).attrs;
      writeMapLen(w, names.length);
      for (let i = 0; i < names.length; i++) {
        const k = names[i]!;
        const v = raw.get(k);
        if (v === undefined) bad(w, `object value lacks attribute ${JSON.stringify(k)}`);
        writeCtyString(w, k);
        const at = ty.attrs.get(k)!;
        writeValue(w, at, vattrs === undefined ? at : vattrs.get(k)!, v, depth + 1);
      }
      return;
    }
    case 'dynamic':
      break;
  }
  return bad(w, `raw value does not fit type ${typeGoString(vt)}`);
}

const MAX_SAFE_BIG = BigInt(Number.MAX_SAFE_INTEGER);

/** go-cty's number choice: exact int64, else exact float64 (infinities included), else decimal text. */
export function writeNumber(w: ByteWriter, n: CtyNumber): void {
  // Fast path: a mantissa of at most 53 bits is an exact JS number, and so is mant * 2^exp while
  // the exponent keeps it a safe integer (exp >= 0) or a float64 (exp < 0); the general rules
  // below pick the same marker and bytes for these.
  if (n.form === 'finite' && n.mant <= MAX_SAFE_BIG) {
    const e = n.exp;
    if (e >= 0) {
      if (e < 53) {
        const m = Number(n.mant) * 2 ** e;
        if (m <= Number.MAX_SAFE_INTEGER) return writeInt(w, n.neg ? -m : m);
      }
    } else if (e >= -1074) {
      const f = Number(n.mant) * 2 ** e;
      return writeFloat64(w, n.neg ? -f : f);
    }
  }
  writeNumberByRule(w, n);
}

/** go-cty's number choice worked out on the exact value (bigint arithmetic): the reference for the fast path. */
export function writeNumberByRule(w: ByteWriter, n: CtyNumber): void {
  if (n.form === 'inf') return writeFloat64(w, n.neg ? -Infinity : Infinity);
  const i = exactInt64(n);
  if (i !== undefined) return writeInt(w, i);
  const f = exactFloat64(n);
  if (f !== undefined) return writeFloat64(w, f);
  writeStr(w, formatNumberText(n));
}

const refinementWriter = new ByteWriter(64);

function writeUnknown(w: ByteWriter, vt: CtyType, u: Unknown): void {
  const ref = u.refinements;
  if (vt.kind === 'dynamic' || !ref) return writePlainUnknown(w);
  const rw = refinementWriter.reset();
  let entries = 0;
  const inapplicable = (what: string) => bad(w, `unknown value of type ${typeGoString(vt)} cannot carry a ${what} refinement`);
  if (ref.notNull) {
    entries++;
    writeInt(rw, REFINE_NULLNESS);
    writeBool(rw, false);
  }
  if (ref.numberLower || ref.numberUpper) {
    if (vt.kind !== 'number') inapplicable('number bound');
    for (const [key, b] of [
      [REFINE_NUMBER_MIN, ref.numberLower],
      [REFINE_NUMBER_MAX, ref.numberUpper],
    ] as const) {
      if (!b) continue;
      entries++;
      writeInt(rw, key);
      writeArrayLen(rw, 2);
      writeNumber(rw, b[0]);
      writeBool(rw, b[1]);
    }
  }
  if (ref.stringPrefix !== undefined && ref.stringPrefix !== '') {
    if (vt.kind !== 'string') inapplicable('string prefix');
    entries++;
    writeInt(rw, REFINE_STRING_PREFIX);
    writeStr(rw, truncatePrefix(ctyNormalize(ref.stringPrefix)));
  }
  if (ref.lengthLower !== undefined || ref.lengthUpper !== undefined) {
    if (!isCollection(vt)) inapplicable('length');
    if (ref.lengthLower !== undefined && ref.lengthLower !== 0) {
      entries++;
      writeInt(rw, REFINE_LENGTH_MIN);
      writeInt(rw, ref.lengthLower);
    }
    if (ref.lengthUpper !== undefined) {
      entries++;
      writeInt(rw, REFINE_LENGTH_MAX);
      writeInt(rw, ref.lengthUpper);
    }
  }
  if (entries === 0) return writePlainUnknown(w);
  const body = rw.bytes();
  const header = entries <= 15 ? 1 : 3;
  writeExtHeader(w, EXT_REFINED_UNKNOWN, header + body.length);
  writeMapLen(w, entries);
  w.writeBytes(body);
}

function writePlainUnknown(w: ByteWriter): void {
  w.ensure(3);
  w.writeByte(M.FixExt1);
  w.writeByte(0);
  w.writeByte(0);
}

const MUST_END_CLUSTER = new Set('-_:;/\\,.(){}[]|?!~ \t@#$%^&*+"\'');

/**
 * go-cty truncates a string prefix above 256 bytes to 255 bytes and then to a safe boundary
 * (dropping the last grapheme cluster unless it is a lone punctuation/space character).
 */
function truncatePrefix(p: string): string {
  const bytes = te.encode(p);
  if (bytes.length <= 256) return p;
  let cut = 255;
  while (cut > 0 && (bytes[cut]! & 0xc0) === 0x80) cut--;
  const head = new TextDecoder().decode(bytes.subarray(0, cut)).normalize('NFC');
  const clusters = [...new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(head)].map((s) => s.segment);
  const last = clusters[clusters.length - 1];
  if (last !== undefined && !([...last].length === 1 && MUST_END_CLUSTER.has(last))) clusters.pop();
  return clusters.join('');
}
