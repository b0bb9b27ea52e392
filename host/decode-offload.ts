/**
 * Payload decoding that never blocks the host's event loop for long: payloads of at least
 * `workerBytes` bytes (HostLimits.workerDecodeBytes, 16 KiB by default) are decoded in a worker
 * thread (decode-worker.ts) and handed back through payload-transfer.ts; smaller ones are decoded
 * in place, where the codecs' own per-decode limits bound the cost. The worker is bounded in time (`timeoutMs`,
 * the rest of the call's timeout: past it the worker is terminated and the call fails with
 * HostError `timeout`) and in heap (`maxHeapMb`, 64 MB: past it, HostError `payload`), and a
 * session runs at most `WorkerGate.max` (2) of them at once (more decodes wait their turn, within
 * their own timeout). Node-only: the codecs themselves stay free of node:*.
 */
import { Worker } from 'node:worker_threads';
import type { WireProtocol } from '../codecs/protocol/choose.js';
import type { ObjectSpec } from '../codecs/hclspec/model.js';
import type { CtyValue } from '../codecs/cty/values.js';
import { WireError, type CodecName } from '../codecs/wire/index.js';
import { HostError } from './errors.js';
import { decodeSpecPayload, decodeValuePayload } from './payloads.js';
import { revivePayload } from './payload-transfer.js';
import { DEFAULT_HOST_LIMITS } from './limits.js';

export interface DecodeRequest {
  kind: 'value' | 'spec';
  bytes: Uint8Array;
  mode: WireProtocol;
  what: string;
}

export type DecodeReply = { ok: true; packed: unknown } | { ok: false; message: string; wire: { codec: CodecName; offset: number; reason: string } | null };

export interface OffloadOptions {
  /** Payloads of at least this many bytes go to a worker (default HostLimits.workerDecodeBytes). */
  workerBytes?: number;
  /** Bound on the decode (default 60 s). */
  timeoutMs?: number;
  /** Old-generation heap of the worker in MB (default 64). */
  maxHeapMb?: number;
  /** Bounds how many workers run at once (one gate per session); none: no bound. */
  gate?: WorkerGate;
}

/** At most `max` decoding workers at once; the others wait in order. */
export class WorkerGate {
  private running = 0;
  private readonly waiting: Array<() => void> = [];
  constructor(readonly max = 2) {}

  async run<T>(f: () => Promise<T>): Promise<T> {
    if (this.running >= this.max) await new Promise<void>((r) => this.waiting.push(r));
    else this.running++;
    try {
      return await f();
    } finally {
      const next = this.waiting.shift();
      if (next)
        next(); // the slot passes on
      else this.running--;
    }
  }
}

const WORKER = new URL('./decode-worker.js', import.meta.url);

function inWorker(req: DecodeRequest, o: OffloadOptions): Promise<unknown> {
  if (!o.gate) return runWorker(req, o, performance.now() + (o.timeoutMs ?? 60_000));
  const end = performance.now() + (o.timeoutMs ?? 60_000);
  return o.gate.run(() => runWorker(req, o, end));
}

function runWorker(req: DecodeRequest, o: OffloadOptions, end: number): Promise<unknown> {
  const timeoutMs = Math.max(1, Math.round(end - performance.now()));
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER, { resourceLimits: { maxOldGenerationSizeMb: o.maxHeapMb ?? 64 } });
    let settled = false;
    const finish = (f: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      f();
    };
    const timer = setTimeout(
      () =>
        finish(() =>
          reject(new HostError('timeout', `${req.what}: not decoded within ${timeoutMs} ms (${req.bytes.length} bytes, ${req.mode}); decoding stopped`)),
        ),
      timeoutMs,
    );
    worker.once('message', (r: DecodeReply) =>
      finish(() => {
        if (r.ok) {
          try {
            resolve(revivePayload(r.packed));
          } catch (e) {
            reject(new HostError('payload', `${req.what} (${req.mode}): ${(e as Error).message}`, { cause: e }));
          }
          return;
        }
        const cause = r.wire ? new WireError(r.wire.codec, r.wire.offset, r.wire.reason) : undefined;
        reject(new HostError('payload', r.message, cause ? { cause } : undefined));
      }),
    );
    worker.once('error', (e) =>
      finish(() => reject(new HostError('payload', `${req.what} (${req.mode}): the decoding worker failed: ${e.message}`, { cause: e }))),
    );
    worker.once('exit', (code) => finish(() => reject(new HostError('payload', `${req.what} (${req.mode}): the decoding worker exited (code ${code})`))));
    worker.postMessage(req);
  });
}

const small = (bytes: Uint8Array, o: OffloadOptions) => bytes.length < (o.workerBytes ?? DEFAULT_HOST_LIMITS.workerDecodeBytes);

/** decodeValuePayload, in a worker when the payload is large. */
export async function decodeValueOffThread(bytes: Uint8Array, mode: WireProtocol, o: OffloadOptions = {}): Promise<CtyValue> {
  if (small(bytes, o)) return decodeValuePayload(bytes, mode);
  return (await inWorker({ kind: 'value', bytes, mode, what: 'Datasource.Execute value' }, o)) as CtyValue;
}

/** decodeSpecPayload, in a worker when the payload is large. */
export async function decodeSpecOffThread(bytes: Uint8Array, mode: WireProtocol, what = 'ConfigSpec', o: OffloadOptions = {}): Promise<ObjectSpec> {
  if (small(bytes, o)) return decodeSpecPayload(bytes, mode, what);
  return (await inWorker({ kind: 'spec', bytes, mode, what }, o)) as ObjectSpec;
}
