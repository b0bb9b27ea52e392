/**
 * A net/rpc client (Go's rpc.Client with ugorji's GoRpc msgpack codec, as the SDK's rpc.Client
 * uses it) over one byte stream, usually a mux-broker stream of a yamux session.
 *
 * - Requests carry a sequence number from 0 upwards; several calls may be in flight at once and
 *   answers are matched by `Seq` (the server may answer in any order).
 * - An answer whose header `Error` is not empty rejects the call with RpcRemoteError; an answer
 *   for a sequence number nobody waits for (a call that timed out) is dropped, as Go drops it.
 * - Every call is bounded by a timeout. When the stream ends, fails or carries bytes that are not
 *   net/rpc messages, every pending call (and every later one) fails with one HostError; `explain`
 *   lets the owner turn a bare "stream closed" into the real reason (the plugin exited, the
 *   yamux session saw garbage).
 * - Bounded (limits.ts): answers larger than `maxMessageBytes` are a `protocol` error, a partial
 *   answer's bytes count in the session's buffered-bytes budget, and a call beyond the session's
 *   calls in flight fails with `limit` at once.
 */
import type { Duplex } from 'node:stream';
import {
  RpcFrameReader,
  decodeRequest,
  encodeRequest,
  type MethodKeyOf,
  type RequestBody,
  type ResponseBody,
  type RpcServiceMethod,
  type RpcRequest,
  type RpcResponse,
} from '../codecs/rpc/index.js';
import { isWireError } from '../codecs/wire/errors.js';
import { HostError, RpcRemoteError } from './errors.js';
import { isLimitExceeded } from './yamux/limits.js';
import { BudgetShare, streamBudget, type RpcBounds } from './limits.js';

export interface RpcClientOptions extends RpcBounds {
  /** Names the stream in error messages (e.g. "stream 0"). */
  label?: string;
  /** Default bound on one call (ms). */
  callTimeoutMs?: number;
  /** Turns the transport's end or failure into the error calls should see. */
  explain?: (cause: HostError) => Promise<HostError>;
  /** Told about every finished call (for tests and tracing; costs one decode per call). */
  trace?: (e: RpcTrace) => void;
}

/** One call as it crossed the wire: who called, on which stream, the messages, or the failure. */
export interface RpcTrace {
  /** Increases with each request sent or received by this process: the order calls started in. */
  order: number;
  caller: 'host' | 'plugin';
  label: string;
  request: RpcRequest;
  response: RpcResponse | null;
  error: HostError | null;
}

let traceOrder = 0;
/** The next number of RpcTrace.order. */
export const nextTraceOrder = (): number => ++traceOrder;

interface PendingCall {
  serviceMethod: string;
  resolve: (body: unknown) => void;
  reject: (e: HostError) => void;
  timer: NodeJS.Timeout;
  request?: RpcRequest;
  order?: number;
}

export class RpcClient {
  private nextSeq = 0;
  private readonly pending = new Map<number, PendingCall>();
  private readonly reader: RpcFrameReader;
  private readonly share: BudgetShare;
  private readonly bounds: RpcBounds;
  private failure: HostError | null = null;
  /** Set while `explain` works out why the transport failed; resolves to that reason. */
  private failing: Promise<HostError> | null = null;
  private readonly label: string;
  private readonly callTimeoutMs: number;
  private readonly explain: (cause: HostError) => Promise<HostError>;
  private readonly trace: ((e: RpcTrace) => void) | undefined;

  constructor(
    readonly stream: Duplex,
    options: RpcClientOptions = {},
  ) {
    this.label = options.label ?? 'rpc stream';
    this.callTimeoutMs = options.callTimeoutMs ?? 60_000;
    this.explain = options.explain ?? ((e) => Promise.resolve(e));
    this.trace = options.trace;
    this.bounds = options;
    this.reader = new RpcFrameReader({ direction: 'response', ...(options.maxMessageBytes ? { maxMessageBytes: options.maxMessageBytes } : {}) });
    this.share = new BudgetShare(options.budget ?? streamBudget(stream), `partial answer on ${this.label}`);
    stream.on('data', (chunk: Uint8Array) => this.onData(chunk));
    stream.on('end', () => this.transportFailed(new HostError('stream-closed', `${this.label}: closed by the plugin`)));
    stream.on('close', () => this.transportFailed(new HostError('stream-closed', `${this.label}: closed`)));
    stream.on('error', (e: Error) => this.transportFailed(new HostError('stream-closed', `${this.label}: ${e.message}`, { cause: e })));
  }

  /** Calls still waiting for their answer. */
  get inFlight(): number {
    return this.pending.size;
  }

  /** Why the client stopped working, once it has. */
  get error(): HostError | null {
    return this.failure;
  }

  /**
   * `call` for a method named only at run time (a recorded session replayed, a proxied call):
   * the body is checked against the method table when it is encoded, not by the compiler.
   */
  callDynamic(serviceMethod: string, body: unknown, options: { timeoutMs?: number } = {}): Promise<unknown> {
    return this.call(serviceMethod as RpcServiceMethod, body as never, options);
  }

  /**
   * Sends `serviceMethod` with `body` (the model value of the request's Go type in the rpc
   * method table; `null` sends nil, as the SDK's `new(interface{})` does) and resolves with the
   * decoded answer body.
   */
  call<S extends RpcServiceMethod>(
    serviceMethod: S,
    body: RequestBody<MethodKeyOf<S>>,
    options: { timeoutMs?: number } = {},
  ): Promise<ResponseBody<MethodKeyOf<S>>> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.failing) return this.failing.then((e) => Promise.reject(e));
    let bytes: Uint8Array;
    const seq = this.nextSeq++;
    try {
      bytes = encodeRequest({ serviceMethod, seq }, body);
    } catch (e) {
      return Promise.reject(new HostError('payload', `${serviceMethod}: cannot encode the request: ${(e as Error).message}`, { cause: e }));
    }
    const timeoutMs = options.timeoutMs ?? this.callTimeoutMs;
    const request = this.trace ? decodeRequest(bytes) : undefined;
    try {
      this.bounds.calls?.take(`${serviceMethod} on ${this.label}`);
    } catch (e) {
      return Promise.reject(e);
    }
    return new Promise<ResponseBody<MethodKeyOf<S>>>((resolve, reject) => {
      const timer = setTimeout(() => {
        const p = this.pending.get(seq);
        if (p?.timer !== timer) return;
        this.pending.delete(seq);
        this.fail(p, new HostError('timeout', `${serviceMethod}: no answer within ${timeoutMs} ms on ${this.label}`));
      }, timeoutMs);
      const entry: PendingCall = { serviceMethod, resolve: resolve as (body: unknown) => void, reject, timer };
      if (request) {
        entry.request = request;
        entry.order = nextTraceOrder();
      }
      this.pending.set(seq, entry);
      this.stream.write(bytes, (err) => {
        if (err) this.transportFailed(new HostError('stream-closed', `${this.label}: write of ${serviceMethod} failed: ${err.message}`, { cause: err }));
      });
    });
  }

  /** Ends our side of the stream; pending calls fail with `shutdown`. */
  close(): void {
    this.settleAll(new HostError('shutdown', `${this.label}: closed by the host`));
    if (!this.stream.destroyed) this.stream.destroy();
  }

  private onData(chunk: Uint8Array): void {
    if (this.failure || this.failing) return;
    let m: RpcResponse | undefined;
    try {
      this.reader.push(chunk);
      while ((m = this.reader.next() as RpcResponse | undefined)) this.deliver(m);
      this.share.update(this.reader.buffered);
    } catch (e) {
      if (isWireError(e)) {
        this.transportFailed(new HostError('protocol', `${this.label}: unreadable answer from the plugin: ${e.message}`, { cause: e }));
        this.stream.destroy();
      } else if (isLimitExceeded(e)) {
        this.transportFailed(new HostError('limit', `${this.label}: ${e.message}`, { cause: e }));
      } else throw e;
    }
  }

  private deliver(m: RpcResponse): void {
    const seq = m.header.seq;
    const p = seq <= BigInt(Number.MAX_SAFE_INTEGER) ? this.pending.get(Number(seq)) : undefined;
    if (!p) return; // nobody waits for it any more (Go drops these too)
    this.pending.delete(Number(seq));
    clearTimeout(p.timer);
    this.bounds.calls?.give();
    if (p.request) this.trace!({ order: p.order!, caller: 'host', label: this.label, request: p.request, response: m, error: null });
    if (m.header.error !== '') p.reject(new RpcRemoteError(m.header.serviceMethod, m.header.error));
    else p.resolve(m.body);
  }

  private transportFailed(cause: HostError): void {
    if (this.failure || this.failing) return;
    this.failing = this.explain(cause).then(
      (e) => e,
      () => cause,
    );
    void this.failing.then((e) => this.settleAll(e));
  }

  private settleAll(e: HostError): void {
    if (this.failure) return;
    this.failure = e;
    this.failing = null;
    this.share.release();
    for (const [seq, p] of this.pending) {
      clearTimeout(p.timer);
      this.pending.delete(seq);
      this.fail(p, e);
    }
  }

  private fail(p: PendingCall, e: HostError): void {
    this.bounds.calls?.give();
    if (p.request) this.trace!({ order: p.order!, caller: 'host', label: this.label, request: p.request, response: null, error: e });
    p.reject(e);
  }
}
