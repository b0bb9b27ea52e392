/**
 * The Communicator over the SDK's rpc (packer-plugin-sdk rpc/communicator.go), both sides:
 *
 * - `communicatorService(session, impl)`: the Communicator a host serves to a provisioner during
 *   Provision (Packer serves the builder's communicator this way). Start dials the streams the
 *   plugin named (stdin, stdout, stderr, then the response stream), reads stdin to its end, runs
 *   the command (an error is Start's answer), answers, then writes stdout/stderr, closes them,
 *   and writes the gob `CommandFinished` on the response stream. Upload dials the reader stream and reads it to its end; Download dials
 *   the writer stream and writes the file. UploadDir/DownloadDir answer with the error, if any.
 * - `CommunicatorClient`: calls a Communicator the plugin serves (a builder's, on the stream its
 *   Hook.Run names). Each stream the call needs takes the next broker id and is accepted before
 *   the call (the SDK's serveSingleCopy): stdin/upload data are written and closed, stdout/
 *   stderr/download data read to their end; Start's exit status comes from the gob
 *   `CommandFinished` on the response stream.
 *
 * Every stream is bounded by the session's timeouts; a stream failure fails the call with a
 * HostError.
 */
import { decodeCommandFinished, encodeCommandFinished, type RequestBody } from '../codecs/rpc/index.js';
import { asHostError } from './errors.js';
import type { PluginSession } from './session.js';
import type { RpcClient } from './rpc-client.js';
import type { RpcService } from './rpc-server.js';
import type { YamuxStream } from './yamux/stream.js';

/** What the host does with a served Communicator's calls. */
/** Communicator.Upload's file info as the SDK sends it (`*rpc.fileInfo`, or nil). */
export type UploadFileInfo = RequestBody<'Communicator.Upload'>['FileInfo'];

export interface HostCommunicator {
  /** Runs `command` with `stdin` (null: none was given); resolves when it ends. */
  start(command: string, stdin: Uint8Array | null): Promise<{ stdout: Uint8Array; stderr: Uint8Array; exitStatus: number }>;
  upload(path: string, data: Uint8Array, fileInfo: UploadFileInfo): Promise<void>;
  download(path: string): Promise<Uint8Array>;
  uploadDir(dst: string, src: string, exclude: string[]): Promise<void>;
  downloadDir(src: string, dst: string, exclude: string[]): Promise<void>;
}

const MAX_STREAM_BYTES = 64 * 1024 * 1024;

/** Reads a stream to its end (bounded). */
export function readAll(stream: YamuxStream, what: string, limit = MAX_STREAM_BYTES): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    let n = 0;
    stream.on('data', (b: Buffer) => {
      n += b.length;
      if (n > limit) {
        stream.destroy();
        reject(asHostError(new Error(`${what}: more than ${limit} bytes`), 'protocol', what));
        return;
      }
      parts.push(b);
    });
    stream.once('end', () => resolve(new Uint8Array(Buffer.concat(parts))));
    stream.once('error', (e: Error) => reject(asHostError(e, 'stream-closed', what)));
  });
}

/** Writes `data` and closes our side. */
export function writeAndClose(stream: YamuxStream, data: Uint8Array): Promise<void> {
  return new Promise((resolve, reject) => {
    stream.once('error', (e: Error) => reject(asHostError(e, 'stream-closed', 'write')));
    stream.end(Buffer.from(data.buffer, data.byteOffset, data.byteLength), () => resolve());
  });
}

const num = (v: unknown): number => (typeof v === 'bigint' ? Number(v) : typeof v === 'number' ? v : 0);
const strList = (v: unknown): string[] => (Array.isArray(v) ? (v as string[]) : []);

/** The "Communicator" service a host serves to a provisioner. */
export function communicatorService(session: PluginSession, impl: HostCommunicator): RpcService {
  const dial = (id: number) => session.broker.dial(id);
  return {
    Start: async (b) => {
      const a = b as { Command: string; StdinStreamId: unknown; StdoutStreamId: unknown; StderrStreamId: unknown; ResponseStreamId: unknown };
      const stdin = num(a.StdinStreamId) > 0 ? await dial(num(a.StdinStreamId)) : null;
      const stdout = num(a.StdoutStreamId) > 0 ? await dial(num(a.StdoutStreamId)) : null;
      const stderr = num(a.StderrStreamId) > 0 ? await dial(num(a.StderrStreamId)) : null;
      const response = await dial(num(a.ResponseStreamId));
      let r: Awaited<ReturnType<HostCommunicator['start']>>;
      try {
        r = await impl.start(a.Command, stdin ? await readAll(stdin, 'stdin') : null);
      } catch (e) {
        for (const s of [stdin, stdout, stderr, response]) s?.destroy();
        throw e;
      }
      void (async () => {
        if (stdout) await writeAndClose(stdout, r.stdout);
        if (stderr) await writeAndClose(stderr, r.stderr);
        await writeAndClose(response, encodeCommandFinished({ ExitStatus: BigInt(r.exitStatus) }));
      })().catch(() => {
        for (const s of [stdout, stderr, response]) s?.destroy();
      });
      return null;
    },
    Upload: async (b) => {
      const a = b as { Path: string; ReaderStreamId: unknown; FileInfo: UploadFileInfo };
      const s = await dial(num(a.ReaderStreamId));
      const data = await readAll(s, 'upload data');
      await impl.upload(a.Path, data, a.FileInfo ?? null);
      return null;
    },
    Download: async (b) => {
      const a = b as { Path: string; WriterStreamId: unknown };
      const s = await dial(num(a.WriterStreamId));
      let data: Uint8Array;
      try {
        data = await impl.download(a.Path);
      } catch (e) {
        await writeAndClose(s, new Uint8Array(0)); // as Go's deferred Close: the plugin's copy ends
        throw e;
      }
      await writeAndClose(s, data);
      return null;
    },
    UploadDir: async (b) => {
      const a = b as { Dst: string; Src: string; Exclude: unknown };
      await impl.uploadDir(a.Dst, a.Src, strList(a.Exclude));
      return null;
    },
    // The SDK's server passes (Src, Dst) of the UploadDir-shaped args on to DownloadDir.
    DownloadDir: async (b) => {
      const a = b as { Dst: string; Src: string; Exclude: unknown };
      await impl.downloadDir(a.Src, a.Dst, strList(a.Exclude));
      return null;
    },
  };
}

/** A Communicator the plugin serves (the SDK's rpc communicator client). */
export class CommunicatorClient {
  constructor(
    readonly rpc: RpcClient,
    private readonly session: PluginSession,
  ) {}

  private serve(): { id: number; stream: Promise<YamuxStream> } {
    const id = this.session.broker.nextId();
    const stream = this.session.accept(id);
    stream.catch(() => {});
    return { id, stream };
  }

  /** Communicator.Start: resolves with the output and exit status when the command ended. */
  async start(
    command: string,
    stdin: Uint8Array | null,
    o: { stdout?: boolean; stderr?: boolean } = {},
  ): Promise<{ stdout: Uint8Array; stderr: Uint8Array; exitStatus: number }> {
    const inS = stdin ? this.serve() : null;
    const outS = o.stdout === false ? null : this.serve();
    const errS = o.stderr === false ? null : this.serve();
    const resS = this.serve();
    const empty = new Uint8Array(0);
    const sent = inS ? inS.stream.then((s) => writeAndClose(s, stdin!)) : Promise.resolve();
    const out = outS ? outS.stream.then((s) => readAll(s, 'stdout')) : Promise.resolve(empty);
    const err = errS ? errS.stream.then((s) => readAll(s, 'stderr')) : Promise.resolve(empty);
    const finished = resS.stream.then((s) => readAll(s, 'CommandFinished'));
    for (const p of [sent, out, err, finished]) p.catch(() => {});
    await this.rpc.call('Communicator.Start', {
      Command: command,
      StdinStreamId: inS?.id ?? 0,
      StdoutStreamId: outS?.id ?? 0,
      StderrStreamId: errS?.id ?? 0,
      ResponseStreamId: resS.id,
    });
    const [stdout, stderr] = await Promise.all([out, err, sent]);
    const f = decodeCommandFinished(await finished);
    return { stdout, stderr, exitStatus: num(f.ExitStatus) };
  }

  /** Communicator.Upload; `fileInfo` as the SDK sends it (rpc.fileInfo or nil). */
  async upload(path: string, data: Uint8Array, fileInfo: UploadFileInfo = null): Promise<void> {
    const s = this.serve();
    const sent = s.stream.then((x) => writeAndClose(x, data));
    sent.catch(() => {});
    await this.rpc.call('Communicator.Upload', { Path: path, ReaderStreamId: s.id, FileInfo: fileInfo });
    await sent;
  }

  async download(path: string): Promise<Uint8Array> {
    const s = this.serve();
    const got = s.stream.then((x) => readAll(x, 'download data'));
    got.catch(() => {});
    await this.rpc.call('Communicator.Download', { Path: path, WriterStreamId: s.id });
    return got;
  }

  async uploadDir(dst: string, src: string, exclude: string[]): Promise<void> {
    await this.rpc.call('Communicator.UploadDir', { Dst: dst, Src: src, Exclude: exclude });
  }

  /** The SDK's client sends DownloadDir's arguments in the UploadDir-shaped struct. */
  async downloadDir(src: string, dst: string, exclude: string[]): Promise<void> {
    await this.rpc.call('Communicator.DownloadDir', { Dst: dst, Src: src, Exclude: exclude });
  }
}
