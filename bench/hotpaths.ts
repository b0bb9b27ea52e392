/**
 * What the TypeScript side times for a family: a codec's typed API from codecs/index.ts where it
 * has one (the call an application makes), else the family adapter (codecs/families.ts).
 *
 * The codecs are loaded at run time: if the public API does not load (a codec half-written in
 * the tree), each family module is loaded on its own, so one broken codec costs only its cases.
 */
import type { Family, FamilyCodec, VectorContext } from '../codecs/family.js';

export interface HotPath {
  /** Which entry point this is, for the report. */
  api: string;
  decode(bytes: Uint8Array, ctx: VectorContext): unknown;
  encode(model: unknown, ctx: VectorContext): Uint8Array;
}

type Fn = (...a: unknown[]) => unknown;

/** gob's typed calls take the outer stream's type ids from the vector context. */
const gobIds = (ctx: VectorContext) => (Array.isArray(ctx['gobTypeIds']) ? { gobTypeIds: ctx['gobTypeIds'] as number[] } : {});

/**
 * Typed entry points by family, looked up by name so the bench compiles whatever the codecs
 * export today. Each maps the adapter's (bytes, ctx) / (model, ctx) onto the typed call.
 */
const TYPED: Partial<Record<Family, { decode: string; encode: string; encodeArgs: (ctx: VectorContext) => unknown[] }>> = {
  'gob-spec': { decode: 'decodeObjectSpecGob', encode: 'encodeObjectSpecGob', encodeArgs: (c) => [gobIds(c)] },
  'gob-value': { decode: 'decodeCtyValueGob', encode: 'encodeCtyValueGob', encodeArgs: (c) => [gobIds(c)] },
};

/** Family modules, loaded one by one when the public API does not load. */
const FAMILY_MODULES = ['../codecs/gob/family.js', '../codecs/protobuf/family.js', '../codecs/msgpack/family.js', '../codecs/rpc/family.js'];

export interface Codecs {
  /** Candidate hot paths for a family, preferred first: the typed API, then the adapter. */
  hotPathsFor(family: Family): HotPath[];
  /** What failed to load. */
  notes: string[];
}

const isFamilyCodec = (x: unknown): x is FamilyCodec =>
  typeof x === 'object' && x !== null && typeof (x as FamilyCodec).family === 'string' && typeof (x as FamilyCodec).decode === 'function';

const errText = (e: unknown) => ((e as Error)?.message ?? String(e)).split('\n')[0]!;

/** `entry`: the module to load the public API from (default: codecs/index.js of this build). */
export async function loadCodecs(entry = '../codecs/index.js'): Promise<Codecs> {
  const notes: string[] = [];
  let exported: Record<string, unknown> = {};
  const adapters = new Map<Family, FamilyCodec>();
  try {
    exported = (await import(entry)) as unknown as Record<string, unknown>;
    const familyCodec = exported['familyCodec'] as (f: Family) => FamilyCodec | undefined;
    const families = exported['FAMILIES'] as readonly Family[];
    for (const f of families) {
      const c = familyCodec(f);
      if (c) adapters.set(f, c);
    }
  } catch (e) {
    notes.push(`codecs/index.js did not load (${errText(e)}); loading family modules one by one`);
    for (const m of FAMILY_MODULES) {
      try {
        const mod = (await import(m)) as Record<string, unknown>;
        for (const v of Object.values(mod)) if (Array.isArray(v)) for (const c of v) if (isFamilyCodec(c)) adapters.set(c.family, c);
      } catch (e2) {
        notes.push(`${m.replace('../', '')} did not load: ${errText(e2)}`);
      }
    }
  }
  const fn = (name: string): Fn | undefined => (typeof exported[name] === 'function' ? (exported[name] as Fn) : undefined);
  return {
    notes,
    hotPathsFor(family) {
      const out: HotPath[] = [];
      const t = TYPED[family];
      const d = t && fn(t.decode);
      const e = t && fn(t.encode);
      if (t && d && e) out.push({ api: `${t.decode}/${t.encode}`, decode: (b) => d(b), encode: (m, c) => e(m, ...t.encodeArgs(c)) as Uint8Array });
      const codec = adapters.get(family);
      if (codec) out.push({ api: 'adapter', decode: codec.decode.bind(codec), encode: codec.encode.bind(codec) });
      return out;
    },
  };
}
