/**
 * The builder's Communicator, proxied to a provisioner, as Packer does it: during
 * `Hook.Run("packer_provision")` the builder names a stream it serves (its Ui and Communicator);
 * Packer holds an SDK communicator client on it and serves that client, through an SDK
 * communicator server, on the stream it hands each provisioner's Provision
 * (packer-plugin-sdk rpc/communicator.go, rpc/hook.go, rpc/provisioner.go).
 *
 * Every call of the provisioner is forwarded to the builder with the same arguments, except the
 * stream ids: on the provisioner's side the host *dials* the ids the provisioner named (the SDK
 * server's role); on the builder's side it takes fresh broker ids and *accepts* the builder's
 * connections to them (the SDK client's serveSingleCopy). Data moves between the two brokered
 * streams with Node's `pipeline`: a chunk is read from one side only when the other side can take
 * it, so yamux windows (256 KiB per stream) hold each transfer back and nothing is buffered whole
 * (a 1 GiB upload passes in bounded memory).
 *
 * - Start: dials stdin/stdout/stderr/response of the provisioner, forwards Start; answers as soon
 *   as the builder answered (the command runs on). stdin flows provisioner → builder, stdout and
 *   stderr builder → provisioner; when both outputs ended, the builder's gob `CommandFinished`
 *   (read and checked, bounded) is written to the provisioner's response stream and every stream
 *   is closed.
 * - Upload: the provisioner's reader stream is piped into the builder's; answered after the
 *   builder's Upload answered and the copy ended.
 * - Download: the builder's writer stream is piped into the provisioner's; answered after both.
 * - UploadDir, DownloadDir: forwarded as they are (no streams: paths on each side).
 *
 * A builder error is the provisioner's answer with the same text (Packer's server wraps the
 * client's error in a BasicError carrying its message). Transfers are bounded by
 * `transferTimeoutMs` (default: none beyond the provision's own timeout and cancel).
 */
import { pipeline } from 'node:stream/promises';
import { decodeCommandFinished, encodeCommandFinished, type AnyValue } from '../codecs/rpc/index.js';
import { HostError, RpcRemoteError, asHostError } from './errors.js';
import { readAll } from './communicator.js';
import type { RpcClient } from './rpc-client.js';
import type { RpcService } from './rpc-server.js';
import type { YamuxStream } from './yamux/stream.js';

/** The side of a plugin session the proxy needs: dial ids it names, take and accept ids we name. */
export interface BrokerSide {
  readonly broker: { nextId(): number; dial(id: number, timeoutMs?: number): Promise<YamuxStream> };
  accept(id: number): Promise<YamuxStream>;
}

export interface CommunicatorProxyOptions {
  /** Bound on each forwarded call including its data transfer (ms); default 24 h. */
  transferTimeoutMs?: number;
  /** Told about every forwarded call (method, path or command), for logs and tests. */
  onCall?: (method: string, detail: string) => void;
}

/** A gob CommandFinished is a few bytes; more is a bad peer. */
const MAX_COMMAND_FINISHED_BYTES = 4096;
const DAY_MS = 24 * 3600 * 1000;

const num = (v: unknown): number => (typeof v === 'bigint' ? Number(v) : typeof v === 'number' ? v : 0);

/** A builder error becomes the provisioner's answer with the builder's own text. */
function forwardError(e: unknown): Error {
  if (e instanceof RpcRemoteError) return new Error(e.remoteMessage);
  return e instanceof Error ? e : new Error(String(e));
}

/** Closes our side (FIN) of streams that may still be open, without waiting. */
function endAll(streams: Array<YamuxStream | null | undefined>): void {
  for (const s of streams) {
    if (!s || s.destroyed) continue;
    try {
      s.end();
    } catch {
      s.destroy();
    }
  }
}

/**
 * The "Communicator" service to register on a provisioner's Provision stream: every call goes to
 * the builder's communicator on `builderRpc` (the client on the stream Hook.Run named), streams
 * brokered on `builder` and `provisioner`.
 */
export function proxiedCommunicator(provisioner: BrokerSide, builder: BrokerSide, builderRpc: RpcClient, o: CommunicatorProxyOptions = {}): RpcService {
  const timeoutMs = o.transferTimeoutMs ?? DAY_MS;
  const dialP = async (id: unknown, what: string): Promise<YamuxStream> => {
    try {
      return await provisioner.broker.dial(num(id));
    } catch (e) {
      throw asHostError(e, 'stream-closed', `dial the provisioner's ${what} stream ${num(id)}`);
    }
  };
  const serveB = (): { id: number; stream: Promise<YamuxStream> } => {
    const id = builder.broker.nextId();
    const stream = builder.accept(id);
    stream.catch(() => {});
    return { id, stream };
  };
  const call = async (method: string, body: unknown): Promise<void> => {
    try {
      await builderRpc.callDynamic(`Communicator.${method}`, body, { timeoutMs });
    } catch (e) {
      throw forwardError(e);
    }
  };
  /** Waits for a copy, bounded: a peer that stops moving data fails it with `timeout`. */
  const finish = async (copy: Promise<unknown>, what: string): Promise<void> => {
    let t: NodeJS.Timeout | undefined;
    const limit = new Promise<never>((_, reject) => {
      t = setTimeout(() => reject(new HostError('timeout', `${what}: not done within ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      await Promise.race([copy, limit]);
    } catch (e) {
      throw asHostError(e, 'stream-closed', what);
    } finally {
      clearTimeout(t);
    }
  };

  return {
    Start: async (b) => {
      const a = b as { Command: string; StdinStreamId: unknown; StdoutStreamId: unknown; StderrStreamId: unknown; ResponseStreamId: unknown };
      o.onCall?.('Start', a.Command);
      const opened: YamuxStream[] = [];
      const keep = (s: YamuxStream): YamuxStream => (opened.push(s), s);
      try {
        const pIn = num(a.StdinStreamId) > 0 ? keep(await dialP(a.StdinStreamId, 'stdin')) : null;
        const pOut = num(a.StdoutStreamId) > 0 ? keep(await dialP(a.StdoutStreamId, 'stdout')) : null;
        const pErr = num(a.StderrStreamId) > 0 ? keep(await dialP(a.StderrStreamId, 'stderr')) : null;
        const pRes = keep(await dialP(a.ResponseStreamId, 'response'));
        const bIn = pIn ? serveB() : null;
        const bOut = pOut ? serveB() : null;
        const bErr = pErr ? serveB() : null;
        const bRes = serveB();
        const stdin = pIn && bIn ? bIn.stream.then((s) => pipeline(pIn, s)) : Promise.resolve();
        const stdout = pOut && bOut ? bOut.stream.then((s) => pipeline(s, pOut)) : Promise.resolve();
        const stderr = pErr && bErr ? bErr.stream.then((s) => pipeline(s, pErr)) : Promise.resolve();
        const response = bRes.stream.then((s) => readAll(s, 'CommandFinished', MAX_COMMAND_FINISHED_BYTES));
        for (const p of [stdin, stdout, stderr, response]) p.catch(() => {});
        await call('Start', {
          Command: a.Command,
          StdinStreamId: bIn?.id ?? 0,
          StdoutStreamId: bOut?.id ?? 0,
          StderrStreamId: bErr?.id ?? 0,
          ResponseStreamId: bRes.id,
        });
        // The command runs on: relay its end when the builder reports it.
        void (async () => {
          try {
            await finish(Promise.all([stdout, stderr]), 'command output');
            const finished = decodeCommandFinished(await response);
            await new Promise<void>((resolve, reject) => {
              pRes.once('error', reject);
              pRes.end(Buffer.from(encodeCommandFinished({ ExitStatus: BigInt(num(finished.ExitStatus)) })), () => resolve());
            });
            await stdin.catch(() => {});
          } catch {
            for (const s of opened) s.destroy();
          }
        })();
        return null;
      } catch (e) {
        endAll(opened);
        throw e;
      }
    },

    Upload: async (b) => {
      const a = b as { Path: string; ReaderStreamId: unknown; FileInfo: AnyValue };
      o.onCall?.('Upload', a.Path);
      const pR = await dialP(a.ReaderStreamId, 'upload reader');
      try {
        const bR = serveB();
        const copy = bR.stream.then((s) => pipeline(pR, s));
        copy.catch(() => {});
        await call('Upload', { Path: a.Path, ReaderStreamId: bR.id, FileInfo: a.FileInfo ?? null });
        await finish(copy, `upload ${a.Path}`);
        return null;
      } finally {
        endAll([pR]);
      }
    },

    Download: async (b) => {
      const a = b as { Path: string; WriterStreamId: unknown };
      o.onCall?.('Download', a.Path);
      const pW = await dialP(a.WriterStreamId, 'download writer');
      try {
        const bW = serveB();
        const copy = bW.stream.then((s) => pipeline(s, pW));
        copy.catch(() => {});
        await call('Download', { Path: a.Path, WriterStreamId: bW.id });
        await finish(copy, `download ${a.Path}`);
        return null;
      } finally {
        endAll([pW]);
      }
    },

    UploadDir: async (b) => {
      const a = b as { Dst: string; Src: string; Exclude: unknown };
      o.onCall?.('UploadDir', `${a.Src} -> ${a.Dst}`);
      await call('UploadDir', { Dst: a.Dst, Src: a.Src, Exclude: a.Exclude ?? null });
      return null;
    },

    DownloadDir: async (b) => {
      const a = b as { Dst: string; Src: string; Exclude: unknown };
      o.onCall?.('DownloadDir', `${a.Src} -> ${a.Dst}`);
      await call('DownloadDir', { Dst: a.Dst, Src: a.Src, Exclude: a.Exclude ?? null });
      return null;
    },
  };
}
