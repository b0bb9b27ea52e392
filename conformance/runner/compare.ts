/**
 * Semantic comparison of canonical JSON (vectors/README.md): object key order never matters, and
 * `{"$map": [[k, v], …]}` lists are compared as sets of pairs (Go's map order is random).
 * Returns null when equal, else a path and a short description of the first difference.
 */
export function canonicalDiff(a: unknown, b: unknown, path = '$'): string | null {
  if (a === b) return null;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') {
    return `${path}: ${short(a)} != ${short(b)}`;
  }
  if (Array.isArray(a) !== Array.isArray(b)) return `${path}: array vs object`;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    if (a.length !== bb.length) return `${path}: length ${a.length} != ${bb.length}`;
    for (let i = 0; i < a.length; i++) {
      const d = canonicalDiff(a[i], bb[i], `${path}[${i}]`);
      if (d) return d;
    }
    return null;
  }
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  const ak = Object.keys(ao);
  const bk = Object.keys(bo);
  if (ak.length === 1 && bk.length === 1 && ak[0] === '$map' && bk[0] === '$map') {
    return unorderedPairs(ao['$map'], bo['$map'], `${path}.$map`);
  }
  for (const k of ak) if (!(k in bo)) return `${path}: key ${JSON.stringify(k)} missing on the right`;
  for (const k of bk) if (!(k in ao)) return `${path}: key ${JSON.stringify(k)} missing on the left`;
  for (const k of ak) {
    const d = canonicalDiff(ao[k], bo[k], `${path}.${k}`);
    if (d) return d;
  }
  return null;
}

function unorderedPairs(a: unknown, b: unknown, path: string): string | null {
  if (!Array.isArray(a) || !Array.isArray(b)) return canonicalDiff(a, b, path);
  if (a.length !== b.length) return `${path}: ${a.length} entries != ${b.length}`;
  const used = new Array<boolean>(b.length).fill(false);
  outer: for (let i = 0; i < a.length; i++) {
    for (let j = 0; j < b.length; j++) {
      if (!used[j] && canonicalDiff(a[i], b[j]) === null) {
        used[j] = true;
        continue outer;
      }
    }
    return `${path}: entry ${short(a[i])} has no equal on the right`;
  }
  return null;
}

function short(v: unknown): string {
  const s = JSON.stringify(v);
  if (s === undefined) return String(v);
  return s.length > 80 ? s.slice(0, 77) + '...' : s;
}

export function bytesEqual(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return i;
  return a.length === b.length ? -1 : n;
}

/**
 * For a vector whose `file` is a JSON document rather than wire bytes (a `proto-spec` rejection):
 * null when `a` and `b` parse to the same JSON value (key order and layout free), else where they
 * differ. Text that is not JSON is compared byte for byte.
 */
export function jsonTextDiff(a: Uint8Array, b: Uint8Array): string | null {
  const parse = (x: Uint8Array): { ok: true; v: unknown } | { ok: false } => {
    try {
      return { ok: true, v: JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(x)) as unknown };
    } catch {
      return { ok: false };
    }
  };
  const pa = parse(a);
  const pb = parse(b);
  if (!pa.ok || !pb.ok) {
    const at = bytesEqual(a, b);
    return at < 0 ? null : `bytes differ at byte ${at} (${a.length} vs ${b.length} bytes)`;
  }
  return canonicalDiff(pa.v, pb.v);
}
