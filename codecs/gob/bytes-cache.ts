/**
 * A small cache keyed by exact byte strings (hash, then a full compare), for results that are a
 * pure function of some bytes: the nested gob streams of cty.Type (the same few type streams
 * recur hundreds of times in one ConfigSpec), interface and field names already validated as
 * UTF-8. Lookups allocate nothing; stored keys are copies, so callers may reuse their buffers.
 * Bounded: when `maxEntries` entries or `maxTotalBytes` key bytes are reached it starts over.
 */

/**
 * FNV-1a over the length and b[start, end): every byte of short keys; of longer ones the first
 * and last 16 bytes and 32 spread between (a collision only costs a compare).
 */
export function hashBytes(b: Uint8Array, start: number, end: number): number {
  const n = end - start;
  let h = Math.imul(0x811c9dc5 ^ n, 0x01000193);
  if (n <= 64) {
    for (let i = start; i < end; i++) h = Math.imul(h ^ b[i]!, 0x01000193);
    return h >>> 0;
  }
  for (let i = start; i < start + 16; i++) h = Math.imul(h ^ b[i]!, 0x01000193);
  for (let i = end - 16; i < end; i++) h = Math.imul(h ^ b[i]!, 0x01000193);
  const step = (n - 32) >>> 5 || 1;
  for (let i = start + 16; i < end - 16; i += step) h = Math.imul(h ^ b[i]!, 0x01000193);
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
