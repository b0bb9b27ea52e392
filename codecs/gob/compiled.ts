/**
 * Compiled decoding ops, kept for the life of the program and shared by every stream and id
 * space (Go's decoder compiles once per type and caches the engine; our nested cty streams would
 * otherwise recompile the same few definitions hundreds of times per ConfigSpec).
 *
 * An entry is keyed by the local Go type and the fingerprint of the remote definitions it reads
 * (compiling is a pure function of both). Compiling also teaches the id space what the stream
 * showed (`IdSpace.observe`); each entry keeps those observations, recorded through the space's
 * journal, and a hit from another space (or while a journal is recording) replays them, so the
 * space ends up exactly as if it had compiled the op itself.
 *
 * Recursive types: an entry hit while it is still being compiled cannot know its own complete
 * observations for the entries compiled inside it; those entries are marked cyclic and serve only
 * the space that compiled them (anywhere else they are compiled again).
 */
import { onClearCaches } from './caches.js';
import type { GoType } from './gotype.js';
import { effectiveObservations, type IdSpace, type Observation } from './idspace.js';

export interface Compiled<T> {
  value: T;
  obs: Observation[];
  /** The uid of the space that last learned (or made) this entry's observations. */
  space: number;
  building: boolean;
  cyclic: boolean;
}

export type CompiledTable<T> = Map<GoType, Map<string, Compiled<T>>>;

/** Entries whose compilation is under way, outermost first. */
const building: Compiled<unknown>[] = [];
let entries = 0;
const MAX_ENTRIES = 8192;
/**
 * Estimated heap the tables hold: each entry's key (the remote definitions' fingerprint, 2 bytes a
 * character), its observations and a fixed share for its ops. A stream of fat type definitions
 * makes few entries but large ones, so the bound is in bytes as well as entries.
 */
let heldBytes = 0;
export const MAX_COMPILED_BYTES = 16 << 20;
const ENTRY_BYTES = 512;
const OBSERVATION_BYTES = 64;
const tables: CompiledTable<unknown>[] = [];
onClearCaches(() => forgetCompiled());

export function newTable<T>(): CompiledTable<T> {
  const t: CompiledTable<T> = new Map();
  tables.push(t as CompiledTable<unknown>);
  return t;
}

/** Forgets every compiled entry (after a failed compile, or when the tables grow too big). */
export function forgetCompiled(): void {
  // (also empties what the byte count covers)
  for (const t of tables) t.clear();
  entries = 0;
  heldBytes = 0;
}

/**
 * The entry for (t, key) usable by `ids`, with its observations taught to `ids`; undefined when
 * it must be compiled (call `begin`).
 */
export function lookup<T>(table: CompiledTable<T>, t: GoType, key: string, ids: IdSpace): Compiled<T> | undefined {
  const m = table.get(t);
  const c = m?.get(key);
  if (c === undefined) return undefined;
  if (c.building) {
    // A recursive reference: everything compiled inside c so far belongs to its cycle.
    const i = building.indexOf(c as Compiled<unknown>);
    for (let j = i + 1; j < building.length; j++) building[j]!.cyclic = true;
    return c;
  }
  if (c.cyclic) return c.space === ids.uid && ids.journal === undefined ? c : undefined;
  if (c.space !== ids.uid || ids.journal !== undefined) {
    ids.replay(c.obs);
    c.space = ids.uid;
  }
  return c;
}

/**
 * Registers a new entry for (t, key) holding `placeholder` (what recursive references get while
 * it compiles) and starts recording the observations of its compilation. Pair with `end`.
 */
export function begin<T>(
  table: CompiledTable<T>,
  t: GoType,
  key: string,
  ids: IdSpace,
  placeholder: T,
  weight = 0,
): { c: Compiled<T>; outer: Observation[] | undefined } {
  if (building.length === 0 && (entries >= MAX_ENTRIES || heldBytes >= MAX_COMPILED_BYTES)) forgetCompiled();
  let m = table.get(t);
  if (m === undefined) table.set(t, (m = new Map()));
  const c: Compiled<T> = { value: placeholder, obs: [], space: ids.uid, building: true, cyclic: false };
  m.set(key, c);
  entries++;
  // `weight`: what the entry keeps besides itself (a struct engine keeps its wire definition)
  heldBytes += ENTRY_BYTES + 2 * key.length + weight;
  building.push(c as Compiled<unknown>);
  const outer = ids.journal;
  ids.journal = c.obs;
  return { c, outer };
}

/** Ends what `begin` started (also when compiling failed: then forget everything). */
export function end<T>(c: Compiled<T>, outer: Observation[] | undefined, ids: IdSpace, ok: boolean): void {
  building.pop();
  c.building = false;
  ids.journal = outer;
  if (outer !== undefined) for (let i = 0; i < c.obs.length; i++) outer.push(c.obs[i]!);
  c.obs = effectiveObservations(c.obs);
  heldBytes += OBSERVATION_BYTES * c.obs.length;
  if (!ok) forgetCompiled();
}

/** Estimated bytes the compiled tables hold now (for tests of the bound). */
export const compiledCacheBytes = (): number => heldBytes;
