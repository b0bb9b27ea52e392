/** A live host for Packer plugins: start, handshake, yamux + broker, net/rpc, component calls. */
export { HostError, RpcRemoteError, isHostError, type HostErrorCode } from './errors.js';
export { launchPlugin, killAllPlugins, livePluginCount, PluginProcess, type LaunchOptions, type ExitStatus } from './launch.js';
export { RpcClient, type RpcClientOptions, type RpcTrace } from './rpc-client.js';
export { RpcServer, type RpcHandler, type RpcService } from './rpc-server.js';
export { RecordingUi, RemoteUi, serveUi, type HostUi, type ProgressTracker, type UiEvent } from './ui.js';
export { startComponent, startSession, PluginSession, type SessionOptions } from './session.js';
export {
  ArtifactClient,
  BuilderClient,
  DatasourceClient,
  PostProcessorClient,
  ProvisionerClient,
  type HostArtifact,
  type HostHook,
  type CallOptions,
  type LongCallOptions,
  type PrepareResult,
  type PostProcessResult,
  type ExecuteResult,
} from './components.js';
export { decodeSpecPayload, decodeValuePayload, configsArg, type ConfigArg } from './payloads.js';
export { inspectComponent, describedComponents, autoProtocol, type ComponentSpecs } from './inspect.js';
export {
  packerVariables,
  packerPluginEnvironment,
  packerDescribeEnvironment,
  describeAsPacker,
  newRunUuid,
  packerUi,
  NO_TTY,
  parseGoDuration,
  versionAtLeast,
  prepareBuilderAsPacker,
  prepareProvisionerAsPacker,
  provisionAsPacker,
  preparePostProcessorAsPacker,
  postProcessAsPacker,
  executeDatasourceAsPacker,
  reportArtifactAsPacker,
  destroyArtifactAsPacker,
  type PackerRun,
  type PackerSource,
  type PackerPrepared,
  type PackerProvision,
  type PackerPostProcess,
  type ArtifactReport,
} from './packer.js';
