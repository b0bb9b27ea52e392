/**
 * One yamux stream as a Node Duplex, with hashicorp/yamux v0.1.1's stream state machine and flow
 * control (stream.go):
 *
 * - writes go out as Data frames of at most the send window; a write waits when the window is 0;
 * - after the application reads, a WindowUpdate of delta = (256 KiB - unread) - recvWindow is sent
 *   when delta >= 128 KiB (or when a SYN/ACK flag is due);
 * - `end()` sends a WindowUpdate with FIN (half close, reading goes on until the peer's FIN);
 * - `destroy()` before `end()` sends that FIN too, as Go's Stream.Close does;
 * - a RST from the peer destroys the stream with ErrConnectionReset (unread data is lost, as in Go).
 *
 * Bounds beyond Go's (limits.ts): unread bytes are counted in the session's ByteBudget; a small
 * payload that is a view into a much larger transport chunk is copied before it is buffered (so
 * a 1-byte frame cannot keep a 64 KiB chunk alive); Data frames wait while the session's
 * transport is congested; and a stream we destroy is forgotten at once (its FIN is still sent,
 * later frames for it are dropped or drained) instead of waiting up to 5 minutes for the peer's
 * FIN as Go does, so its buffers are freed immediately.
 */
import { Duplex } from 'node:stream';
import { WireError } from '../../codecs/wire/index.js';
import { Flag, INITIAL_STREAM_WINDOW } from '../../codecs/yamux/frame.js';
import { YamuxError, connectionReset, streamClosed } from '../../codecs/yamux/errors.js';
import type { ByteBudget } from './limits.js';

export enum StreamState {
  Init,
  SYNSent,
  SYNReceived,
  Established,
  LocalClose,
  RemoteClose,
  Closed,
  Reset,
}

/** What a stream needs from its session. */
export interface StreamHost {
  readonly sessionClosed: boolean;
  sendWindowUpdateFrame(flags: number, streamId: number, delta: number): void;
  sendDataFrame(flags: number, streamId: number, body: Uint8Array): void;
  /** The peer acknowledged a stream we opened. */
  streamEstablished(streamId: number): void;
  /** Both sides closed (or reset): forget the stream. */
  streamFinished(streamId: number): void;
  readonly streamCloseTimeoutMs: number;
  /** Sends a RST for a stream whose close timed out. */
  sendReset(streamId: number): void;
  /** The session's count of buffered bytes. */
  readonly budget: ByteBudget;
  /** True while the transport has more queued than it should: Data frames wait. */
  readonly congested: boolean;
  /** Calls `cb` once the transport drained (or the session ended). */
  whenDrained(cb: () => void): void;
}

interface PendingWrite {
  chunk: Uint8Array;
  done: number;
  cb: (err?: Error | null) => void;
}

export class YamuxStream extends Duplex {
  state: StreamState;
  /** Bytes the peer may still send us before our next window update. */
  recvWindow = INITIAL_STREAM_WINDOW;
  /** Bytes we may still send. */
  sendWindow = INITIAL_STREAM_WINDOW;
  private pending: PendingWrite | null = null;
  private finSent = false;
  private remoteEnded = false;
  private closeTimer: NodeJS.Timeout | undefined;
  /** Unread bytes currently counted in the session's budget. */
  private charged = 0;
  private waitingForDrain = false;

  constructor(
    readonly id: number,
    state: StreamState,
    private readonly host: StreamHost,
  ) {
    super({ allowHalfOpen: true });
    this.state = state;
  }

  // ---- flags and window updates (Go: sendFlags, sendWindowUpdate) ----

  private sendFlags(): number {
    if (this.state === StreamState.Init) {
      this.state = StreamState.SYNSent;
      return Flag.SYN;
    }
    if (this.state === StreamState.SYNReceived) {
      this.state = StreamState.Established;
      return Flag.ACK;
    }
    return 0;
  }

  /** Sends a window update when one is due (always when a SYN or ACK is due). */
  sendWindowUpdate(): void {
    if (this.host.sessionClosed || this.state === StreamState.Reset) return;
    const max = INITIAL_STREAM_WINDOW;
    const delta = max - this.readableLength - this.recvWindow;
    const flags = this.sendFlags();
    if (delta < max / 2 && flags === 0) return;
    this.recvWindow += delta;
    this.host.sendWindowUpdateFrame(flags, this.id, delta);
  }

  /** The session's count of buffered bytes (readers that buffer on our behalf add to it). */
  get budget(): ByteBudget {
    return this.host.budget;
  }

  /** Brings the session's budget up to date with our unread bytes (throws past its limit). */
  private syncBudget(): void {
    const now = this.destroyed ? 0 : this.readableLength;
    const delta = now - this.charged;
    if (delta === 0) return;
    this.charged = now;
    this.host.budget.adjust(delta, `unread bytes of stream ${this.id}`);
  }

  /** Every read by the application may free window: check after each one, as Go's Read does. */
  // biome-ignore lint/suspicious/noExplicitAny: Node's Readable#read is declared as returning any.
  override read(size?: number): any {
    const out = super.read(size);
    if (out !== null) {
      this.syncBudget();
      this.sendWindowUpdate();
    }
    return out;
  }

  override _read(): void {
    // Data is pushed as frames arrive; flow control is the window, not Node's highWaterMark.
  }

  // ---- incoming frames (called by the session) ----

  /**
   * Applies a frame's flags (Go: processFlags). Returns 'fin' when the peer half-closed, so the
   * caller can end the readable side after any data in the same frame. Throws WireError on a FIN
   * in a state that cannot take one.
   */
  processFlags(flags: number, frameOffset: number): 'fin' | 'rst' | null {
    let result: 'fin' | 'rst' | null = null;
    if (flags & Flag.ACK) {
      if (this.state === StreamState.SYNSent) this.state = StreamState.Established;
      this.host.streamEstablished(this.id);
      this.emit('established');
    }
    if (flags & Flag.FIN) {
      switch (this.state) {
        case StreamState.SYNSent:
        case StreamState.SYNReceived:
        case StreamState.Established:
          this.state = StreamState.RemoteClose;
          result = 'fin';
          break;
        case StreamState.LocalClose:
          this.state = StreamState.Closed;
          result = 'fin';
          this.finish();
          break;
        default:
          throw new WireError('yamux', frameOffset + 2, `unexpected FIN flag on stream ${this.id} in state ${StreamState[this.state]}`);
      }
    }
    if (flags & Flag.RST) {
      this.state = StreamState.Reset;
      result = 'rst';
      this.finish();
    }
    return result;
  }

  /** Window update from the peer. */
  addSendWindow(delta: number): void {
    this.sendWindow = (this.sendWindow + delta) >>> 0;
    this.pump();
  }

  /** Data from the peer (already checked against recvWindow by the session). */
  receive(data: Uint8Array, frameOffset: number): void {
    this.recvWindow -= data.length;
    if (data.length === 0 || this.destroyed) return;
    if (this.remoteEnded) {
      // Go would buffer it; after our readable side ended there is nowhere to put it.
      this.destroy(new WireError('yamux', frameOffset, `Data after FIN on stream ${this.id}`));
      return;
    }
    // A small view into a large transport chunk would keep the whole chunk alive while buffered.
    this.push(data.byteLength * 2 < data.buffer.byteLength ? data.slice() : data);
    this.syncBudget();
    // In flowing mode push() already handed the bytes to the reader.
    this.sendWindowUpdate();
  }

  remoteFin(): void {
    if (this.remoteEnded) return;
    this.remoteEnded = true;
    if (!this.destroyed) this.push(null);
  }

  remoteReset(): void {
    this.remoteEnded = true;
    this.failPending(connectionReset());
    if (!this.destroyed) this.destroy(connectionReset());
  }

  /** The session ended: reads drain what is buffered then see EOF; writes fail. */
  sessionEnded(): void {
    if (this.state !== StreamState.Reset) this.state = StreamState.Closed;
    this.clearCloseTimer();
    this.failPending(streamClosed());
    this.remoteFin();
  }

  // ---- writing ----

  override _write(chunk: Buffer, _enc: BufferEncoding, cb: (err?: Error | null) => void): void {
    this.pending = { chunk, done: 0, cb };
    this.pump();
  }

  private writeError(): YamuxError | null {
    if (this.host.sessionClosed) return new YamuxError('ErrSessionShutdown', 'session shutdown');
    switch (this.state) {
      case StreamState.LocalClose:
      case StreamState.Closed:
        return streamClosed();
      case StreamState.Reset:
        return connectionReset();
      default:
        return null;
    }
  }

  private pump(): void {
    const p = this.pending;
    if (!p) return;
    const err = this.writeError();
    if (err) {
      this.pending = null;
      p.cb(err);
      return;
    }
    while (p.done < p.chunk.length) {
      if (this.sendWindow === 0) return; // wait for a window update
      if (this.host.congested) {
        // The peer is not taking what we send: wait for the transport to drain.
        if (!this.waitingForDrain) {
          this.waitingForDrain = true;
          this.host.whenDrained(() => {
            this.waitingForDrain = false;
            this.pump();
          });
        }
        return;
      }
      // At most one full window per frame (what Go sends; more only if a peer inflated our window).
      const n = Math.min(this.sendWindow, p.chunk.length - p.done, INITIAL_STREAM_WINDOW);
      const flags = this.sendFlags();
      this.host.sendDataFrame(flags, this.id, p.chunk.subarray(p.done, p.done + n));
      this.sendWindow -= n;
      p.done += n;
    }
    this.pending = null;
    p.cb();
  }

  private failPending(err: Error): void {
    const p = this.pending;
    if (!p) return;
    this.pending = null;
    p.cb(err);
  }

  // ---- closing (Go: Close, sendClose, closeTimeout) ----

  override _final(cb: (err?: Error | null) => void): void {
    this.localClose();
    cb();
  }

  override _destroy(err: Error | null, cb: (err?: Error | null) => void): void {
    this.localClose();
    this.failPending(err ?? streamClosed());
    // Forget the stream now, whatever the peer does next: nothing can read it any more.
    if (this.state !== StreamState.Reset) this.state = StreamState.Closed;
    this.finish();
    const charged = this.charged;
    this.charged = 0;
    if (charged > 0) this.host.budget.adjust(-charged);
    cb(err);
  }

  private localClose(): void {
    let fullyClosed = false;
    switch (this.state) {
      case StreamState.SYNSent:
      case StreamState.SYNReceived:
      case StreamState.Established:
        this.state = StreamState.LocalClose;
        break;
      case StreamState.RemoteClose:
        this.state = StreamState.Closed;
        fullyClosed = true;
        break;
      default:
        return;
    }
    if (this.finSent || this.host.sessionClosed) return;
    this.finSent = true;
    const flags = this.sendFlags() | Flag.FIN;
    this.host.sendWindowUpdateFrame(flags, this.id, 0);
    if (fullyClosed) {
      this.finish();
    } else if (this.host.streamCloseTimeoutMs > 0) {
      this.closeTimer = setTimeout(() => this.closeTimeout(), this.host.streamCloseTimeoutMs);
      this.closeTimer.unref();
    }
  }

  private closeTimeout(): void {
    this.closeTimer = undefined;
    this.state = StreamState.Closed;
    this.host.streamFinished(this.id);
    this.host.sendReset(this.id);
    this.remoteFin();
  }

  private clearCloseTimer(): void {
    if (this.closeTimer) clearTimeout(this.closeTimer);
    this.closeTimer = undefined;
  }

  private finish(): void {
    this.clearCloseTimer();
    this.host.streamFinished(this.id);
  }

  get stateName(): string {
    return StreamState[this.state];
  }
}
