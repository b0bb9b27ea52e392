/**
 * Every net/rpc method the SDK (packer-plugin-sdk v0.6.4, rpc/*.go) serves, with the Go types of
 * its request body (the server method's argument, pointer removed) and response body (the reply
 * target). Adding a message is one entry here.
 *
 * Bodies the client sends as `new(interface{})` (ConfigSpec, Cancel, Artifact getters, …) arrive
 * as nil; their declared type is `interface{}`. "Ui*" stands for the progress-tracker services
 * the UI registers as "Ui" + tracking id (rpc/ui_progress_tracking.go).
 */
import { G, type GoType, type GoValue } from './gotype.js';

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
export type RequestBody<N extends RpcMethodName> = GoValue<(typeof RPC_METHODS)[N]['request']>;
export type ResponseBody<N extends RpcMethodName> = GoValue<(typeof RPC_METHODS)[N]['response']>;

// Named TS types of the SDK's body structs.
export type BasicError = GoValue<typeof BasicError>;
export type ConfigSpecResponse = GoValue<typeof ConfigSpecResponse>;
export type BuilderPrepareArgs = GoValue<typeof BuilderPrepareArgs>;
export type BuilderPrepareResponse = GoValue<typeof BuilderPrepareResponse>;
export type BuildPrepareResponse = GoValue<typeof BuildPrepareResponse>;
export type ProvisionerPrepareArgs = GoValue<typeof ProvisionerPrepareArgs>;
export type ProvisionerProvisionArgs = GoValue<typeof ProvisionerProvisionArgs>;
export type PostProcessorConfigureArgs = GoValue<typeof PostProcessorConfigureArgs>;
export type PostProcessorProcessResponse = GoValue<typeof PostProcessorProcessResponse>;
export type DatasourceConfigureArgs = GoValue<typeof DatasourceConfigureArgs>;
export type DatasourceConfigureResponse = GoValue<typeof DatasourceConfigureResponse>;
export type OutputSpecResponse = GoValue<typeof OutputSpecResponse>;
export type ExecuteResponse = GoValue<typeof ExecuteResponse>;
export type HookRunArgs = GoValue<typeof HookRunArgs>;
export type UiMachineArgs = GoValue<typeof UiMachineArgs>;
export type TrackProgressParameters = GoValue<typeof TrackProgressParameters>;
export type CommunicatorStartArgs = GoValue<typeof CommunicatorStartArgs>;
export type CommunicatorDownloadArgs = GoValue<typeof CommunicatorDownloadArgs>;
export type FileInfo = GoValue<typeof FileInfo>;
export type CommunicatorUploadArgs = GoValue<typeof CommunicatorUploadArgs>;
export type CommunicatorUploadDirArgs = GoValue<typeof CommunicatorUploadDirArgs>;
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

const NAMED: GoType[] = [
  BasicError,
  ConfigSpecResponse,
  BuilderPrepareArgs,
  BuilderPrepareResponse,
  BuildPrepareResponse,
  ProvisionerPrepareArgs,
  ProvisionerProvisionArgs,
  PostProcessorConfigureArgs,
  PostProcessorProcessResponse,
  DatasourceConfigureArgs,
  DatasourceConfigureResponse,
  OutputSpecResponse,
  ExecuteResponse,
  HookRunArgs,
  UiMachineArgs,
  TrackProgressParameters,
  CommunicatorStartArgs,
  CommunicatorDownloadArgs,
  CommunicatorUploadArgs,
  CommunicatorUploadDirArgs,
  CommunicatorDownloadDirArgs,
  CommandFinished,
  ErrorReplyBody,
  G.any,
  G.string,
  G.bool,
  G.int,
  G.uint32,
  G.slice(G.string),
  G.slice(G.uint32),
];

const byName = new Map<string, GoType>(NAMED.map((t) => [t.name, t]));
byName.set('error', G.error);

/**
 * The GoType for a `%T` name. A leading `*` (pointer) keeps the name of its target; for bodies a
 * pointer and its target travel the same, except that a nil pointer is nil.
 */
const ptrByName = new Map<string, GoType>();

export function goTypeByName(name: string): GoType | undefined {
  if (!name.startsWith('*')) return byName.get(name);
  // Pointer types are built once per name so their compiled codecs are cached.
  if (ptrByName.has(name)) return ptrByName.get(name);
  const e = goTypeByName(name.slice(1));
  const t = e === undefined ? undefined : e.kind === 'any' ? e : G.ptr(e);
  if (t !== undefined) ptrByName.set(name, t);
  return t;
}
