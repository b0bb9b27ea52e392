/**
 * Test helpers: an in-memory connected pair of Duplex streams (what one side writes, the other
 * reads, in the same pieces), with an optional tap that sees every piece written.
 */
import { Duplex } from 'node:stream';

export type Tap = (from: 'a' | 'b', bytes: Uint8Array) => void;

class End extends Duplex {
  peer!: End;
  constructor(
    readonly name: 'a' | 'b',
    private readonly tap?: Tap,
  ) {
    super({ allowHalfOpen: true });
  }
  override _read(): void {}
  override _write(chunk: Buffer, _enc: BufferEncoding, cb: (e?: Error | null) => void): void {
    const copy = new Uint8Array(chunk); // the reader gets its own bytes, as from a socket
    this.tap?.(this.name, copy);
    setImmediate(() => {
      if (!this.peer.destroyed) this.peer.push(copy);
      cb();
    });
  }
  override _final(cb: (e?: Error | null) => void): void {
    setImmediate(() => {
      if (!this.peer.destroyed) this.peer.push(null);
      cb();
    });
  }
  override _destroy(err: Error | null, cb: (e?: Error | null) => void): void {
    setImmediate(() => {
      if (!this.peer.destroyed) this.peer.destroy();
    });
    cb(err);
  }
}

export function duplexPair(tap?: Tap): [Duplex, Duplex] {
  const a = new End('a', tap);
  const b = new End('b', tap);
  a.peer = b;
  b.peer = a;
  return [a, b];
}

import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository's vectors/ folder, seen from dist/testkit/yamux. */
export const VECTORS_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../../vectors');

export interface TranscriptVector {
  id: string;
  bytes: Uint8Array;
  context: Record<string, unknown>;
  expect: unknown;
}

/** Every `transcript` vector in vectors/manifest.json (none when the manifest is missing). */
export function transcriptVectors(): TranscriptVector[] {
  const manifest = join(VECTORS_DIR, 'manifest.json');
  if (!existsSync(manifest)) return [];
  const m = JSON.parse(readFileSync(manifest, 'utf8')) as {
    vectors?: Array<{ id: string; family: string; file: string; expect: string; context?: Record<string, unknown> }>;
  };
  return (m.vectors ?? [])
    .filter((v) => v.family === 'transcript')
    .map((v) => ({
      id: v.id,
      bytes: new Uint8Array(readFileSync(join(VECTORS_DIR, v.file))),
      context: v.context ?? {},
      expect: JSON.parse(readFileSync(join(VECTORS_DIR, v.expect), 'utf8')) as unknown,
    }));
}
