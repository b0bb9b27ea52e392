/**
 * Client of the Go round-trip helper (conformance/cmd/roundtrip): builds it once with `go build`
 * into conformance/.work/bin/roundtrip, runs it as one long-lived child process, and exchanges
 * line-delimited JSON with it. Requests are written as soon as they are made and answered in
 * order, so many requests in flight cost one pipe round trip.
 *
 *   const go = await GoHelper.start();          // or a GoUnavailable reason
 *   const r = await go.roundtrip('msgpack-value', bytes, { type: 'string' });
 *   r.bytes, r.canonical, r.deterministic, r.error
 *   await go.close();
 */
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Family, VectorContext } from '../../codecs/family.js';

/** What Go answered for one request. */
export interface GoReply {
  /** Go's bytes (null when Go refused). */
  readonly bytes: Uint8Array | null;
  /** Go's reading of the bytes, as canonical JSON. */
  readonly canonical: unknown;
  /** Go writes these bytes the same way every time (no map with more than one entry). */
  readonly deterministic: boolean;
  /** Go's error text, '' when Go accepted. */
  readonly error: string;
  /** Where Go refused: request, build, decode, encode, panic. */
  readonly stage: string;
}

/** A layout of a Go type the helper offers for gob-generic (see cmd/roundtrip/gobtypes.go). */
export type GoLayout =
  | { readonly kind: 'bool' | 'int' | 'int8' | 'int16' | 'int32' | 'int64' | 'uint' | 'uint8' | 'uint16' | 'uint32' | 'uint64' | 'uintptr' }
  | { readonly kind: 'float32' | 'float64' | 'complex64' | 'complex128' | 'string' | 'bytes' }
  | { readonly kind: 'array'; readonly len: number; readonly elem: GoLayout }
  | { readonly kind: 'slice'; readonly elem: GoLayout }
  | { readonly kind: 'map'; readonly key: GoLayout; readonly elem: GoLayout }
  | { readonly kind: 'ptr'; readonly elem: GoLayout }
  | { readonly kind: 'struct'; readonly wireName: string; readonly fields: readonly { readonly name: string; readonly type: GoLayout }[] }
  | { readonly kind: 'interface'; readonly accepts: readonly string[] }
  | { readonly kind: 'unsupported'; readonly type: string }
  | { readonly ref: string };

export interface GoTypes {
  /** Named composite types and every root type, by reflect String(). */
  readonly types: Readonly<Record<string, GoLayout>>;
  /** The names a gob-generic request may give as context.goType. */
  readonly roots: readonly string[];
  /** gob's registered names (what interfaces carry) with their types' layouts. */
  readonly registered: Readonly<Record<string, GoLayout>>;
}

/** Why the helper cannot run: Go is not installed (skip) or it is and the build failed (fail). */
export interface GoUnavailable {
  readonly goMissing: boolean;
  readonly reason: string;
}

const here = dirname(fileURLToPath(import.meta.url));
/** conformance/ of the repository (this file runs from dist/conformance/runner/). */
export const conformanceDir = resolve(here, '../../../conformance');
/** Where `go build` puts the helper command `cmd` (a directory of conformance/cmd/). */
export const helperBinaryOf = (cmd: string): string => join(conformanceDir, '.work', 'bin', cmd);

const goEnv = (): NodeJS.ProcessEnv => ({ ...process.env, GOTOOLCHAIN: 'local', GOFLAGS: '-mod=mod -buildvcs=false' });

/** A test's option: `--name VALUE` on the command line, else the environment variable `env`. */
export function option(name: string, env: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  if (i >= 0 && i + 1 < process.argv.length) return process.argv[i + 1];
  return process.env[env];
}

/** `go version`, or null when there is no Go on PATH. */
export function goVersion(): string | null {
  const r = spawnSync('go', ['version'], { encoding: 'utf8', env: goEnv(), timeout: 30_000 });
  if (r.error || r.status !== 0) return null;
  return r.stdout.trim();
}

/** Builds the helper (Go's build cache makes this quick when nothing changed). */
export function buildHelper(timeoutMs = 600_000, cmd = 'roundtrip'): string | null {
  const binary = helperBinaryOf(cmd);
  mkdirSync(dirname(binary), { recursive: true });
  const r = spawnSync('go', ['build', '-o', binary, `./cmd/${cmd}`], { cwd: conformanceDir, encoding: 'utf8', env: goEnv(), timeout: timeoutMs });
  if (r.error) return `go build: ${r.error.message}`;
  if (r.status !== 0) return `go build failed (exit ${r.status}):\n${r.stderr}`;
  if (!existsSync(binary)) return 'go build produced no binary';
  return null;
}

interface Pending {
  resolve(v: Record<string, unknown>): void;
  reject(e: Error): void;
  timer: NodeJS.Timeout;
}

const b64 = (b: Uint8Array): string => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('base64');

export class GoHelper {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private buffered = '';
  private stderr = '';
  private dead: Error | null = null;
  private readonly onExit = (): void => {
    this.child.kill('SIGKILL');
  };

  private constructor(
    private readonly child: ChildProcessWithoutNullStreams,
    /** Longest wait for one answer before the helper is declared hung and killed. */
    private readonly timeoutMs: number,
  ) {
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => this.onData(chunk));
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      this.stderr = (this.stderr + chunk).slice(-4000);
    });
    child.on('error', (e) => this.fail(e));
    child.on('exit', (code, signal) => this.fail(new Error(`Go helper exited (code ${code}, signal ${signal})${this.stderr ? `: ${this.stderr}` : ''}`)));
    child.stdin.on('error', (e) => this.fail(e));
    process.once('exit', this.onExit);
  }

  /** Builds and starts the helper; a GoUnavailable tells why it cannot run. */
  static start(opts: { timeoutMs?: number; cmd?: string } = {}): GoHelper | GoUnavailable {
    if (goVersion() === null) return { goMissing: true, reason: 'no `go` on PATH' };
    const cmd = opts.cmd ?? 'roundtrip';
    const err = buildHelper(undefined, cmd);
    if (err) return { goMissing: false, reason: err };
    const child = spawn(helperBinaryOf(cmd), [], { stdio: ['pipe', 'pipe', 'pipe'] });
    return new GoHelper(child, opts.timeoutMs ?? 30_000);
  }

  private onData(chunk: string): void {
    this.buffered += chunk;
    let nl: number;
    while ((nl = this.buffered.indexOf('\n')) >= 0) {
      const line = this.buffered.slice(0, nl);
      this.buffered = this.buffered.slice(nl + 1);
      if (line.trim() === '') continue;
      let msg: Record<string, unknown>;
      try {
        msg = JSON.parse(line) as Record<string, unknown>;
      } catch {
        this.fail(new Error(`Go helper wrote a line that is not JSON: ${line.slice(0, 200)}`));
        return;
      }
      const id = msg['id'];
      const p = typeof id === 'number' ? this.pending.get(id) : undefined;
      if (!p) {
        this.fail(new Error(`Go helper answered an unknown request id ${JSON.stringify(id)}`));
        return;
      }
      this.pending.delete(id as number);
      clearTimeout(p.timer);
      p.resolve(msg);
    }
  }

  private fail(e: Error): void {
    if (this.dead) return;
    this.dead = e;
    for (const p of this.pending.values()) {
      clearTimeout(p.timer);
      p.reject(e);
    }
    this.pending.clear();
    this.child.kill('SIGKILL');
  }

  /** One request to a helper other than roundtrip (`start({cmd})`): its raw answer. */
  call(req: Record<string, unknown>): Promise<Record<string, unknown>> {
    return this.request(req);
  }

  private request(req: Record<string, unknown>): Promise<Record<string, unknown>> {
    if (this.dead) return Promise.reject(this.dead);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const what = `${String(req['op'] ?? 'roundtrip')} ${String(req['family'] ?? '')}`;
      const timer = setTimeout(() => this.fail(new Error(`Go helper gave no answer to request ${id} (${what}) within ${this.timeoutMs} ms`)), this.timeoutMs);
      this.pending.set(id, { resolve, reject, timer });
      this.child.stdin.write(JSON.stringify({ id, ...req }) + '\n');
    });
  }

  private static reply(msg: Record<string, unknown>): GoReply {
    const bytes = typeof msg['bytes'] === 'string' ? new Uint8Array(Buffer.from(msg['bytes'], 'base64')) : null;
    return {
      bytes,
      canonical: msg['canonical'] ?? null,
      deterministic: msg['deterministic'] === true,
      error: typeof msg['error'] === 'string' ? msg['error'] : '',
      stage: typeof msg['stage'] === 'string' ? msg['stage'] : '',
    };
  }

  /** Go decodes `bytes` into the family's Go type and writes the value again. */
  async roundtrip(family: Family, bytes: Uint8Array, context: VectorContext): Promise<GoReply> {
    return GoHelper.reply(await this.request({ family, bytes: b64(bytes), context }));
  }

  /** Go builds the value from canonical JSON, writes it, and reads its own bytes back. */
  async encode(family: Family, canonical: unknown, context: VectorContext): Promise<GoReply> {
    return GoHelper.reply(await this.request({ op: 'encode', family, canonical, context }));
  }

  /** The Go types gob-generic requests may name. */
  async types(): Promise<GoTypes> {
    const m = await this.request({ op: 'types' });
    return { types: m['types'] as GoTypes['types'], roots: m['roots'] as string[], registered: m['registered'] as GoTypes['registered'] };
  }

  /** Go's answer to a `golang` request (strconv / encoding/json, see cmd/roundtrip/golang.go). */
  async golang<T>(req: { fn: string; strings?: readonly string[]; escapeHTML?: boolean; bits?: readonly string[]; format?: string }): Promise<T> {
    const m = await this.request({ op: 'golang', ...req });
    if (typeof m['error'] === 'string' && m['error'] !== '') throw new Error(`Go refused golang ${req.fn}: ${m['error']}`);
    return m['results'] as T;
  }

  /** Ends the helper: closes its input and waits for it to exit (killed after `graceMs`). */
  async close(graceMs = 5_000): Promise<void> {
    process.removeListener('exit', this.onExit);
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise<void>((r) => this.child.once('exit', () => r()));
    this.child.stdin.end();
    const timer = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
    await exited;
    clearTimeout(timer);
  }
}

export const isUnavailable = (x: GoHelper | GoUnavailable): x is GoUnavailable => !(x instanceof GoHelper);
