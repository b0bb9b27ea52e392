/**
 * The gob codec's entry points for Packer payloads: hcldec.ObjectSpec (ConfigSpec / OutputSpec
 * in gob mode) and cty.Value (Datasource.Execute's Value in gob mode).
 *
 * A decoded spec or value remembers the id space its bytes showed (every type id and name Go's
 * process used, nested streams included), so encoding it again gives Go's bytes. A model built
 * any other way is encoded as a fresh Go process would encode it, numbering types from
 * `gobTypeIds[0]` (or 64).
 */
import type { ObjectSpec } from '../hclspec/model.js';
import type { CtyValue } from '../cty/values.js';
import { ctyValueGo, decodeValueStream, encodeValueStream } from './cty.js';
import { WireError } from '../wire/errors.js';
import type { DecodeBudget, DecodeOptions } from '../wire/limits.js';
import { decodeGob } from './decoder.js';
import { GobEncoder, type GoIface } from './encoder.js';
import { objectSpecFromGo, objectSpecGo, objectSpecToGo, packerRegistry } from './hcldec.js';
import { IdSpace } from './idspace.js';
import { onClearCaches } from './caches.js';
import { FIRST_USER_ID } from './types.js';

export interface GobEncodeOptions {
  /**
   * Type ids of the type definitions on the outer stream, in order (a vector's
   * `context.gobTypeIds`); used to place a fresh id space where Go's process started.
   */
  gobTypeIds?: readonly number[];
  /** Encode with this id space (shared and updated, like one Go process). */
  ids?: IdSpace;
}

const spaces = new WeakMap<object, IdSpace>();

/**
 * Decoded id spaces by content, so that models read from the same process's streams share one
 * (a host decodes many payloads of a plugin, whose id spaces are equal): a model keeps only a
 * reference. Shared spaces are never written to (encoding clones them). Bounded in entries (a
 * space is a few KiB); it starts over when full.
 */
class SpaceInterner {
  private byHash = new Map<number, IdSpace[]>();
  private count = 0;
  constructor() {
    onClearCaches(() => this.clear());
  }
  private clear(): void {
    this.byHash = new Map();
    this.count = 0;
  }
  intern(ids: IdSpace): IdSpace {
    const h = ids.stateHash();
    const have = this.byHash.get(h);
    if (have !== undefined) for (const s of have) if (s.sameState(ids)) return s;
    if (this.count >= 256) this.clear();
    const list = this.byHash.get(h);
    if (list !== undefined) list.push(ids);
    else this.byHash.set(h, [ids]);
    this.count++;
    return ids;
  }
}
const decodedSpaces = new SpaceInterner();

function keepSpace(model: object, ids: IdSpace): void {
  spaces.set(model, decodedSpaces.intern(ids));
}

/**
 * A copy of the id space a decoded spec or value was read with (undefined for models built
 * otherwise): yours to encode with or inspect.
 */
export function gobIdSpaceOf(model: object): IdSpace | undefined {
  return spaces.get(model)?.clone();
}

function idsFor(model: object, opts: GobEncodeOptions): IdSpace {
  if (opts.ids) return opts.ids;
  const seen = spaces.get(model);
  if (seen) return seen.clone();
  const first = opts.gobTypeIds && opts.gobTypeIds.length > 0 ? Math.min(...opts.gobTypeIds) : FIRST_USER_ID;
  return new IdSpace(first);
}

/** Decodes a gob stream holding one `hcldec.ObjectSpec`. */
export function decodeObjectSpecGob(bytes: Uint8Array, limits?: DecodeOptions | DecodeBudget): ObjectSpec {
  const ids = new IdSpace();
  const bad = new WeakMap<Uint8Array, number>();
  const m = decodeGob<Map<string, GoIface | null>>(objectSpecGo, bytes, { ids, registry: packerRegistry(), badString: (b, at) => bad.set(b, at), limits });
  const spec = objectSpecFromGo(m, (b) => bad.get(b));
  keepSpace(spec, ids);
  return spec;
}

/** Encodes an `hcldec.ObjectSpec` as the SDK's ConfigSpec server does (`gob.NewEncoder(b).Encode(spec)`). */
export function encodeObjectSpecGob(spec: ObjectSpec, opts: GobEncodeOptions = {}): Uint8Array {
  const enc = new GobEncoder({ ids: idsFor(spec, opts), registry: packerRegistry() });
  return enc.encode(objectSpecGo, objectSpecToGo(spec));
}

/**
 * Decodes a gob stream holding one `cty.Value`, as Datasource.Execute sends it in gob mode
 * (`gob.NewEncoder(b).Encode(value)`: the value's GobEncode bytes inside an outer stream).
 */
export function decodeCtyValueGob(bytes: Uint8Array, limits?: DecodeOptions | DecodeBudget): CtyValue {
  const ids = new IdSpace();
  const v = decodeGob<CtyValue | null>(ctyValueGo, bytes, { ids, registry: packerRegistry(), limits });
  if (v === null) throw new WireError('gob', 0, 'empty cty.Value');
  keepSpace(v, ids);
  return v;
}

/** Encodes a cty value as Datasource.Execute does in gob mode. */
export function encodeCtyValueGob(v: CtyValue, opts: GobEncodeOptions = {}): Uint8Array {
  const enc = new GobEncoder({ ids: idsFor(v, opts), registry: packerRegistry() });
  return enc.encode(ctyValueGo, v);
}

/** Decodes exactly what `cty.Value.GobEncode()` returns (the nested stream of a gobValue). */
export function decodeCtyGobEncoding(bytes: Uint8Array): CtyValue {
  const ids = new IdSpace();
  const v = decodeValueStream(bytes, { ids, registry: packerRegistry(), depth: 0, offset: 0 });
  keepSpace(v, ids);
  return v;
}

/** What `cty.Value.GobEncode()` returns for v. */
export function encodeCtyGobEncoding(v: CtyValue, opts: GobEncodeOptions = {}): Uint8Array {
  return encodeValueStream(v, { ids: idsFor(v, opts), registry: packerRegistry(), depth: 0, offset: 0 });
}
