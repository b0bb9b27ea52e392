/**
 * One started plugin component and our side of the conversation: the process, the socket, the
 * yamux session (we are the client), the SDK mux broker, and the net/rpc client on broker
 * stream 0 — what Packer's plugin client and the SDK's rpc.Client do together.
 *
 *   const s = await startComponent(binary, 'datasource', 'tester', { protocol: 'protobuf' });
 *   try { const spec = await s.datasource().configSpec(); } finally { await s.close(); }
 *
 * Bounded everywhere: the handshake, the dial, every call, and (optionally) the whole session
 * have time limits; when one runs out, the call fails with HostError `timeout`. When the plugin
 * exits, every pending call fails with `exited` (with its exit status and stderr tail); when it
 * sends bytes we cannot read, with `protocol`. `close()` never rejects and always leaves the
 * process reaped: it closes the connection, gives the plugin `graceMs` to exit (the SDK's server
 * exits when its connection closes), then kills its process group.
 */
import { createConnection, type Socket } from 'node:net';
import { startArgs, type WireProtocol } from '../codecs/protocol/choose.js';
import type { ComponentKind } from '../codecs/protocol/describe.js';
import { YamuxSession } from './yamux/session.js';
import { MuxBroker } from './yamux/broker.js';
import type { YamuxStream } from './yamux/stream.js';
import { isWireError } from '../codecs/wire/errors.js';
import { HostError, asHostError } from './errors.js';
import { launchPlugin, type LaunchOptions, type PluginProcess } from './launch.js';
import { isLimitExceeded } from './yamux/limits.js';
import { CallCounter, hostLimits, type HostLimits, type RpcBounds } from './limits.js';
import { WorkerGate, type OffloadOptions } from './decode-offload.js';
import { RpcClient, type RpcTrace } from './rpc-client.js';
import { BuilderClient, DatasourceClient, PostProcessorClient, ProvisionerClient } from './components.js';

export interface SessionOptions extends LaunchOptions {
  /** gob or protobuf: the `--protobuf` flag, and how spec/value payloads are decoded. */
  protocol: WireProtocol;
  /** Bound on dialling the socket and opening broker stream 0 (ms). */
  connectTimeoutMs?: number;
  /** Default bound on one RPC call (ms). */
  callTimeoutMs?: number;
  /** When set, the plugin is killed after this long and everything pending fails with `timeout`. */
  sessionTimeoutMs?: number;
  /** Grace given to the plugin to exit by itself on close (ms). */
  closeGraceMs?: number;
  /** Told about every RPC call on every stream of the session, both directions. */
  trace?: (e: RpcTrace) => void;
  /** Per-session caps (limits.ts, DEFAULT_HOST_LIMITS); past one: HostError `limit`, plugin stopped. */
  limits?: Partial<HostLimits>;
}

/** How long to wait for the process's exit before explaining a closed stream without it. */
const EXIT_EXPLAIN_WAIT_MS = 500;

export class PluginSession {
  private closing: Promise<void> | null = null;
  private timer: NodeJS.Timeout | undefined;
  private expired = false;
  private readonly clients = new Set<RpcClient>();
  /** Set when the plugin went past a limit: every later failure is explained by it. */
  private limitError: HostError | null = null;
  readonly limits: Readonly<HostLimits>;
  /** Calls in flight in this session, both directions. */
  readonly calls: CallCounter;
  /** At most two payload-decoding workers at once in this session. */
  private readonly decodeGate = new WorkerGate();
  /** The net/rpc client on broker stream 0. */
  readonly rpc: RpcClient;

  constructor(
    readonly process: PluginProcess,
    readonly socket: Socket,
    readonly yamux: YamuxSession,
    readonly broker: MuxBroker,
    main: YamuxStream,
    readonly protocol: WireProtocol,
    readonly kind: ComponentKind,
    readonly component: string,
    private readonly options: SessionOptions,
  ) {
    this.limits = yamux.limits as Readonly<HostLimits>;
    this.calls = new CallCounter(this.limits.maxPendingCalls, (e) => this.stopForLimit(e));
    yamux.closed.then(() => this.yamuxLimit());
    this.rpc = this.client(main, 'broker stream 0');
    if (options.sessionTimeoutMs) {
      this.timer = setTimeout(() => {
        this.expired = true;
        process.kill();
        socket.destroy();
      }, options.sessionTimeoutMs);
    }
    // A plugin that dies ends the session: stop talking to it at once.
    process.exited.then(() => socket.destroy());
  }

  get trace(): ((e: RpcTrace) => void) | undefined {
    return this.options.trace;
  }

  /** What an rpc client or server of this session is bounded by. */
  get rpcBounds(): RpcBounds {
    return { maxMessageBytes: this.limits.maxMessageBytes, calls: this.calls, budget: this.yamux.budget };
  }

  /** The yamux session ended on a limit: stop the plugin (once) and return the `limit` error. */
  private yamuxLimit(): HostError | null {
    const e = this.yamux.error;
    if (!this.limitError && isLimitExceeded(e)) this.stopForLimit(new HostError('limit', `the plugin went past a session limit: ${e.message}`, { cause: e }));
    return this.limitError;
  }

  /** The plugin went past a limit: stop it; everything pending fails with that `limit` error. */
  private stopForLimit(e: HostError): void {
    if (this.limitError) return;
    this.limitError = e;
    this.process.kill();
    this.socket.destroy();
  }

  /**
   * Starts a call's clock: the returned function gives what a decode after the answer may
   * still take (the rest of the call's timeout) and the session's worker threshold.
   */
  deadline(o: { timeoutMs?: number } = {}): () => OffloadOptions {
    const end = performance.now() + (o.timeoutMs ?? this.callTimeoutMs);
    return () => ({ timeoutMs: Math.max(1, Math.round(end - performance.now())), workerBytes: this.limits.workerDecodeBytes, gate: this.decodeGate });
  }

  get callTimeoutMs(): number {
    return this.options.callTimeoutMs ?? 60_000;
  }

  /** A net/rpc client on a stream of this session, failing with this session's reasons. */
  client(stream: YamuxStream, label: string): RpcClient {
    const c = new RpcClient(stream, {
      label,
      callTimeoutMs: this.callTimeoutMs,
      explain: (e) => this.explain(e),
      ...this.rpcBounds,
      ...(this.options.trace ? { trace: this.options.trace } : {}),
    });
    this.clients.add(c);
    stream.once('close', () => this.clients.delete(c));
    return c;
  }

  /** Dials a logical stream the plugin serves (`id` from an RPC answer) and returns a client on it. */
  async dial(id: number, label: string): Promise<RpcClient> {
    try {
      const stream = await this.broker.dial(id, this.options.connectTimeoutMs ?? 10_000);
      return this.client(stream, label);
    } catch (e) {
      throw await this.explain(asHostError(e, 'stream-closed', `dial broker stream ${id}`));
    }
  }

  /** Waits for the plugin to dial the id we handed it (the SDK's mux.Accept, 5 s). */
  async accept(id: number): Promise<YamuxStream> {
    try {
      return await this.broker.accept(id);
    } catch (e) {
      throw await this.explain(asHostError(e, 'timeout', `accept broker stream ${id}`));
    }
  }

  /**
   * The real reason behind a transport failure: the session timeout, the plugin's exit, bytes
   * the yamux session could not read; else `cause` itself.
   */
  async explain(cause: HostError): Promise<HostError> {
    if (cause.code === 'remote' || cause.code === 'timeout' || cause.code === 'payload') return cause;
    const limit = this.limitError ?? this.yamuxLimit();
    if (limit) return limit;
    if (cause.code === 'limit') return cause;
    if (this.expired)
      return new HostError('timeout', `session timed out after ${this.options.sessionTimeoutMs} ms; plugin killed (${cause.message})`, { cause });
    const yerr = this.yamux.error;
    if (yerr && isWireError(yerr)) return new HostError('protocol', `the plugin sent bytes that are not yamux: ${yerr.message}`, { cause: yerr });
    if (cause.code === 'protocol') return cause;
    if (this.closing && !this.process.exitStatus) return new HostError('shutdown', `session closed by the host (${cause.message})`, { cause });
    if (!this.process.exitStatus) {
      let t: NodeJS.Timeout | undefined;
      await Promise.race([this.process.exited, new Promise((r) => (t = setTimeout(r, EXIT_EXPLAIN_WAIT_MS)))]);
      clearTimeout(t);
    }
    if (this.process.exitStatus && !this.closing) {
      const tail = this.process.stderr().trim().slice(-1000);
      return new HostError('exited', `the plugin exited (${this.process.describeExit()}): ${cause.message}${tail ? `; stderr: ${tail}` : ''}`, { cause });
    }
    return cause;
  }

  builder(): BuilderClient {
    return new BuilderClient(this);
  }
  datasource(): DatasourceClient {
    return new DatasourceClient(this);
  }
  provisioner(): ProvisionerClient {
    return new ProvisionerClient(this);
  }
  postProcessor(): PostProcessorClient {
    return new PostProcessorClient(this);
  }

  /** True once close() was called or the plugin is gone. */
  get ended(): boolean {
    return this.closing !== null || this.process.exitStatus !== null;
  }

  /**
   * Ends the session: fails pending calls with `shutdown`, closes the yamux session and the
   * socket, waits up to `graceMs` for the plugin to exit, then kills its process group. Never
   * rejects; bounded by graceMs + 5 s.
   */
  close(graceMs = this.options.closeGraceMs ?? 2000): Promise<void> {
    if (!this.closing) {
      this.closing = (async () => {
        clearTimeout(this.timer);
        for (const c of this.clients) c.close();
        this.broker.close(); // closes the yamux session and ends the socket
        setTimeout(() => this.socket.destroy(), 200).unref();
        await this.process.stop(graceMs);
        this.socket.destroy();
      })();
    }
    return this.closing;
  }
}

function dialSocket(proc: PluginProcess, timeoutMs: number): Promise<Socket> {
  const h = proc.handshake;
  return new Promise((resolve, reject) => {
    const socket = h.network === 'unix' ? createConnection({ path: h.address }) : createConnection({ host: h.host, port: h.port });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new HostError('timeout', `dial ${h.network} ${h.address}: no connection within ${timeoutMs} ms`));
    }, timeoutMs);
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.off('error', onError);
      resolve(socket);
    });
    const onError = (e: Error) => {
      clearTimeout(timer);
      reject(new HostError('connect', `dial ${h.network} ${h.address}: ${e.message}`, { cause: e }));
    };
    socket.once('error', onError);
  });
}

/**
 * Starts `binary start KIND [--protobuf] NAME`, reads the handshake, dials the socket, starts a
 * yamux client session and the broker, and opens broker stream 0. Anything failing on the way
 * kills the process before the promise rejects (HostError `start`, `connect`, `timeout`,
 * `protocol` or `exited`).
 */
export function startComponent(binary: string, kind: ComponentKind, component: string, options: SessionOptions): Promise<PluginSession> {
  return startSession(binary, startArgs(options.protocol, kind, component), options, { kind, component });
}

/**
 * startComponent with the command line given as is (`binary args…`); `meta` only names the
 * component in the session object.
 */
export async function startSession(
  binary: string,
  args: readonly string[],
  options: SessionOptions,
  meta: { kind: ComponentKind; component: string },
): Promise<PluginSession> {
  const { kind, component } = meta;
  const proc = await launchPlugin(binary, args, options);
  const connectTimeoutMs = options.connectTimeoutMs ?? 10_000;
  let socket: Socket | undefined;
  let yamux: YamuxSession | undefined;
  try {
    socket = await dialSocket(proc, connectTimeoutMs);
    socket.on('error', () => {}); // the yamux session sees it as 'close'
    yamux = new YamuxSession(socket, { client: true, limits: hostLimits(options.limits) });
    const broker = new MuxBroker(yamux, { dialTimeoutMs: connectTimeoutMs });
    broker.run();
    const exitedEarly = proc.exited.then(() => {
      throw new HostError('exited', `the plugin exited (${proc.describeExit()}) before broker stream 0 was open; stderr: ${proc.stderr().trim().slice(-1000)}`);
    });
    let main: YamuxStream;
    try {
      main = await Promise.race([broker.dial(0, connectTimeoutMs), exitedEarly]);
    } catch (e) {
      const y = yamux.error;
      if (y && isWireError(y)) throw new HostError('protocol', `the plugin sent bytes that are not yamux: ${y.message}`, { cause: y });
      if (isLimitExceeded(y)) throw new HostError('limit', `the plugin went past a session limit: ${y.message}`, { cause: y });
      throw asHostError(e, 'connect', 'open broker stream 0');
    } finally {
      exitedEarly.catch(() => {});
    }
    return new PluginSession(proc, socket, yamux, broker, main, options.protocol, kind, component, options);
  } catch (e) {
    yamux?.close();
    socket?.destroy();
    await proc.stop(0);
    throw e;
  }
}
