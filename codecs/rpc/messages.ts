/**
 * Every net/rpc method the SDK (packer-plugin-sdk v0.6.4, rpc/*.go) serves, with the Go types of
 * its request body (the server method's argument, pointer removed) and response body (the reply
 * target). Adding a message is one entry in RPC_METHODS (plus its body struct above when it has a
 * new one): the TS types (RequestBody/ResponseBody), the `%T` name lookup (goTypeByName) and the
 * wire plans all derive from the table, and conformance/runner/crosslang-rpcmethods.test.ts checks
 * it against every SDK version we build.
 *
 * Bodies the client sends as `new(interface{})` (ConfigSpec, Cancel, Artifact getters, …) arrive
 * as nil; their declared type is `interface{}`. "Ui*" stands for the progress-tracker services
 * the UI registers as "Ui" + tracking id (rpc/ui_progress_tracking.go).
 */
import { G, type GoType, type GoValue } from './gotype.js';
import { WireError } from '../wire/errors.js';

// ---- body types (field order = Go declaration order) -----------------------------------------

export const BasicError = G.struct('rpc.BasicError', { Message: G.string });

export const ConfigSpecResponse = G.struct('rpc.ConfigSpecResponse', { ConfigSpec: G.bytes });

/** Configs of Prepare/Configure: cty values travel as cty JSON in a []byte. */
const Configs = G.slice(G.ctyConfig);

export const BuilderPrepareArgs = G.struct('rpc.BuilderPrepareArgs', { Configs });
export const BuilderPrepareResponse = G.struct('rpc.BuilderPrepareResponse', {
  GeneratedVars: G.slice(G.string),
  Warnings: G.slice(G.string),
  Error: G.ptr(BasicError),
});

export const BuildPrepareResponse = G.struct('rpc.BuildPrepareResponse', {
  Warnings: G.slice(G.string),
  Error: G.ptr(BasicError),
});

export const ProvisionerPrepareArgs = G.struct('rpc.ProvisionerPrepareArgs', { Configs });
export const ProvisionerProvisionArgs = G.struct('rpc.ProvisionerProvisionArgs', {
  GeneratedData: G.map(G.string, G.any),
  StreamID: G.uint32,
});

export const PostProcessorConfigureArgs = G.struct('rpc.PostProcessorConfigureArgs', { Configs });
export const PostProcessorProcessResponse = G.struct('rpc.PostProcessorProcessResponse', {
  Err: G.ptr(BasicError),
  Keep: G.bool,
  ForceOverride: G.bool,
  StreamId: G.uint32,
});

export const DatasourceConfigureArgs = G.struct('rpc.DatasourceConfigureArgs', { Configs });
export const DatasourceConfigureResponse = G.struct('rpc.DatasourceConfigureResponse', { Error: G.ptr(BasicError) });
export const OutputSpecResponse = G.struct('rpc.OutputSpecResponse', { OutputSpec: G.bytes });
export const ExecuteResponse = G.struct('rpc.ExecuteResponse', { Value: G.bytes, Error: G.ptr(BasicError) });

export const HookRunArgs = G.struct('rpc.HookRunArgs', { Name: G.string, Data: G.any, StreamId: G.uint32 });

export const UiMachineArgs = G.struct('rpc.UiMachineArgs', { Category: G.string, Args: G.slice(G.string) });
export const TrackProgressParameters = G.struct('rpc.TrackProgressParameters', {
  Src: G.string,
  TotalSize: G.int64,
  CurrentSize: G.int64,
});

export const CommunicatorStartArgs = G.struct('rpc.CommunicatorStartArgs', {
  Command: G.string,
  StdinStreamId: G.uint32,
  StdoutStreamId: G.uint32,
  StderrStreamId: G.uint32,
  ResponseStreamId: G.uint32,
});
export const CommunicatorDownloadArgs = G.struct('rpc.CommunicatorDownloadArgs', { Path: G.string, WriterStreamId: G.uint32 });
/** rpc.fileInfo (unexported type, exported fields): what Upload sends about the file. */
export const FileInfo = G.struct('rpc.fileInfo', { N: G.string, S: G.int64, M: G.named('fs.FileMode', G.uint32), T: G.time });
export const CommunicatorUploadArgs = G.struct('rpc.CommunicatorUploadArgs', {
  Path: G.string,
  ReaderStreamId: G.uint32,
  FileInfo: G.ptr(FileInfo),
});
export const CommunicatorUploadDirArgs = G.struct('rpc.CommunicatorUploadDirArgs', { Dst: G.string, Src: G.string, Exclude: G.slice(G.string) });
/** Same shape as UploadDirArgs; the client of DownloadDir sends this type, the server decodes UploadDirArgs. */
export const CommunicatorDownloadDirArgs = G.struct('rpc.CommunicatorDownloadDirArgs', { Dst: G.string, Src: G.string, Exclude: G.slice(G.string) });
/**
 * What CommunicatorServer.Start writes on the response stream when the command ends. It travels
 * as gob (not msgpack) in both protocol modes; listed for completeness.
 */
export const CommandFinished = G.struct('rpc.CommandFinished', { ExitStatus: G.int });

/** The body net/rpc's server writes after a failed call (`invalidRequest`, an empty struct). */
export const ErrorReplyBody = G.struct('struct {}', {});

// ---- the method table --------------------------------------------------------------------

export interface RpcMethod<Req extends GoType = GoType, Resp extends GoType = GoType> {
  readonly request: Req;
  readonly response: Resp;
}

const m = <Req extends GoType, Resp extends GoType>(request: Req, response: Resp): RpcMethod<Req, Resp> => Object.freeze({ request, response });

const configSpec = m(G.any, ConfigSpecResponse);
const cancel = m(G.any, G.any);

export const RPC_METHODS = Object.freeze({
  'Artifact.BuilderId': m(G.any, G.string),
  'Artifact.Destroy': m(G.any, G.error),
  'Artifact.Files': m(G.any, G.slice(G.string)),
  'Artifact.Id': m(G.any, G.string),
  'Artifact.State': m(G.string, G.any),
  'Artifact.String': m(G.any, G.string),

  'Build.Cancel': cancel,
  'Build.Name': m(G.any, G.string),
  'Build.Prepare': m(G.any, BuildPrepareResponse),
  'Build.Run': m(G.uint32, G.slice(G.uint32)),
  'Build.SetDebug': m(G.bool, G.any),
  'Build.SetForce': m(G.bool, G.any),
  'Build.SetOnError': m(G.string, G.any),

  'Builder.Cancel': cancel,
  'Builder.ConfigSpec': configSpec,
  'Builder.Prepare': m(BuilderPrepareArgs, BuilderPrepareResponse),
  'Builder.Run': m(G.uint32, G.uint32),

  'Communicator.ConfigSpec': configSpec,
  'Communicator.Download': m(CommunicatorDownloadArgs, G.any),
  'Communicator.DownloadDir': m(CommunicatorUploadDirArgs, G.error),
  'Communicator.Start': m(CommunicatorStartArgs, G.any),
  'Communicator.Upload': m(CommunicatorUploadArgs, G.any),
  'Communicator.UploadDir': m(CommunicatorUploadDirArgs, G.error),

  'Datasource.Cancel': cancel,
  'Datasource.ConfigSpec': configSpec,
  'Datasource.Configure': m(DatasourceConfigureArgs, DatasourceConfigureResponse),
  'Datasource.Execute': m(G.any, ExecuteResponse),
  'Datasource.OutputSpec': m(DatasourceConfigureArgs, OutputSpecResponse),

  'Hook.Cancel': cancel,
  'Hook.Run': m(HookRunArgs, G.any),

  'PostProcessor.Cancel': cancel,
  'PostProcessor.ConfigSpec': configSpec,
  'PostProcessor.Configure': m(PostProcessorConfigureArgs, G.any),
  'PostProcessor.PostProcess': m(G.uint32, PostProcessorProcessResponse),

  'Provisioner.Cancel': cancel,
  'Provisioner.ConfigSpec': configSpec,
  'Provisioner.Prepare': m(ProvisionerPrepareArgs, G.any),
  'Provisioner.Provision': m(ProvisionerProvisionArgs, G.any),

  'Ui.Ask': m(G.string, G.string),
  'Ui.Error': m(G.string, G.any),
  'Ui.Machine': m(UiMachineArgs, G.any),
  'Ui.Message': m(G.string, G.any),
  'Ui.NewTrackProgress': m(TrackProgressParameters, G.string),
  'Ui.Say': m(G.string, G.any),

  /** ProgressTrackingServer.Add(size int, _ *interface{}) on service "Ui" + tracking id. */
  'Ui*.Add': m(G.int, G.any),
  /** ProgressTrackingServer.Close(_, _ *interface{}); the client sends nil. */
  'Ui*.Close': cancel,
});

export type RpcMethodName = keyof typeof RPC_METHODS;
/** A ServiceMethod as it travels: a table key, or "Ui" + tracking id + ".Add"/".Close". */
export type RpcServiceMethod = RpcMethodName | `Ui${string}.Add` | `Ui${string}.Close`;
/** The table key of a ServiceMethod (what methodKey returns, as a type). */
export type MethodKeyOf<S extends string> = S extends RpcMethodName ? S : S extends `Ui${string}.${infer M}` ? Extract<`Ui*.${M}`, RpcMethodName> : never;
export type RequestBody<N extends RpcMethodName> = GoValue<(typeof RPC_METHODS)[N]['request']>;
export type ResponseBody<N extends RpcMethodName> = GoValue<(typeof RPC_METHODS)[N]['response']>;

// The TS type of any body struct above is GoValue<typeof Struct> (e.g. GoValue<typeof HookRunArgs>).
export type CommunicatorStartArgs = GoValue<typeof CommunicatorStartArgs>;
export type CommandFinished = GoValue<typeof CommandFinished>;

/**
 * The table key of a wire ServiceMethod: itself when listed, "Ui*.Add"/"Ui*.Close" for a
 * progress tracker ("Ui" + non-empty id), else undefined. net/rpc splits at the last dot.
 */
export function methodKey(serviceMethod: string): RpcMethodName | undefined {
  if (Object.hasOwn(RPC_METHODS, serviceMethod)) return serviceMethod as RpcMethodName;
  const dot = serviceMethod.lastIndexOf('.');
  if (dot > 2 && serviceMethod.startsWith('Ui')) {
    const meth = serviceMethod.slice(dot + 1);
    if (meth === 'Add' || meth === 'Close') return `Ui*.${meth}`;
  }
  return undefined;
}

export function lookupMethod(serviceMethod: string): RpcMethod | undefined {
  const k = methodKey(serviceMethod);
  return k === undefined ? undefined : RPC_METHODS[k];
}

// ---- Go type names (`%T` of a body, as vectors' context.bodyType spells them) -------------

/** Bodies that travel but are no server method's argument or reply (see each one's comment). */
const OTHER_BODIES: readonly GoType[] = [CommunicatorDownloadDirArgs, CommandFinished, ErrorReplyBody];

/** Every named type reachable from the method table and OTHER_BODIES, by its `%T` name. */
function namedTypes(): Map<string, GoType> {
  const out = new Map<string, GoType>();
  const visit = (t: GoType): void => {
    if (out.has(t.name)) return;
    out.set(t.name, t);
    if (t.kind === 'slice' || t.kind === 'ptr') visit(t.elem);
    else if (t.kind === 'map') {
      visit(t.key);
      visit(t.elem);
    } else if (t.kind === 'struct') for (const [, f] of t.fields) visit(f);
  };
  for (const m of Object.values(RPC_METHODS) as RpcMethod[]) {
    visit(m.request);
    visit(m.response);
  }
  OTHER_BODIES.forEach(visit);
  out.set(G.any.name, G.any); // not the Configs element type, which has the same name
  return out;
}

const byName = namedTypes();

/**
 * The GoType for a `%T` name. A leading `*` (pointer) keeps the name of its target; for bodies a
 * pointer and its target travel the same, except that a nil pointer is nil. At most
 * MAX_POINTER_LEVELS leading `*` (no SDK body is more than one pointer deep); more is a WireError.
 */
const ptrByName = new Map<string, GoType>();

export const MAX_POINTER_LEVELS = 16;

export function goTypeByName(name: string): GoType | undefined {
  let stars = 0;
  while (stars < name.length && name.charCodeAt(stars) === 42 /* * */) stars++;
  if (stars === 0) return byName.get(name);
  if (stars > MAX_POINTER_LEVELS) throw new WireError('rpc', 0, `body type name has ${stars} pointer levels (limit MAX_POINTER_LEVELS ${MAX_POINTER_LEVELS})`);
  // Pointer types are built once per name so their compiled codecs are cached (the names are
  // bounded: registered names times MAX_POINTER_LEVELS).
  if (ptrByName.has(name)) return ptrByName.get(name);
  let t = byName.get(name.slice(stars));
  for (let i = stars - 1; i >= 0 && t !== undefined; i--) {
    const n = name.slice(i);
    const known = ptrByName.get(n);
    t = known ?? (t.kind === 'any' ? t : G.ptr(t));
    if (known === undefined) ptrByName.set(n, t);
  }
  return t;
}
