/**
 * The packer-plugin-sdk mux broker (rpc/mux_broker.go) over a yamux session.
 *
 * Logical streams are named by a uint32 id. The dialling side opens a yamux stream and writes the
 * id as 4 bytes little-endian; the accepting side reads it, and when it accepts that id writes the
 * same 4 bytes back as an ack; the dialler checks the ack and the stream is then plain bytes both
 * ways. Id 0 is the main RPC connection (the host dials it, the plugin accepts it). Each side hands
 * out its own ids from its own counter, starting at 1 (`NextId`: an atomic add on a zero counter).
 *
 * Timeouts as in the SDK: `accept(id)` waits 5 s for the peer's stream; a stream that arrives for
 * an id nobody accepts within 5 s is closed. `dial` waits for the ack (the SDK waits without limit
 * and relies on yamux's 75 s open timeout; here the wait is bounded by `dialTimeoutMs`).
 */
import { YamuxError } from '../../codecs/yamux/errors.js';
import type { YamuxSession } from './session.js';
import type { YamuxStream } from './stream.js';
import { readExactly } from './read.js';

export interface BrokerOptions {
  /** How long `accept(id)` waits for the peer to dial (SDK: 5 s). */
  acceptTimeoutMs?: number;
  /** How long a dialled-in stream waits for someone to accept its id (SDK: 5 s). */
  pendingTimeoutMs?: number;
  /** How long `dial` waits for the ack (SDK: unbounded; default here 75 s, yamux's open timeout). */
  dialTimeoutMs?: number;
}

interface Pending {
  stream?: YamuxStream;
  waiter?: (s: YamuxStream) => void;
  fail?: (e: Error) => void;
  timer?: NodeJS.Timeout;
}

function idBytes(id: number): Uint8Array {
  const b = new Uint8Array(4);
  new DataView(b.buffer).setUint32(0, id >>> 0, true);
  return b;
}

function readId(b: Uint8Array): number {
  return new DataView(b.buffer, b.byteOffset, 4).getUint32(0, true);
}

export class MuxBroker {
  private nextIdCounter = 0;
  private readonly pending = new Map<number, Pending>();
  private readonly acceptTimeoutMs: number;
  private readonly pendingTimeoutMs: number;
  private readonly dialTimeoutMs: number;
  private running = false;

  constructor(
    readonly session: YamuxSession,
    options: BrokerOptions = {},
  ) {
    this.acceptTimeoutMs = options.acceptTimeoutMs ?? 5000;
    this.pendingTimeoutMs = options.pendingTimeoutMs ?? 5000;
    this.dialTimeoutMs = options.dialTimeoutMs ?? 75_000;
  }

  /** A fresh logical id: 1, 2, 3, … (the SDK's NextId). */
  nextId(): number {
    this.nextIdCounter = (this.nextIdCounter + 1) >>> 0;
    return this.nextIdCounter;
  }

  /** Starts taking the peer's streams (the SDK's Run loop). Idempotent. */
  run(): void {
    if (this.running) return;
    this.running = true;
    void this.acceptLoop();
  }

  private async acceptLoop(): Promise<void> {
    for (;;) {
      let stream: YamuxStream;
      try {
        stream = await this.session.accept();
      } catch {
        return; // the session ended
      }
      stream.on('error', () => {}); // errors reach whoever takes the stream; never crash the loop
      readExactly(stream, 4, this.pendingTimeoutMs).then(
        (b) => this.arrived(readId(b), stream),
        () => stream.destroy(),
      );
    }
  }

  private arrived(id: number, stream: YamuxStream): void {
    const p = this.pending.get(id);
    if (p?.waiter) {
      this.pending.delete(id);
      clearTimeout(p.timer);
      p.waiter(stream);
      return;
    }
    if (p?.stream) {
      // The SDK drops a second stream for an id already waiting; we close it instead of leaking it.
      stream.destroy();
      return;
    }
    const entry: Pending = { stream };
    entry.timer = setTimeout(() => {
      if (this.pending.get(id) === entry) this.pending.delete(id);
      stream.destroy();
    }, this.pendingTimeoutMs);
    entry.timer.unref();
    this.pending.set(id, entry);
  }

  /** Waits for the peer to dial `id`, acks it, and returns the stream. */
  accept(id: number, timeoutMs = this.acceptTimeoutMs): Promise<YamuxStream> {
    this.run();
    const ready = (s: YamuxStream) => {
      s.write(idBytes(id));
      return s;
    };
    const p = this.pending.get(id);
    if (p?.stream) {
      this.pending.delete(id);
      clearTimeout(p.timer);
      return Promise.resolve(ready(p.stream));
    }
    if (p?.waiter) return Promise.reject(new Error(`mux broker: id ${id} is already being accepted`));
    return new Promise((resolve, reject) => {
      const entry: Pending = {};
      entry.waiter = (s) => resolve(ready(s));
      entry.fail = reject;
      entry.timer = setTimeout(() => {
        if (this.pending.get(id) === entry) this.pending.delete(id);
        reject(new YamuxError('ErrBrokerTimeout', `timeout waiting for accept of stream id ${id}`));
      }, timeoutMs); // kept referenced: a caller is waiting on it
      this.pending.set(id, entry);
      this.session.closed.then(() => {
        if (this.pending.get(id) !== entry) return;
        this.pending.delete(id);
        clearTimeout(entry.timer);
        reject(new YamuxError('ErrSessionShutdown', 'session shutdown'));
      });
    });
  }

  /** Opens a logical stream to the peer's `accept(id)` and waits for its ack. */
  async dial(id: number, timeoutMs = this.dialTimeoutMs): Promise<YamuxStream> {
    const stream = await this.session.open();
    stream.write(idBytes(id));
    let ack: Uint8Array;
    try {
      ack = await readExactly(stream, 4, timeoutMs);
    } catch (e) {
      stream.destroy();
      throw e;
    }
    const got = readId(ack);
    if (got !== id) {
      stream.destroy();
      throw new YamuxError('ErrBadAck', `bad ack: ${got} (expected ${id})`);
    }
    return stream;
  }

  close(): void {
    for (const [id, p] of this.pending) {
      clearTimeout(p.timer);
      p.stream?.destroy();
      p.fail?.(new YamuxError('ErrSessionShutdown', 'session shutdown'));
      this.pending.delete(id);
    }
    this.session.close();
  }
}
