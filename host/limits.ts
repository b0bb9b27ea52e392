/**
 * Per-session caps of the host: whatever one plugin sends, the host's memory stays bounded and
 * its event loop keeps turning. The yamux-level caps (streams, buffered bytes, bytes queued for a
 * plugin that does not read, pings and SYNs per second) are the yamux session's (SessionLimits);
 * the net/rpc-level ones are here. Going past any of them is HostError `limit`, and the plugin is
 * stopped.
 */
import { DEFAULT_SESSION_LIMITS, type ByteBudget, type SessionLimits } from './yamux/limits.js';
import { HostError } from './errors.js';

export interface HostLimits extends SessionLimits {
  /** Largest net/rpc message (header + body) read from the plugin, in bytes. */
  maxMessageBytes: number;
  /** Calls in flight at once in the whole session: ours waiting for answers plus the plugin's we are handling. */
  maxPendingCalls: number;
  /**
   * Payloads (Execute values, ConfigSpec/OutputSpec) of at least this many bytes are decoded in
   * a worker thread, so a slow decode cannot stop timers; smaller ones are decoded in place.
   */
  workerDecodeBytes: number;
}

export const DEFAULT_HOST_LIMITS: Readonly<HostLimits> = Object.freeze({
  ...DEFAULT_SESSION_LIMITS,
  maxMessageBytes: 4 * 1024 * 1024,
  maxPendingCalls: 256,
  workerDecodeBytes: 4 * 1024,
});

/** The defaults with `given` on top (undefined entries ignored). */
export function hostLimits(given: Partial<HostLimits> = {}): Readonly<HostLimits> {
  const out: Record<string, number> = { ...DEFAULT_HOST_LIMITS };
  for (const [k, v] of Object.entries(given)) if (v !== undefined) out[k] = v;
  return Object.freeze(out as unknown as HostLimits);
}

/** The calls in flight in one session, shared by its rpc clients and servers. */
export class CallCounter {
  private n = 0;
  constructor(
    readonly limit: number,
    /** Told when the limit is hit (the session stops the plugin). */
    private readonly onExceeded?: (e: HostError) => void,
  ) {}

  get inFlight(): number {
    return this.n;
  }

  /** Counts one more call; past the limit throws HostError `limit`. */
  take(what: string): void {
    if (this.n >= this.limit) {
      const e = new HostError('limit', `${what}: ${this.n} calls already in flight, the session limit`);
      this.onExceeded?.(e);
      throw e;
    }
    this.n++;
  }

  give(): void {
    if (this.n > 0) this.n--;
  }
}

/** What an rpc client or server needs to stay within the session's limits. */
export interface RpcBounds {
  maxMessageBytes?: number;
  calls?: CallCounter;
  /** The session's buffered-bytes count (a YamuxStream's `budget` is used when not given). */
  budget?: ByteBudget;
}

/** The budget of a yamux stream, if `stream` is one. */
export function streamBudget(stream: unknown): ByteBudget | undefined {
  const b = (stream as { budget?: unknown }).budget;
  return b && typeof (b as ByteBudget).adjust === 'function' ? (b as ByteBudget) : undefined;
}

/** Keeps a reader's buffered byte count in a budget: `update(n)` after each push/drain. */
export class BudgetShare {
  private charged = 0;
  constructor(
    private readonly budget: ByteBudget | undefined,
    private readonly what: string,
  ) {}

  /** Throws (a YamuxError ErrLimitExceeded) when the session goes past its limit. */
  update(buffered: number): void {
    const delta = buffered - this.charged;
    if (delta === 0 || !this.budget) return;
    this.charged = buffered;
    this.budget.adjust(delta, this.what);
  }

  release(): void {
    if (this.charged && this.budget) this.budget.adjust(-this.charged);
    this.charged = 0;
  }
}
