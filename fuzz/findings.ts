/** What a finding records, how findings are told apart, and where they are saved. */
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Family, VectorContext } from '../codecs/family.js';
import type { FindingKind, Outcome, Stage } from './oracle.js';
import { sourceLocation } from './sourcemap.js';

export interface Finding {
  readonly family: Family;
  readonly kind: FindingKind;
  /** `generate`: while writing back a changed value of a corpus entry (fromCanonical/encode) */
  readonly stage: Stage | 'generate';
  /** error name and message (or what the supervisor saw) */
  readonly message: string;
  /** the first stack frame in our code, e.g. "readValue (codecs/gob/decoder.ts:120:11)" */
  readonly stackTop: string;
  /** up to 12 frames, for the report */
  readonly stack: readonly string[];
  /** the minimized input */
  readonly hex: string;
  readonly length: number;
  readonly originalLength: number;
  readonly ctx: VectorContext;
  /** how many inputs of the run hit this same finding */
  count: number;
  readonly signature: string;
}

/** Stack frames as "fn (path:line:col)", mapped to the TypeScript sources, paths relative to the repository. */
export function framesOf(e: unknown): string[] {
  const stack = e instanceof Error && typeof e.stack === 'string' ? e.stack : '';
  const out: string[] = [];
  for (const line of stack.split('\n')) {
    const m = /^\s+at (?:(.+?) \()?(.+?)\)?$/.exec(line);
    if (!m) continue;
    const pos = /^(.*):(\d+):(\d+)$/.exec(m[2]!);
    const where = pos ? sourceLocation(pos[1]!, Number(pos[2]), Number(pos[3])) : m[2]!;
    out.push(m[1] ? `${m[1]} (${where})` : where);
  }
  return out;
}

/** The first frame inside the codecs (falling back to the first frame at all). */
export function stackTopOf(frames: readonly string[]): string {
  return frames.find((f) => f.includes('codecs/')) ?? frames[0] ?? '(no stack)';
}

export function messageOf(o: Outcome): string {
  if (o.kind === 'value') return 'value';
  if (o.kind === 'memory' && 'detail' in o && o.detail) return o.detail;
  const e = o.error as { name?: unknown; message?: unknown } | null;
  const base = e && typeof e === 'object' ? `${String(e.name ?? 'Error')}: ${String(e.message ?? '')}` : `thrown ${typeof e}: ${String(e)}`;
  return 'detail' in o && o.detail ? `${base} (${o.detail})` : base;
}

/** Numbers and quoted text out, so that the same bug with different data is one signature. */
export const normalize = (s: string): string =>
  s
    .replace(/"(?:[^"\\]|\\.)*"/g, '"…"')
    .replace(/\d+/g, '#')
    .slice(0, 200);

/**
 * Two inputs are the same finding when kind, stage, error type/message shape and the place in our
 * code agree. A stack overflow is known by the functions in its recursion rather than one frame.
 */
export function signatureOf(o: Outcome, frames: readonly string[]): string {
  if (o.kind === 'value' || o.kind === 'wire-error') return o.kind;
  const fn = (f: string): string => f.replace(/ \(.*$/, '');
  if (o.kind === 'stack-overflow') {
    const cycle = [...new Set(frames.filter((f) => f.includes('codecs/')).map(fn))].sort().join(',');
    return `stack-overflow|${o.stage}|${cycle}`;
  }
  return `${o.kind}|${o.stage}|${normalize(messageOf(o))}|${stackTopOf(frames).replace(/:\d+\)$/, ')')}`;
}

export const toHex = (b: Uint8Array): string => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('hex');

/** Writes `<dir>/<family>/<kind>-<hash>.bin` and `.json`; returns the .bin path. */
export function saveFinding(dir: string, f: Finding): string {
  const sub = join(dir, f.family);
  mkdirSync(sub, { recursive: true });
  const stem = `${f.kind}-${createHash('sha256').update(f.signature).update(f.hex).digest('hex').slice(0, 12)}`;
  writeFileSync(join(sub, `${stem}.bin`), Buffer.from(f.hex, 'hex'));
  writeFileSync(join(sub, `${stem}.json`), JSON.stringify(f, null, 2) + '\n');
  return join(sub, `${stem}.bin`);
}
