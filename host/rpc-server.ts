/**
 * A net/rpc server (Go's rpc.Server with ugorji's GoRpc msgpack codec, as the SDK's PluginServer
 * uses it) on one byte stream: the host side of the streams the host hands a plugin (the Ui and
 * Hook during Builder.Run, the Artifact and Ui during PostProcess).
 *
 * Services are registered by name ("Ui", "Hook", "Artifact", and "Ui" + id for progress
 * trackers); `ServiceMethod` is split at its last dot, as net/rpc does. Each request is handled
 * as it arrives (handlers may be async; answers go out as they finish, so a slow Ui.Ask does not
 * hold a Ui.Say behind it, as with Go's goroutine per request). A handler's thrown error becomes
 * the answer's `Error` with an empty body, like a Go method returning an error. A service or
 * method we do not serve is answered with net/rpc's own texts ("rpc: can't find service …").
 *
 * Bounded (limits.ts): requests larger than `maxMessageBytes` are a `protocol` error; a partial
 * request's bytes count in the session's buffered-bytes budget; a request beyond the session's
 * calls in flight is HostError `limit` (the plugin is flooding us). Backpressure: while our
 * answers are not being taken (the stream's write buffer is full), we stop reading requests, so
 * the plugin's window runs out instead of our memory.
 */
import type { Duplex } from 'node:stream';
import { RpcFrameReader, decodeResponse, encodeResponse, type RpcRequest } from '../codecs/rpc/index.js';
import { isWireError } from '../codecs/wire/errors.js';
import { HostError } from './errors.js';
import { isLimitExceeded } from './yamux/limits.js';
import { BudgetShare, streamBudget, type RpcBounds } from './limits.js';
import { nextTraceOrder, type RpcTrace } from './rpc-client.js';

/** Handles one request body (the model value of its Go type) and returns the answer body. */
export type RpcHandler = (body: unknown, request: { serviceMethod: string; seq: bigint }) => unknown;

export type RpcService = Readonly<Record<string, RpcHandler>>;

export class RpcServer {
  private readonly services = new Map<string, RpcService>();

  constructor(private readonly bounds: RpcBounds = {}) {}

  /** Registers (or replaces) a service; its methods are the keys of `methods`. */
  register(name: string, methods: RpcService): void {
    this.services.set(name, methods);
  }

  unregister(name: string): void {
    this.services.delete(name);
  }

  private lookup(serviceMethod: string): RpcHandler | string {
    const dot = serviceMethod.lastIndexOf('.');
    if (dot < 0) return `rpc: service/method request ill-formed: ${serviceMethod}`;
    const service = this.services.get(serviceMethod.slice(0, dot));
    if (!service) return `rpc: can't find service ${serviceMethod}`;
    const method = serviceMethod.slice(dot + 1);
    const h = Object.hasOwn(service, method) ? service[method] : undefined;
    return h ?? `rpc: can't find method ${serviceMethod}`;
  }

  /**
   * Serves requests from `stream` until it ends. Resolves when the peer closed the stream (we
   * then close ours); rejects with a HostError when the stream fails or carries bytes that are
   * not net/rpc requests (the stream is destroyed then).
   */
  serve(stream: Duplex, label = 'served stream', trace?: (e: RpcTrace) => void): Promise<void> {
    const reader = new RpcFrameReader({ direction: 'request', ...(this.bounds.maxMessageBytes ? { maxMessageBytes: this.bounds.maxMessageBytes } : {}) });
    const share = new BudgetShare(this.bounds.budget ?? streamBudget(stream), `partial request on ${label}`);
    const calls = this.bounds.calls;
    let inFlight = 0;
    let ended = false;
    return new Promise<void>((resolve, reject) => {
      let settled = false;
      const done = (e?: HostError) => {
        if (settled) return;
        settled = true;
        share.release();
        if (e) {
          stream.destroy();
          reject(e);
        } else resolve();
      };
      const maybeFinish = () => {
        if (ended && inFlight === 0) {
          if (!stream.writableEnded) stream.end();
          done();
        }
      };
      const order = new WeakMap<RpcRequest, number>();
      const answer = (req: RpcRequest, error: string, body: unknown) => {
        if (stream.destroyed || stream.writableEnded) return;
        let bytes: Uint8Array;
        try {
          bytes =
            error === ''
              ? encodeResponse({ serviceMethod: req.header.serviceMethod, seq: req.header.seq }, body)
              : encodeResponse({ serviceMethod: req.header.serviceMethod, seq: req.header.seq, error }, {});
        } catch (e) {
          // Our handler returned something its Go type cannot hold: answer as Go would for an
          // error, so the plugin is not left waiting.
          bytes = encodeResponse(
            { serviceMethod: req.header.serviceMethod, seq: req.header.seq, error: `host: cannot encode the answer: ${(e as Error).message}` },
            {},
          );
        }
        if (trace) trace({ order: order.get(req) ?? 0, caller: 'plugin', label, request: req, response: decodeResponse(bytes), error: null });
        if (!stream.write(bytes) && !stream.isPaused()) {
          // The plugin is not taking our answers: read no more requests until it does.
          stream.pause();
          stream.once('drain', () => stream.resume());
        }
      };
      const handle = (req: RpcRequest) => {
        if (trace) order.set(req, nextTraceOrder());
        const h = this.lookup(req.header.serviceMethod);
        if (typeof h === 'string') return answer(req, h, {});
        calls?.take(`${req.header.serviceMethod} from the plugin on ${label}`);
        inFlight++;
        Promise.resolve()
          .then(() => h(req.body, req.header))
          .then(
            (body) => answer(req, '', body ?? null),
            (e: unknown) => answer(req, e instanceof Error ? e.message : String(e), {}),
          )
          .finally(() => {
            calls?.give();
            inFlight--;
            maybeFinish();
          });
      };
      stream.on('data', (chunk: Uint8Array) => {
        if (settled) return;
        try {
          reader.push(chunk);
          for (let m = reader.next(); m && !settled; m = reader.next()) handle(m as RpcRequest);
          share.update(reader.buffered);
        } catch (e) {
          if (e instanceof HostError) done(e);
          else if (isLimitExceeded(e)) done(new HostError('limit', `${label}: ${e.message}`, { cause: e }));
          else if (isWireError(e)) done(new HostError('protocol', `${label}: unreadable request from the plugin: ${e.message}`, { cause: e }));
          else throw e;
        }
      });
      stream.on('end', () => {
        ended = true;
        maybeFinish();
      });
      stream.on('error', (e: Error) => done(new HostError('stream-closed', `${label}: ${e.message}`, { cause: e })));
      stream.on('close', () => {
        ended = true;
        if (!settled && inFlight === 0) done();
      });
    });
  }
}
