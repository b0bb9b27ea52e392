/**
 * What one yamux session may cost us, whatever the peer sends. hashicorp/yamux bounds a stream's
 * unread bytes by its receive window (256 KiB) but not the number of streams, the bytes queued
 * for a peer that does not read, or the rate of pings and SYNs; these caps add that. Going past
 * one ends the session with YamuxError `ErrLimitExceeded` (not a Go name: Go has no such limits).
 *
 * Default values are in `DEFAULT_SESSION_LIMITS`; a normal Packer session (a handful of streams,
 * one keepalive ping every 30 s) is far below every one of them.
 */
import { YamuxError } from '../../codecs/yamux/errors.js';

export interface SessionLimits {
  /** Streams open at once, both directions (including streams waiting to be accepted). */
  maxStreams: number;
  /**
   * Bytes buffered in total: unread bytes of every stream plus whatever the stream readers
   * report through `budget` (partial net/rpc messages).
   */
  maxBufferedBytes: number;
  /**
   * Bytes queued on the transport for a peer that does not read. Data frames wait for the
   * transport's drain above `writeHighWaterBytes`; control frames (ping answers, window updates,
   * resets) cannot wait, and past this many queued bytes the session ends.
   */
  maxQueuedWriteBytes: number;
  /** Above this many queued transport bytes, Data frames wait for the transport's drain. */
  writeHighWaterBytes: number;
  /** Pings and stream opens (SYN) the peer may send per second. */
  maxControlFramesPerSecond: number;
}

export const DEFAULT_SESSION_LIMITS: Readonly<SessionLimits> = Object.freeze({
  maxStreams: 128,
  maxBufferedBytes: 32 * 1024 * 1024,
  maxQueuedWriteBytes: 4 * 1024 * 1024,
  writeHighWaterBytes: 256 * 1024,
  maxControlFramesPerSecond: 1000,
});

export const limitExceeded = (what: string) => new YamuxError('ErrLimitExceeded', what);

export const isLimitExceeded = (e: unknown): e is YamuxError => e instanceof YamuxError && e.code === 'ErrLimitExceeded';

/**
 * A count of buffered bytes shared by everything that buffers on behalf of one session. `adjust`
 * adds (or, negative, removes) bytes; going over the limit calls `onExceeded` (which ends the
 * session) and throws the error, so the caller stops taking bytes.
 */
export class ByteBudget {
  private usedBytes = 0;
  constructor(
    readonly limit: number,
    private readonly onExceeded: (e: YamuxError) => void,
  ) {}

  get used(): number {
    return this.usedBytes;
  }

  adjust(delta: number, what = 'buffered bytes'): void {
    this.usedBytes += delta;
    if (delta > 0 && this.usedBytes > this.limit) {
      const e = limitExceeded(`${what}: ${this.usedBytes} bytes buffered, more than the ${this.limit}-byte session limit`);
      this.onExceeded(e);
      throw e;
    }
  }
}

/** Counts events in one-second windows; `hit()` returns false once a window holds more than `max`. */
export class RateCounter {
  private windowStart = 0;
  private count = 0;
  constructor(private readonly max: number) {}

  hit(now = performance.now()): boolean {
    if (now - this.windowStart >= 1000) {
      this.windowStart = now;
      this.count = 0;
    }
    return ++this.count <= this.max;
  }
}
