/** Test support, shared by every codec's tests: Go's golden vectors (vectors/manifest.json), loaded by id or family at test time. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadManifest, type ManifestVector } from '../conformance/runner/run.js';

const dir = fileURLToPath(new URL('../../vectors/', import.meta.url));

let manifest: ManifestVector[] | undefined;
const all = (): ManifestVector[] => (manifest ??= loadManifest(dir));

export interface LoadedVector {
  readonly id: string;
  readonly bytes: Uint8Array;
  readonly expect: unknown;
  readonly ctx: Readonly<Record<string, unknown>>;
  readonly byteExact: boolean;
}

const load = (v: ManifestVector): LoadedVector => ({
  id: v.id,
  bytes: new Uint8Array(readFileSync(join(dir, v.file))),
  expect: JSON.parse(readFileSync(join(dir, v.expect), 'utf8')) as unknown,
  ctx: v.context ?? {},
  byteExact: v.byteExact,
});

export function vector(id: string): LoadedVector {
  const v = all().find((x) => x.id === id);
  if (!v) throw new Error(`no vector ${id}`);
  return load(v);
}

export function vectors(family: string): LoadedVector[] {
  const vs = all().filter((x) => x.family === family);
  if (vs.length === 0) throw new Error(`no vectors of family ${family}`);
  return vs.map(load);
}

export const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
export const fromHex = (s: string): Uint8Array => new Uint8Array(Buffer.from(s.replace(/\s+/g, ''), 'hex'));
