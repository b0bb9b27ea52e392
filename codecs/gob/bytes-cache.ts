/**
 * A small cache keyed by exact byte strings (hash, then a full compare), for results that are a
 * pure function of some bytes: the nested gob streams of cty.Type (the same few type streams
 * recur hundreds of times in one ConfigSpec), interface and field names already validated as
 * UTF-8. Lookups allocate nothing; stored keys are copies, so callers may reuse their buffers.
 * Bounded: when `maxEntries` entries or `maxTotalBytes` key bytes are reached it starts over.
 */

/**
 * A hash of the length and every byte of b[start, end), four bytes per step (murmur3-style
 * mixing). Every byte counts: keys that share their ends and differ in the middle (type streams
 * whose attribute names differ) must spread over the slots, or lookups walk long chains.
 */
export function hashBytes(b: Uint8Array, start: number, end: number): number {
  let h = 0x811c9dc5 ^ (end - start);
  let i = start;
  for (const last = end - 3; i < last; i += 4) {
    let k = b[i]! | (b[i + 1]! << 8) | (b[i + 2]! << 16) | (b[i + 3]! << 24);
    k = Math.imul(k, 0xcc9e2d51);
    k = (k << 15) | (k >>> 17);
    h ^= Math.imul(k, 0x1b873593);
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  for (; i < end; i++) h = Math.imul(h ^ b[i]!, 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return h >>> 0;
}

function sameBytes(key: Uint8Array, b: Uint8Array, start: number, end: number): boolean {
  const n = key.length;
  if (n !== end - start) return false;
  for (let i = 0; i < n; i++) if (key[i] !== b[start + i]) return false;
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
