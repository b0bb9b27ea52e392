/**
 * Conditions of a yamux session that are not bad bytes (those are WireErrors, codec 'yamux'):
 * shutdown, timeouts, resets. `code` carries hashicorp/yamux's error variable name so logs can
 * be matched against Go's.
 */
export type YamuxErrorCode =
  | 'ErrSessionShutdown'
  | 'ErrStreamsExhausted'
  | 'ErrRemoteGoAway'
  | 'ErrConnectionReset'
  | 'ErrStreamClosed'
  | 'ErrTimeout'
  | 'ErrKeepAliveTimeout'
  | 'ErrRemoteProtocolError'
  | 'ErrRemoteInternalError'
  | 'ErrUnexpectedGoAway'
  | 'ErrTransportClosed'
  | 'ErrBrokerTimeout'
  | 'ErrBadAck'
  /** Not a Go name: a session limit of ours was exceeded (limits.ts). */
  | 'ErrLimitExceeded';

export class YamuxError extends Error {
  override readonly name = 'YamuxError';
  constructor(
    readonly code: YamuxErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export const sessionShutdown = () => new YamuxError('ErrSessionShutdown', 'session shutdown');
export const streamClosed = () => new YamuxError('ErrStreamClosed', 'stream closed');
export const connectionReset = () => new YamuxError('ErrConnectionReset', 'connection reset');
