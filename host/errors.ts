/**
 * What can go wrong while a host talks to a plugin, as one typed error. Every failure a caller of
 * the host library sees is a HostError (or its subclass RpcRemoteError), never a bare Error, so a
 * caller can branch on `code`:
 *
 * | code            | meaning                                                                      |
 * |-----------------|------------------------------------------------------------------------------|
 * | `start`         | the binary could not be run, exited before its handshake, or printed a line Packer refuses |
 * | `connect`       | the socket named in the handshake could not be dialled, or broker stream 0 not opened |
 * | `exited`        | the plugin process exited while a call or session was in progress             |
 * | `timeout`       | no handshake / answer / shutdown within the allowed time                      |
 * | `protocol`      | the plugin sent bytes we cannot read (yamux or net/rpc); `cause` is the WireError |
 * | `stream-closed` | the plugin closed or reset the stream a call was waiting on                   |
 * | `remote`        | the plugin answered with a net/rpc error (RpcRemoteError carries the text)    |
 * | `payload`       | an answer arrived but its payload (spec, value) could not be decoded          |
 * | `shutdown`      | we closed the session while the call was pending                              |
 * | `limit`         | the plugin went past a per-session cap (streams, buffered bytes, unread bytes queued for it, pings/SYNs per second, message size, calls in flight); the plugin is stopped |
 */
export type HostErrorCode = 'start' | 'connect' | 'exited' | 'timeout' | 'protocol' | 'stream-closed' | 'remote' | 'payload' | 'shutdown' | 'limit';

export class HostError extends Error {
  override readonly name: string = 'HostError';
  constructor(
    readonly code: HostErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/**
 * A net/rpc error reply: the plugin's server returned an error for `serviceMethod` (the response
 * header's `Error` is not empty). For SDK servers this is usually a `*rpc.BasicError`'s text.
 */
export class RpcRemoteError extends HostError {
  override readonly name = 'RpcRemoteError';
  constructor(
    readonly serviceMethod: string,
    readonly remoteMessage: string,
  ) {
    super('remote', `${serviceMethod}: ${remoteMessage}`);
  }
}

export const isHostError = (e: unknown): e is HostError => e instanceof HostError;

/** Wraps anything thrown into a HostError of the given code (a HostError passes through). */
export function asHostError(e: unknown, code: HostErrorCode, context: string): HostError {
  if (e instanceof HostError) return e;
  const msg = e instanceof Error ? e.message : String(e);
  return new HostError(code, `${context}: ${msg}`, { cause: e });
}
