/**
 * A cache of results keyed by text (type JSON, mostly), bounded in entries and in the characters
 * of its keys: what it keeps grows with the key text (a type parsed from 4 KiB of JSON holds
 * objects in proportion), so a stream of large, ever different keys empties it instead of growing
 * it. Starts over when either bound is passed.
 */
export class TextKeyedCache<V> {
  private readonly map = new Map<string, V>();
  private chars = 0;

  constructor(
    private readonly maxEntries: number,
    private readonly maxKeyChars: number,
  ) {}

  get(key: string): V | undefined {
    return this.map.get(key);
  }

  set(key: string, value: V): void {
    if (this.map.size >= this.maxEntries || this.chars + key.length > this.maxKeyChars) {
      this.map.clear();
      this.chars = 0;
    }
    this.map.set(key, value);
    this.chars += key.length;
  }
}
