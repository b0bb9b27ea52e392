/**
 * A yamux session over any Node Duplex (a unix socket or TCP connection), behaving on the wire as
 * hashicorp/yamux v0.1.1 with its DefaultConfig does (session.go):
 *
 * - the client opens odd stream ids from 1, the server even ids from 2; opening sends a
 *   WindowUpdate with SYN and delta 0; accepting sends a WindowUpdate with ACK and delta 0;
 * - at most 256 opened streams wait for their ACK at once (more wait for a slot); a stream not
 *   ACKed within 75 s closes the session;
 * - at most 256 incoming streams wait to be accepted; more are refused with a RST;
 * - a Ping with SYN is answered with a Ping with ACK on stream 0 carrying the same opaque value;
 * - keepalive: a Ping every 30 s, the session ends when no answer comes within 10 s;
 * - GoAway 0 stops new streams; GoAway 1/2/other end the session; `close()` sends no GoAway (Go
 *   does not either) and closes the transport;
 * - protocol errors (a Data frame larger than the receive window, an unexpected FIN, a duplicate
 *   SYN) send GoAway 1 then end the session; a bad version or type ends it without a GoAway.
 *
 * Frames are written header first and payload second, two writes, as Go's send loop does.
 *
 * Beyond Go, every session is bounded (limits.ts, `SessionOptions.limits`): streams open at once,
 * buffered bytes in total, bytes queued for a peer that does not read (Data frames wait for the
 * transport's drain), and pings + SYNs per second. Going past one ends the session with
 * YamuxError `ErrLimitExceeded`.
 */
import type { Duplex } from 'node:stream';
import { WireError, isWireError } from '../../codecs/wire/index.js';
import { Flag, FrameType, GoAwayCode, INITIAL_STREAM_WINDOW, encodeHeader, type FrameHeader } from '../../codecs/yamux/frame.js';
import { FrameParser, type Frame } from '../../codecs/yamux/parser.js';
import { StreamState, YamuxStream, type StreamHost } from './stream.js';
import { YamuxError, sessionShutdown } from '../../codecs/yamux/errors.js';
import { ByteBudget, DEFAULT_SESSION_LIMITS, RateCounter, limitExceeded, type SessionLimits } from './limits.js';

export interface SessionOptions {
  /** True for the side that dialled (Packer): odd stream ids. */
  client: boolean;
  /** Send keepalive pings (yamux default: on). */
  keepAlive?: boolean;
  keepAliveIntervalMs?: number;
  /** How long a ping may wait for its answer (yamux ConnectionWriteTimeout, 10 s). */
  pingTimeoutMs?: number;
  acceptBacklog?: number;
  /** 0 disables. */
  streamOpenTimeoutMs?: number;
  /** 0 disables. */
  streamCloseTimeoutMs?: number;
  /** Caps on what the peer may make us hold (defaults: DEFAULT_SESSION_LIMITS). */
  limits?: Partial<SessionLimits>;
}

const DEFAULTS = {
  keepAlive: true,
  keepAliveIntervalMs: 30_000,
  pingTimeoutMs: 10_000,
  acceptBacklog: 256,
  streamOpenTimeoutMs: 75_000,
  streamCloseTimeoutMs: 5 * 60_000,
};

/** Every frame the session sends or receives, for tests and tracing. */
export type FrameEvent = { dir: 'in' | 'out'; header: FrameHeader; data?: Uint8Array };

export class YamuxSession implements StreamHost {
  private readonly opts: Required<Omit<SessionOptions, 'client' | 'limits'>>;
  readonly limits: Readonly<SessionLimits>;
  /** Bytes buffered on behalf of this session (unread stream bytes, partial messages of readers). */
  readonly budget: ByteBudget;
  private readonly controlRate: RateCounter;
  private readonly drainWaiters: Array<() => void> = [];
  /** Frames waiting for the transport to drain, as bytes. */
  private readonly backlog = new ByteQueue();
  private readonly streams = new Map<number, YamuxStream>();
  private readonly inflight = new Set<number>();
  private readonly slotWaiters: Array<() => void> = [];
  private readonly acceptQueue: YamuxStream[] = [];
  private readonly acceptWaiters: Array<{ resolve: (s: YamuxStream) => void; reject: (e: Error) => void }> = [];
  private readonly pings = new Map<number, { resolve: (ms: number) => void; reject: (e: Error) => void; timer: NodeJS.Timeout }>();
  private readonly parser: FrameParser;
  private nextStreamId: number;
  private pingId = 0;
  private localGoAway = false;
  private remoteGoAway = false;
  private shutdown = false;
  private shutdownErr: Error | null = null;
  private keepAliveTimer: NodeJS.Timeout | undefined;
  private resolveClosed!: (err: Error | null) => void;
  /** Resolves when the session ends: null after a local close, else the reason. */
  readonly closed: Promise<Error | null>;
  /** Set to observe every frame (tests, tracing). */
  onFrame: ((e: FrameEvent) => void) | undefined;

  constructor(
    private readonly transport: Duplex,
    options: SessionOptions,
  ) {
    const { limits, ...rest } = options;
    this.opts = { ...DEFAULTS, ...stripUndefined(rest) };
    this.limits = Object.freeze({ ...DEFAULT_SESSION_LIMITS, ...stripUndefined(limits ?? {}) });
    this.budget = new ByteBudget(this.limits.maxBufferedBytes, (e) => this.exit(e));
    this.controlRate = new RateCounter(this.limits.maxControlFramesPerSecond);
    this.nextStreamId = options.client ? 1 : 2;
    this.closed = new Promise((r) => (this.resolveClosed = r));
    this.parser = new FrameParser(
      (f) => this.handleFrame(f),
      (h) => this.dataLimit(h),
    );
    transport.on('data', (chunk: Uint8Array) => this.onTransportData(chunk));
    transport.on('end', () => this.exit(new YamuxError('ErrTransportClosed', 'transport ended (EOF)')));
    transport.on('close', () => this.exit(new YamuxError('ErrTransportClosed', 'transport closed')));
    transport.on('error', (e: Error) => this.exit(e));
    transport.on('drain', () => this.drained());
    if (this.opts.keepAlive) this.scheduleKeepAlive();
  }

  get sessionClosed(): boolean {
    return this.shutdown;
  }

  get streamCloseTimeoutMs(): number {
    return this.opts.streamCloseTimeoutMs;
  }

  get isClosed(): boolean {
    return this.shutdown;
  }

  /** The reason the session ended, once it has. */
  get error(): Error | null {
    return this.shutdownErr;
  }

  get numStreams(): number {
    return this.streams.size;
  }

  // ---- sending ----

  private write(header: FrameHeader, body?: Uint8Array): void {
    if (this.shutdown || this.transport.destroyed) return;
    this.onFrame?.({ dir: 'out', header, ...(body ? { data: body } : {}) });
    const head = encodeHeader(header.type, header.flags, header.streamId, header.length);
    if (!this.congested) {
      this.transport.write(head);
      if (body && body.length > 0) this.transport.write(body);
    } else {
      // The peer is slow to read: keep frames as bytes in one buffer (not one queued write each,
      // which costs far more than the 12 bytes of a ping answer), in order, until the drain.
      this.backlog.append(head);
      if (body) this.backlog.append(body);
    }
    const queued = this.transport.writableLength + this.backlog.length;
    if (queued > this.limits.maxQueuedWriteBytes) {
      this.exit(limitExceeded(`the peer does not read: ${queued} bytes queued for it, more than the ${this.limits.maxQueuedWriteBytes}-byte limit`));
    }
  }

  /**
   * True while the transport holds more than writeHighWaterBytes and waits for its drain (so a
   * 'drain' event is sure to come), or frames wait in our backlog: Data frames wait then.
   */
  get congested(): boolean {
    if (this.shutdown) return false;
    if (this.backlog.length > 0) return true;
    return this.transport.writableNeedDrain && this.transport.writableLength > this.limits.writeHighWaterBytes;
  }

  /** Calls `cb` when the transport has drained (or the session ended). */
  whenDrained(cb: () => void): void {
    if (!this.congested) queueMicrotask(cb);
    else this.drainWaiters.push(cb);
  }

  private drained(): void {
    if (this.shutdown || this.transport.destroyed) return;
    if (this.backlog.length > 0 && !this.transport.write(this.backlog.take())) return; // wait for the next drain
    for (const w of this.drainWaiters.splice(0)) w();
  }

  private sendControl(type: FrameType, flags: number, streamId: number, length: number): void {
    this.write({ version: 0, type, flags, streamId, length });
  }

  sendWindowUpdateFrame(flags: number, streamId: number, delta: number): void {
    this.sendControl(FrameType.WindowUpdate, flags, streamId, delta);
  }

  sendDataFrame(flags: number, streamId: number, body: Uint8Array): void {
    this.write({ version: 0, type: FrameType.Data, flags, streamId, length: body.length }, body);
  }

  sendReset(streamId: number): void {
    this.sendControl(FrameType.WindowUpdate, Flag.RST, streamId, 0);
  }

  private sendGoAway(code: number): void {
    this.localGoAway = true;
    this.sendControl(FrameType.GoAway, 0, 0, code);
  }

  /** Tells the peer to open no more streams (GoAway 0); incoming SYNs are refused with RST. */
  goAway(): void {
    if (this.shutdown) throw sessionShutdown();
    this.sendGoAway(GoAwayCode.Normal);
  }

  // ---- opening and accepting streams ----

  /** Opens a stream (sends its SYN). Waits while 256 opened streams are still unacknowledged. */
  async open(): Promise<YamuxStream> {
    if (this.shutdown) throw sessionShutdown();
    if (this.remoteGoAway) throw new YamuxError('ErrRemoteGoAway', 'remote end is not accepting connections');
    if (this.streams.size >= this.limits.maxStreams) throw limitExceeded(`${this.streams.size} streams open, the session limit`);
    while (this.inflight.size >= this.opts.acceptBacklog) {
      await new Promise<void>((r) => this.slotWaiters.push(r));
      if (this.shutdown) throw sessionShutdown();
    }
    const id = this.nextStreamId;
    if (id >= 0xffffffff - 1) throw new YamuxError('ErrStreamsExhausted', 'streams exhausted');
    this.nextStreamId += 2;
    const stream = new YamuxStream(id, StreamState.Init, this);
    this.streams.set(id, stream);
    this.inflight.add(id);
    if (this.opts.streamOpenTimeoutMs > 0) {
      const timer = setTimeout(() => {
        if (stream.state === StreamState.SYNSent) this.exit(new YamuxError('ErrTimeout', `stream ${id} was not acknowledged in time`));
      }, this.opts.streamOpenTimeoutMs);
      timer.unref();
      stream.once('established', () => clearTimeout(timer));
      stream.once('close', () => clearTimeout(timer));
    }
    stream.sendWindowUpdate(); // SYN
    return stream;
  }

  /** The next stream the peer opened (sends its ACK). */
  accept(): Promise<YamuxStream> {
    const s = this.acceptQueue.shift();
    if (s) return Promise.resolve(this.acknowledge(s));
    if (this.shutdown) return Promise.reject(this.shutdownErr ?? sessionShutdown());
    return new Promise((resolve, reject) => this.acceptWaiters.push({ resolve, reject }));
  }

  private acknowledge(s: YamuxStream): YamuxStream {
    s.off('error', ignoreError); // from now on errors are the acceptor's to handle
    s.sendWindowUpdate(); // ACK
    return s;
  }

  private releaseSlot(id: number): void {
    if (!this.inflight.delete(id)) return;
    this.slotWaiters.shift()?.();
  }

  streamEstablished(id: number): void {
    this.releaseSlot(id);
  }

  streamFinished(id: number): void {
    this.releaseSlot(id);
    this.streams.delete(id);
  }

  // ---- pings ----

  /** Sends a ping and resolves with the round trip in milliseconds. */
  ping(): Promise<number> {
    if (this.shutdown) return Promise.reject(sessionShutdown());
    const id = this.pingId;
    this.pingId = (this.pingId + 1) >>> 0;
    const start = performance.now();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pings.delete(id);
        reject(new YamuxError('ErrTimeout', 'i/o deadline reached'));
      }, this.opts.pingTimeoutMs);
      timer.unref();
      this.pings.set(id, { resolve: () => resolve(performance.now() - start), reject, timer });
      this.sendControl(FrameType.Ping, Flag.SYN, 0, id);
    });
  }

  private scheduleKeepAlive(): void {
    this.keepAliveTimer = setTimeout(() => {
      this.ping().then(
        () => this.scheduleKeepAlive(),
        (e: Error) => {
          if (!this.shutdown) this.exit(new YamuxError('ErrKeepAliveTimeout', `keepalive failed: ${e.message}`));
        },
      );
    }, this.opts.keepAliveIntervalMs);
    this.keepAliveTimer.unref();
  }

  // ---- receiving ----

  private onTransportData(chunk: Uint8Array): void {
    if (this.shutdown) return;
    try {
      this.parser.push(chunk);
    } catch (e) {
      this.exit(e instanceof Error ? e : new Error(String(e)));
    }
  }

  /** How much payload a Data frame may carry before it is read (the parser enforces it). */
  private dataLimit(h: FrameHeader): number | 'discard' {
    const s = this.streams.get(h.streamId);
    let limit: number | 'discard' = 'discard'; // Go drains data for streams it does not know
    if (s) limit = s.recvWindow;
    else if (h.flags & Flag.SYN && !this.localGoAway && this.acceptQueue.length < this.opts.acceptBacklog) limit = INITIAL_STREAM_WINDOW;
    if (limit !== 'discard' && h.length > limit) this.sendGoAway(GoAwayCode.ProtocolError); // the parser throws next
    return limit;
  }

  private handleFrame(f: Frame): void {
    if (this.shutdown) return;
    this.onFrame?.({ dir: 'in', header: f, ...(f.data ? { data: f.data } : {}) });
    switch (f.type) {
      case FrameType.Data:
      case FrameType.WindowUpdate:
        return this.handleStreamMessage(f);
      case FrameType.Ping:
        return this.handlePing(f);
      case FrameType.GoAway:
        return this.handleGoAway(f);
    }
  }

  private protocolError(offset: number, reason: string): never {
    this.sendGoAway(GoAwayCode.ProtocolError);
    throw new WireError('yamux', offset, reason);
  }

  private countControlFrame(what: string): void {
    if (!this.controlRate.hit()) throw limitExceeded(`${what}: more than ${this.limits.maxControlFramesPerSecond} pings and stream opens in one second`);
  }

  private handleStreamMessage(f: Frame): void {
    if (f.flags & Flag.SYN) {
      this.countControlFrame(`SYN for stream ${f.streamId}`);
      if (!this.incomingStream(f)) return;
    }
    const stream = this.streams.get(f.streamId);
    if (!stream) return; // a stream we reset or never knew: Go logs and drops the frame
    let change: 'fin' | 'rst' | null;
    try {
      change = stream.processFlags(f.flags, f.offset);
    } catch (e) {
      if (isWireError(e)) this.protocolError(e.offset, e.reason);
      throw e;
    }
    if (f.type === FrameType.WindowUpdate) {
      stream.addSendWindow(f.length);
    } else if (f.data) {
      stream.receive(f.data, f.offset);
    }
    if (change === 'fin') stream.remoteFin();
    else if (change === 'rst') stream.remoteReset();
  }

  /** A SYN arrived. Returns false when the stream was refused (and so does not exist). */
  private incomingStream(f: Frame): boolean {
    const id = f.streamId;
    if (this.localGoAway) {
      this.sendReset(id);
      return false;
    }
    if (this.streams.has(id)) this.protocolError(f.offset, `duplicate stream ${id} declared`);
    if (this.streams.size >= this.limits.maxStreams)
      throw limitExceeded(`the peer opened stream ${id} with ${this.streams.size} streams open, the session limit`);
    if (this.acceptQueue.length >= this.opts.acceptBacklog) {
      this.sendReset(id);
      return false;
    }
    const stream = new YamuxStream(id, StreamState.SYNReceived, this);
    stream.on('error', ignoreError); // a peer's RST before anyone accepted must not crash us
    this.streams.set(id, stream);
    const waiter = this.acceptWaiters.shift();
    if (waiter) waiter.resolve(this.acknowledge(stream));
    else this.acceptQueue.push(stream);
    return true;
  }

  private handlePing(f: Frame): void {
    if (f.flags & Flag.SYN) {
      this.countControlFrame('ping');
      this.sendControl(FrameType.Ping, Flag.ACK, 0, f.length);
      return;
    }
    const p = this.pings.get(f.length);
    if (!p) return;
    this.pings.delete(f.length);
    clearTimeout(p.timer);
    p.resolve(0);
  }

  private handleGoAway(f: Frame): void {
    switch (f.length) {
      case GoAwayCode.Normal:
        this.remoteGoAway = true;
        return;
      case GoAwayCode.ProtocolError:
        throw new YamuxError('ErrRemoteProtocolError', 'yamux protocol error (remote GoAway)');
      case GoAwayCode.InternalError:
        throw new YamuxError('ErrRemoteInternalError', 'remote yamux internal error');
      default:
        throw new YamuxError('ErrUnexpectedGoAway', `unexpected go away received (code ${f.length})`);
    }
  }

  // ---- shutdown ----

  /** Closes the session and every stream (no GoAway, as in Go), then the transport. */
  close(): void {
    this.exit(null);
  }

  private exit(err: Error | null): void {
    if (this.shutdown) return;
    this.shutdown = true;
    this.shutdownErr = err;
    if (this.keepAliveTimer) clearTimeout(this.keepAliveTimer);
    const shut = err ?? sessionShutdown();
    for (const p of this.pings.values()) {
      clearTimeout(p.timer);
      p.reject(shut);
    }
    this.pings.clear();
    for (const w of this.acceptWaiters.splice(0)) w.reject(shut);
    for (const w of this.slotWaiters.splice(0)) w();
    for (const w of this.drainWaiters.splice(0)) w();
    for (const s of this.streams.values()) s.sessionEnded();
    for (const s of this.acceptQueue.splice(0)) s.sessionEnded();
    this.streams.clear();
    this.inflight.clear();
    // Let frames already queued (a GoAway, the last data) reach the peer, then close.
    if (!this.transport.destroyed && !this.transport.writableEnded) this.transport.end();
    setTimeout(() => this.transport.destroy(), 1000).unref();
    this.resolveClosed(err);
  }
}

function ignoreError(): void {}

/** Bytes appended in order and taken all at once; one growing buffer. */
class ByteQueue {
  private buf = new Uint8Array(0);
  length = 0;

  append(b: Uint8Array): void {
    if (this.length + b.length > this.buf.length) {
      const next = new Uint8Array(Math.max(4096, 2 * (this.length + b.length)));
      next.set(this.buf.subarray(0, this.length));
      this.buf = next;
    }
    this.buf.set(b, this.length);
    this.length += b.length;
  }

  take(): Uint8Array {
    const out = this.buf.slice(0, this.length);
    this.buf = new Uint8Array(0);
    this.length = 0;
    return out;
  }
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  const out: Partial<T> = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined && k !== 'client') (out as Record<string, unknown>)[k] = v;
  return out;
}
