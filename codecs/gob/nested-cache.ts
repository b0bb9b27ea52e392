/**
 * Results of nested GobEncode streams, cached by their exact bytes.
 *
 * Go decodes every cty.Type inside a ConfigSpec as a fresh stream; the same few type streams
 * recur hundreds of times. Decoding one is a pure function of its bytes (and the registry), with
 * two effects besides its result: it teaches the id space what the stream showed (`observe`),
 * and it nests some levels deep. A hit repeats both: it replays the recorded observations into
 * the caller's id space, and it is taken only when the recorded depth still fits under
 * MAX_DEPTH from where the caller stands (otherwise the bytes are decoded again, which fails
 * exactly as before). Only successful decodes are cached, so errors are unchanged.
 *
 * Cached results are shared: only immutable values (such as CtyType) belong here.
 */
import { MAX_DEPTH } from '../wire/errors.js';
import { BytesCache, hashBytes } from './bytes-cache.js';
import { onClearCaches } from './caches.js';
import type { DepthMark, ExternalContext, GoType } from './gotype.js';
import { effectiveObservations, type Observation, type TypeInfo } from './idspace.js';
import type { GobRegistry } from './registry.js';
import type { ByteWriter } from '../wire/writer.js';
import { writeGobBytes } from './wire.js';

interface Entry<V> {
  readonly value: V;
  readonly obs: readonly Observation[];
  /** Levels the decode went below the depth it started at. */
  readonly depth: number;
  /** The uid of the id space that last learned `obs` (replaying again there would change nothing). */
  space: number;
}

/**
 * A registry's cache, and the hashes of streams decoded once and not kept (yet): a fixed table,
 * a slot per hash's low bits, so remembering costs no memory per stream.
 */
interface Caches<V> {
  readonly cache: BytesCache<Entry<V>>;
  readonly seenOnce: Uint32Array;
}

const SEEN_ONCE_SLOTS = 4096;
/** Streams up to this long are kept the first time. */
const KEEP_AT_ONCE_BYTES = 256;

export class NestedDecodeCache<V> {
  private byRegistry = new WeakMap<GobRegistry, Caches<V>>();

  constructor(
    private readonly decode: (b: Uint8Array, ctx: ExternalContext) => V,
    private readonly maxEntries = 1024,
    /** Longer streams are neither looked up nor kept. */
    private readonly maxKeyBytes = 2048,
  ) {
    onClearCaches(() => (this.byRegistry = new WeakMap()));
  }

  get(b: Uint8Array, ctx: ExternalContext): V {
    return this.getAt(b, 0, b.length, ctx);
  }

  /** The result for buf[start, end) (a view is made only when the bytes must be decoded). */
  getAt(buf: Uint8Array, start: number, end: number, ctx: ExternalContext): V {
    let caches = this.byRegistry.get(ctx.registry);
    if (caches === undefined)
      this.byRegistry.set(ctx.registry, (caches = { cache: new BytesCache(this.maxEntries, this.maxKeyBytes), seenOnce: new Uint32Array(SEEN_ONCE_SLOTS) }));
    // A long stream is decoded without a lookup: hashing it would touch every byte of it, again
    // at each level of nesting, where decoding it reads its own fields and looks up the (shorter)
    // streams nested inside, which are cached.
    if (end - start > this.maxKeyBytes) return this.decode(start === 0 && end === buf.length ? buf : buf.subarray(start, end), ctx);
    const cache = caches.cache;
    const h = hashBytes(buf, start, end);
    const hit = cache.get(buf, start, end, h);
    if (hit !== undefined && ctx.depth + hit.depth <= MAX_DEPTH) {
      if (hit.space !== ctx.ids.uid || ctx.ids.journal !== undefined) {
        ctx.ids.replay(hit.obs);
        hit.space = ctx.ids.uid;
      }
      const m = ctx.depthMark;
      if (m !== undefined && ctx.depth + hit.depth > m.max) m.max = ctx.depth + hit.depth;
      return hit.value;
    }
    const ids = ctx.ids;
    const outer = ids.journal;
    const mine: Observation[] = [];
    ids.journal = mine;
    const mark: DepthMark = { max: ctx.depth };
    let value: V;
    try {
      value = this.decode(start === 0 && end === buf.length ? buf : buf.subarray(start, end), { ...ctx, depthMark: mark });
    } finally {
      ids.journal = outer;
      if (outer !== undefined) for (let i = 0; i < mine.length; i++) outer.push(mine[i]!);
      const m = ctx.depthMark;
      if (m !== undefined && mark.max > m.max) m.max = mark.max;
    }
    // A short stream (a primitive type, a list of one) is kept at once: those recur throughout a
    // spec. A longer one is kept from the second time its bytes are met: met once (an object
    // type embedding a payload's own attribute names), its copy would be held for nothing.
    const slot = h & (SEEN_ONCE_SLOTS - 1);
    if (end - start > KEEP_AT_ONCE_BYTES && caches.seenOnce[slot] !== h) {
      caches.seenOnce[slot] = h;
      return value;
    }
    const reached = mark.max;
    cache.set(buf, { value, obs: effectiveObservations(mine), depth: reached - ctx.depth, space: ids.uid }, start, end, h);
    return value;
  }
}

interface Encoded {
  readonly bytes: Uint8Array;
  readonly registry: GobRegistry;
  /** Every (Go type, TypeInfo) the encoding asked the id space for, each once. */
  readonly deps: readonly (GoType | TypeInfo)[];
  readonly depth: number;
}

/**
 * The bytes of nested GobEncode streams, cached by the (immutable) value they encode.
 *
 * Encoding a value into a nested stream depends on the id space only through the TypeInfo it
 * gets for each Go type. A hit needs the caller's space to hold the very same TypeInfo for every
 * one of them (then a real encoding would assign nothing and write the same bytes), the same
 * registry, and room under MAX_DEPTH for the recorded depth. Only successful encodings are kept.
 */
export class NestedEncodeCache<V extends object> {
  private byValue = new WeakMap<V, Encoded>();
  /** Values encoded once, not kept (see writeTo). */
  private seenOnce = new WeakSet<V>();

  constructor(private readonly encode: (v: V, ctx: ExternalContext) => Uint8Array) {
    onClearCaches(() => {
      this.byValue = new WeakMap();
      this.seenOnce = new WeakSet();
    });
  }

  /**
   * Writes the bytes for v into w as a gob byte string. A value met for the first time is encoded
   * straight into w and not kept: a host mostly encodes models it has just built, where keeping
   * each encoding costs a copy and a journal for nothing. Met again, it goes through `get` and is
   * kept from then on.
   */
  writeTo(w: ByteWriter, v: V, ctx: ExternalContext, encodeTo: (w: ByteWriter, v: V, ctx: ExternalContext) => void): void {
    if (this.seenOnce.has(v) || this.byValue.has(v)) return writeGobBytes(w, this.get(v, ctx));
    this.seenOnce.add(v);
    encodeTo(w, v, ctx);
  }

  /** The bytes for v; shared, never to be modified. */
  get(v: V, ctx: ExternalContext): Uint8Array {
    const ids = ctx.ids;
    const hit = this.byValue.get(v);
    if (hit !== undefined && hit.registry === ctx.registry && ctx.depth + hit.depth <= MAX_DEPTH && ids.holds(hit.deps)) {
      const outer = ids.infoJournal;
      if (outer !== undefined) for (let i = 0; i < hit.deps.length; i++) outer.push(hit.deps[i]!);
      const m = ctx.depthMark;
      if (m !== undefined && ctx.depth + hit.depth > m.max) m.max = ctx.depth + hit.depth;
      return hit.bytes;
    }
    const outer = ids.infoJournal;
    const mine: (GoType | TypeInfo)[] = [];
    ids.infoJournal = mine;
    const mark: DepthMark = { max: ctx.depth };
    let bytes: Uint8Array;
    try {
      bytes = this.encode(v, { ...ctx, depthMark: mark });
    } finally {
      ids.infoJournal = outer;
      if (outer !== undefined) for (let i = 0; i < mine.length; i++) outer.push(mine[i]!);
      const m = ctx.depthMark;
      if (m !== undefined && mark.max > m.max) m.max = mark.max;
    }
    const reached = mark.max;
    const deps: (GoType | TypeInfo)[] = [];
    const seen = new Set<GoType>();
    for (let i = 0; i < mine.length; i += 2) {
      const t = mine[i] as GoType;
      if (seen.has(t)) continue;
      seen.add(t);
      deps.push(t, mine[i + 1]!);
    }
    this.byValue.set(v, { bytes, registry: ctx.registry, deps, depth: reached - ctx.depth });
    return bytes;
  }
}
