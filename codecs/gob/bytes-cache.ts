/**
 * A small cache keyed by exact byte strings (hash, then a full compare), for results that are a
 * pure function of some bytes: the nested gob streams of cty.Type (the same few type streams
 * recur hundreds of times in one ConfigSpec), interface and field names already validated as
 * UTF-8. Lookups allocate nothing; stored keys are copies, so callers may reuse their buffers.
 * Bounded: when `maxEntries` entries or `maxTotalBytes` key bytes are reached it starts over.
 */

/**
 * A hash of the length and every byte of b[start, end), eight bytes per step in two
 * murmur3-style lanes read through a DataView (unaligned 32-bit loads, several times faster than
 * byte loads on long keys). Every byte counts: keys that share their ends and differ in the
 * middle (type streams whose attribute names differ) must spread over the slots, or lookups walk
 * long chains.
 */
export function hashBytes(b: Uint8Array, start: number, end: number): number {
  let h = 0x811c9dc5 ^ (end - start);
  let g = 0x9747b28c;
  let i = start;
  if (end - start >= 16) {
    const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
    for (const last = end - 7; i < last; i += 8) {
      const k = Math.imul(dv.getInt32(i, true), 0xcc9e2d51);
      const m = Math.imul(dv.getInt32(i + 4, true), 0x1b873593);
      h ^= (k << 15) | (k >>> 17);
      g ^= (m << 13) | (m >>> 19);
      h = (Math.imul((h << 13) | (h >>> 19), 5) + 0xe6546b64) | 0;
      g = (Math.imul((g << 17) | (g >>> 15), 5) + 0x2c1b3c6d) | 0;
    }
  }
  for (; i < end; i++) h = Math.imul(h ^ b[i]!, 0x01000193);
  h ^= Math.imul(g, 0x85ebca6b);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return h >>> 0;
}

function sameBytes(key: Uint8Array, b: Uint8Array, start: number, end: number): boolean {
  const n = key.length;
  if (n !== end - start) return false;
  let i = 0;
  if (n >= 16) {
    const dk = new DataView(key.buffer, key.byteOffset, n);
    const db = new DataView(b.buffer, b.byteOffset, b.byteLength);
    for (const last = n - 7; i < last; i += 8) {
      if (dk.getInt32(i, true) !== db.getInt32(start + i, true) || dk.getInt32(i + 4, true) !== db.getInt32(start + i + 4, true)) return false;
    }
  }
  for (; i < n; i++) if (key[i] !== b[start + i]) return false;
  return true;
}

interface Slot<V> {
  readonly key: Uint8Array;
  readonly value: V;
  next: Slot<V> | undefined;
}

export class BytesCache<V> {
  private slots = new Map<number, Slot<V>>();
  private count = 0;
  private bytes = 0;

  constructor(
    private readonly maxEntries: number,
    /** Longer keys are not cached. */
    readonly maxKeyBytes: number,
    private readonly maxTotalBytes = 4 << 20,
  ) {}

  clear(): void {
    this.slots = new Map();
    this.count = 0;
    this.bytes = 0;
  }

  get(b: Uint8Array, start = 0, end = b.length, hash = hashBytes(b, start, end)): V | undefined {
    for (let s = this.slots.get(hash); s !== undefined; s = s.next) if (sameBytes(s.key, b, start, end)) return s.value;
    return undefined;
  }

  set(b: Uint8Array, value: V, start = 0, end = b.length, hash = hashBytes(b, start, end)): void {
    if (end - start > this.maxKeyBytes) return;
    if (this.count >= this.maxEntries || this.bytes + (end - start) > this.maxTotalBytes) {
      this.slots = new Map();
      this.count = 0;
      this.bytes = 0;
    }
    this.slots.set(hash, { key: b.slice(start, end), value, next: this.slots.get(hash) });
    this.count++;
    this.bytes += end - start;
  }
}
