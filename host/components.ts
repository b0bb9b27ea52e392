/**
 * Client calls for every component kind, as the SDK's rpc clients make them (rpc/builder.go,
 * datasource.go, provisioner.go, post_processor.go, artifact.go, common.go), on a PluginSession.
 *
 * Errors: a net/rpc error reply rejects with RpcRemoteError (Datasource.Configure/Execute,
 * Provisioner.Prepare/Provision, Builder.Run failures, unknown methods). A `*BasicError` the SDK
 * puts inside a successful answer's body (Builder.Prepare's `Error`, PostProcess's `Err`) is
 * returned in the result as `error` (a string, or null) — the call itself worked.
 *
 * Calls that hand the plugin a stream (Builder.Run, Provisioner.Provision, PostProcess) take the
 * next broker id, serve the host's objects (Ui, Hook, Artifact, Communicator) on it with an
 * RpcServer, and pass the id; the plugin dials it. An AbortSignal sends `<Endpoint>.Cancel`.
 */
import type { ObjectSpec } from '../codecs/hclspec/model.js';
import type { CtyValue } from '../codecs/cty/values.js';
import { GoMap, type AnyValue, type RequestBody, type ResponseBody, type RpcMethodName } from '../codecs/rpc/index.js';
import { HostError, asHostError } from './errors.js';
import { configsArg, type ConfigArg } from './payloads.js';
import { decodeSpecOffThread, decodeValueOffThread, type OffloadOptions } from './decode-offload.js';
import type { WireProtocol } from '../codecs/protocol/choose.js';
import type { YamuxStream } from './yamux/stream.js';
import type { RpcClient, RpcTrace } from './rpc-client.js';
import { RpcServer, type RpcService } from './rpc-server.js';
import type { RpcBounds } from './limits.js';
import { RemoteUi, serveUi, type HostUi } from './ui.js';

/** What a component client uses of its plugin session (session.ts's PluginSession is one). */
export interface ComponentSession {
  /** The client on the plugin's main RPC stream. */
  readonly rpc: RpcClient;
  readonly protocol: WireProtocol;
  readonly broker: { nextId(): number };
  readonly trace: ((e: RpcTrace) => void) | undefined;
  /** Dials a stream the plugin serves on broker id `id`. */
  dial(id: number, label: string): Promise<RpcClient>;
  /** Accepts the plugin's connection to a stream we serve on broker id `id`. */
  accept(id: number): Promise<YamuxStream>;
  /** The session's limits for an rpc server on a stream we serve. */
  readonly rpcBounds: RpcBounds;
  /** Starts a call's clock; the function gives the bounds of decoding its answer's payload. */
  deadline(o?: CallOptions): () => OffloadOptions;
}

export interface CallOptions {
  /** Bound on this call (default: the session's call timeout). */
  timeoutMs?: number;
}

export interface LongCallOptions extends CallOptions {
  /** Aborting sends `<Endpoint>.Cancel` to the plugin (as a cancelled Go context does). */
  signal?: AbortSignal;
  /** Told about a failure on the stream we serve (the call itself goes on). */
  onServeError?: (e: HostError) => void;
}

const bytesOf = (body: unknown, field: string): Uint8Array => {
  const b = (body as Record<string, unknown> | null)?.[field];
  if (b instanceof Uint8Array) return b;
  if (b === null || b === undefined) return new Uint8Array(0);
  throw new HostError('payload', `answer field ${field} is not []byte`);
};

const basicError = (e: unknown): string | null => {
  if (e === null || e === undefined) return null;
  if (e instanceof GoMap) {
    const m = e.get('Message');
    return typeof m === 'string' ? m : '';
  }
  const m = (e as { Message?: unknown }).Message;
  return typeof m === 'string' ? m : String(m);
};

/** What the SDK's DatasourceClient.OutputSpec sends: `new(interface{})`, nil on the wire (the server reads a zero DatasourceConfigureArgs). */
const NIL_BODY = null as unknown as RequestBody<'Datasource.OutputSpec'>;

type Endpoint = 'Builder' | 'Provisioner' | 'PostProcessor' | 'Datasource';
/** The methods of one endpoint in the rpc method table ("Prepare" for "Builder.Prepare"). */
type MethodOf<E extends Endpoint> = RpcMethodName extends infer N ? (N extends `${E}.${infer K}` ? K : never) : never;

abstract class ComponentClient<E extends Endpoint> {
  constructor(
    protected readonly session: ComponentSession,
    readonly endpoint: E,
  ) {}

  protected get rpc(): RpcClient {
    return this.session.rpc;
  }

  /** `<Endpoint>.<method>`, typed by the rpc method table. */
  protected call<K extends MethodOf<E>>(
    method: K,
    body: RequestBody<`${E}.${K}` & RpcMethodName>,
    o: CallOptions = {},
  ): Promise<ResponseBody<`${E}.${K}` & RpcMethodName>> {
    // The endpoint is generic here; the signature above ties body and answer to the table.
    const untyped = this.rpc as unknown as { call(m: string, b: unknown, o: CallOptions): Promise<unknown> };
    return untyped.call(`${this.endpoint}.${method}`, body, o) as Promise<ResponseBody<`${E}.${K}` & RpcMethodName>>;
  }

  /** ConfigSpec and Cancel have the same types on every endpoint: called as the Builder's. */
  private callShared(method: 'ConfigSpec' | 'Cancel', o: CallOptions): Promise<unknown> {
    return this.rpc.call(`${this.endpoint}.${method}` as `Builder.${typeof method}`, null, o);
  }

  /** The raw ConfigSpec payload (gob or protobuf bytes, per the session's mode). */
  async configSpecBytes(o?: CallOptions): Promise<Uint8Array> {
    return bytesOf(await this.callShared('ConfigSpec', o ?? {}), 'ConfigSpec');
  }

  /** The component's ConfigSpec, decoded per the session's mode (large ones in a worker). */
  async configSpec(o?: CallOptions): Promise<ObjectSpec> {
    const deadline = this.session.deadline(o);
    return decodeSpecOffThread(await this.configSpecBytes(o), this.session.protocol, `${this.endpoint}.ConfigSpec`, deadline());
  }

  /** `<Endpoint>.Cancel`: the plugin cancels the context of its running Run/Provision/…. */
  async cancel(o?: CallOptions): Promise<void> {
    await this.callShared('Cancel', o ?? {});
  }

  /**
   * Serves `services` on a fresh broker id while `work(id)` runs: what the SDK's clients do with
   * `newServerWithMux(mux, NextId())` before a call that hands the plugin a stream.
   */
  protected async withServedStream<T>(register: (server: RpcServer) => void, o: LongCallOptions, work: (id: number) => Promise<T>): Promise<T> {
    const id = this.session.broker.nextId();
    const server = new RpcServer(this.session.rpcBounds);
    register(server);
    const served = this.session.accept(id).then((stream) => server.serve(stream, `host-served stream ${id}`, this.session.trace));
    served.catch((e: unknown) => o.onServeError?.(asHostError(e, 'stream-closed', `host-served stream ${id}`)));
    const onAbort = () => void this.cancel().catch(() => {});
    o.signal?.addEventListener('abort', onAbort, { once: true });
    try {
      if (o.signal?.aborted) onAbort();
      return await work(id);
    } finally {
      o.signal?.removeEventListener('abort', onAbort);
    }
  }
}

// ---- things the host serves ----

/** What the host does when the plugin runs a hook (Hook.Run during Builder.Run). */
export interface HostHook {
  /**
   * `ui` and `rpc` talk to the Ui and Communicator the plugin serves for this hook (the stream
   * named in HookRunArgs.StreamId); they are closed when this returns.
   */
  run(name: string, data: AnyValue, plugin: { ui: RemoteUi; rpc: RpcClient }): void | Promise<void>;
  cancel?(): void;
}

function serveHook(server: RpcServer, hook: HostHook, session: ComponentSession): void {
  server.register('Hook', {
    Run: async (b) => {
      const args = b as { Name: string; Data: AnyValue; StreamId: number };
      const rpc = await session.dial(args.StreamId, `plugin-served hook stream ${args.StreamId}`);
      try {
        await hook.run(args.Name, args.Data, { ui: new RemoteUi(rpc), rpc });
      } finally {
        rpc.close();
      }
      return null;
    },
    Cancel: () => {
      hook.cancel?.();
      return null;
    },
  });
}

/** An artifact the host hands a post-processor (served as the "Artifact" service). */
export interface HostArtifact {
  builderId(): string | Promise<string>;
  id(): string | Promise<string>;
  string(): string | Promise<string>;
  files(): string[] | Promise<string[]>;
  state(name: string): AnyValue | Promise<AnyValue>;
  /** The error text, or null. */
  destroy(): string | null | Promise<string | null>;
}

function serveArtifact(server: RpcServer, a: HostArtifact): void {
  server.register('Artifact', {
    BuilderId: async () => await a.builderId(),
    Id: async () => await a.id(),
    String: async () => await a.string(),
    Files: async () => await a.files(),
    State: async (name) => await a.state(typeof name === 'string' ? name : ''),
    Destroy: async () => {
      const e = await a.destroy();
      return e === null ? null : new GoMap([['Message', e]]);
    },
  } satisfies RpcService);
}

// ---- artifacts the plugin serves ----

/** An artifact the plugin serves after Builder.Run / PostProcess (the SDK's artifact client). */
export class ArtifactClient {
  constructor(readonly rpc: RpcClient) {}
  async builderId(): Promise<string> {
    return await this.rpc.call('Artifact.BuilderId', null);
  }
  async id(): Promise<string> {
    return await this.rpc.call('Artifact.Id', null);
  }
  async string(): Promise<string> {
    return await this.rpc.call('Artifact.String', null);
  }
  async files(): Promise<string[]> {
    return (await this.rpc.call('Artifact.Files', null)) ?? [];
  }
  async state(name: string): Promise<AnyValue> {
    return await this.rpc.call('Artifact.State', name);
  }
  /** Resolves with the plugin's error text (a `*BasicError` in the answer), or null. */
  async destroy(): Promise<string | null> {
    return basicError(await this.rpc.call('Artifact.Destroy', null));
  }
  close(): void {
    this.rpc.close();
  }
}

// ---- the four component kinds ----

export interface PrepareResult {
  generatedVars: string[];
  warnings: string[];
  /** Builder.Prepare's `*BasicError`, or null. */
  error: string | null;
}

export class BuilderClient extends ComponentClient<'Builder'> {
  constructor(session: ComponentSession) {
    super(session, 'Builder');
  }

  async prepare(configs: readonly ConfigArg[], o?: CallOptions): Promise<PrepareResult> {
    const r = await this.call('Prepare', { Configs: configsArg(configs) }, o);
    return { generatedVars: r.GeneratedVars ?? [], warnings: r.Warnings ?? [], error: basicError(r.Error) };
  }

  /**
   * Builder.Run with `ui` and `hook` served on a brokered stream. Resolves with the artifact the
   * plugin serves (null when it returned none); a build error rejects with RpcRemoteError.
   */
  async run(ui: HostUi, hook: HostHook | null, o: LongCallOptions = {}): Promise<ArtifactClient | null> {
    const responseId = await this.withServedStream(
      (server) => {
        serveUi(server, ui);
        if (hook) serveHook(server, hook, this.session);
      },
      o,
      (id) => this.call('Run', id, o) as Promise<number>,
    );
    if (!responseId) return null;
    return new ArtifactClient(await this.session.dial(responseId, `plugin-served artifact stream ${responseId}`));
  }
}

export class ProvisionerClient extends ComponentClient<'Provisioner'> {
  constructor(session: ComponentSession) {
    super(session, 'Provisioner');
  }

  /** Provisioner.Prepare; a refused config rejects with RpcRemoteError. */
  async prepare(configs: readonly ConfigArg[], o?: CallOptions): Promise<void> {
    await this.call('Prepare', { Configs: configsArg(configs) }, o);
  }

  /**
   * Provisioner.Provision with `ui` (and, when given, a Communicator service) served on a
   * brokered stream. Without a communicator the plugin's Communicator calls are answered with
   * net/rpc's "can't find service".
   */
  async provision(ui: HostUi, generatedData: ReadonlyMap<string, AnyValue>, communicator: RpcService | null, o: LongCallOptions = {}): Promise<void> {
    await this.withServedStream(
      (server) => {
        serveUi(server, ui);
        if (communicator) server.register('Communicator', communicator);
      },
      o,
      (id) => this.call('Provision', { GeneratedData: new Map(generatedData), StreamID: id }, o),
    );
  }
}

export interface PostProcessResult {
  artifact: ArtifactClient | null;
  keep: boolean;
  forceOverride: boolean;
  /** PostProcess's `Err` (`*BasicError`), or null. */
  error: string | null;
}

export class PostProcessorClient extends ComponentClient<'PostProcessor'> {
  constructor(session: ComponentSession) {
    super(session, 'PostProcessor');
  }

  /** PostProcessor.Configure; a refused config rejects with RpcRemoteError. */
  async configure(configs: readonly ConfigArg[], o?: CallOptions): Promise<void> {
    await this.call('Configure', { Configs: configsArg(configs) }, o);
  }

  async postProcess(ui: HostUi, artifact: HostArtifact, o: LongCallOptions = {}): Promise<PostProcessResult> {
    const r = (await this.withServedStream(
      (server) => {
        serveArtifact(server, artifact);
        serveUi(server, ui);
      },
      o,
      (id) => this.call('PostProcess', id, o),
    )) as { Err: unknown; Keep: boolean; ForceOverride: boolean; StreamId: number };
    const error = basicError(r.Err);
    if (error !== null || !r.StreamId) return { artifact: null, keep: false, forceOverride: false, error };
    const client = await this.session.dial(r.StreamId, `plugin-served artifact stream ${r.StreamId}`);
    return { artifact: new ArtifactClient(client), keep: r.Keep, forceOverride: r.ForceOverride, error: null };
  }
}

export interface ExecuteResult {
  value: CtyValue;
  /** The `Value` bytes as they arrived (gob stream or go-cty msgpack). */
  bytes: Uint8Array;
}

export class DatasourceClient extends ComponentClient<'Datasource'> {
  constructor(session: ComponentSession) {
    super(session, 'Datasource');
  }

  /** Datasource.Configure; a refused config rejects with RpcRemoteError. */
  async configure(configs: readonly ConfigArg[], o?: CallOptions): Promise<void> {
    await this.call('Configure', { Configs: configsArg(configs) }, o);
  }

  async outputSpecBytes(o?: CallOptions): Promise<Uint8Array> {
    return bytesOf(await this.call('OutputSpec', NIL_BODY, o), 'OutputSpec');
  }

  async outputSpec(o?: CallOptions): Promise<ObjectSpec> {
    const deadline = this.session.deadline(o);
    return decodeSpecOffThread(await this.outputSpecBytes(o), this.session.protocol, 'Datasource.OutputSpec', deadline());
  }

  /** Datasource.Execute's `Value` bytes as they arrived. A datasource error rejects with RpcRemoteError. */
  async executeBytes(o?: CallOptions): Promise<Uint8Array> {
    return bytesOf(await this.call('Execute', null, o), 'Value');
  }

  /** Datasource.Execute; the value decoded per mode. A datasource error rejects with RpcRemoteError. */
  async execute(o?: CallOptions): Promise<ExecuteResult> {
    const deadline = this.session.deadline(o);
    const bytes = await this.executeBytes(o);
    return { value: await decodeValueOffThread(bytes, this.session.protocol, deadline()), bytes };
  }
}
