import type { Readable } from 'node:stream';
import { YamuxError } from '../../codecs/yamux/errors.js';

/**
 * Reads exactly `n` bytes from a readable stream, leaving anything after them buffered in the
 * stream for its next reader. Rejects when the stream ends or fails first, or after `timeoutMs`.
 */
export function readExactly(stream: Readable, n: number, timeoutMs: number): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    let timer: NodeJS.Timeout | undefined;
    const cleanup = () => {
      clearTimeout(timer);
      stream.off('readable', tryRead);
      stream.off('end', onEnd);
      stream.off('error', onError);
      stream.off('close', onClose);
    };
    const fail = (e: Error) => {
      cleanup();
      reject(e);
    };
    function tryRead(): void {
      const b = stream.read(n) as Buffer | null;
      if (b === null) return;
      if (b.length < n) return fail(new YamuxError('ErrStreamClosed', `stream ended after ${b.length} of ${n} bytes`));
      cleanup();
      resolve(new Uint8Array(b.buffer, b.byteOffset, b.length));
    }
    const onEnd = () => fail(new YamuxError('ErrStreamClosed', `stream ended before ${n} bytes arrived`));
    const onError = (e: Error) => fail(e);
    const onClose = () => fail(new YamuxError('ErrStreamClosed', `stream closed before ${n} bytes arrived`));
    timer = setTimeout(() => fail(new YamuxError('ErrTimeout', `no ${n} bytes within ${timeoutMs} ms`)), timeoutMs);
    stream.on('readable', tryRead);
    stream.on('end', onEnd);
    stream.on('error', onError);
    stream.on('close', onClose);
    tryRead();
  });
}
