/** Small helpers for the rpc canonical JSON (vectors/README.md, family `rpc`). */
import { WireError } from '../wire/errors.js';
import { base64Decode, base64Encode } from '../wire/base64.js';

export const badCanonical = (path: string, reason: string): never => {
  throw new WireError('canonical', 0, `${path}: ${reason}`);
};

export const isObject = (j: unknown): j is Record<string, unknown> => typeof j === 'object' && j !== null && !Array.isArray(j);

/** `$`-escape a user key (Go map key, struct field name). */
export const escapeKey = (k: string): string => (k.charCodeAt(0) === 36 ? '$' + k : k);

export function unescapeKey(k: string, path: string): string {
  if (k.charCodeAt(0) !== 36) return k;
  if (k.charCodeAt(1) !== 36) badCanonical(path, `unescaped tag-like key ${JSON.stringify(k)} in user data`);
  return k.slice(1);
}

/** The value of a single-key tag object `{tag: v}`, else undefined. */
export function tagOf(j: unknown, tag: string): unknown {
  if (!isObject(j)) return undefined;
  let only: string | undefined;
  for (const k in j) {
    if (only !== undefined) return undefined;
    only = k;
  }
  return only === tag ? j[tag] : undefined;
}

/** The tag of a single-key object whose key starts with `$` (not `$$`), else undefined. */
export function soleTag(j: Record<string, unknown>): string | undefined {
  let only: string | undefined;
  for (const k in j) {
    if (only !== undefined) return undefined;
    only = k;
  }
  return only !== undefined && only.charCodeAt(0) === 36 && only.charCodeAt(1) !== 36 ? only : undefined;
}

export const b64encode = base64Encode;

export function b64decode(s: string, path: string): Uint8Array {
  return base64Decode(s) ?? badCanonical(path, 'invalid standard base64');
}
