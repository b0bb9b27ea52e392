/**
 * Payload decoding that never blocks the host's event loop for long: payloads of at least
 * `workerBytes` bytes (HostLimits.workerDecodeBytes, 16 KiB by default) are decoded in a worker
 * thread (decode-worker.ts) and handed back through payload-transfer.ts; smaller ones are decoded
 * in place, where the codecs' own per-decode limits bound the cost. The worker is bounded in time (`timeoutMs`,
 * the rest of the call's timeout: past it the worker is terminated and the call fails with
 * HostError `timeout`) and in heap (`maxHeapMb`: past it, HostError `payload`). Node-only: the
 * codecs themselves stay free of node:*.
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
  /** Old-generation heap of the worker in MB (default 128). */
  maxHeapMb?: number;
}

const WORKER = new URL('./decode-worker.js', import.meta.url);

function inWorker(req: DecodeRequest, o: OffloadOptions): Promise<unknown> {
  const timeoutMs = o.timeoutMs ?? 60_000;
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER, { resourceLimits: { maxOldGenerationSizeMb: o.maxHeapMb ?? 128 } });
    let settled = false;
    const finish = (f: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      f();
    };
    const timer = setTimeout(() => finish(() => reject(new HostError('timeout', `${req.what}: not decoded within ${timeoutMs} ms (${req.bytes.length} bytes, ${req.mode}); decoding stopped`))), timeoutMs);
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
    worker.once('error', (e) => finish(() => reject(new HostError('payload', `${req.what} (${req.mode}): the decoding worker failed: ${e.message}`, { cause: e }))));
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
